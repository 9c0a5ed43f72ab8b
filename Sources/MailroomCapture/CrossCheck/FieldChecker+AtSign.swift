import Foundation
import MailroomOCR

extension FieldChecker {
    /// The reading with one `@` where it was read with several, or nil: the last that a domain
    /// can follow stays (not one at the end, nor one before a dot); one just before it (`@@`,
    /// `@b@`) is the same `@` read twice and goes with what lies between; any other is a letter
    /// misread (`zbi@niew`, `exampl@.org`) and takes its likeliest other reading, or goes when
    /// it has none.
    static func singleAt(_ reading: TextReading) -> TextReading? {
        var characters = reading.characters
        let ats = characters.indices.filter { characters[$0].text == "@" }
        guard ats.count > 1 else { return nil }
        let keep = ats.last { index in
            index < characters.count - 3 && ![".", ","].contains(characters[index + 1].text)
        } ?? ats[ats.count - 1]
        var dropped = IndexSet()
        for index in ats where index != keep {
            if index < keep, keep - index <= 2 {
                dropped.insert(integersIn: index..<keep)
            } else if let other = characters[index].alternatives.first(where: { $0.text != "@" && !$0.text.isEmpty }) {
                characters[index].text = other.text
            } else {
                dropped.insert(index)
            }
        }
        return TextReading(characters: characters.enumerated().filter { !dropped.contains($0.offset) }.map(\.element))
    }

    /// The reading with the `@` at the character whose alternatives offer it most strongly,
    /// when no `@` was read: a hand-written `@` is often read as a letter (`a`, `o`, `q`, `e`).
    /// Never the first or the last three characters, which cannot hold it.
    static func likeliestAt(_ reading: TextReading) -> TextReading? {
        let characters = reading.characters
        guard characters.count >= 5 else { return nil }
        let scored = characters.indices.dropFirst().dropLast(3).compactMap { index -> (index: Int, confidence: Double)? in
            guard let at = characters[index].alternatives.first(where: { $0.text == "@" }), at.confidence > 0 else { return nil }
            return (index, at.confidence)
        }
        guard let best = scored.max(by: { ($0.confidence, -$0.index) < ($1.confidence, -$1.index) }) else { return nil }
        var spelled = characters
        spelled[best.index].text = "@"
        return TextReading(characters: spelled)
    }

    /// The reading with the `@` at the character after which the rest reads most like a known
    /// domain (`known`: learned or a common provider), when no `@` was read and no character
    /// offers one: a hand-written `@` read as a letter (`MANCINIBEXAMPLE.COM`). Nil when the
    /// rest reads like no known domain within `atBeforeDomainShare` edits per character, or
    /// the reading is too short to hold an address.
    static func atBeforeDomain(_ reading: TextReading, known: Set<String>) -> TextReading? {
        let characters = reading.characters
        guard characters.count >= 6, !known.isEmpty else { return nil }
        var best: (index: Int, cost: Double)?
        for index in characters.indices.dropFirst().dropLast(4) {
            let rest = characters[(index + 1)...].map(\.text).joined().lowercased().filter { !$0.isWhitespace }
            guard rest.count >= 4 else { continue }
            let cost = known.map { MailDomains.distance(rest, $0) / Double($0.count) }.min() ?? .infinity
            if cost < best?.cost ?? .infinity { best = (index, cost) }
        }
        guard let best, best.cost <= atBeforeDomainShare else { return nil }
        var spelled = characters
        spelled[best.index].text = "@"
        return TextReading(characters: spelled)
    }

    /// How far, in edits per character of the known domain, what follows a character may read
    /// from a known domain for that character to be taken as the `@` (`atBeforeDomain`).
    static let atBeforeDomainShare = 0.2
}
