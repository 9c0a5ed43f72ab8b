import Foundation
@testable import MailroomCapture
import MailroomImaging
import MailroomOCR
import MailroomTestSupport
import Testing

@Suite("Street names checked whole against the streets a country has")
struct StreetNamesTests {
    static let names = StreetAndSurnameTests.file("street-names")
    static func words(_ text: String, alternatives: [Int: [(String, Double)]] = [:]) -> TextReading {
        StreetAndSurnameTests.words(text, alternatives: alternatives)
    }

    /// The street checker of a form, with or without the list of street names.
    func checker(country: String, withNames: Bool = true) throws -> (FieldChecker, Form.Field) {
        let form = try #require(Material.forms?.form(id: country == "IT" ? "it-fedelta" : "pl-karta"))
        let field = try #require(form.fields.first { $0.type == .street })
        let lexicon = try NameLexicon(contentsOf: StreetAndSurnameTests.file("street-words"), countries: [form.country])
        var checker = FieldChecker(form: form, postcodes: Material.directory, thresholds: Thresholds(), lexicons: ["street-words": lexicon])
        checker.streetTypes = try StreetTypes(contentsOf: StreetAndSurnameTests.types)
        if withNames { checker.streetNames = try NameLexicon(contentsOf: Self.names, countries: [form.country], joiningWords: true) }
        return (checker, field)
    }

    func raw(_ reading: TextReading, witness: String) -> FieldReader.Raw {
        FieldReader.Raw(reading: reading, box: PixelRect(x: 0, y: 0, width: 200, height: 10), witness: witness)
    }

    @Test("the list holds each country's streets, also without the given name of the person they honour")
    func list() throws {
        let lexicon = try NameLexicon(contentsOf: Self.names, countries: ["IT", "PL"], joiningWords: true)
        #expect(lexicon.count(in: "IT") > 5000)
        #expect(lexicon.count(in: "PL") > 3000)
        for (name, country) in [("ANTONIO GRAMSCI", "IT"), ("GRAMSCI", "IT"), ("MICKIEWICZA ADAMA", "PL"), ("MICKIEWICZA", "PL"),
                                ("KOLEJOWA", "PL")] {
            let reading = Self.words(name.replacingOccurrences(of: " ", with: "")).asOneWord
            #expect(lexicon.verdict(for: reading, country: country, unknownCost: NameLexicon.unlistedNameCost) == .confirmed(name),
                    "\(name) is a street in \(country)")
        }
        // A name is weighed without its spaces: read as one word or two, it is the same street.
        #expect(lexicon.verdict(for: Self.words("ANTONIOGRAMSCI"), country: "IT") == .confirmed("ANTONIO GRAMSCI"))
    }

    @Test("a street name misread in one letter is corrected from the list and accepted when the words agree")
    func correctsName() throws {
        let (checker, field) = try checker(country: "IT")
        // VIA NAZLONALE 76 with I second for the L (position 6 without spaces).
        let reading = Self.words("VIA NAZLONALE 76", alternatives: [6: [("L", 60), ("I", 35)]])
        let result = checker.check(field, raw(reading, witness: "VIA NAZIONALE 76"))
        #expect(result.value == "VIA NAZIONALE 76")
        #expect(result.decision == .accepted)
    }

    @Test("a listed street the words alone are unsure of is shown, for a person to confirm")
    func listAloneIsShown() throws {
        let (italian, itField) = try checker(country: "IT")
        // CORSO ITANA: the list's nearest street is ITALA; to the words it may as well be ITALIA.
        let itana = Self.words("CORSO ITANA 32", alternatives: [8: [("N", 60), ("L", 35)]])
        let known = try #require(italian.knownStreetName(Array(itana.characters[5..<10])))
        #expect(known.spelled == "ITALA")
        #expect(!known.clear)
        #expect(italian.check(itField, raw(itana, witness: "CORSO ITANA 32")).decision == .review)
        // UL. KOLEJDWA 22 with O second for the D: the list corrects it, a person confirms it.
        let (polish, plField) = try checker(country: "PL")
        let kolejowa = Self.words("UL. KOLEJDWA 22", alternatives: [8: [("D", 60), ("O", 35)]])
        let result = polish.check(plField, raw(kolejowa, witness: "UL. KOLEJOWA 22"))
        #expect(result.value == "UL. KOLEJOWA 22")
        #expect(result.decision == .review)
    }

    @Test("a reading of known words is not changed into a listed street a letter away")
    func knownWordsStay() throws {
        let (checker, field) = try checker(country: "IT")
        // LEOPARDI (a surname, no street of the list) with N second for its P; LEONARDI is listed.
        let reading = Self.words("VIA LEOPARDI 23", alternatives: [6: [("P", 60), ("N", 35)]])
        let name = TextReading(characters: Array(reading.characters[3..<11])).asOneWord
        #expect(checker.streetNames?.verdict(for: name, country: "IT", unknownCost: NameLexicon.unlistedNameCost) == .corrected("LEONARDI"))
        #expect(checker.knownStreetName(name.characters) == nil)
        #expect(checker.check(field, raw(reading, witness: "VIA LEOPARDI 23")).value == "VIA LEOPARDI 23")
    }

    @Test("a reading of only the language's rarest words is changed into a listed street a letter away, for review")
    func rareWordsGiveWay() throws {
        let (checker, field) = try checker(country: "IT")
        // VENDI is a word ("you sell"), among Italian's rarest; VERDI is a street in every town.
        let lexicon = try #require(checker.lexicons["street-words"])
        #expect(lexicon.frequency(of: "VENDI", country: "IT") == FieldChecker.rareWordClass)
        let reading = Self.words("VIA VENDI 113", alternatives: [5: [("N", 60), ("R", 35)]])
        let result = checker.check(field, raw(reading, witness: "VIA VENDI 113"))
        #expect(result.value == "VIA VERDI 113")
        #expect(result.decision == .review)
    }

    @Test("a right reading the words alone leave in doubt is settled by the street it names, accents and all")
    func settlesDoubt() throws {
        let (withNames, field) = try checker(country: "PL")
        let (wordsOnly, _) = try checker(country: "PL", withNames: false)
        // KOLEJOWA with its E second-guessed as F (25%): word by word not clear enough.
        let doubted = Self.words("UL. KOLEJOWA 22", alternatives: [6: [("E", 70), ("F", 25)]])
        #expect(withNames.check(field, raw(doubted, witness: "UL. KOLEJOWA 22")).decision == .accepted)
        #expect(wordsOnly.check(field, raw(doubted, witness: "UL. KOLEJOWA 22")).decision == .review)
        // SŁONECZNA read without its Ł by a reader that has none: the list spells it.
        let plain = withNames.check(field, raw(Self.words("UL. SLONECZNA 22"), witness: "UL. SLONECZNA 22"))
        #expect(plain.value == "UL. SŁONECZNA 22")
        #expect(plain.decision == .accepted)
        #expect(wordsOnly.check(field, raw(Self.words("UL. SLONECZNA 22"), witness: "UL. SLONECZNA 22")).decision == .review)
    }

    @Test("a joining word before a listed name is read against the country's joining words")
    func particle() throws {
        let (checker, field) = try checker(country: "IT")
        let sure = checker.check(field, raw(Self.words("VIA DEI MILLE 11"), witness: "VIA DEI MILLE 11"))
        #expect(sure.value == "VIA DEI MILLE 11")
        #expect(sure.decision == .accepted)
        // DEI read DFI with E second: the joining word is corrected, and a person confirms it.
        let misread = Self.words("VIA DFI MILLE 11", alternatives: [4: [("F", 60), ("E", 35)]])
        let result = checker.check(field, raw(misread, witness: "VIA DEI MILLE 11"))
        #expect(result.value == "VIA DEI MILLE 11")
        #expect(result.decision == .review)
    }

    @Test("a street type run into a listed name is split off, for review")
    func gluedType() throws {
        let (checker, field) = try checker(country: "PL")
        let result = checker.check(field, raw(Self.words("ULKOLEJOWA 22"), witness: "ULKOLEJOWA 22"))
        #expect(result.value == "UL. KOLEJOWA 22")
        #expect(result.decision == .review)
    }

    @Test("a name the list does not know is left to the word check")
    func unknownName() throws {
        let (checker, field) = try checker(country: "IT")
        #expect(checker.knownStreetName(Self.words("XYZZYQUA").characters) == nil)
        let (wordsOnly, _) = try self.checker(country: "IT", withNames: false)
        let reading = Self.words("VIA DEL CORSO 58")
        #expect(checker.check(field, raw(reading, witness: "VIA DEL CORSO 58")).value
            == wordsOnly.check(field, raw(reading, witness: "VIA DEL CORSO 58")).value)
    }

    @Test("a joining-word column in the street types is read; a damaged one names the line")
    func particleColumn() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("particles-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("street-types.tsv")
        try Data("IT\tlead\tVIA,CORSO\tDEL,DELLE\nPL\tlead\tUL.\n".utf8).write(to: file)
        let types = try StreetTypes(contentsOf: file)
        #expect(types.particle(of: Self.words("DELLE"), country: "IT")?.spelled == "DELLE")
        #expect(types.particle(of: Self.words("DELLE"), country: "IT")?.asRead == true)
        #expect(types.particle(of: Self.words("DELLE"), country: "PL") == nil)
        try Data("IT\tlead\tVIA\tDEL\textra\n".utf8).write(to: file)
        #expect { try StreetTypes(contentsOf: file) } throws: { error in
            (error as? OCRError)?.code == .initialisationFailed && "\(error)".contains("line 1")
        }
    }
}
