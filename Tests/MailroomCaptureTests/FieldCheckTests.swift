import Foundation
@testable import MailroomCapture
import MailroomImaging
import MailroomOCR
import Testing

@Suite("Field checks")
struct FieldCheckTests {
    func checker() throws -> FieldChecker {
        let form = try #require(Material.forms?.form(id: "it-fedelta"))
        return FieldChecker(form: form, postcodes: Material.directory, thresholds: Thresholds())
    }

    /// The Italian form's field of `type` checked as read `reading`.
    func checkedField(_ type: FieldType, reading: TextReading) throws -> FieldResult {
        let form = try #require(Material.forms?.form(id: "it-fedelta"))
        let field = try #require(form.fields.first { $0.type == type })
        return try checker().check(field, FieldReader.Raw(reading: reading, box: PixelRect(x: 0, y: 0, width: 1, height: 1)))
    }

    func tick(ink: Double) throws -> FieldResult {
        let form = try #require(Material.forms?.form(id: "it-fedelta"))
        let field = try #require(form.fields.first { $0.type == .tick })
        return try checker().check(field, FieldReader.Raw(reading: .empty, box: PixelRect(x: 0, y: 0, width: 40, height: 40), ink: ink))
    }

    @Test("tick boxes: ticked, empty and unclear from the ink inside")
    func tickStates() throws {
        let thresholds = Thresholds()
        let ticked = try tick(ink: thresholds.tickInk + 0.05)
        #expect(ticked.value == "true")
        #expect(ticked.decision == .accepted)
        let empty = try tick(ink: thresholds.emptyInk / 2)
        #expect(empty.value == "false")
        #expect(empty.decision == .accepted)
        let unclear = try tick(ink: (thresholds.tickInk + thresholds.emptyInk) / 2)
        #expect(unclear.decision == .review)
        #expect(unclear.reasons == [.unclearTick])
    }

    @Test("an empty phone is accepted on a coupon that was read, and doubted on one whose required fields came out empty")
    func emptyOptionalFields() throws {
        let form = try #require(Material.forms?.form(id: "it-fedelta"))
        let box = PixelRect(x: 0, y: 0, width: 1, height: 1)
        let read = Material.boxes("ROSSI".map { [(String($0), 99)] })
        func phone(emptyFields: Set<FieldType>) throws -> FieldResult {
            var raws: [String: FieldReader.Raw] = [:]
            for field in form.fields where field.type != .tick {
                let empty = field.type == .phone || emptyFields.contains(field.type)
                raws[field.name] = FieldReader.Raw(reading: empty ? .empty : read, box: box, witness: empty ? nil : "ROSSI")
            }
            return try #require(checker().check(raws).first { $0.type == .phone })
        }
        let alone = try phone(emptyFields: [])
        #expect(alone.value == "")
        #expect(alone.decision == .accepted)
        // Names and street empty too: the scan was not read, so the empty phone is not trusted.
        let unread = try phone(emptyFields: [.name, .street])
        #expect(unread.decision == .review)
        #expect(unread.reasons == [.empty])
    }

    @Test("a pale tick, ink seen only against the box's own paper, goes to a person instead of counting as empty")
    func paleTick() throws {
        let thresholds = Thresholds()
        let form = try #require(Material.forms?.form(id: "it-fedelta"))
        let field = try #require(form.fields.first { $0.type == .tick })
        let box = PixelRect(x: 0, y: 0, width: 40, height: 40)
        let pale = try checker().check(field, FieldReader.Raw(reading: .empty, box: box, ink: 0, faintInk: thresholds.tickInk + 0.05))
        #expect(pale.value == "true")
        #expect(pale.decision == .review)
        #expect(pale.reasons == [.unclearTick])
        let blank = try checker().check(field, FieldReader.Raw(reading: .empty, box: box, ink: 0, faintInk: 0))
        #expect(blank.value == "false")
        #expect(blank.decision == .accepted)
    }

    @Test("a written zone read as nothing is unreadable and goes to review, optional or not; an unwritten optional one is accepted")
    func writtenButUnread() throws {
        let form = try #require(Material.forms?.form(id: "it-fedelta"))
        let box = PixelRect(x: 0, y: 0, width: 1, height: 1)
        for type in [FieldType.email, .name] {
            let field = try #require(form.fields.first { $0.type == type })
            let unread = try checker().check(field, FieldReader.Raw(reading: .empty, box: box, written: true))
            #expect(unread.decision == .review)
            #expect(unread.reasons == [.unreadable])
        }
        let email = try #require(form.fields.first { $0.type == .email })
        let blank = try checker().check(email, FieldReader.Raw(reading: .empty, box: box, written: false))
        #expect(blank.decision == .accepted)
        #expect(blank.value == "")
    }

    @Test("Luhn check digits")
    func luhn() {
        #expect(FieldChecker.luhn("4539578763621486"))
        #expect(!FieldChecker.luhn("4539578763621487"))
        #expect(!FieldChecker.luhn("45395787636214a6"))
    }

    @Test("boxed dates become ISO dates, impossible ones are refused", arguments: [
        ("05022026", "DDMMYYYY", "2026-02-05"), ("30.12.2026", "DD.MM.YYYY", "2026-12-30"),
        ("31022026", "DDMMYYYY", nil), ("05132026", "DDMMYYYY", nil), ("0502202", "DDMMYYYY", nil),
    ])
    func dates(text: String, format: String, expected: String?) {
        #expect(FieldChecker.isoDate(text, format: format) == expected)
    }

    /// Checks a reading of the Italian form's date as on 2 December 2026.
    func dateCheck() throws -> (TextReading) -> FieldResult {
        let form = try #require(Material.forms?.form(id: "it-fedelta"))
        let field = try #require(form.fields.first { $0.type == .date })
        var checker = try checker()
        checker.today = try #require(Calendar(identifier: .gregorian).date(from: DateComponents(year: 2026, month: 12, day: 2)))
        return { [checker] reading in
            checker.check(field, FieldReader.Raw(reading: reading, box: PixelRect(x: 0, y: 0, width: 1, height: 1)))
        }
    }

    @Test("a real date in a year no coupon read now can bear is taken from the alternatives, or refused")
    func implausibleYear() throws {
        let check = try dateCheck()
        func checked(_ positions: [[(String, Double)]]) -> FieldResult { check(Material.boxes(positions)) }
        // 10.08.2075, the 7 with a 2 behind it: 2025.
        var positions = "10082075".map { [(String($0), 99.0)] }
        positions[6] = [("7", 70), ("2", 25)]
        let corrected = checked(positions)
        #expect(corrected.value == "2025-08-10")
        #expect(corrected.decision == .review)
        #expect(corrected.corrections.last?.reason.contains("2021–2027") == true)
        // No alternative comes near a plausible year: the date is refused, shown as read.
        let refused = checked("10081950".map { [(String($0), 99.0)] })
        #expect(refused.value == "1950-08-10")
        #expect(refused.reasons.contains(.invalidDate))
        // A date of last year, read sure, is accepted as it is.
        #expect(checked("10082025".map { [(String($0), 99.5)] }).decision == .accepted)
    }

    @Test("a doubtful box whose other readings make no date a coupon can bear leaves the date sure; one that does, not")
    func doubtfulDateBox() throws {
        let check = try dateCheck()
        func checked(doubtful index: Int, other: String) -> FieldResult {
            var positions = "18102026".map { [(String($0), 99.5)] }
            positions[index] = [(positions[index][0].0, 70), (other, 25)]
            return check(Material.boxes(positions))
        }
        // The year's 2 or a 7 (2076): only 2026 is a year a coupon read in 2026 bears.
        let year = checked(doubtful: 6, other: "7")
        #expect(year.value == "2026-10-18")
        #expect(year.decision == .accepted)
        // The day's 8 or a 3: the 13th is as real a date as the 18th.
        let day = checked(doubtful: 1, other: "3")
        #expect(day.value == "2026-10-18")
        #expect(day.decision == .review)
        #expect(day.reasons.contains(.lowConfidence))
    }

    @Test("a card number with a wrong check digit is corrected from the alternatives and sent to review")
    func cardCorrection() throws {
        // 7800578763621481 is valid (and in the form's 7800 range); the reader saw a 7 in the last-but-one box, with 8 as its alternative.
        var positions = "7800578763621481".map { [(String($0), 97.0)] }
        positions[14] = [("7", 60), ("8", 55)]
        let result = try checkedField(.card, reading: Material.boxes(positions))
        #expect(result.value == "7800578763621481")
        #expect(result.corrections.count == 1)
        #expect(result.decision == .review)
    }

    /// `digits` read box by box from boxes 10 pixels wide, the boxes `skipped` read empty.
    static func comb(_ digits: String, skipping skipped: ClosedRange<Int>) -> TextReading {
        var reading = Material.boxes(digits.map { [(String($0), 99.0)] })
        for index in reading.characters.indices { reading.characters[index].box = PixelRect(x: index * 10 + 2, y: 0, width: 6, height: 10) }
        reading.characters.removeSubrange(skipped)
        reading.text = reading.characters.map(\.text).joined()
        return reading
    }

    @Test("a card read one box short gets the one digit its check digit allows in the empty box, for review")
    func cardMissedBox() throws {
        let form = try #require(Material.forms?.form(id: "it-fedelta"))
        let field = try #require(form.fields.first { $0.type == .card })
        // 7800697110562238 is valid; the second 1 (box 8 of 16, each 10 pixels wide) left no digit.
        let zone = PixelRect(x: 0, y: 0, width: 160, height: 10)
        let result = try checker().check(field, FieldReader.Raw(reading: Self.comb("7800697110562238", skipping: 8...8), box: zone))
        #expect(result.value == "7800697110562238")
        #expect(result.decision == .review)
        #expect(result.corrections.map(\.reason) == ["boxes read empty filled by the check digit and the issuer's range"])
        // Polish cards start 29: the two first boxes lost at the scan's edge and one more are
        // fixed by that and the check digit (2909138686621 read 9138686621 minus one).
        let polish = try #require(Material.forms?.form(id: "pl-karta"))
        let polishField = try #require(polish.fields.first { $0.type == .card })
        let lost = Self.comb("2909138686621", skipping: 0...2)
        let polishChecker = FieldChecker(form: polish, postcodes: Material.directory, thresholds: Thresholds())
        let filled = polishChecker.check(polishField, FieldReader.Raw(reading: lost, box: PixelRect(x: 0, y: 0, width: 130, height: 10)))
        #expect(filled.value == "2909138686621")
        // Four boxes lost in the middle leave a thousand valid fillings: left for a person.
        let middle = Self.comb("7800697110562238", skipping: 6...9)
        let open = try checker().check(field, FieldReader.Raw(reading: middle, box: zone))
        #expect(open.value == middle.text)
        // Without the boxes' places the empty box is unknown: nothing is made up.
        let unplaced = try checker().check(field, FieldReader.Raw(reading: Self.comb("7800697110562238", skipping: 8...8),
                                                                  box: PixelRect(x: 0, y: 0, width: 1, height: 1)))
        #expect(unplaced.value != "7800697110562238")
        #expect(unplaced.reasons.contains(.checkDigit))
    }

    /// The Italian form's card read box by box as `positions` (each box's readings, best first),
    /// and as `witness` by the other model.
    func cardChecked(_ positions: [[(String, Double)]], witness: String?) throws -> FieldResult {
        let form = try #require(Material.forms?.form(id: "it-fedelta"))
        let field = try #require(form.fields.first { $0.type == .card })
        return try checker().check(field, FieldReader.Raw(reading: Material.boxes(positions), box: PixelRect(x: 0, y: 0, width: 1, height: 1),
                                                          witness: witness))
    }

    @Test("a corrected card number is accepted when it is far the likeliest valid one and the witness read exactly it")
    func cardCorrectionBackedByWitness() throws {
        var positions = "7800578763621481".map { [(String($0), 99.0)] }
        positions[14] = [("7", 60), ("8", 35)]
        func checked(witness: String?) throws -> FieldResult { try cardChecked(positions, witness: witness) }
        let backed = try checked(witness: "7800578763621481")
        #expect(backed.value == "7800578763621481")
        #expect(backed.decision == .accepted)
        #expect(backed.corrections.count == 1)
        // A witness that shares the misreading, or none, leaves the correction to a person.
        #expect(try checked(witness: "7800578763621471").decision == .review)
        #expect(try checked(witness: nil).decision == .review)
        // Box 9 as doubtful, with the digit that would make the check digit valid there instead
        // (7800578765621471): two valid numbers about as likely.
        positions[9] = [("3", 60), ("5", 35)]
        #expect(try checked(witness: "7800578763621481").decision == .review)
    }

    @Test("a card whose issuer digits both models misread is corrected and accepted when the witness read the rest alike")
    func cardIssuerDigitsMisread() throws {
        // 7800578763621481 written; the second box's 8 read as a 9 by the classifier (8 its
        // alternative) and by the witness: the form's 7800 settles that box, the check digit the rest.
        var positions = "7800578763621481".map { [(String($0), 99.0)] }
        positions[1] = [("9", 97), ("8", 40)]
        func checked(witness: String?) throws -> FieldResult { try cardChecked(positions, witness: witness) }
        let misread = try checked(witness: "7900578763621481")
        #expect(misread.value == "7800578763621481")
        #expect(misread.corrections.count == 1)
        #expect(misread.decision == .accepted)
        // A witness that reads a digit the range does not fix otherwise leaves it to a person.
        #expect(try checked(witness: "7900578763621471").decision == .review)
        #expect(try checked(witness: nil).decision == .review)
        // The range vouches for its own digits only: a number rewriting two more is the witness's to read whole.
        #expect(FieldChecker.witnessAgrees("7900578763621481", with: "7800578763621481", read: "7900578763621481", fixedPrefix: "7800"))
        #expect(!FieldChecker.witnessAgrees("7900578763621481", with: "7800578763621481", read: "7900578763621511", fixedPrefix: "7800"))
        #expect(FieldChecker.witnessAgrees("7800578763621481", with: "7800578763621481", read: "7900578763621511", fixedPrefix: "7800"))
        #expect(FieldChecker.fixedPrefix(of: "7800\\d{12}") == "7800")
        #expect(FieldChecker.fixedPrefix(of: "29\\d{11}") == "29")
        #expect(FieldChecker.fixedPrefix(of: "78{2}\\d{12}") == "7")
        #expect(FieldChecker.fixedPrefix(of: "[0-9]+") == "")
    }

    @Test("a Polish phone must start as the numbering plan allows: 92 is no prefix, 72 and 12 are", arguments: [
        ("928895044", false), ("728895044", true), ("124567890", true), ("028895044", false),
    ])
    func polishNumberingPlan(read: String, accepted: Bool) throws {
        let form = try #require(Material.forms?.form(id: "pl-karta"))
        let field = try #require(form.fields.first { $0.type == .phone })
        let checker = FieldChecker(form: form, postcodes: Material.directory, thresholds: Thresholds())
        let reading = Material.boxes(read.map { [(String($0), 99.5)] })
        let result = checker.check(field, FieldReader.Raw(reading: reading, box: PixelRect(x: 0, y: 0, width: 1, height: 1)))
        #expect((result.decision == .accepted) == accepted)
        if accepted { #expect(result.value == read) }
    }

    @Test("a card number valid as read is accepted with one doubtful box (its check digit vouches), with two only when no other valid number comes near")
    func cardCheckDigitVouches() throws {
        func checked(doubtful: [Int: String], second: Double = 30) throws -> FieldResult {
            var positions = "7800123456789012".map { [(String($0), 99.0)] }
            for (index, other) in doubtful { positions[index] = [(positions[index][0].0, 60), (other, second)] }
            return try checkedField(.card, reading: Material.boxes(positions))
        }
        let one = try checked(doubtful: [9: "1"])
        #expect(one.value == "7800123456789012")
        #expect(one.decision == .accepted)
        // 7800123450787012 is valid too: the second readings make a rival number.
        let rival = try checked(doubtful: [9: "0", 12: "7"], second: 55)
        #expect(rival.decision == .review)
        #expect(rival.reasons.contains(.lowConfidence))
        // 7800123450786012 is not, nor is either second reading alone.
        let settled = try checked(doubtful: [9: "0", 12: "6"], second: 55)
        #expect(settled.value == "7800123456789012")
        #expect(settled.decision == .accepted)
    }

    @Test("a Polish adjectival surname takes the ending of the given name's gender, for review", arguments: [
        ("JAN", "KOWALSKA", "KOWALSKI"), ("ANNA", "NOWICKI", "NOWICKA"), ("MACIEJ", "ZAWADZKA", "ZAWADZKI"),
        ("KATARZYNA", "WIŚNIEWSKI", "WIŚNIEWSKA"),
    ])
    func surnameGender(given: String, surname: String, expected: String) throws {
        let form = try #require(Material.forms?.form(id: "pl-karta"))
        let checker = FieldChecker(form: form, postcodes: Material.directory, thresholds: Thresholds())
        let box = PixelRect(x: 0, y: 0, width: 1, height: 1)
        let results = checker.check([
            "first_name": .init(reading: TextReading(text: given, confidence: 99, characters: []), box: box),
            "surname": .init(reading: TextReading(text: surname, confidence: 99, characters: []), box: box),
        ])
        let checked = try #require(results.first { $0.name == "surname" })
        #expect(checked.value == expected)
        #expect(checked.decision == .review)
        #expect(checked.corrections.last?.from == surname)
    }

    @Test("a known given name still in review changes a surname in review, never an accepted one")
    func surnameGenderFromUnsureName() throws {
        let form = try #require(Material.forms?.form(id: "pl-karta"))
        let names = try NameLexicon(contentsOf: StreetAndSurnameTests.file("first-names"), countries: ["PL"])
        let checker = FieldChecker(form: form, postcodes: Material.directory, thresholds: Thresholds(), lexicons: ["first-names": names])
        let box = PixelRect(x: 0, y: 0, width: 1, height: 1)
        func surname(_ read: String, confidence: Double) throws -> FieldResult {
            // ANNA or ANIA, both women's names the lexicon knows, about as likely: in review.
            let given = Material.boxes([[("A", 99)], [("N", 99)], [("N", 50), ("I", 48)], [("A", 99)]])
            let results = checker.check([
                "first_name": .init(reading: given, box: box, witness: "ANIA"),
                "surname": .init(reading: TextReading(text: read, confidence: confidence, characters: []), box: box),
            ])
            #expect(results.first { $0.name == "first_name" }?.decision == .review)
            return try #require(results.first { $0.name == "surname" })
        }
        #expect(try surname("JAWORSKI", confidence: 99).value == "JAWORSKI")
        #expect(try surname("JAWORSKI", confidence: 40).value == "JAWORSKA")
    }

    @Test("surnames that agree, have no gendered ending, or are on an Italian card are left as read")
    func surnameGenderKept() throws {
        let box = PixelRect(x: 0, y: 0, width: 1, height: 1)
        for (formID, given, surname) in [("pl-karta", "JAN", "KOWALSKI"), ("pl-karta", "ANNA", "NOWAK"),
                                         ("pl-karta", "ANNA", "KOWALSKA"), ("it-fedelta", "ANDREA", "PIASKI")] {
            let form = try #require(Material.forms?.form(id: formID))
            let results = FieldChecker(form: form, postcodes: Material.directory, thresholds: Thresholds()).check([
                "first_name": .init(reading: TextReading(text: given, confidence: 99, characters: []), box: box),
                "surname": .init(reading: TextReading(text: surname, confidence: 99, characters: []), box: box),
            ])
            let checked = try #require(results.first { $0.name == "surname" })
            #expect(checked.value == surname)
            #expect(checked.decision == .accepted)
        }
    }

    /// The form's classifier-read phone, read as `digits` with the box at `doubtful` at
    /// `confidence` and every other at 99.9, beside the Tesseract witness's reading.
    func phone(_ digits: String, doubtful: Int, confidence: Double, witness: String) throws -> FieldResult {
        let form = try #require(Material.forms?.form(id: "it-fedelta"))
        let field = try #require(form.fields.first { $0.type == .phone })
        #expect(field.classifier != nil)
        let reading = Material.boxes(digits.enumerated().map { index, digit in [(String(digit), index == doubtful ? confidence : 99.9)] })
        return try checker().check(field, FieldReader.Raw(reading: reading, box: PixelRect(x: 0, y: 0, width: 200, height: 20), witness: witness))
    }

    @Test("a witness that differs only on boxes the classifier read near-certain is overruled")
    func classifierOverrulesWitness() throws {
        let sure = try phone("3471234567", doubtful: 4, confidence: 99.5, witness: "3471834567")
        #expect(sure.decision == .accepted)
        #expect(sure.suggestions.contains("3471834567"))
        let doubtful = try phone("3471234567", doubtful: 4, confidence: 97, witness: "3471834567")
        #expect(doubtful.reasons.contains(.modelsDisagree))
        #expect(doubtful.decision == .review)
        let unread = try phone("3471234567", doubtful: 4, confidence: 99.5, witness: "347?234567")
        #expect(unread.decision == .accepted)
        let shorter = try phone("3471234567", doubtful: 4, confidence: 99.5, witness: "347123456")
        #expect(shorter.reasons.contains(.modelsDisagree))
    }

    @Test("a phone with a box read sure but given a strong second digit goes to review; a weak second digit does not")
    func phoneSecondGuessed() throws {
        let form = try #require(Material.forms?.form(id: "it-fedelta"))
        let field = try #require(form.fields.first { $0.type == .phone })
        func check(secondDigit confidence: Double) throws -> FieldResult {
            // A real coupon's box: 6 at 95 with 1 at 70 (the truth was 1).
            let boxes = "3354361608".enumerated().map { index, digit in
                index == 7 ? [("6", 95.0), ("1", confidence)] : [(String(digit), 99.9)]
            }
            return try checker().check(field, FieldReader.Raw(reading: Material.boxes(boxes), box: PixelRect(x: 0, y: 0, width: 200, height: 20),
                                                               witness: "3354361608"))
        }
        let doubted = try check(secondDigit: 70)
        #expect(doubted.decision == .review)
        #expect(doubted.reasons.contains(.lowConfidence))
        #expect(try check(secondDigit: 20).decision == .accepted)
    }

    @Test("a box the classifier is near-certain of outweighs a second reading under 97; a surer second reading does not")
    func phoneSecondReadingOutweighed() throws {
        let form = try #require(Material.forms?.form(id: "it-fedelta"))
        let field = try #require(form.fields.first { $0.type == .phone })
        func check(first: Double, second: Double) throws -> FieldResult {
            let boxes = "3471234567".enumerated().map { index, digit in
                index == 4 ? [("2", first), ("8", second)] : [(String(digit), 99.9)]
            }
            return try checker().check(field, FieldReader.Raw(reading: Material.boxes(boxes), box: PixelRect(x: 0, y: 0, width: 200, height: 20),
                                                               witness: "3471834567"))
        }
        let outweighed = try check(first: 99.5, second: 92)
        #expect(outweighed.decision == .accepted)
        #expect(outweighed.suggestions.contains("3471834567"))
        #expect(try check(first: 99.5, second: 98).decision == .review)
        #expect(try check(first: 98, second: 92).decision == .review)
    }
}
