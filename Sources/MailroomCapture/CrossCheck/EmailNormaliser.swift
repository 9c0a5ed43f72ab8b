import Foundation

/// Cleans hand-printed e-mail addresses as OCR reads them.
enum EmailNormaliser {
    /// Lower case, no spaces, look-alikes of `@` and common top-level-domain slips undone.
    static func normalise(_ text: String) -> String {
        var value = text.lowercased().filter { !$0.isWhitespace }
        for (from, to) in [("(at)", "@"), ("[at]", "@"), ("©", "@"), ("®", "@"), (",", "."), ("..", ".")] {
            value = value.replacingOccurrences(of: from, with: to)
        }
        value = value.trimmingCharacters(in: CharacterSet(charactersIn: ".-_"))
        // In the domain, a digit where the TLD should be letters is a misread letter.
        if let at = value.lastIndex(of: "@"), let dot = value[at...].lastIndex(of: ".") {
            let tld = String(value[value.index(after: dot)...])
            let fixed = String(tld.map { ["0": "o", "1": "l", "5": "s", "3": "e", "4": "a", "8": "b"][$0] ?? $0 })
            value = String(value[...dot]) + fixed
        }
        return value
    }

    static func isValid(_ address: String) -> Bool {
        address.range(of: #"^[a-z0-9._%+\-]+@[a-z0-9\-]+(\.[a-z0-9\-]+)*\.[a-z]{2,}$"#, options: .regularExpression) != nil
            && !address.contains("..")
    }
}
