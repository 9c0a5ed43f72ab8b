import MailroomImaging
import MailroomOCR

extension TextReading {
    /// The reading with each character written once but read twice kept once.
    ///
    /// A line model now and then reads one hand-written character as two look-alikes side by
    /// side on overlapping columns (`Z2` for the 2 of 102/C, `S3` for the 3 of 93/C). The
    /// character classifier, which cuts the line by its strokes, finds a single character
    /// there. Two neighbours are one character read twice when they differ, either offers
    /// the other as an alternative, they share at least two fifths of the narrower one's
    /// columns, and `classified` holds one character on their columns and no other. The one of
    /// the two the classifier rates likelier stays (on a tie, the surer of the two). A letter
    /// written twice (`LL`, `ZZ`) is never touched.
    func keepingDoubleReadingsOnce(seenOnceBy classified: TextReading) -> TextReading {
        var characters = self.characters
        var index = 0
        while index + 1 < characters.count {
            let left = characters[index], right = characters[index + 1]
            guard let drop = Self.doubleReading(left, right, classified: classified) else {
                index += 1
                continue
            }
            var kept = drop == .right ? left : right
            kept.startsWord = left.startsWord
            kept.box = PixelRect(x: left.box.x, y: min(left.box.y, right.box.y), width: max(left.box.maxX, right.box.maxX) - left.box.x,
                                 height: max(left.box.maxY, right.box.maxY) - min(left.box.y, right.box.y))
            characters.replaceSubrange(index...(index + 1), with: [kept])
            index += 1
        }
        return characters == self.characters ? self : TextReading(characters: characters)
    }

    /// Which of two neighbours is the second reading of one character, as
    /// `keepingDoubleReadingsOnce` decides; `nil` when they are two characters.
    private static func doubleReading(_ left: CharacterReading, _ right: CharacterReading,
                                      classified: TextReading) -> Side? {
        let isWriting = { (character: CharacterReading) in character.text.count == 1 && character.text.first.map { $0.isLetter || $0.isNumber } == true }
        guard isWriting(left), isWriting(right), left.text != right.text, !right.startsWord else { return nil }
        let offers = { (character: CharacterReading, text: String) in character.alternatives.contains { $0.text == text && $0.confidence >= 50 } }
        guard offers(left, right.text) || offers(right, left.text) else { return nil }
        guard FieldReader.columnOverlap(left.box, right.box) * 5 >= min(left.box.width, right.box.width) * 2 else { return nil }
        let low = min(left.box.x, right.box.x)
        let span = PixelRect(x: low, y: 0, width: max(left.box.maxX, right.box.maxX) - low, height: 1)
        let there = classified.characters.filter { FieldReader.columnOverlap(span, $0.box) * 2 > $0.box.width }
        guard there.count == 1, let seen = there.first else { return nil }
        let rating = { (text: String) in seen.alternatives.first { $0.text == text }?.confidence ?? 0 }
        let (leftRating, rightRating) = (rating(left.text), rating(right.text))
        if leftRating != rightRating { return leftRating > rightRating ? .right : .left }
        return left.confidence >= right.confidence ? .right : .left
    }

    /// One of two neighbouring characters.
    private enum Side { case left, right }
}
