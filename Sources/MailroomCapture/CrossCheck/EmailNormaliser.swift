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

    /// `address` with a letter that looks like a 1 (`i`, `l`) read before three digits of a
    /// year of the last century (`mm1996`, `aw1950` read `mmi996`, `awl950`) spelled as the 1,
    /// or nil when it has none.
    ///
    /// A birth year is among the commonest numbers people put in an address, and its 1 is a
    /// single stroke, read as a letter as often as not; a name or word run into three digits
    /// beginning with 9 is rare by comparison. A year of this century (`20…`) is left alone: its
    /// 2 is no letter's look-alike.
    static func yearMended(_ address: String) -> String? {
        guard let at = address.firstIndex(of: "@") else { return nil }
        let local = Array(address[..<at])
        var mended = local
        for index in local.indices.dropFirst() where ["i", "l"].contains(local[index]) && local[index - 1].isLetter {
            let after = local[(index + 1)...]
            let digits = after.prefix { $0.isNumber }
            guard digits.count == 3, digits.first == "9" else { continue }
            mended[index] = "1"
        }
        return mended == local ? nil : String(mended) + address[at...]
    }

    /// The marks people write between the words of an address.
    static let marks: Set<Character> = [".", "_", "-"]

    static func isValid(_ address: String) -> Bool {
        address.range(of: #"^[a-z0-9._%+\-]+@[a-z0-9\-]+(\.[a-z0-9\-]+)*\.[a-z]{2,}$"#, options: .regularExpression) != nil
            && !address.contains("..")
    }
}
