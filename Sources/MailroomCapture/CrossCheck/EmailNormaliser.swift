import Foundation

/// Cleans hand-printed e-mail addresses as OCR reads them.
enum EmailNormaliser {
    /// Lower case, no spaces, look-alikes of `@` and common top-level-domain slips undone, and
    /// marks side by side in the local part made one (`lastMarkKept`).
    static func normalise(_ text: String) -> String {
        var value = text.lowercased().filter { !$0.isWhitespace }
        for (from, to) in [("(at)", "@"), ("[at]", "@"), ("©", "@"), ("®", "@"), (",", "."), ("..", ".")] {
            value = value.replacingOccurrences(of: from, with: to)
        }
        if let at = value.firstIndex(of: "@") {
            value = lastMarkKept(String(value[..<at])) + value[at...]
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

    /// `local` with each run of marks (`.`, `_`, `-`) cut to its last.
    ///
    /// People write one mark between the words of an address; two side by side (`giuseppe._greco`,
    /// `a_.wojcik`) are a fragment of a stroke the reader saw and the mark itself, written after
    /// it: on the tuning coupons (stop 57) the last was the one written in 9 of 10 such runs.
    static func lastMarkKept(_ local: String) -> String {
        var kept = ""
        for character in local {
            if marks.contains(character), let last = kept.last, marks.contains(last) { kept.removeLast() }
            kept.append(character)
        }
        return kept
    }

    /// The marks people write between the words of an address.
    static let marks: Set<Character> = [".", "_", "-"]

    static func isValid(_ address: String) -> Bool {
        address.range(of: #"^[a-z0-9._%+\-]+@[a-z0-9\-]+(\.[a-z0-9\-]+)*\.[a-z]{2,}$"#, options: .regularExpression) != nil
            && !address.contains("..")
    }
}
