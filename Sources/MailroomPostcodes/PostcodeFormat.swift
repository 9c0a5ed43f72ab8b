import Foundation

/// One country's postcode rules, compiled from its `format` masks and `regex`.
///
/// The source data is uneven: some regexes are unanchored, reject the mask's own spacing, or are
/// missing, and the shipped codes do not always follow the mask (CZ "10000" vs "### ##",
/// LU "1110" vs "L-####"). So masks produce the canonical spelling, the regex is a second
/// opinion, and lookups go through `key`, which erases those spelling differences.
/// Work is done on ASCII bytes: loading Portugal means 197 000 codes, and `String` is too slow.
struct PostcodeFormat: Sendable {
    typealias Bytes = [UInt8]

    /// A mask such as "##-###": `#` digit, `@` letter, other characters literal.
    struct Mask: Sendable {
        let pattern: Bytes
        /// The mask without separators, what a compacted input must line up with.
        let compact: Bytes
        /// Literal letters before the first placeholder ("L" in "L-####", "CP" in "CP ####").
        let literalPrefix: Bytes
    }

    /// An `NSRegularExpression` that must match the whole string; immutable, so safe to share.
    struct Regex: @unchecked Sendable {
        let expression: NSRegularExpression

        init?(_ pattern: String) {
            guard let expression = try? NSRegularExpression(pattern: pattern) else { return nil }
            self.expression = expression
        }

        func matchesWhole(_ text: String) -> Bool {
            let range = NSRange(text.startIndex..., in: text)
            return expression.matches(in: text, range: range).contains { $0.range == range }
        }
    }

    static let digit = UInt8(ascii: "#"), letter = UInt8(ascii: "@"), space = UInt8(ascii: " ")

    let countryCode: String
    let masks: [Mask]
    let regex: Regex?
    /// Prefixes erased from lookup keys: mask literal prefixes, and the country code when the
    /// masks are numeric (the source regexes allow "FI-00100" for Finland). Longest first.
    let strippablePrefixes: [Bytes]

    init(countryCode: String, format: String, regex pattern: String?) {
        self.countryCode = countryCode
        let alternatives = format
            .replacingOccurrences(of: " or ", with: "|")
            .split(separator: "|")
            .map { $0.trimmingCharacters(in: .whitespaces) }
            // Masks are uppercase ASCII; anything else ("format", prose) is noise in the source.
            .filter { !$0.isEmpty && $0.allSatisfy { $0.isASCII && !$0.isLowercase } }
        masks = alternatives.map { text in
            let pattern = Bytes(text.utf8)
            let compact = pattern.filter { !Self.isSeparator($0) }
            let prefix = compact.prefix { Self.isUpperLetter($0) }
            let placeholderFollows = compact.dropFirst(prefix.count).first.map { $0 == Self.digit || $0 == Self.letter } ?? false
            return Mask(pattern: pattern, compact: compact, literalPrefix: placeholderFollows ? Bytes(prefix) : [])
        }
        regex = pattern.flatMap { $0.isEmpty ? nil : Regex($0) }
        var prefixes = Set(masks.map(\.literalPrefix).filter { !$0.isEmpty })
        if !masks.isEmpty, masks.allSatisfy({ $0.compact.first == Self.digit }) { prefixes.insert(Bytes(countryCode.utf8)) }
        strippablePrefixes = prefixes.sorted { $0.count != $1.count ? $0.count > $1.count : $0.lexicographicallyPrecedes($1) }
    }

    static func isSeparator(_ c: UInt8) -> Bool {
        c == space || c == UInt8(ascii: "-") || c == UInt8(ascii: ".") || c == UInt8(ascii: "/")
    }
    static func isUpperLetter(_ c: UInt8) -> Bool { c >= 0x41 && c <= 0x5A }
    static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    /// Uppercase ASCII bytes, trimmed, whitespace runs made one space; Unicode dashes become
    /// "-" and full-width digits/letters their ASCII selves (OCR engines emit both).
    static func tidy(_ text: String) -> Bytes {
        var out = Bytes()
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        func put(_ byte: UInt8) {
            if pendingSpace, !out.isEmpty { out.append(space) }
            pendingSpace = false
            out.append(byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte)
        }
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            for byte in text.utf8 {
                if byte == space || (byte >= 0x09 && byte <= 0x0D) { pendingSpace = true } else { put(byte) }
            }
            return out
        }
        for scalar in text.unicodeScalars {
            let v = scalar.value
            switch v {
            case 0..<0x80 where !scalar.properties.isWhitespace: put(UInt8(v))
            case 0x2010...0x2015, 0x2212, 0xFF0D: put(UInt8(ascii: "-"))
            case 0xFF10...0xFF19, 0xFF21...0xFF3A, 0xFF41...0xFF5A: put(UInt8(v - 0xFF00 + 0x20))
            case _ where scalar.properties.isWhitespace: pendingSpace = true
            default:
                for byte in String(scalar).uppercased().utf8 { put(byte) }
            }
        }
        return out
    }

    /// Every separator removed ("31 042" → "31042").
    static func compact(_ tidied: Bytes) -> Bytes {
        tidied.filter { !isSeparator($0) }
    }

    /// The spelling-independent lookup key of tidied bytes: compacted, optional prefix removed.
    func key(_ tidied: Bytes) -> Bytes {
        let compacted = Self.compact(tidied)
        for prefix in strippablePrefixes where compacted.starts(with: prefix) {
            if compacted.count > prefix.count, Self.isDigit(compacted[prefix.count]) {
                return Bytes(compacted[prefix.count...])
            }
        }
        return compacted
    }

    /// The lookup key of any spelling.
    func key(_ text: String) -> String {
        String(decoding: key(Self.tidy(text)), as: UTF8.self)
    }

    /// Lays `compact` out on `mask`, or nil when it does not fit character for character.
    func render(_ compact: Bytes, on mask: Mask) -> Bytes? {
        guard compact.count == mask.compact.count else { return nil }
        for (c, m) in zip(compact, mask.compact) {
            switch m {
            case Self.digit: guard Self.isDigit(c) else { return nil }
            case Self.letter: guard Self.isUpperLetter(c) else { return nil }
            default: guard c == m else { return nil }
            }
        }
        var out = Bytes()
        out.reserveCapacity(mask.pattern.count)
        var index = 0
        for m in mask.pattern {
            if Self.isSeparator(m) { out.append(m) } else { out.append(compact[index]); index += 1 }
        }
        return out
    }

    /// The first mask rendering of tidied bytes, trying them as typed, without their optional
    /// prefix, and with the mask's literal prefix added ("1110" → "L-1110").
    func layout(_ tidied: Bytes) -> Bytes? {
        let compacted = Self.compact(tidied)
        let bare = key(tidied)
        for mask in masks {
            if let rendered = render(compacted, on: mask) { return rendered }
            if bare != compacted, let rendered = render(bare, on: mask) { return rendered }
            if !mask.literalPrefix.isEmpty, let rendered = render(mask.literalPrefix + bare, on: mask) { return rendered }
        }
        return nil
    }

    /// The canonical spelling of `raw`, or nil when it is not a well-formed postcode here.
    ///
    /// A fitting mask decides the spelling; the regex, when there is one, must accept some
    /// plain spelling of it (the source regexes disagree with the masks about spaces and
    /// dashes). With no fitting mask the regex alone decides (US 5-digit ZIP against mask
    /// "#####-####", GB outward codes such as "SW1A").
    func normalise(_ raw: String) -> String? {
        let tidied = Self.tidy(raw)
        guard !tidied.isEmpty else { return nil }
        let typed = String(decoding: tidied, as: UTF8.self)
        guard let rendered = layout(tidied).map({ String(decoding: $0, as: UTF8.self) }) else {
            return regex?.matchesWhole(typed) == true ? typed : nil
        }
        guard let regex else { return rendered }
        if regex.matchesWhole(rendered) { return rendered }
        let spellings = [typed, String(decoding: Self.compact(tidied), as: UTF8.self),
                         String(decoding: key(tidied), as: UTF8.self),
                         rendered.replacingOccurrences(of: " ", with: "-")]
        return spellings.contains(where: regex.matchesWhole) ? rendered : nil
    }

    /// Canonical spelling and lookup key of a code shipped in the data files; the data is
    /// trusted, so no regex is run.
    func canonicalAndKey(ofStored stored: String) -> (canonical: String, key: String) {
        let tidied = Self.tidy(stored)
        let canonical = layout(tidied) ?? tidied
        return (String(decoding: canonical, as: UTF8.self), String(decoding: key(canonical), as: UTF8.self))
    }
}
