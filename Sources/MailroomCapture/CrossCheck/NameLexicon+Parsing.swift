import MailroomPostcodes

extension NameLexicon {
    /// The entries of a lexicon file's text (`Name TAB CC=F,CC=F` lines, `#` comments) by
    /// country, only `countries` when given, and whether a comment marks it partial; with
    /// `joiningWords`, a name's letters are weighed without its spaces (DELLE ROSE as DELLEROSE).
    ///
    /// Works on the bytes: a street-word list holds a quarter of a million words in a dozen
    /// languages, and a coupon's check wants one or three of them. A word is spelled and
    /// folded only when one of its countries is wanted; a line's countries are compared byte
    /// by byte, with no string made.
    static func entries(in text: [UInt8], countries: Set<String>?,
                        joiningWords: Bool = false) -> (byCountry: [String: [Entry]], isPartial: Bool) {
        let wanted = countries.map { $0.map { (code: Array($0.utf8), name: $0) } }
        var byCountry: [String: [Entry]] = [:]
        var isPartial = false
        text.withUnsafeBufferPointer { bytes in
            var lineStart = 0
            while lineStart < bytes.count {
                var lineEnd = lineStart
                while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
                defer { lineStart = lineEnd + 1 }
                if bytes[lineStart] == UInt8(ascii: "#") {
                    isPartial = isPartial || String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self).contains("coverage=partial")
                    continue
                }
                guard let tab = bytes[lineStart..<lineEnd].firstIndex(of: UInt8(ascii: "\t")) else { continue }
                var found: [(country: String, frequency: Int)] = []
                var pairStart = tab + 1
                while pairStart < lineEnd {
                    var pairEnd = pairStart
                    while pairEnd < lineEnd, bytes[pairEnd] != UInt8(ascii: ",") { pairEnd += 1 }
                    defer { pairStart = pairEnd + 1 }
                    guard let equals = bytes[pairStart..<pairEnd].firstIndex(of: UInt8(ascii: "=")),
                          let frequency = hexadecimal(bytes[(equals + 1)..<pairEnd]) else { continue }
                    let code = bytes[pairStart..<equals]
                    if let wanted {
                        guard let match = wanted.first(where: { $0.code.elementsEqual(code) }) else { continue }
                        found.append((match.name, frequency))
                    } else {
                        found.append((String(decoding: code, as: UTF8.self), frequency))
                    }
                }
                guard !found.isEmpty else { continue }
                let spelled = String(decoding: bytes[lineStart..<tab], as: UTF8.self).uppercased()
                let folded = Array(TextFolding.fold(spelled)).filter { !joiningWords || $0 != " " }
                for (country, frequency) in found {
                    byCountry[country, default: []].append(Entry(spelled: spelled, folded: folded, frequency: frequency))
                }
            }
        }
        return (byCountry, isPartial)
    }

    /// The value of hexadecimal digits, or nil when there are none or another byte is among them.
    private static func hexadecimal(_ digits: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        guard !digits.isEmpty else { return nil }
        var value = 0
        for byte in digits {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = value * 16 + Int(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = value * 16 + Int(byte - UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): value = value * 16 + Int(byte - UInt8(ascii: "A")) + 10
            default: return nil
            }
        }
        return value
    }
}
