import Foundation

/// Folds free text (locality names, OCR reads) to a comparable key: no accents, uppercase,
/// letters and digits only, single spaces.
///
/// Accents are stripped by canonical decomposition, computed once per scalar for the Latin,
/// Greek and Cyrillic blocks; letters that do not decompose (Ł, Ø, Æ, ß, Đ, Þ, ı …) are mapped
/// explicitly, because "LODZ" must find "Łódź".
public enum TextFolding {
    /// Letters Unicode does not decompose, mapped to their usual ASCII spelling (before uppercasing).
    private static let explicit: [Unicode.Scalar: String] = [
        "Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Æ": "AE", "æ": "ae", "Œ": "OE", "œ": "oe",
        "ß": "SS", "ẞ": "SS", "Đ": "D", "đ": "d", "Ð": "D", "ð": "d", "Þ": "TH", "þ": "th",
        "ı": "I", "Ħ": "H", "ħ": "h", "Ŧ": "T", "ŧ": "t", "Ŀ": "L", "ŀ": "l", "ĸ": "K",
        "Ŋ": "N", "ŋ": "n", "ƒ": "f", "ſ": "s", "Ə": "E", "ə": "e", "Ɨ": "I", "ɨ": "i",
        "Ɖ": "D", "ɖ": "d",
    ].reduce(into: [:]) { table, pair in
        if let scalar = pair.key.unicodeScalars.first, pair.key.unicodeScalars.count == 1 { table[scalar] = pair.value }
    }

    /// First scalar covered by `table` (À); the table runs to the end of Greek Extended.
    private static let tableStart: UInt32 = 0x00C0
    private static let tableEnd: UInt32 = 0x1FFF

    /// Scalar − `tableStart` → folded uppercase replacement, nil where folding changes nothing
    /// but case. Built once from canonical decompositions, marks dropped.
    private static let table: [[Unicode.Scalar]?] = {
        var table = [[Unicode.Scalar]?](repeating: nil, count: Int(tableEnd - tableStart + 1))
        let ranges: [ClosedRange<UInt32>] = [0x00C0...0x024F, 0x0370...0x052F, 0x1E00...0x1FFF]
        for range in ranges {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                let base: String
                if let mapped = explicit[scalar] {
                    base = mapped
                } else {
                    let kept = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
                        .filter { !isMark($0) }
                    base = String(String.UnicodeScalarView(kept))
                }
                let folded = Array(base.uppercased().unicodeScalars)
                if folded != [scalar] { table[Int(value - tableStart)] = folded }
            }
        }
        return table
    }()

    private static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// Folded form of `text` as a string ("Łódź" → "LODZ", "San Ángel, Ciudad de México" → "SAN ANGEL CIUDAD DE MEXICO").
    public static func fold(_ text: String) -> String {
        String(String.UnicodeScalarView(foldedScalars(text)))
    }

    /// Folded form of `text` as scalars, the unit edit distances are counted in.
    static func foldedScalars(_ text: String) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(text.unicodeScalars.count)
        var pendingSpace = false
        func emit(_ scalar: Unicode.Scalar) {
            if pendingSpace, !out.isEmpty { out.append(" ") }
            pendingSpace = false
            out.append(scalar)
        }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                switch value {
                case 0x30...0x39, 0x41...0x5A: emit(scalar)
                case 0x61...0x7A: emit(Unicode.Scalar(UInt8(value - 0x20)))
                default: pendingSpace = true
                }
            } else if (0x4E00...0x9FFF).contains(value) || (0x3041...0x3096).contains(value) || (0x30A1...0x30FA).contains(value) {
                emit(scalar)  // CJK ideographs, kana: no case, no accents to strip
            } else if value >= tableStart, value <= tableEnd, let mapped = table[Int(value - tableStart)] {
                for part in mapped { emit(part) }
            } else if let mapped = explicit[scalar] {
                for part in mapped.uppercased().unicodeScalars { emit(part) }
            } else if isMark(scalar) {
                continue
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if scalar.properties.changesWhenUppercased {
                    for part in scalar.properties.uppercaseMapping.unicodeScalars { emit(part) }
                } else {
                    emit(scalar)
                }
            } else {
                pendingSpace = true
            }
        }
        return out
    }
}
