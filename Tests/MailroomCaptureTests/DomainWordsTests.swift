import Foundation
@testable import MailroomCapture
import MailroomImaging
import MailroomOCR
import MailroomTestSupport
import Testing

/// An e-mail domain read label by label against the words domains are made of.
@Suite("E-mail domains spelled as words")
struct DomainWordsTests {
    static let italian = Result { try DomainWords(contentsOf: StreetAndSurnameTests.file("street-words"), country: "IT") }

    /// `address` read at 99% a character, with the alternatives given at some positions.
    static func address(_ address: String, alternatives: [Int: [(String, Double)]] = [:]) -> TextReading {
        StreetAndSurnameTests.words(address, alternatives: alternatives)
    }

    /// Where `part` starts in `text`, counted in characters.
    static func offset(of part: String, in text: String) throws -> Int {
        let range = try #require(text.range(of: part))
        return text.distance(from: text.startIndex, to: range.lowerBound)
    }

    @Test("a misread word of the domain is respelled when its letters' alternatives offer the word")
    func misreadWord() throws {
        let words = try Self.italian.get()
        let text = "ilaria.lombardo@casclia.example.net"
        let c = try Self.offset(of: "clia", in: text), i = c + 2
        let reading = Self.address(text, alternatives: [c: [("c", 60), ("e", 35)], i: [("i", 60), ("l", 35)]])
        #expect(words.respellings(of: reading) == [.init(from: "casclia", to: "casella")])
        // Without the alternatives nothing offers the word's letters: the label stays as read.
        #expect(words.respellings(of: Self.address(text)).isEmpty)
    }

    @Test("rare English words are left out of an Italian address's words: a misread mail is not nail")
    func rareEnglishLeftOut() throws {
        let words = try Self.italian.get()
        let text = "anna@nail.example"
        let reading = Self.address(text, alternatives: [try Self.offset(of: "nail", in: text): [("n", 80), ("m", 15)]])
        #expect(words.respellings(of: reading) == [.init(from: "nail", to: "mail")])
        // With every English word kept, the rarer NAIL (class 2) stands as read.
        let all = try NameLexicon(contentsOf: StreetAndSurnameTests.file("street-words"), countries: ["IT", "GB", "US"])
        let everyWord = NameLexicon(merging: ["IT", "GB", "US"], of: all, adding: DomainWords.providerLabels,
                                    frequency: DomainWords.providerFrequency, as: DomainWords.vocabulary)
        let label = TextReading(characters: Array(reading.characters.dropFirst(5).prefix(4)))
        #expect(everyWord.verdict(for: label, country: DomainWords.vocabulary) != .corrected("MAIL"))
        #expect(words.lexicon.verdict(for: label, country: DomainWords.vocabulary) == .corrected("MAIL"))
    }

    @Test("two words run together are split where the words fit, and a provider's name outweighs a rarer word")
    func runTogetherAndProviders() throws {
        let words = try Self.italian.get()
        #expect(words.respellings(of: Self.address("anna@mailexample")) == [.init(from: "mailexample", to: "mail.example")])
        let text = "anna@mall.example"
        let l = try Self.offset(of: "ll.", in: text)
        #expect(words.respellings(of: Self.address(text, alternatives: [l: [("l", 60), ("i", 35)]]))
            == [.init(from: "mall", to: "mail")])
        #expect(words.respellings(of: Self.address(text)).isEmpty, "MALL is a word: without an I offered it stands")
    }

    @Test("known providers, top-level domains, unknown names and addresses without @ are left alone")
    func leftAlone() throws {
        let words = try Self.italian.get()
        for text in ["mario.rossi@libero.it", "mario.rossi@gmail.com", "m.rossi@zqxwvk.it", "mario.rossi.libero.it"] {
            #expect(words.respellings(of: Self.address(text)).isEmpty, "\(text)")
        }
    }

    @Test("the e-mail check applies the respelling, records it and sends the address to review")
    func checked() throws {
        var checker = try NamesByEmailTests.checker(form: "it-fedelta")
        checker.domainWords = try Self.italian.get()
        let field = try #require(checker.form.fields.first { $0.type == .email })
        let text = "ANNA.BIANCHI@MAILEXAMPLE"
        let raw = FieldReader.Raw(reading: Self.address(text), box: PixelRect(x: 0, y: 0, width: 200, height: 10))
        let result = checker.check(field, raw)
        #expect(result.value == "anna.bianchi@mail.example")
        #expect(result.corrections.contains { $0.to == "anna.bianchi@mail.example" && $0.reason == "domain spelled as known words" })
        #expect(result.decision == .review)
        #expect(result.reasons.contains(.lowConfidence))
    }
}
