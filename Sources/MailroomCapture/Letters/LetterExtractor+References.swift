import Foundation

extension LetterExtractor {
    /// The references the letter quotes, one per kind: the labelled one if there is a label,
    /// else the most frequent. A token that misses a pattern is repaired (O→0, l→1, S→5…)
    /// only when exactly one repair of at most two characters fits.
    func findReferences(in lines: [String]) -> [LetterReference] {
        var found: [String: [(reference: LetterReference, labelled: Bool)]] = [:]
        let compiled = references.compactMap { pattern in
            (try? Regex("^(?:" + pattern.pattern + ")$")).map { (pattern, $0) }
        }
        for line in lines {
            let normalised = line.replacing(#/[–—]/#, with: "-")
            let labelFolded = normalised.firstIndex(of: ":").map { LetterVocabulary.fold(String(normalised[..<$0])) } ?? ""
            let labelWords = Set(labelFolded.split(separator: " ").map(String.init))
            for token in Self.tokens(normalised) {
                for (pattern, regex) in compiled {
                    let labelled = !pattern.labels.isEmpty && !labelWords.isDisjoint(with: pattern.labels)
                    if token.wholeMatch(of: regex) != nil {
                        found[pattern.kind, default: []].append((LetterReference(kind: pattern.kind, value: token), labelled))
                    } else {
                        let fits = Self.repairs(token, toFit: regex)
                        if fits.count == 1, let repaired = fits.first {
                            found[pattern.kind, default: []].append(
                                (LetterReference(kind: pattern.kind, value: repaired, read: token), labelled))
                        } else if fits.count > 1, labelled {
                            // A labelled reference with several possible repairs: kept as read, for
                            // the operator to choose among the candidates.
                            found[pattern.kind, default: []].append(
                                (LetterReference(kind: pattern.kind, value: token, read: token, candidates: fits.sorted()), labelled))
                        }
                    }
                }
            }
        }
        return found.keys.sorted().compactMap { kind in
            var candidates = found[kind]!
            if candidates.contains(where: { $0.reference.candidates.isEmpty }) {
                candidates.removeAll { !$0.reference.candidates.isEmpty }
            }
            let pool = candidates.contains { $0.labelled } ? candidates.filter(\.labelled) : candidates
            var counts: [String: Int] = [:]
            for candidate in pool { counts[candidate.reference.value, default: 0] += candidate.reference.read == nil ? 2 : 1 }
            guard let value = counts.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key })?.key else { return nil }
            return pool.first { $0.reference.value == value && $0.reference.read == nil }?.reference
                ?? pool.first { $0.reference.value == value }?.reference
        }
    }

    /// Words that may be references: split on spaces, trimmed of sentence punctuation.
    static func tokens(_ line: String) -> [String] {
        line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: ".,;:()[]\"'«»“”‘’!?"))
        }.filter { $0.count >= 5 && $0.count <= 32 && $0.contains(where: \.isNumber) }
    }

    private static let lookAlikes: [Character: [Character]] = [
        "0": ["O", "D", "Q"], "O": ["0"], "D": ["0"], "Q": ["0"],
        "1": ["I", "l", "/", "7"], "I": ["1", "/"], "l": ["1", "/"], "|": ["1", "/"], "7": ["1", "/"], "/": ["1", "7"],
        "5": ["S"], "S": ["5"], "8": ["B"], "B": ["8"], "2": ["Z"], "Z": ["2"], "6": ["G"], "G": ["6"],
        // Lower-case look-alikes, which language models without a digit bias produce.
        "o": ["0"], "i": ["1"], "s": ["5"], "z": ["2"], "g": ["9", "8"], "q": ["9"], "b": ["6"], "A": ["4"],
        "_": ["-"], "=": ["-"], ".": ["-"], ",": ["-"],
    ]

    /// The one way to make `token` fit `regex` by changing at most two look-alike characters.
    static func repair(_ token: String, toFit regex: Regex<AnyRegexOutput>) -> String? {
        let fits = repairs(token, toFit: regex)
        return fits.count == 1 ? fits.first : nil
    }

    /// Every way to make `token` fit `regex` by changing one look-alike character, or if none,
    /// two.
    static func repairs(_ token: String, toFit regex: Regex<AnyRegexOutput>) -> Set<String> {
        let characters = Array(token)
        let positions = characters.indices.filter { lookAlikes[characters[$0]] != nil }
        guard positions.count <= 24 else { return [] }
        var fits = Set<String>()
        for i in positions {
            for a in lookAlikes[characters[i]]! {
                var one = characters
                one[i] = a
                if String(one).wholeMatch(of: regex) != nil { fits.insert(String(one)) }
            }
        }
        if fits.isEmpty {
            for (n, i) in positions.enumerated() {
                for j in positions[(n + 1)...] {
                    for a in lookAlikes[characters[i]]! {
                        for b in lookAlikes[characters[j]]! {
                            var two = characters
                            two[i] = a
                            two[j] = b
                            if String(two).wholeMatch(of: regex) != nil { fits.insert(String(two)) }
                        }
                    }
                }
            }
        }
        return fits
    }
}
