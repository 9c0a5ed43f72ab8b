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
        for first in words { for second in words where second != first { candidates.insert(first + second) } }
        guard !candidates.isEmpty else { return nil }
        var local = ""
        var run = ""
        func flush() {
            local += spelled(run, candidates: candidates)
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
    private static func spelled(_ word: String, candidates: Set<String>) -> String {
        let digits = String(word.reversed().prefix { $0.isNumber }.reversed())
        let letters = String(word.dropLast(digits.count))
        guard letters.count >= 3, !candidates.contains(letters.lowercased()) else { return word }
        let read = Array(letters.lowercased())
        var best: (name: String, distance: Int)?, tied = false
        for candidate in candidates {
            let allowed = max(1, candidate.count / 4)
            guard abs(candidate.count - read.count) <= allowed else { continue }
            let distance = EditDistance.levenshtein(read, Array(candidate))
            guard distance <= allowed else { continue }
            if let current = best, distance >= current.distance {
                if distance == current.distance { tied = true }
            } else {
                (best, tied) = ((candidate, distance), false)
            }
        }
        guard let best, !tied else { return word }
        return (letters.first?.isUppercase == true ? best.name.uppercased() : best.name) + digits
    }
}
