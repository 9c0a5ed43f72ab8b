import MailroomImaging
import MailroomOCR
import Testing
@testable import MailroomCapture

/// One written character read as two by the line model, and a flat number's slash read as a 1.
@Suite("Characters read twice and slashes read as ones")
struct DoubleReadingTests {
    /// A character on columns `x` to `x + width`, its alternatives best first.
    static func at(_ x: Int, _ width: Int, _ options: [(String, Double)], startsWord: Bool = false) -> CharacterReading {
        CharacterReading(text: options[0].0, confidence: options[0].1, alternatives: options.map { Alternative($0.0, confidence: $0.1) },
                         box: PixelRect(x: x, y: 0, width: width, height: 20), startsWord: startsWord)
    }

    @Test("a slash the line model read as the slash and a 1 on overlapping columns is one slash (153/20, not 153/120)")
    func slashReadTwice() {
        let line = TextReading(characters: [Self.at(0, 12, [("3", 98)]), Self.at(14, 10, [("/", 90), ("1", 86)]),
                                            Self.at(20, 14, [("1", 97), ("/", 52)]), Self.at(38, 12, [("2", 98)])])
        let slash = TextReading(characters: [Self.at(21, 13, [("/", 95), ("1", 47)])])
        #expect(FieldReader.insertingMarks(from: slash, into: line, allowed: "/").text == "3/2")
        // A flat number 12 after the slash: the line model's 1 has columns of its own, where
        // the classifier found a 1 too; nothing is dropped.
        let apart = TextReading(characters: [Self.at(0, 12, [("3", 98)]), Self.at(16, 10, [("/", 90)]),
                                             Self.at(30, 6, [("1", 97)]), Self.at(40, 12, [("2", 98)])])
        let classified = TextReading(characters: [Self.at(0, 12, [("3", 90)]), Self.at(16, 10, [("/", 95)]),
                                                  Self.at(30, 6, [("1", 80)]), Self.at(40, 12, [("2", 90)])])
        #expect(FieldReader.insertingMarks(from: classified, into: apart, allowed: "/").text == "3/12")
    }

    @Test("two look-alikes on overlapping columns where the classifier cut one character are one character")
    func characterReadTwice() {
        // 102: the line model read the 2 as Z and 2, half on the same columns.
        let line = TextReading(characters: [Self.at(0, 10, [("1", 97)]), Self.at(14, 24, [("0", 92)]),
                                            Self.at(40, 25, [("Z", 92), ("2", 53)]), Self.at(53, 42, [("2", 94), ("Z", 16)])])
        let one = TextReading(characters: [Self.at(0, 10, [("1", 45)]), Self.at(14, 26, [("0", 52)]),
                                           Self.at(52, 43, [("2", 49), ("Z", 46)])])
        let kept = line.keepingDoubleReadingsOnce(seenOnceBy: one)
        #expect(kept.text == "102")
        #expect(kept.characters[2].box.x == 40 && kept.characters[2].box.maxX == 95)
        // The classifier cut two characters there: two characters stay.
        let two = TextReading(characters: one.characters.dropLast() + [Self.at(40, 20, [("Z", 60)]), Self.at(62, 33, [("2", 70)])])
        #expect(line.keepingDoubleReadingsOnce(seenOnceBy: two).text == "10Z2")
        // Neither offers the other, or the same letter twice (LL): both stay.
        let unlike = TextReading(characters: [Self.at(40, 25, [("A", 92)]), Self.at(53, 42, [("2", 94)])])
        #expect(unlike.keepingDoubleReadingsOnce(seenOnceBy: one).text == "A2")
        let double = TextReading(characters: [Self.at(40, 25, [("L", 92)]), Self.at(53, 42, [("L", 94)])])
        #expect(double.keepingDoubleReadingsOnce(seenOnceBy: one).text == "LL")
    }

    @Test("a three-digit number closed by a 1 and a letter reads as a slash there when the readers offered one")
    func slashBeforeLetter() {
        let street = { (one: [(String, Double)], digits: String) in
            TextReading(characters: [Self.at(0, 10, [("V", 97)]), Self.at(12, 10, [("I", 97)]), Self.at(24, 10, [("A", 97)])]
                + digits.enumerated().map { offset, digit in Self.at(48 + 12 * offset, 10, [(String(digit), 96)], startsWord: offset == 0) }
                + [Self.at(72, 10, one), Self.at(84, 10, [("B", 98)])])
        }
        let offered = street([("1", 90), ("/", 67)], "95")
        #expect(offered.text == "VIA 951B")
        #expect(FieldChecker.slashBeforeLetter("951B", in: offered) == "95/B")
        // No slash offered, too faint an offer, two digits only, or no closing letter: as read.
        #expect(FieldChecker.slashBeforeLetter("951B", in: street([("1", 97), ("I", 40)], "95")) == nil)
        #expect(FieldChecker.slashBeforeLetter("951B", in: street([("1", 97), ("/", 12)], "95")) == nil)
        #expect(FieldChecker.slashBeforeLetter("21B", in: street([("1", 90), ("/", 67)], "2")) == nil)
        #expect(FieldChecker.slashBeforeLetter("9516", in: offered) == nil)
    }

    @Test("a house number of a digit, a slash and a digit whose slash also reads as a 1 goes to a person, the 1 suggested")
    func slashOrOne() throws {
        let streets = StreetAndSurnameTests()
        let (checker, field) = try streets.streetCheck()
        // Counted without spaces, the slash of VIA ROMA 1/8 is character 8.
        let read = StreetAndSurnameTests.words("VIA ROMA 1/8", alternatives: [8: [("/", 95), ("1", 49)]])
        let result = checker.check(field, streets.raw(read, witness: "VIA ROMA 1/8"))
        #expect(result.value == "VIA ROMA 1/8")
        #expect(result.reasons.contains(.slashOrOne))
        #expect(result.decision == .review)
        #expect(result.suggestions.contains("VIA ROMA 118"))
        // No 1 offered for the slash, or two digits before it (1218 is no usual number): as read.
        let plain = StreetAndSurnameTests.words("VIA ROMA 1/8", alternatives: [8: [("/", 95)]])
        #expect(checker.check(field, streets.raw(plain, witness: "VIA ROMA 1/8")).decision == .accepted)
        let longer = StreetAndSurnameTests.words("VIA ROMA 12/8", alternatives: [9: [("/", 95), ("1", 49)]])
        #expect(checker.check(field, streets.raw(longer, witness: "VIA ROMA 12/8")).decision == .accepted)
    }

    @Test("a house number closed by a 1 and a letter goes to a person with the slash suggested, though no reader offered it")
    func oneBeforeLetter() throws {
        let streets = StreetAndSurnameTests()
        let (checker, field) = try streets.streetCheck()
        let result = checker.check(field, streets.raw(StreetAndSurnameTests.words("VIA ROMA 181A"), witness: "VIA ROMA 181A"))
        #expect(result.value == "VIA ROMA 181A")
        #expect(result.reasons.contains(.slashOrOne))
        #expect(result.decision == .review)
        #expect(result.suggestions.contains("VIA ROMA 18/A"))
        #expect(FieldChecker.oneBeforeLetter("21B") == "2/B")
        // Another letter after another digit, or a flat's slash read: accepted as read.
        #expect(checker.check(field, streets.raw(StreetAndSurnameTests.words("VIA ROMA 182A"), witness: "VIA ROMA 182A")).decision == .accepted)
        #expect(checker.check(field, streets.raw(StreetAndSurnameTests.words("VIA ROMA 18/A"), witness: "VIA ROMA 18/A")).decision == .accepted)
    }
}
