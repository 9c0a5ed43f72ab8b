import Foundation

extension TextReading {
    /// The most confident strings that can be spelled from the per-character alternatives.
    ///
    /// A best-first search over the alternatives lattice: each candidate's score is the sum of its
    /// characters' log-probabilities (confidence / 100), so one weak character costs more than
    /// several strong ones. `extra` adds alternatives per position (OCR confusion pairs, say) with
    /// their own confidence.
    public func candidates(limit: Int = 50, perPosition: Int = 4,
                           extra: (Int, CharacterReading) -> [Alternative] = { _, _ in [] }) -> [(text: String, score: Double)] {
        spellings(limit: limit, perPosition: perPosition, extra: extra).map { ($0.parts.joined(), $0.score) }
    }

    /// Like `candidates`, keeping each position's choice so word spaces can be put back.
    func spellings(limit: Int, perPosition: Int = 4,
                   extra: (Int, CharacterReading) -> [Alternative] = { _, _ in [] }) -> [(parts: [String], score: Double)] {
        let lattice: [[(String, Double)]] = characters.enumerated().map { index, character in
            var options: [String: Double] = [:]
            for alternative in character.alternatives.prefix(perPosition) + extra(index, character) {
                let p = min(max(alternative.confidence / 100, 0.001), 1)
                options[alternative.text] = max(options[alternative.text] ?? -.infinity, log(p))
            }
            if options.isEmpty { options[character.text] = log(max(character.confidence / 100, 0.001)) }
            // Ties broken by the text: a dictionary's order changes from one process to the next.
            return options.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { ($0.key, $0.value) }
        }
        guard !lattice.isEmpty else { return [] }
        // Each state is one choice index per position; expand by bumping one position.
        struct State: Hashable { var picks: [Int] }
        func score(_ s: State) -> Double { zip(lattice, s.picks).reduce(0) { $0 + $1.0[$1.1].1 } }
        var frontier: [(State, Double)] = [(State(picks: Array(repeating: 0, count: lattice.count)), 0)]
        frontier[0].1 = score(frontier[0].0)
        var seen: Set<State> = [frontier[0].0]
        var results: [(parts: [String], score: Double)] = []
        while !frontier.isEmpty, results.count < limit {
            guard let best = frontier.indices.max(by: { frontier[$0].1 < frontier[$1].1 }) else { break }
            let (state, value) = frontier.remove(at: best)
            results.append((zip(lattice, state.picks).map { $0.0[$0.1].0 }, value))
            for position in lattice.indices where state.picks[position] + 1 < lattice[position].count {
                var next = state
                next.picks[position] += 1
                if seen.insert(next).inserted { frontier.append((next, score(next))) }
            }
        }
        return results
    }

    /// The most confident spelling that matches `pattern` in full, or `nil` when none does.
    ///
    /// This is Mailroom's per-call "user pattern": Tesseract's own user patterns only steer the
    /// legacy engine, while this works with any model that reports alternatives.
    public func bestMatch(_ pattern: String, limit: Int = 200) -> String? {
        guard let regex = try? NSRegularExpression(pattern: "^(?:\(pattern))$") else { return nil }
        for candidate in spellings(limit: limit) {
            let text = zip(characters, candidate.parts).map { ($0.0.startsWord ? " " : "") + $0.1 }.joined()
            let range = NSRange(text.startIndex..., in: text)
            if regex.firstMatch(in: text, range: range) != nil { return text }
        }
        return nil
    }
}
