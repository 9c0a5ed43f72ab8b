import Foundation
@testable import MailroomCapture
import MailroomImaging
import MailroomOCR
import MailroomTestSupport
import Testing

@Suite("First names checked against the name lexicon")
struct NameLexiconTests {
    static let file = TestPaths.root.appendingPathComponent("models/lexicon/first-names.tsv.gz")

    /// A confident reading of `text`, one character per box.
    static func sure(_ text: String) -> TextReading {
        Material.boxes(text.map { [(String($0), 99)] })
    }

    @Test("the shipped lexicon loads, with the countries of both forms")
    func loads() throws {
        let lexicon = try NameLexicon(contentsOf: Self.file)
        #expect(lexicon.count(in: "IT") > 2000)
        #expect(lexicon.count(in: "PL") > 300)
        #expect(lexicon.count(in: "XX") == 0)
    }

    @Test("a confident known name is confirmed; an unknown word stays as read")
    func confirmsKnown() throws {
        let lexicon = try NameLexicon(contentsOf: Self.file)
        #expect(lexicon.verdict(for: Self.sure("GIUSEPPE"), country: "IT") == .confirmed("GIUSEPPE"))
        #expect(lexicon.verdict(for: Self.sure("MACIEJ"), country: "PL") == .confirmed("MACIEJ"))
        guard case .unsure = lexicon.verdict(for: Self.sure("XQZWK"), country: "IT") else {
            Issue.record("an unknown word must not be corrected")
            return
        }
        #expect(lexicon.verdict(for: Self.sure("MACIEJ"), country: "XX") == .unsure(nil))
    }

    @Test("a misread letter whose alternatives include the right one is corrected, with the spelling's accents")
    func correctsFromAlternatives() throws {
        let lexicon = try NameLexicon(contentsOf: Self.file)
        // MAGIEJ, with C as the second choice for the G.
        var boxes: [[(String, Double)]] = "MAGIEJ".map { [(String($0), 98)] }
        boxes[2] = [("G", 60), ("C", 35)]
        #expect(lexicon.verdict(for: Material.boxes(boxes), country: "PL") == .corrected("MACIEJ"))
        // MICHAL read without its stroke: the lexicon spells it MICHAŁ.
        #expect(lexicon.verdict(for: Self.sure("MICHAL"), country: "PL") == .confirmed("MICHAŁ"))
    }

    @Test("a name's apostrophe or space missing from the reading costs less than a letter")
    func quietMarks() {
        let read = Self.sure("DAMICO")
        #expect(NameLexicon.cost(of: "D'AMICO", given: read) + 2 < NameLexicon.cost(of: "AMICO", given: read))
        #expect(NameLexicon.cost(of: "DE SANTIS", given: Self.sure("DESANTIS"))
            < NameLexicon.cost(of: "SANTIS", given: Self.sure("DESANTIS")))
        // A letter the reading lacks still costs a full gap.
        #expect(NameLexicon.cost(of: "DAMICO", given: Self.sure("DAMCO")) > NameLexicon.cost(of: "D'AMICO", given: read) + 2)
    }

    @Test("the shipped surname list knows common Italian surnames Faker lacks (from mimesis and randino)")
    func surnameCoverage() throws {
        let surnames = try NameLexicon(contentsOf: TestPaths.root.appendingPathComponent("models/lexicon/surnames.tsv.gz"))
        for name in ["FONTANA", "GENTILE", "MARCHETTI", "D'AMICO", "ROSSI", "NOWAK", "GALLO", "COSTA", "GIORDANO", "SERRA"] {
            #expect(surnames.knows(name, country: name == "NOWAK" ? "PL" : "IT"), "\(name)")
        }
        #expect(surnames.isPartial)
    }

    @Test("one of the country's commonest surnames read clearly is confirmed, not turned into a rarer look-alike")
    func commonestSurnameStands() throws {
        let surnames = try NameLexicon(contentsOf: TestPaths.root.appendingPathComponent("models/lexicon/surnames.tsv.gz"), countries: ["IT"])
        // BALLO is listed too, one letter away: before randino's list GALLO was read right and
        // changed to BALLO.
        try #require(surnames.knows("BALLO", country: "IT"))
        #expect(surnames.verdict(for: Self.sure("GALLO"), country: "IT") == .confirmed("GALLO"))
        #expect(surnames.verdict(for: Self.sure("GIORDANO"), country: "IT") == .confirmed("GIORDANO"))
    }

    @Test("a missing or damaged lexicon file is a clear error naming it")
    func badFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lexicon-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect { try NameLexicon(contentsOf: folder.appendingPathComponent("none.tsv.gz")) } throws: { error in
            (error as? OCRError)?.code == .modelMissing && "\(error)".contains("none.tsv.gz")
        }
        let damaged = folder.appendingPathComponent("damaged.tsv.gz")
        try Data("not gzip".utf8).write(to: damaged)
        #expect { try NameLexicon(contentsOf: damaged) } throws: { error in
            (error as? OCRError)?.code == .initialisationFailed && "\(error)".contains("damaged.tsv.gz")
        }
    }

    @Test("the field check applies the verdict and records the correction")
    func fieldCheck() throws {
        let form = try #require(Material.forms?.form(id: "pl-karta"))
        let field = try #require(form.fields.first { $0.lexicon != nil })
        let checker = FieldChecker(form: form, postcodes: Material.directory, thresholds: Thresholds(),
                                   lexicons: ["first-names": try NameLexicon(contentsOf: Self.file)])
        var boxes: [[(String, Double)]] = "MAGIEJ".map { [(String($0), 98)] }
        boxes[2] = [("G", 60), ("C", 35)]
        let raw = FieldReader.Raw(reading: Material.boxes(boxes), box: PixelRect(x: 0, y: 0, width: 60, height: 10), witness: "MAGIEJ")
        let result = checker.check(field, raw)
        #expect(result.value == "MACIEJ")
        #expect(result.corrections.map(\.to) == ["MACIEJ"])
        #expect(result.decision == .accepted)
    }

    @Test("a known name is not vouched for by the lexicon when the witness read another known name", arguments: [
        ("LUCA", "LUCIA", false), ("SILVA", "SILVIA", false), ("LUCA", "LUCLA", true), ("LUCA", "LUCA", true),
    ])
    func witnessReadsAnotherName(read: String, witness: String, accepted: Bool) throws {
        let form = try #require(Material.forms?.form(id: "it-fedelta"))
        let field = try #require(form.fields.first { $0.lexicon == "first-names" })
        let lexicon = try NameLexicon(contentsOf: Self.file)
        #expect(lexicon.knows(read, country: "IT"))
        let checker = FieldChecker(form: form, postcodes: Material.directory, thresholds: Thresholds(),
                                   lexicons: ["first-names": lexicon])
        let raw = FieldReader.Raw(reading: Self.sure(read), box: PixelRect(x: 0, y: 0, width: 60, height: 10), witness: witness)
        let result = checker.check(field, raw)
        #expect(result.value == read)
        #expect((result.decision == .accepted) == accepted)
        if !accepted {
            #expect(result.reasons.contains(.modelsDisagree))
            #expect(result.suggestions.contains(witness))
        }
    }

    @Test("a name read with a space inside is weighed as one word, for a person to confirm")
    func spacedName() throws {
        let form = try #require(Material.forms?.form(id: "pl-karta"))
        let field = try #require(form.fields.first { $0.lexicon == "first-names" })
        let checker = FieldChecker(form: form, postcodes: Material.directory, thresholds: Thresholds(),
                                   lexicons: ["first-names": try NameLexicon(contentsOf: Self.file)])
        // NATALIA read NATALL A: a space before the last letter, an L for the I.
        let reading = StreetAndSurnameTests.words("NATALL A", alternatives: [5: [("L", 60), ("I", 35)]])
        #expect(reading.text == "NATALL A")
        let result = checker.check(field, FieldReader.Raw(reading: reading, box: PixelRect(x: 0, y: 0, width: 70, height: 10), witness: "NATALL A"))
        #expect(result.value == "NATALIA")
        #expect(result.decision == .review)
        #expect(result.reasons.contains(.unknownName))
    }

    @Test("a name the lexicon is unsure of takes its likeliest name, for review, unless a partial list lacks a real word")
    func unsureOffersLikeliest() throws {
        let form = try #require(Material.forms?.form(id: "it-fedelta"))
        let firstField = try #require(form.fields.first { $0.lexicon == "first-names" })
        let surnameField = try #require(form.fields.first { $0.lexicon == "surnames" })
        let firstNames = try NameLexicon(contentsOf: Self.file, countries: ["IT"])
        let surnames = try NameLexicon(contentsOf: TestPaths.root.appendingPathComponent("models/lexicon/surnames.tsv.gz"), countries: ["IT"])
        let words = try NameLexicon(contentsOf: TestPaths.root.appendingPathComponent("models/lexicon/street-words.tsv.gz"), countries: ["IT"])
        let checker = FieldChecker(form: form, postcodes: Material.directory, thresholds: Thresholds(),
                                   lexicons: ["first-names": firstNames, "surnames": surnames, "street-words": words])
        let box = PixelRect(x: 0, y: 0, width: 90, height: 10)

        let misread = Self.sure("SALVATOTE")
        try #require(firstNames.verdict(for: misread, country: "IT") == .unsure("SALVATORE"))
        let first = checker.check(firstField, FieldReader.Raw(reading: misread, box: box, witness: "SALVATOTE"))
        #expect(first.value == "SALVATORE")
        #expect(first.corrections.contains { $0.from == "SALVATOTE" && $0.to == "SALVATORE" })
        #expect(first.decision == .review)
        #expect(first.reasons.contains(.unknownName))

        let unlisted = Self.sure("FORTE")
        guard case .unsure(let likeliest?) = surnames.verdict(for: unlisted, country: "IT") else {
            Issue.record("expected the partial surname list to be unsure of FORTE with a likeliest name")
            return
        }
        #expect(words.knows("FORTE", country: "IT"))
        let surname = checker.check(surnameField, FieldReader.Raw(reading: unlisted, box: box, witness: "FORTE"))
        #expect(surname.value == "FORTE", "a word of the country the surname list lacks stays as read")
        #expect(surname.suggestions.first == likeliest)
        #expect(surname.decision == .review)

        let garbled = Self.sure("SIIVESTR")
        try #require(surnames.verdict(for: garbled, country: "IT") == .unsure("SILVESTRI"))
        #expect(!words.knows("SIIVESTR", country: "IT"))
        let repaired = checker.check(surnameField, FieldReader.Raw(reading: garbled, box: box, witness: "SIIVESTR"))
        #expect(repaired.value == "SILVESTRI")
        #expect(repaired.decision == .review)
    }
}
