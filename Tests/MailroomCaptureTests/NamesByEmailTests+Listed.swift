import Foundation
@testable import MailroomCapture
import MailroomImaging
import MailroomOCR
import MailroomTestSupport
import Testing

/// Names in review spelled as a listed name the e-mail address offers (`listedNameFromEmail`).
extension NamesByEmailTests {
    @Test("a name read as no listed name takes the listed name the address spells near it, for review")
    func listedNameFromEmail() throws {
        // KRÓL read KRB in its box: three letters, no surname; the address spells KROL.
        let spelled = try surname("KRB", witness: "KRE", email: "JAKUB.KROL@EXAMPLE.PL")
        #expect(spelled.value == "KRÓL")
        #expect(spelled.decision == .review)
        #expect(spelled.corrections.last?.reason == "as written in the e-mail address")
        // A reading of the e-mail's letters in doubt vouches for nothing.
        let doubtful = try surname("KRB", witness: "KRE", email: nil, emailReading: StreetAndSurnameTests.words(
            "JAKUB.KROL@EXAMPLE.PL", alternatives: [7: [("R", 45), ("P", 40)], 8: [("O", 50), ("D", 45)]]))
        #expect(doubtful.value == "KRB")
        // A listed name far from the reading is no slip of it (NOWAKOWSKI for KRB).
        #expect(try surname("KRB", witness: "KRE", email: "jakub.nowakowski@example.pl").value == "KRB")
    }

    @Test("a name the address spells with a letter in doubt takes the listed name that explains both readings, for review")
    func guessedNameFromEmail() throws {
        // STĘPIEŃ read STQMEN (its Q an E at 15%, its M a P at 20%) and STEPLEN in the address (its L an I at 42%).
        let box: [Int: [(String, Double)]] = [2: [("Q", 80), ("E", 15)], 3: [("M", 70), ("P", 20)]]
        let alone = try surname("STQMEN", witness: "STQMEN", email: nil, alternatives: box)
        #expect(alone.value != "STĘPIEŃ")
        let address = StreetAndSurnameTests.words("ANNA.STEPLEN@EXAMPLE.PL", alternatives: [9: [("L", 55), ("I", 42)]])
        let spelled = try surname("STQMEN", witness: "STQMEN", email: nil, emailReading: address, alternatives: box)
        #expect(spelled.value == "STĘPIEŃ")
        #expect(spelled.decision == .review)
        // The address's reader sure of its L: STEPLEN is no reading of STĘPIEŃ it vouches for.
        let sure = try surname("STQMEN", witness: "STQMEN", email: nil,
                               emailReading: StreetAndSurnameTests.words("ANNA.STEPLEN@EXAMPLE.PL"), alternatives: box)
        #expect(sure.value != "STĘPIEŃ")
    }

    @Test("a value that is a listed name gives way only to a listed name less than a letter's gap away")
    func listedValueKept() throws {
        let checker = try Self.checker(form: "it-fedelta")
        let surnames = try #require(checker.lexicons["surnames"])
        let offered = { (read: String, alternatives: [Int: [(String, Double)]], address: String) in
            checker.listedNameFromEmail(read: StreetAndSurnameTests.words(read, alternatives: alternatives), value: read,
                                        words: FieldChecker.addressWords(nil, raw: address), others: ["ANNA"],
                                        lexicon: surnames, unknownCost: NameLexicon.unlistedNameCost)
        }
        // BARBIERI read surely; the address's BARBERI, also listed, lacks a letter the box shows.
        #expect(offered("BARBIERI", [:], "anna.barberi@example.it") == nil)
        // PIZZO read, its P an R at 30%; RIZZO written: the address's spelling is offered.
        #expect(offered("PIZZO", [0: [("P", 65), ("R", 30)]], "anna.rizzo@example.it") == "RIZZO")
        // A sure P is no R.
        #expect(offered("PIZZO", [:], "anna.rizzo@example.it") == nil)
        // ANNA is the given name on the card: the address's ANNA is never this name.
        #expect(offered("ANA", [:], "anna.x@example.it") == nil)
    }

    @Test("the other name on the card, though a listed name of this field too, is never taken from the address")
    func otherNameNotTaken() throws {
        let checker = try Self.checker(form: "pl-karta")
        let box = PixelRect(x: 0, y: 0, width: 200, height: 10)
        // MAREK is a Polish given name and surname: written as the given name, it is not the surname.
        func surname(email: String) throws -> FieldResult {
            let results = checker.check([
                "first_name": .init(reading: StreetAndSurnameTests.words("MAREK"), box: box, witness: "MAREK"),
                "surname": .init(reading: StreetAndSurnameTests.words("MARK"), box: box, witness: "MAPK"),
                "email": .init(reading: TextReading(text: email, confidence: 99, characters: []), box: box),
            ])
            return try #require(results.first { $0.name == "surname" })
        }
        #expect(try surname(email: "marek.kuba@wp.pl").value != "MAREK")
        #expect(try surname(email: "marek.kuba@wp.pl").decision == .review)
    }

    @Test("a span offers another spelling only when a character's second reading is likely enough")
    func secondReading() {
        let sure = StreetAndSurnameTests.words("STEPLEN")
        #expect(!FieldChecker.hasSecondReading(sure, within: FieldChecker.surelyWrittenInEmail))
        let doubtful = StreetAndSurnameTests.words("STEPLEN", alternatives: [4: [("L", 55), ("I", 42)]])
        #expect(FieldChecker.hasSecondReading(doubtful, within: FieldChecker.surelyWrittenInEmail))
        // The same letter in the other case is no second reading.
        let cased = StreetAndSurnameTests.words("STEPLEN", alternatives: [4: [("L", 55), ("l", 42)]])
        #expect(!FieldChecker.hasSecondReading(cased, within: FieldChecker.surelyWrittenInEmail))
        // At 30% the I costs more than the address's reader may be unsure of.
        let faint = StreetAndSurnameTests.words("STEPLEN", alternatives: [4: [("L", 65), ("I", 30)]])
        #expect(!FieldChecker.hasSecondReading(faint, within: FieldChecker.surelyWrittenInEmail))
    }
}
