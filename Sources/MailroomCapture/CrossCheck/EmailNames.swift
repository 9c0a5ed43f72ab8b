import MailroomPostcodes

/// An e-mail address's local part checked against the names written on the same coupon.
///
/// People build their address from their own name far more often than not (`maria.rossi`,
/// `rossi_maria85`, `mariarossi`): a word of the local part a slip or two away from a name on
/// the card, or from two of them run together, is most likely that name. Digits that close a
/// word are kept; the domain is not touched.
enum EmailNames {
    /// The address with each such word spelled as the name, or nil when nothing changes.
    static func corrected(address: String, names: [String]) -> String? {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        let words = names.map { name in TextFolding.fold(name).lowercased().filter { $0.isLetter } }.filter { $0.count >= 2 }
        var candidates = Set(words)
        // An initial beside the other name (`avitale`, `vitalea`) is a whole word as read, never
        // the name with a slip; it corrects nothing, since one letter is no evidence.
        var initialled = Set<String>()
        for first in words {
            for second in words where second != first {
                candidates.insert(first + second)
                initialled.formUnion([String(first.prefix(1)) + second, first + String(second.prefix(1))])
            }
        }
        guard !candidates.isEmpty else { return nil }
        var local = ""
        var run = ""
        func flush() {
            local += initialled.contains(run.lowercased()) ? run : spelled(run, candidates: candidates)
            run = ""
        }
        for character in parts[0] {
            if character.isLetter || character.isNumber {
                run.append(character)
            } else {
                flush()
                local.append(character)
            }
        }
        flush()
        let result = local + "@" + parts[1]
        return result == address ? nil : result
    }

    /// One word of the local part: its letters replaced by the one candidate clearly nearest.
    ///
    /// A number closing the word (`rossi85`) is kept; one or two letters left after a name that
    /// all look like digits (`rossiz5`, `z` for 2) are taken as that number. Before a number read
    /// as digits, a letter that looks like one is its first digit rather than a slip to drop
    /// (`marchettiz5` is 25); with no digits read, the plain reading wins a tie.
    private static func spelled(_ word: String, candidates: Set<String>) -> String {
        let digits = String(word.reversed().prefix { $0.isNumber }.reversed())
        let letters = String(word.dropLast(digits.count))
        guard letters.count >= 3, !candidates.contains(letters.lowercased()) else { return word }
        let read = Array(letters.lowercased())
        var best: (name: String, tail: String, distance: Double)?, tied = false
        for candidate in candidates {
            let allowed = max(1, candidate.count / 4)
            var readings = [(read, "")]
            for tailLength in 1...2 where read.count - tailLength >= candidate.count - allowed {
                let tail = read.suffix(tailLength)
                guard digits.isEmpty || tailLength == 1, tail.allSatisfy({ Confusions.toDigit[$0] != nil }) else { continue }
                readings.append((Array(read.dropLast(tailLength)), String(tail.compactMap { Confusions.toDigit[$0] })))
            }
            for (stem, tail) in readings where abs(candidate.count - stem.count) <= allowed {
                let edits = EditDistance.levenshtein(stem, Array(candidate))
                let distance = Double(edits) + (tail.isEmpty ? 0 : digits.isEmpty ? 1 : 0.5)
                guard distance <= Double(allowed) else { continue }
                if let current = best, distance >= current.distance {
                    if distance == current.distance, current.name != candidate { tied = true }
                } else {
                    (best, tied) = ((candidate, tail, distance), false)
                }
            }
        }
        guard let best, !tied else { return word }
        return (letters.first?.isUppercase == true ? best.name.uppercased() : best.name) + best.tail + digits
    }
}
