import Foundation

/// RFC 2047 encoded-words (`=?charset?B|Q?text?=`) in header values.
enum EncodedWords {
    private enum Segment {
        case text(String)
        case encoded(charset: String, bytes: [UInt8])
    }

    /// Decodes every encoded-word in `value`.
    ///
    /// Whitespace between two adjacent encoded-words is dropped (RFC 2047 §6.2), and adjacent
    /// words in the same charset are joined as bytes before decoding, so a UTF-8 character split
    /// across two words (as some mailers do) comes out whole. Words glued to text
    /// (`Re:=?utf-8?…`) are decoded too, as most mail clients do. Malformed words stay as written.
    static func decode(_ value: String) -> String {
        guard value.contains("=?") else { return value }
        var segments: [Segment] = []
        let scalars = Array(value.unicodeScalars)
        var text = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            if scalars[i] == "=", i + 1 < scalars.count, scalars[i + 1] == "?", let (word, end) = parseWord(scalars, at: i) {
                if !text.isEmpty { segments.append(.text(String(text))); text = String.UnicodeScalarView() }
                segments.append(word)
                i = end
                continue
            }
            text.append(scalars[i])
            i += 1
        }
        if !text.isEmpty { segments.append(.text(String(text))) }

        var merged: [Segment] = []
        for (index, segment) in segments.enumerated() {
            if case .text(let t) = segment, t.allSatisfy({ $0 == " " || $0 == "\t" }),
               index > 0, index + 1 < segments.count,
               case .encoded = segments[index - 1], case .encoded = segments[index + 1] {
                continue
            }
            if case .encoded(let charset, let bytes) = segment, case .encoded(let previous, let previousBytes)? = merged.last,
               previous.lowercased() == charset.lowercased() {
                merged[merged.count - 1] = .encoded(charset: charset, bytes: previousBytes + bytes)
                continue
            }
            merged.append(segment)
        }
        return merged.map { segment in
            switch segment {
            case .text(let t): return t
            case .encoded(let charset, let bytes): return MailCharset.decode(bytes, charset: charset).text
            }
        }.joined()
    }

    private static let maxPayload = 2_000

    /// Parses one encoded-word starting at `start` (pointing at `=?`); returns it and the index after `?=`.
    private static func parseWord(_ s: [Unicode.Scalar], at start: Int) -> (Segment, Int)? {
        var i = start + 2
        var charset = ""
        while i < s.count, s[i] != "?" {
            if s[i] == " " || s[i] == "\t" || charset.count > 40 { return nil }
            charset.unicodeScalars.append(s[i])
            i += 1
        }
        guard i + 2 < s.count, !charset.isEmpty, s[i + 2] == "?" else { return nil }
        let encoding = s[i + 1]
        i += 3
        var payload: [UInt8] = []
        while i + 1 < s.count, !(s[i] == "?" && s[i + 1] == "=") {
            // Neither B nor Q text may hold `?` or a space, so a failed word costs only the distance
            // to the next `?`: hostile headers stay linear. RFC 2047 caps a word at 75 characters.
            guard s[i].isASCII, s[i] != " ", s[i] != "?", payload.count < maxPayload else { return nil }
            payload.append(UInt8(s[i].value))
            i += 1
        }
        guard i + 1 < s.count else { return nil }
        // RFC 2231 adds a language after `*`: `=?UTF-8*it?Q?…?=`.
        let name = String(charset.split(separator: "*", maxSplits: 1).first ?? "")
        let bytes: [UInt8]
        switch encoding {
        case "B", "b": bytes = TransferEncoding.base64(payload).bytes
        case "Q", "q": bytes = TransferEncoding.qEncoding(payload)
        default: return nil
        }
        return (.encoded(charset: name, bytes: bytes), i + 2)
    }
}
