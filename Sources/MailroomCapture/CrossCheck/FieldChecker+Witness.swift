import MailroomOCR
import MailroomPostcodes

extension FieldChecker {
    /// Whether a box classifier's digits outweigh a witness that reads the same boxes otherwise:
    /// both read as many boxes, and every box they disagree on the classifier read near-certain.
    ///
    /// `spare` boxes may be in doubt, disagreed on or read below the field's box confidence,
    /// when something else checks them: a valid check digit catches any one misread box, so a
    /// card number read with a single such box is that box read right (two misread boxes can
    /// still agree with the check digit, so beyond the spare ones `valid` decides).
    ///
    /// `valid`, when given, settles the other disagreements: where no set of the witness's
    /// digits put in the classifier's boxes makes a value the field can bear (a 13th month, a
    /// year no coupon read now can bear, a mobile number's first digit, a card number whose
    /// check digit fails), the witness misread.
    func classifierOverrules(_ reading: TextReading, witness: String, field: Form.Field, spare: Int = 0,
                             valid: ((String) -> Bool)? = nil) -> Bool {
        let boxes = reading.characters.filter { $0.text.count == 1 && $0.text.allSatisfy(\.isNumber) }
        let other = Array(witness.filter { $0.isNumber || $0 == "?" })
        guard boxes.count == other.count, !boxes.isEmpty else { return false }
        let overruled = { (box: CharacterReading, read: Character) in
            box.text == String(read) || box.confidence >= self.thresholds.classifierOverrulesWitness
        }
        let disputed = boxes.indices.filter { !overruled(boxes[$0], other[$0]) }
        if spare > 0 {
            let inDoubt = boxes.indices.filter { disputed.contains($0) || boxes[$0].confidence < thresholds.boxConfidence(for: field) }
            if inDoubt.count <= spare { return true }
            // Beyond the spare boxes only the field's own rule can settle the disputes.
            guard valid != nil else { return false }
        }
        guard !disputed.isEmpty else { return true }
        // A box the witness could not read (`?`) offers nothing to weigh: it stays in dispute.
        guard let valid, disputed.count <= Self.mostDisputedBoxesTried, disputed.allSatisfy({ other[$0].isNumber }) else { return false }
        for subset in 1..<(1 << disputed.count) {
            var digits = boxes.map { $0.text }
            for (bit, index) in disputed.enumerated() where subset & (1 << bit) != 0 { digits[index] = String(other[index]) }
            if valid(Self.replacingDigits(of: reading.text, with: digits.joined())) { return false }
        }
        return true
    }

    /// Whether the witness read a name the lexicon knows other than the field's value: two
    /// readers that each read a real name (SILVA and SILVIA, LUCA and LUCIA, a thin I lost by
    /// one of them) are a doubt the lexicon cannot settle, so it does not vouch for either.
    ///
    /// The witness's reading is the field's first suggestion when it differs from the value.
    func witnessReadsAnotherName(_ result: FieldResult, lexicon: NameLexicon) -> Bool {
        let value = TextFolding.fold(result.value.uppercased())
        return result.suggestions.contains { other in
            other.count >= Self.shortestRivalName && !other.contains(" ")
                && TextFolding.fold(other.uppercased()) != value && lexicon.knows(other, country: form.country)
        }
    }

    /// Letters a witness's name needs to rival the value: shorter names turn up by chance.
    static let shortestRivalName = 4

    /// Boxes in dispute beyond which the witness's readings are not tried one set at a time.
    static let mostDisputedBoxesTried = 4

    /// `text` with its digits, in order, replaced by those of `digits` (as many).
    static func replacingDigits(of text: String, with digits: String) -> String {
        var next = digits.makeIterator()
        return String(text.map { $0.isNumber ? next.next() ?? $0 : $0 })
    }

    /// What a digit field's value must be for a witness's other reading of it to count.
    func witnessAlternativeValidity(_ field: Form.Field) -> ((String) -> Bool)? {
        switch field.type {
        case .date:
            let format = field.format ?? "DDMMYYYY"
            return { text in Self.isoDate(text, format: format).map(self.isPlausible) ?? false }
        case .phone:
            guard let pattern = Self.bare(field.pattern) else { return nil }
            return { text in self.matches(text.filter(\.isNumber), pattern) }
        case .card where field.check == "luhn":
            let valid = cardValidity(field)
            return { text in valid(text.filter(\.isNumber)) }
        default:
            return nil
        }
    }
}
