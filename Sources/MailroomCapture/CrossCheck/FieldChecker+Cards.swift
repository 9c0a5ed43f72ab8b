import Foundation
import MailroomImaging
import MailroomOCR

extension FieldChecker {
    /// Card numbers: digits, with the Luhn check digit when the form declares it.
    func checkCard(_ result: inout FieldResult, _ reading: TextReading, field: Form.Field, witness: String? = nil) {
        let digits = reading.text.filter(\.isNumber)
        result.value = digits
        let pattern = Self.bare(field.pattern) ?? "[0-9]+"
        let valid = cardValidity(field)
        if valid(digits) {
            // A check digit catches any one misread box, so a valid number with one doubtful box
            // is that box read right; two can misread and still agree with the check digit,
            // unless no other valid number comes near it among the boxes' readings.
            if doubtfulBoxes(reading, field: field) > (field.check == "luhn" ? 1 : 0),
               !(field.check == "luhn" && isSettled(digits, reading, valid: valid)) {
                result.flag(.lowConfidence)
            }
            return
        }
        if let filled = fillingEmptyBoxes(reading, field: field, zone: result.box, valid: valid) {
            correct(&result, to: filled, reason: "boxes read empty filled by the check digit and the issuer's range")
            result.flag(.lowConfidence)
            return
        }
        let options = reading.candidates(limit: 300, extra: { _, c in Confusions.digitAlternatives(c) })
            .filter { valid($0.text) }
        if let first = options.first {
            correct(&result, to: first.text, reason: field.check == "luhn" ? "closest reading with a valid check digit" : "closest reading matching \(pattern)")
            result.suggestions = options.prefix(4).map(\.text)
            // The number is settled when the check digit and the issuer's range leave it far
            // likelier than any other (the postcode check's odds) and a second model read exactly
            // it: a check digit alone cannot tell which box was misread. The digits the issuer's
            // range fixes (7800) are the form's, not the readers', to vouch for.
            let runnerUp = options.dropFirst().first?.score ?? -.infinity
            if field.check != "luhn" || first.score - runnerUp < AddressCheck.acceptMargin
                || !Self.witnessAgrees(witness, with: first.text, read: digits, fixedPrefix: Self.fixedPrefix(of: pattern)) {
                result.flag(options.count > 1 ? .ambiguous : .lowConfidence)
            }
        } else {
            result.flag(field.check == "luhn" ? .checkDigit : .patternMismatch)
        }
    }

    /// What makes a card number valid: the form's pattern (digits alone when it has none) and,
    /// when the form declares it, the Luhn check digit.
    func cardValidity(_ field: Form.Field) -> (String) -> Bool {
        let regex = try? NSRegularExpression(pattern: "^(?:\(Self.bare(field.pattern) ?? "[0-9]+"))$")
        return { text in
            (field.check != "luhn" || Self.luhn(text))
                && regex?.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        }
    }

    /// Whether `number`, valid as read, is far likelier than any other valid number its boxes'
    /// readings spell (the postcode check's odds, `AddressCheck.acceptMargin`).
    ///
    /// With a check digit and the issuer's range, the numbers a box's second reading makes are
    /// almost all invalid: a valid number that no valid neighbour rivals is the number written,
    /// however many boxes its readers doubted.
    func isSettled(_ number: String, _ reading: TextReading, valid: (String) -> Bool) -> Bool {
        let options = reading.candidates(limit: 300, extra: { _, c in Confusions.digitAlternatives(c) })
            .map { (text: $0.text.filter(\.isNumber), score: $0.score) }.filter { valid($0.text) }
        guard let first = options.first, first.text == number else { return false }
        let runnerUp = options.first { $0.text != number }?.score ?? -.infinity
        return first.score - runnerUp >= AddressCheck.acceptMargin
    }

    /// The one valid number a comb read with boxes left empty makes, with digits in the boxes no
    /// digit was read in; nil when those boxes are not clear, more than four, or no filling, or
    /// more than one, makes a valid number.
    ///
    /// A thin `1` can leave too little ink for its box to count as written, and a scan shifted
    /// at its edge can lose the first boxes. The empty boxes are those of the zone's equal
    /// boxes that no read digit's centre falls in. A check digit (Luhn) catches any single
    /// wrong digit, so one empty box has at most one filling; more need the issuer's range to
    /// fix the rest (`29` then eleven digits: the two first boxes and one more). For review.
    func fillingEmptyBoxes(_ reading: TextReading, field: Form.Field, zone: PixelRect?, valid: (String) -> Bool) -> String? {
        guard let boxes = field.boxes, let zone, zone.width > 0 else { return nil }
        let digits = reading.characters.filter { $0.text.count == 1 && $0.text.allSatisfy(\.isNumber) }
        guard (boxes - 4..<boxes).contains(digits.count), digits.count == reading.text.filter(\.isNumber).count else { return nil }
        let width = Double(zone.width) / Double(boxes)
        let cells = digits.map { digit -> Int in
            let centre = Double(digit.box.x) + Double(digit.box.width) / 2
            return Int(((centre - Double(zone.x)) / width).rounded(.down))
        }
        guard Set(cells).count == digits.count, cells == cells.sorted(), cells.allSatisfy((0..<boxes).contains) else { return nil }
        var places = [Character?](repeating: nil, count: boxes)
        for (cell, digit) in zip(cells, digits) { places[cell] = digit.text.first }
        let empty = places.indices.filter { places[$0] == nil }
        var fits: [String] = []
        var filling = 0
        let count = Int(pow(10, Double(empty.count)))
        while filling < count, fits.count < 2 {
            var number = places, rest = filling
            for index in empty {
                number[index] = Character(String(rest % 10))
                rest /= 10
            }
            let text = String(number.compactMap { $0 })
            if valid(text) { fits.append(text) }
            filling += 1
        }
        return fits.count == 1 ? fits[0] : nil
    }

    /// The digits every valid number starts with, as the pattern spells them (`7800` for
    /// `7800\d{12}`); empty when the pattern starts otherwise.
    static func fixedPrefix(of pattern: String) -> String {
        let digits = pattern.prefix { $0.isNumber }
        let next = pattern.dropFirst(digits.count).first
        // A quantifier binds the digit before it (`78{2}`): that digit is not fixed once.
        return String(next.map { "{*+?".contains($0) } == true ? digits.dropLast() : digits)
    }

    /// Whether the witness read `number`, apart from the digits the issuer's range fixes:
    /// those, misread by both models (`7900…` for `7800…`), the pattern alone corrects.
    ///
    /// The range vouches only for its own digits: a `number` that rewrites more than one of the
    /// other digits the classifier `read` is a guess the witness must have read whole (a card
    /// read `8865568998005` is no `2968868228004` because a witness read `…68868228004`).
    static func witnessAgrees(_ witness: String?, with number: String, read: String, fixedPrefix: String) -> Bool {
        guard let witnessed = witness?.filter(\.isNumber), witnessed.count == number.count else { return false }
        let rewritten = read.count == number.count
            ? zip(read.dropFirst(fixedPrefix.count), number.dropFirst(fixedPrefix.count)).filter { $0 != $1 }.count : number.count
        let waived = number.hasPrefix(fixedPrefix) && rewritten <= 1 ? fixedPrefix.count : 0
        return witnessed.dropFirst(waived) == number.dropFirst(waived)
    }
}
