import MailroomImaging
import MailroomOCR

extension TextReading {
    /// The reading with each digit spelled as the character classifier read the strokes under
    /// it, when the classifier saw a digit there.
    ///
    /// On a street line the hand-print line model keeps the text and the classifier only lends
    /// its alternatives, so a house number kept the line model's digits (`14` for 74, `46` for
    /// 96). The line model learnt its digits from a few thousand composed lines; the classifier
    /// sees each character alone, trained on tens of thousands of real handwritten digits, and
    /// reads them better. Only characters the line model read as digits change, only to a digit,
    /// and only where most of the classifier's probability is on digits; the line model's digit
    /// stays among the alternatives. `classified` is the classifier's reading of the same line.
    ///
    /// With `alternatives`, every character the classifier gave a tenth of its probability on
    /// digits or more also takes the classifier's digits as its digit alternatives, in place of
    /// the line model's: a number the line model read as letters (`ZI` for 71) is then spelled
    /// with the classifier's digits wherever a check asks for a digit there.
    func takingClassifierDigits(from classified: TextReading, alternatives: Bool = false) -> TextReading {
        var characters = self.characters
        for index in characters.indices {
            let character = characters[index]
            guard let under = classified.charactersUnder(character.box).first else { continue }
            let digits = under.alternatives.filter(\.isDigit)
            let total = under.alternatives.reduce(0) { $0 + $1.confidence }
            let digitShare = digits.reduce(0) { $0 + $1.confidence }
            if alternatives, total > 0, digitShare >= total * BoxClassifier.digitShareToWeigh {
                characters[index].alternatives = (character.alternatives.filter { !$0.isDigit } + digits).likeliestFirst
            }
            guard character.text.count == 1, character.text.first?.isNumber == true else { continue }
            guard total > 0, digitShare * 2 >= total, let best = digits.max(by: { $0.confidence < $1.confidence }),
                  best.text != character.text else { continue }
            characters[index].text = best.text
            characters[index].confidence = best.confidence / total * 100
        }
        return characters == self.characters ? self : TextReading(characters: characters)
    }

    /// The characters whose columns hold the middle column of `box`: what another reading of
    /// the same line read at a character's place, however roughly either cut the line.
    func charactersUnder(_ box: PixelRect) -> [CharacterReading] {
        let centre = box.x + box.width / 2
        return characters.filter { $0.box.x <= centre && centre < $0.box.maxX }
    }

    /// The reading with each slash that stands anywhere but between a digit and a digit or a
    /// letter (the slash of a flat number: `116/B`, `25/42`) read as the character its stroke
    /// looked likeliest to the classifier: elsewhere a leaning stroke is far likelier an I or
    /// an L that the writer slanted. A slash with no such reading is dropped.
    var keepingNumberSlashes: TextReading {
        var kept: [CharacterReading] = []
        for (index, character) in characters.enumerated() {
            guard character.text == "/" else { kept.append(character); continue }
            let before = index > 0 ? characters[index - 1].text.first : nil
            let after = index + 1 < characters.count ? characters[index + 1] : nil
            let closesNumber = after.map { !$0.startsWord && ($0.text.first?.isLetter == true || $0.text.first?.isNumber == true) } ?? false
            if before?.isNumber == true, closesNumber, !character.startsWord {
                kept.append(character)
            } else if let read = character.alternatives.first(where: { $0.text != "/" }) {
                var stroke = character
                stroke.text = read.text
                stroke.confidence = read.confidence
                stroke.alternatives = character.alternatives.filter { $0.text != "/" }
                kept.append(stroke)
            }
        }
        return kept.map(\.text) == characters.map(\.text) ? self : TextReading(characters: kept)
    }
}
