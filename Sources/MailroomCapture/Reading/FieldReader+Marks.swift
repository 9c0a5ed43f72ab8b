import MailroomImaging
import MailroomOCR

extension FieldReader {
    /// For each mark the classifier's cut saw, the marks the line models read it as on the same
    /// columns: a dash as the other dash (`-` for `_`), which differ only in where they sit on the
    /// line, or a full stop as a dash, which differ in length and thickness (a dot against a
    /// stroke); the cut measures both. (Stop 34 tried the stop against a dash alone and found it
    /// fixed two and broke two; with the underscore and today's cut, 17 mended, none broken.)
    static let markMisreadings: [String: Set<String>] = [".": ["_", "-"], "-": ["_"], "_": ["-"]]

    /// `reading` with the small marks (`.`, `-`, `_`, `/`) that `other` found between its characters.
    ///
    /// A line model reading a whole address in context passes over a full stop now and then,
    /// or reads its dot as a letter; the character classifier, cutting the line by its strokes,
    /// tells marks by their size and place. The line model's character boxes are rough (a
    /// stop's columns often fall inside the next letter's box), so each of its characters is
    /// placed by the classifier's character it overlaps most: a mark goes between the line's
    /// characters that lie on its two sides. A character on the same columns as the mark and
    /// no letter of `other` is the mark read as a letter (a full stop as `i`), and is replaced.
    /// When the mark stands beside it already, on overlapping columns, the line model read the
    /// mark's one stroke twice (`/1` for a slash), and the letter goes.
    /// Either only between two characters that are not marks themselves.
    static func insertingMarks(from other: TextReading, into reading: TextReading, allowed: String) -> TextReading {
        let isMark = { (character: CharacterReading) in ".-_@/".contains(character.text) }
        var characters = reading.characters
        for (index, mark) in other.characters.enumerated()
        where mark.text.count == 1 && ".-_/".contains(mark.text) && allowed.contains(mark.text) {
            let left = other.characters[..<index].last { !isMark($0) }
            let right = other.characters[(index + 1)...].first { !isMark($0) }
            let centre = mark.box.x + mark.box.width / 2
            /// Whether a line character stands right of the mark: on the classifier's next
            /// character rather than its previous one, or, on neither, centred past the mark.
            func standsRight(_ character: CharacterReading) -> Bool {
                let onLeft = left.map { columnOverlap($0.box, character.box) } ?? 0
                let onRight = right.map { columnOverlap($0.box, character.box) } ?? 0
                if onLeft != onRight { return onRight > onLeft }
                return character.box.x + character.box.width / 2 > centre
            }
            guard let next = characters.firstIndex(where: standsRight), next > 0 else { continue }
            let before = characters[next - 1], after = characters[next]
            if let same = [next - 1, next].first(where: { position in
                let character = characters[position]
                return !isMark(character) && sameColumns(character.box, mark.box)
                    && [left, right].allSatisfy { neighbour in neighbour.map { columnOverlap($0.box, character.box) * 2 < character.box.width } ?? true }
            }) {
                // The line model read the mark's one stroke twice, as the mark and beside it,
                // on overlapping columns, as a letter (`/1` for the slash of 153/20).
                if [same - 1, same + 1].contains(where: { characters.indices.contains($0) && characters[$0].text == mark.text
                    && columnOverlap(characters[$0].box, characters[same].box) > 0 }) {
                    characters.remove(at: same)
                    continue
                }
                // The line model read the mark's own strokes as a letter (a full stop as `i`).
                guard same > 0, same + 1 < characters.count, !isMark(characters[same - 1]), !isMark(characters[same + 1]) else { continue }
                var replaced = mark
                replaced.startsWord = characters[same].startsWord
                characters[same] = replaced
                continue
            }
            // A mark the line model read as another that sits on the same columns (`markMisreadings`).
            if let read = [next - 1, next].first(where: { position in
                Self.markMisreadings[mark.text]?.contains(characters[position].text) == true
                    && columnOverlap(characters[position].box, mark.box) > 0
            }) {
                var replaced = mark
                replaced.startsWord = characters[read].startsWord
                characters[read] = replaced
                continue
            }
            guard !isMark(before), !isMark(after) else { continue }
            // With no letter of `other` beside them, a mark inside a letter's columns is its own.
            let placed = [before, after].contains { character in
                [left, right].contains { $0.map { columnOverlap($0.box, character.box) > 0 } ?? false }
            }
            if !placed, [before, after].contains(where: { $0.box.x <= mark.box.x && mark.box.maxX <= $0.box.maxX }) { continue }
            var inserted = mark
            inserted.startsWord = false
            characters.insert(inserted, at: next)
        }
        return characters == reading.characters ? reading : TextReading(characters: characters)
    }

    /// How many columns two boxes share.
    static func columnOverlap(_ a: PixelRect, _ b: PixelRect) -> Int {
        max(0, min(a.maxX, b.maxX) - max(a.x, b.x))
    }

    /// Whether two boxes span nearly the same columns (each overlaps the other by four fifths).
    static func sameColumns(_ a: PixelRect, _ b: PixelRect) -> Bool {
        let overlap = min(a.maxX, b.maxX) - max(a.x, b.x)
        return overlap * 5 >= a.width * 4 && overlap * 5 >= b.width * 4
    }
}
