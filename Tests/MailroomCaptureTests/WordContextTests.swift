import Foundation
@testable import MailroomCapture
import MailroomImaging
import MailroomOCR
import Testing

@Suite("Words settle letters and digits; e-mails are checked against the names")
struct WordContextTests {
    /// A reading of characters, each with (text, confidence) alternatives best first;
    /// `words` marks the characters that start a new word.
    static func reading(_ positions: [[(String, Double)]], words: Set<Int> = []) -> TextReading {
        var reading = Material.boxes(positions)
        for index in words { reading.characters[index].startsWord = true }
        reading.text = reading.characters.map { ($0.startsWord ? " " : "") + $0.text }.joined()
        return reading
    }

    @Test("a 1 in a word of letters becomes the I it offers, and an O in a number the 0")
    func settles() {
        // V1A 1O8: "1" offers I; "O" offers 0.
        let read = Self.reading([[("V", 99)], [("1", 60), ("I", 38)], [("A", 97)],
                                 [("1", 95), ("I", 4)], [("O", 55), ("0", 40)], [("8", 99)]], words: [3])
        let settled = read.settlingLettersAndDigits(email: false)
        #expect(settled.text == "VIA 108")
        #expect(settled.characters[1].confidence > 90)
        // A character with no alternative of the word's kind stays as read.
        let lone = Self.reading([[("V", 99)], [("7", 99)], [("A", 97)]]).settlingLettersAndDigits(email: false)
        #expect(lone.text == "V7A")
    }

    @Test("a house number closes with the letter its last character offers most, if house numbers close with it, never a letter in its middle")
    func houseNumberLetters() {
        // 116B: the B offers 6 less strongly; the middle 6 offers B but stays a digit.
        let read = Self.reading([[("1", 98)], [("1", 97)], [("6", 95), ("B", 13)], [("B", 93), ("6", 65)]])
        #expect(read.settlingLettersAndDigits(email: false).text == "1166")
        let numbered = read.settlingLettersAndDigits(email: false, houseNumbers: true)
        #expect(numbered.text == "116B")
        #expect(numbered.characters[3].confidence < 90)
        // A last digit its readers prefer stays a digit.
        let digit = Self.reading([[("2", 98)], [("8", 97)], [("8", 90), ("B", 60)]])
        #expect(digit.settlingLettersAndDigits(email: false, houseNumbers: true).text == "288")
        // 146 read 14U: no house number closes with a U, so the 6 its readers offered is taken.
        let unusual = Self.reading([[("1", 98)], [("4", 97)], [("U", 90), ("6", 40)]])
        #expect(unusual.settlingLettersAndDigits(email: false, houseNumbers: true).text == "146")
    }

    @Test("a street with no number reads its last word as the number when every character can be a digit")
    func houseNumberReadAsLetters() {
        // VIA ROMA ZOB: Z offers 2, O is a look-alike of 0, B closes the number (20B).
        let read = Self.reading([[("V", 99)], [("I", 97), ("1", 20)], [("A", 98)],
                                 [("R", 98)], [("O", 95), ("0", 30)], [("M", 96)], [("A", 97)],
                                 [("Z", 80), ("2", 15)], [("O", 90)], [("B", 85)]], words: [3, 7])
        #expect(read.settlingLettersAndDigits(email: false).text == "VIA ROMA ZOB")
        let numbered = read.settlingLettersAndDigits(email: false, houseNumbers: true)
        #expect(numbered.text == "VIA ROMA 20B")
        // The readers saw letters: the digits are not sure.
        #expect(numbered.characters[7].confidence < 50)
        // A last word with a letter no digit looks like (R) stays a word; so does a lone word, or
        // a street that has a number already.
        let word = Self.reading([[("V", 99)], [("I", 97)], [("A", 98)], [("R", 98)], [("O", 95)], [("S", 96)], [("A", 97)]],
                                words: [3])
        #expect(word.settlingLettersAndDigits(email: false, houseNumbers: true).text == "VIA ROSA")
        let lone = Self.reading([[("L", 90)], [("O", 90)], [("L", 90)]])
        #expect(lone.settlingLettersAndDigits(email: false, houseNumbers: true).text == "LOL")
        let numberFirst = Self.reading([[("1", 99)], [("2", 99)], [("L", 90)], [("O", 90)], [("L", 90)]], words: [2])
        #expect(numberFirst.settlingLettersAndDigits(email: false, houseNumbers: true).text == "12 LOL")
    }

    @Test("in an e-mail the digits that close a word stay digits")
    func emailDigits() {
        let read = Self.reading([[("R", 99)], [("O", 99)], [("S", 99)], [("1", 70), ("I", 29)], [("9", 90), ("G", 9)]])
        #expect(read.settlingLettersAndDigits(email: true).text == "ROS19")
        #expect(read.settlingLettersAndDigits(email: false).text == "ROSIG")
    }

    @Test("an e-mail word a slip from the names on the card is spelled as them; digits and domain kept")
    func emailNames() {
        #expect(EmailNames.corrected(address: "federko_mazza3@casella.example.net", names: ["FEDERICO", "MAZZA"])
            == "federico_mazza3@casella.example.net")
        #expect(EmailNames.corrected(address: "valentinafabri@mail.example", names: ["VALENTINA", "FABBRI"])
            == "valentinafabbri@mail.example")
        #expect(EmailNames.corrected(address: "d.mazza@mail.example", names: ["DAVIDE", "MAZZA"]) == nil)
        // An initial written against the other name is a letter of the address, not a slip.
        #expect(EmailNames.corrected(address: "avitale@example.org", names: ["ALESSANDRO", "VITALE"]) == nil)
        #expect(EmailNames.corrected(address: "vitalea@example.org", names: ["ALESSANDRO", "VITALE"]) == nil)
        // Too far from any name, or as near to two: left as read.
        #expect(EmailNames.corrected(address: "supermario@mail.example", names: ["LUIGI", "ROSSI"]) == nil)
        #expect(EmailNames.corrected(address: "rosa@x.it", names: ["ROSI", "ROSS"]) == nil)
    }

    @Test("letters after a name that all look like digits are its number; other letters are not")
    func emailNameNumbers() {
        #expect(EmailNames.corrected(address: "gabriele_barbierizs@example.net", names: ["GABRIELE", "BARBIERI"])
            == "gabriele_barbieri25@example.net")
        #expect(EmailNames.corrected(address: "ilaria_ferrarazo@example.org", names: ["ILARIA", "FERRARA"])
            == "ilaria_ferrara20@example.org")
        // `k` looks like no digit: the word is the name with a slip, not a number.
        #expect(EmailNames.corrected(address: "ilaria.ferrarak@example.org", names: ["ILARIA", "FERRARA"])
            == "ilaria.ferrara@example.org")
        // Before digits, a digit-like letter is the number's first digit, not a slip to drop.
        #expect(EmailNames.corrected(address: "leonardo_marchettiz5@example.org", names: ["LEONARDO", "MARCHETTI"])
            == "leonardo_marchetti25@example.org")
        #expect(EmailNames.corrected(address: "WOJCIECH_SIKORAL6@MAIL.EXAMPLE", names: ["WOJCIECH", "SIKORA"])
            == "WOJCIECH_SIKORA16@MAIL.EXAMPLE")
        // With no digit read, one such letter is as likely a slip: the plain name wins.
        #expect(EmailNames.corrected(address: "teresa_rivaz@example.org", names: ["TERESA", "RIVA"])
            == "teresa_riva@example.org")
    }

    @Test("the whole local part takes the shape of the names it is nearest, digits read from look-alikes")
    func emailShapes() {
        // A stop-initial and a misread surname; a number written after the name, read as letters.
        #expect(EmailNames.shaped(address: "r.ailaldi@example.net", names: ["ROSA", "RINALDI"])?.address
            == "r.rinaldi@example.net")
        #expect(EmailNames.shaped(address: "salvatore_carusgzz@example.org", names: ["SALVATORE", "CARUSO"])?.address
            == "salvatore_caruso22@example.org")
        #expect(EmailNames.shaped(address: "maatira_damico24@example.org", names: ["MARTINA", "D'AMICO"])?.address
            == "martina_damico24@example.org")
        #expect(EmailNames.shaped(address: "KOWALSKI.JANBG@EXAMPLE.PL", names: ["JAN", "KOWALSKI"])?.address
            == "KOWALSKI.JAN69@EXAMPLE.PL")
    }

    @Test("a number read as letters no digit looks like is taken from the digits its reader offered; one offered digit alone makes no number")
    func emailShapesFromOfferedDigits() {
        // coppola.stefano64 read COPPOLA.STEFANOWA: a W looks like no digit, but the reader offered a 6.
        let read = "coppola.stefanowa@man.example"
        var offers = [EmailNames.Offer](repeating: .init(), count: 17)
        #expect(EmailNames.shaped(address: read, names: ["STEFANO", "COPPOLA"])?.address == "coppola.stefano@man.example")
        offers[15].digits = ["6"]
        offers[16].digits = ["4", "1"]
        #expect(EmailNames.shaped(address: read, names: ["STEFANO", "COPPOLA"], offers: offers)?.address
            == "coppola.stefano64@man.example")
        // A single stray letter with a digit offered stays a stray letter (often the `@` read twice).
        var single = [EmailNames.Offer](repeating: .init(), count: 16)
        single[15].digits = ["6"]
        #expect(EmailNames.shaped(address: "tommasolombardow@example.org", names: ["TOMMASO", "LOMBARDO"], offers: single)?.address
            == "tommasolombardo@example.org")
        // Unless the reader found that letter likelier a digit than anything else.
        single[15].likelyDigit = true
        #expect(EmailNames.shaped(address: "tommasolombardow@example.org", names: ["TOMMASO", "LOMBARDO"],
                                  offers: single)?.address == "tommasolombardo6@example.org")
        // Offers that do not fit the local part are not used.
        #expect(EmailNames.shaped(address: read, names: ["STEFANO", "COPPOLA"], offers: [.init(digits: ["6"])])?.address
            == "coppola.stefano@man.example")
    }

    @Test("letters the reader offered make a slip towards them cheaper: a local part too far from the names as read is spelled as them")
    func emailShapesFromOfferedLetters() {
        // michalmazur read MKCHAINAZYK: five slips in eleven letters are too many to respell.
        let read = "mkchainazyk@example.com"
        let names = ["MICHAL", "MAZUR"]
        #expect(EmailNames.shaped(address: read, names: names)?.address == nil)
        // The reader's close seconds: L for the I, M for the N.
        var offers = [EmailNames.Offer](repeating: .init(), count: 11)
        offers[5].letters = ["i": 1, "l": 76.0 / 91]
        offers[6].letters = ["n": 1, "m": 76.0 / 98]
        #expect(EmailNames.shaped(address: read, names: names, offers: offers)?.address == "michalmazur@example.com")
        // Letters offered only faintly buy nearly nothing.
        offers[5].letters = ["i": 1, "l": 0.05]
        offers[6].letters = ["n": 1, "m": 0.05]
        #expect(EmailNames.shaped(address: read, names: names, offers: offers)?.address == nil)
        // Three slips are near enough (two fifths of the shape's length).
        #expect(EmailNames.shaped(address: "michainazyr@example.com", names: names)?.address == "michalmazur@example.com")
    }

    @Test("what the reader offered for an address is read off the reading, through respellings that keep or change its length")
    func offersAlignment() {
        func character(_ text: String, _ alternatives: [(String, Double)] = []) -> CharacterReading {
            CharacterReading(text: text, confidence: 90, alternatives: [Alternative(text, confidence: 90)] + alternatives.map { Alternative($0.0, confidence: $0.1) },
                             box: PixelRect(x: 0, y: 0, width: 10, height: 10))
        }
        func digits(_ address: String, _ reading: TextReading) -> [[Character]]? {
            FieldChecker.offers(localPartOf: address, in: reading)?.map(\.digits)
        }
        func likely(_ address: String, _ reading: TextReading) -> [Bool]? {
            FieldChecker.offers(localPartOf: address, in: reading)?.map(\.likelyDigit)
        }
        let reading = TextReading(characters: [character("A"), character("B", [("8", 30), ("6", 3), ("R", 45)]), character("@"), character("X"), character("."), character("I"), character("T")])
        #expect(digits("ab@x.it", reading) == [[], ["8"]])
        // Letters are offered folded and lowercase, weighed against the likeliest alternative.
        #expect(FieldChecker.offers(localPartOf: "ab@x.it", in: reading)?[1].letters == ["b": 1, "r": 0.5])
        // Respelled letter for letter (a name corrected in place), every character keeps its place;
        // with a letter more or fewer, the characters the respelling kept keep their readings.
        #expect(digits("ac@x.it", reading) == [[], ["8"]])
        #expect(digits("zab@x.it", reading) == [[], [], ["8"]])
        #expect(digits("abz@x.it", reading) == [[], ["8"], []])
        #expect(digits("acd@x.it", reading) == [[], [], []])
        #expect(digits("no-at", reading) == nil)
        let noAt = TextReading(characters: [character("A"), character("B", [("8", 30)]), character("X")])
        #expect(digits("az@x", noAt) == nil)
        // A digit offered at a third of the letter's weight is offered, not likely; one outweighing
        // the letter is likely.
        #expect(likely("ab@x.it", reading) == [false, false])
        let surer = TextReading(characters: [character("A"), character("B", [("8", 95)]), character("@"), character("X")])
        #expect(likely("ab@x", surer) == [false, true])
        // The likeliest alternative a digit is likely too, though letters share most of the weight
        // (`zajaci` for zajac3: I 48, J 37, G 35 against 3 at 98).
        let topDigit = TextReading(characters: [character("A"), character("B", [("8", 95), ("J", 60), ("G", 50)]), character("@"), character("X")])
        #expect(likely("ab@x", topDigit) == [false, true])
        #expect(likely("zab@x", topDigit) == [false, false, true])
    }

    @Test("an address already in a shape, far from every shape, or as near to two, is left as read")
    func emailShapesLeftAlone() {
        #expect(EmailNames.shaped(address: "mario.rossi85@example.org", names: ["MARIO", "ROSSI"]) == nil)
        #expect(EmailNames.shaped(address: "supermario@mail.example", names: ["LUIGI", "ROSSI"]) == nil)
        #expect(EmailNames.shaped(address: "rosa@x.it", names: ["ROSI", "ROSS"]) == nil)
        // One stray letter before the `@` is no number (more often the `@` read twice), and `k`
        // looks like no digit: no number is made up for either.
        #expect(EmailNames.shaped(address: "rosasannaq@mail.example", names: ["ROSA", "SANNA"])?.address
            == "rosasanna@mail.example")
        #expect(EmailNames.shaped(address: "ilaria.ferrarak@example.org", names: ["ILARIA", "FERRARA"])?.address
            == "ilaria.ferrara@example.org")
        // FERRARA with a slip, or FERRARA and her initial: as near to both, so neither.
        #expect(EmailNames.shaped(address: "ferrarak@example.org", names: ["ILARIA", "FERRARA"]) == nil)
        #expect(EmailNames.shaped(address: "no-at-sign", names: ["ILARIA", "FERRARA"]) == nil)
    }

    /// Characters 10 pixels wide side by side from `x`, with `gap` pixels between them.
    static func line(_ text: String, from x: Int = 0, gap: Int = 4) -> TextReading {
        TextReading(characters: text.enumerated().map { index, character in
            CharacterReading(text: String(character), confidence: 90, alternatives: [Alternative(String(character), confidence: 90)],
                             box: PixelRect(x: x + index * (10 + gap), y: 0, width: 10, height: 20))
        })
    }

    @Test("the classifier's full stops enter the line reading: in a gap, or for a letter read on the stop's own strokes")
    func marksFromTheClassifier() {
        let mark = { (x: Int, width: Int) in
            TextReading(characters: [CharacterReading(text: ".", confidence: 95, alternatives: [Alternative(".", confidence: 95)],
                                                      box: PixelRect(x: x, y: 15, width: width, height: 5))])
        }
        // "ab" with a 14-pixel gap after a; the stop stands in it.
        let spaced = TextReading(characters: Self.line("a").characters + Self.line("b", from: 24).characters)
        #expect(FieldReader.insertingMarks(from: mark(12, 6), into: spaced, allowed: "ab.").text == "a.b")
        // The line model read the stop as an i with the same columns.
        #expect(FieldReader.insertingMarks(from: mark(14, 10), into: Self.line("aib"), allowed: "ab.").text == "a.b")
        // Over a wider letter, or not allowed by the field: left as read.
        #expect(FieldReader.insertingMarks(from: mark(16, 4), into: Self.line("amb"), allowed: "abm.").text == "amb")
        #expect(FieldReader.insertingMarks(from: mark(12, 6), into: spaced, allowed: "ab").text == "ab")
    }

    @Test("a dash the line model read as the other dash takes the classifier's, and so does a stop read as a dash; a dash does not replace a stop")
    func dashesFromTheClassifier() {
        let mark = { (text: String, y: Int) in
            TextReading(characters: [CharacterReading(text: text, confidence: 95, alternatives: [Alternative(text, confidence: 95)],
                                                      box: PixelRect(x: 13, y: y, width: 10, height: 3))])
        }
        // "a-b": the line model's dash stands on columns 14–23, where the classifier cut an underscore.
        let dashed = TextReading(characters: Self.line("a").characters + [Self.line("-", from: 14).characters[0]]
            + Self.line("b", from: 28).characters)
        #expect(FieldReader.insertingMarks(from: mark("_", 18), into: dashed, allowed: ".-_").text == "a_b")
        #expect(FieldReader.insertingMarks(from: mark("-", 9), into: dashed, allowed: ".-_").text == "a-b")
        // A stop the line model read as either dash (`t_szymanski`, `l-costa`) is the stop.
        #expect(FieldReader.insertingMarks(from: mark(".", 17), into: dashed, allowed: ".-_").text == "a.b")
        let underscored = TextReading(characters: Self.line("a").characters + [Self.line("_", from: 14).characters[0]]
            + Self.line("b", from: 28).characters)
        #expect(FieldReader.insertingMarks(from: mark(".", 17), into: underscored, allowed: ".-_").text == "a.b")
        #expect(FieldReader.insertingMarks(from: mark(".", 17), into: underscored, allowed: "-_").text == "a_b")
        // A dash the classifier cut where the line model read a stop stays a stop.
        let stopped = TextReading(characters: Self.line("a").characters + [Self.line(".", from: 14).characters[0]]
            + Self.line("b", from: 28).characters)
        #expect(FieldReader.insertingMarks(from: mark("-", 9), into: stopped, allowed: ".-_").text == "a.b")
    }

    @Test("a full stop goes between the line's characters the classifier's letters place on either side of it")
    func marksPlacedByTheClassifiersLetters() {
        let character = { (text: String, x: Int, width: Int) in
            CharacterReading(text: text, confidence: 90, alternatives: [Alternative(text, confidence: 90)],
                             box: PixelRect(x: x, y: 0, width: width, height: 20))
        }
        // The classifier cut `a . l o`; the line model read the stop and the l as one wide D.
        let classified = TextReading(characters: [character("a", 0, 10), character(".", 14, 4), character("l", 20, 4),
                                                  character("o", 28, 10)])
        let merged = TextReading(characters: [character("a", 0, 11), character("D", 14, 12), character("o", 28, 10)])
        #expect(FieldReader.insertingMarks(from: classified, into: merged, allowed: "aDlo.").text == "a.Do")
        // The line model's o starts left of the stop, its box reaching over it.
        let wide = TextReading(characters: [character("a", 0, 11), character("l", 13, 12), character("o", 26, 12)])
        let stopped = TextReading(characters: [character("a", 0, 10), character("l", 20, 4), character(".", 27, 4),
                                               character("o", 32, 8)])
        #expect(FieldReader.insertingMarks(from: stopped, into: wide, allowed: "alo.").text == "al.o")
        // A stop the line model read already is not doubled.
        let read = TextReading(characters: [character("a", 0, 10), character(".", 13, 4), character("l", 20, 4)])
        #expect(FieldReader.insertingMarks(from: classified, into: read, allowed: "al.").text == "a.l")
    }

    @Test("a street's digits are spelled as the character classifier read them when it saw a digit")
    func classifierDigits() {
        func at(_ x: Int, _ options: [(String, Double)]) -> CharacterReading {
            CharacterReading(text: options[0].0, confidence: options[0].1,
                             alternatives: options.map { Alternative($0.0, confidence: $0.1) },
                             box: PixelRect(x: x, y: 0, width: 10, height: 20))
        }
        // The line model read "VIA 14B"; the classifier saw a 7 where the line model saw a 1.
        let line = TextReading(characters: [at(0, [("V", 95)]), at(12, [("I", 95)]), at(24, [("A", 95)]),
                                            at(48, [("1", 92), ("7", 40)]), at(60, [("4", 96)]), at(72, [("B", 90)])])
        let classified = TextReading(characters: [at(1, [("V", 80)]), at(13, [("1", 70), ("I", 25)]), at(25, [("A", 90)]),
                                                  at(47, [("7", 88), ("1", 9)]), at(61, [("4", 60), ("A", 35)]),
                                                  at(73, [("8", 60), ("B", 38)])])
        let taken = line.takingClassifierDigits(from: classified)
        #expect(taken.text == "VIA74B")
        // Its confidence is the classifier's share, and the line model's digit stays an alternative.
        #expect(taken.characters[3].confidence > 85)
        #expect(taken.characters[3].alternatives.contains { $0.text == "1" })
        // Letters stay letters, even where the classifier saw a digit (I, B).
        #expect(taken.characters[1].text == "I" && taken.characters[5].text == "B")
        // Where the classifier sees mostly a letter, or nothing under the digit, the digit stays.
        let unsure = TextReading(characters: [at(47, [("T", 60), ("7", 35)])])
        #expect(line.takingClassifierDigits(from: unsure).text == line.text)
        #expect(line.takingClassifierDigits(from: .empty).text == line.text)
        // With alternatives (the e-mail), a character the classifier gave a tenth or more on
        // digits takes the classifier's digits as its digit alternatives; letters stay read.
        let address = line.takingClassifierDigits(from: classified, alternatives: true)
        #expect(address.text == "VIA74B")
        #expect(address.characters[5].text == "B")
        #expect(address.characters[5].alternatives.first { $0.text.first?.isNumber == true }?.text == "8")
        #expect(address.characters[1].alternatives.contains { $0.text == "1" && $0.confidence == 70 })
        #expect(!address.characters[3].alternatives.contains { $0.text == "1" && $0.confidence == 92 },
                "the line model's digit gives way to the classifier's")
        #expect(address.characters[0].alternatives == line.characters[0].alternatives, "no digit under the V")
    }

    @Test("a slash stays only in a number; elsewhere it is read as the letter its stroke looked like")
    func numberSlashes() {
        func at(_ x: Int, _ options: [(String, Double)], word: Bool = false) -> CharacterReading {
            CharacterReading(text: options[0].0, confidence: options[0].1,
                             alternatives: options.map { Alternative($0.0, confidence: $0.1) },
                             box: PixelRect(x: x, y: 0, width: 10, height: 20), startsWord: word)
        }
        // V/A 116/B: the slash after V is a slanted I; the one after 116 is the flat's.
        let read = TextReading(characters: [at(0, [("V", 95)]), at(12, [("/", 95), ("I", 70), ("1", 20)]), at(24, [("A", 95)]),
                                            at(48, [("1", 90)], word: true), at(60, [("1", 90)]), at(72, [("6", 90)]),
                                            at(84, [("/", 95), ("1", 60)]), at(96, [("B", 90)])])
        let kept = read.keepingNumberSlashes
        #expect(kept.text == "VIA 116/B")
        #expect(kept.characters[1].confidence == 70)
        // A slash that ends the line, or starts a word, is no flat number's either.
        let trailing = TextReading(characters: [at(0, [("1", 90)]), at(12, [("2", 90)]), at(24, [("/", 95), ("I", 40)])])
        #expect(trailing.keepingNumberSlashes.text == "12I")
        // One with nothing else to be is dropped.
        let bare = TextReading(characters: [at(0, [("V", 95)]), at(12, [("/", 95)]), at(24, [("A", 95)])])
        #expect(bare.keepingNumberSlashes.text == "VA")
    }
}
