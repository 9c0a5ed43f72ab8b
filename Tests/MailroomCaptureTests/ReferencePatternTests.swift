import Foundation
@testable import MailroomCapture
import MailroomTestSupport
import Testing

@Suite("Reference patterns file")
struct ReferencePatternTests {
    @Test("the shipped config/references.yaml says what the built-in defaults say")
    func shippedFile() throws {
        let loaded = try ReferencePattern.load(from: TestPaths.root.appendingPathComponent("config/references.yaml"))
        #expect(loaded == ReferencePattern.defaults)
    }

    @Test("a company's own numbering is found once it is in the file")
    func customPattern() throws {
        let file = try TestPaths.temporaryDirectory("references").appendingPathComponent("references.yaml")
        try "references:\n  - {kind: account, pattern: 'KTO\\d{7}', labels: [Kontonummer]}\n".write(to: file, atomically: true, encoding: .utf8)
        let patterns = try ReferencePattern.load(from: file)
        let extractor = LetterExtractor(postcodes: nil, references: patterns)
        let details = extractor.extract(text: "Kontonummer: KT01234567\nSehr geehrte Damen und Herren,\nText.", language: "deu")
        #expect(details.reference("account") == "KTO1234567")
    }

    @Test("a bad file names the file and the entry at fault", arguments: [
        ("references:\n  - {kind: parcel, pattern: 'P\\d+'}\n", "kind 'parcel'"),
        ("references:\n  - {kind: order, pattern: 'ORD-(\\d'}\n", "not a valid regular expression"),
        ("refs: []\n", "not a valid patterns file"),
    ])
    func badFile(text: String, problem: String) throws {
        let file = try TestPaths.temporaryDirectory("references-bad").appendingPathComponent("bad.yaml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let error = #expect(throws: ReferencePatternError.self) { try ReferencePattern.load(from: file) }
        #expect(error?.description.contains("bad.yaml") == true)
        #expect(error?.description.contains(problem) == true, "\(error?.description ?? "")")
    }
}
