import Foundation
@testable import MailroomCapture
import MailroomImaging
import MailroomOCR
import Testing

/// When the box classifier's digits stand against a witness model that read the same boxes
/// otherwise: what the field's own rules (check digit, calendar) settle, and what stays for a person.
@Suite("Witness disputes")
struct WitnessTests {
    /// The it-fedelta field of `type`, read by its classifier as `digits` with each box in
    /// `unsure` at its confidence and every other at 99.9, beside the witness's reading.
    func check(_ type: FieldType, _ digits: String, unsure: [Int: Double], witness: String) throws -> FieldResult {
        let form = try #require(Material.forms?.form(id: "it-fedelta"))
        let field = try #require(form.fields.first { $0.type == type })
        #expect(field.classifier != nil)
        var checker = FieldChecker(form: form, postcodes: Material.directory, thresholds: Thresholds())
        checker.today = try #require(ISO8601DateFormatter().date(from: "2026-11-24T12:00:00Z"))
        let reading = Material.boxes(digits.enumerated().map { index, digit in [(String(digit), unsure[index] ?? 99.9)] })
        return checker.check(field, FieldReader.Raw(reading: reading, box: PixelRect(x: 0, y: 0, width: 300, height: 20), witness: witness))
    }

    static let card = "7800123456789012"

    @Test("a card number with a valid check digit outweighs a witness that differs on one box")
    func checkDigitSettlesOneBox() throws {
        #expect(FieldChecker.luhn(Self.card))
        let result = try check(.card, Self.card, unsure: [9: 97], witness: "7800123450789012")
        #expect(result.value == Self.card)
        #expect(result.decision == .accepted)
        #expect(result.suggestions.contains("7800123450789012"))
    }

    @Test("a witness whose digits make no other valid card number is overruled, however many boxes it disputes", arguments: [
        // Two boxes the witness read otherwise: neither digit, nor both, keep the check digit.
        ([9: 97.0, 12: 97.0], "7800123450786012"),
        // One box it read otherwise, and another both read alike but the classifier was unsure of.
        ([9: 97.0, 12: 80.0], "7800123450789012"),
    ])
    func checkDigitOverrulesWitness(unsure: [Int: Double], witness: String) throws {
        let result = try check(.card, Self.card, unsure: unsure, witness: witness)
        #expect(result.value == Self.card)
        #expect(result.decision == .accepted)
        #expect(result.suggestions.contains(witness))
    }

    @Test("a witness whose digits make another valid card number keeps the card in review")
    func witnessWithAnotherValidNumber() throws {
        let witness = "7800123450787012"
        #expect(FieldChecker.luhn(witness))
        let result = try check(.card, Self.card, unsure: [9: 97, 12: 97], witness: witness)
        #expect(result.reasons.contains(.modelsDisagree))
        #expect(result.decision == .review)
    }

    @Test("a witness whose digits make no date the coupon can bear is overruled", arguments: [
        "14152026", // a 15th month
        "14052028", // a year after next
        "44052026", // a 44th day
    ])
    func impossibleDateOverruled(witness: String) throws {
        let result = try check(.date, "14052026", unsure: [0: 97, 2: 97, 7: 97], witness: witness)
        #expect(result.value == "2026-05-14")
        #expect(result.decision == .accepted)
    }

    @Test("a witness that reads another real date, or could not read a box, keeps the date in review", arguments: [
        "14062026", "19052026", "1?052026",
    ])
    func possibleDateKept(witness: String) throws {
        let result = try check(.date, "14052026", unsure: [1: 97, 3: 97], witness: witness)
        #expect(result.reasons.contains(.modelsDisagree))
        #expect(result.decision == .review)
    }

    @Test("a phone whose witness breaks the form's pattern is overruled; one that keeps it is not")
    func phonePattern() throws {
        // it-fedelta's mobile numbers start with 3.
        let broken = try check(.phone, "3471234567", unsure: [0: 97], witness: "8471234567")
        #expect(broken.decision == .accepted)
        let kept = try check(.phone, "3471234567", unsure: [4: 97], witness: "3471834567")
        #expect(kept.decision == .review)
    }
}
