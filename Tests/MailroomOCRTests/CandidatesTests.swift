import MailroomImaging
import MailroomOCR
import Testing

@Suite("Spellings from character alternatives")
struct CandidatesTests {
    /// A reading whose characters offer the given alternatives (text, confidence), best first.
    func reading(_ positions: [[(String, Double)]]) -> TextReading {
        let characters = positions.map { options in
            CharacterReading(text: options[0].0, confidence: options[0].1,
                             alternatives: options.map { Alternative($0.0, confidence: $0.1) },
                             box: PixelRect(x: 0, y: 0, width: 1, height: 1))
        }
        return TextReading(text: characters.map(\.text).joined(), confidence: 90, characters: characters)
    }

    @Test("candidates come best first and start with the top reading")
    func ordering() {
        let r = reading([[("2", 90), ("Z", 60)], [("O", 70), ("0", 65)], [("1", 95)]])
        let spellings = r.candidates(limit: 10)
        #expect(spellings.first?.text == "2O1")
        #expect(spellings.map(\.score) == spellings.map(\.score).sorted(by: >))
        #expect(Set(spellings.map(\.text)) == ["2O1", "201", "ZO1", "Z01"])
    }

    @Test("bestMatch returns the most confident spelling that fits the pattern")
    func bestMatch() {
        let r = reading([[("2", 90), ("Z", 60)], [("O", 70), ("0", 65)], [("1", 95)], [("2", 90)], [("l", 80), ("1", 75)]])
        #expect(r.bestMatch("[0-9]{5}") == "20121")
        #expect(r.bestMatch("[A-Z]{5}") == nil)
    }

    @Test("extra alternatives, such as confusion pairs, widen the search")
    func extra() {
        let r = reading([[("S", 90)], [("O", 90)]])
        let spellings = r.candidates(limit: 10) { _, character in
            character.text == "S" ? [Alternative("5", confidence: 50)] : [Alternative("0", confidence: 50)]
        }
        #expect(spellings.map(\.text).contains("50"))
    }

    @Test("an empty reading has no candidates")
    func empty() {
        #expect(TextReading.empty.candidates().isEmpty)
        #expect(TextReading.empty.bestMatch(".*") == nil)
    }
}
