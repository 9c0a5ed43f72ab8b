import Foundation
import MailroomTestSupport
import Testing
@testable import MailroomMail

/// What Python's `email` package read from each fixture (`expected.json`, written by `make`).
struct PythonReading: Decodable {
    struct Address: Decodable { var name: String; var address: String }
    struct Attachment: Decodable { var filename: String?; var contentType: String; var base64: String? }
    var subject: String
    var from: Address
    var to: [String]
    var date: Double
    var messageID: String
    var plain: String?
    var attachments: [Attachment]
}

@Suite("Agreement with Python's email package")
struct OracleTests {
    static let readings: [String: PythonReading] = {
        let url = TestPaths.fixture("mail/expected.json")
        guard let data = try? Data(contentsOf: url),
              let readings = try? JSONDecoder().decode([String: PythonReading].self, from: data) else { return [:] }
        return readings
    }()

    @Test("expected.json is present and covers the well-formed fixtures")
    func present() {
        #expect(Self.readings.count == 8)
    }

    @Test("headers, text and attachments match Python's reading", arguments: [
        "plain-utf8.eml", "italian-qp-latin1.eml", "polish-latin2-base64.eml", "html-only-alternative.eml",
        "mixed-attachments.eml", "reply-thread.eml", "forwarded-rfc822.eml", "quirks-cp1250.eml",
    ])
    func agrees(name: String) throws {
        let python = try #require(Self.readings[name])
        let mail = try fixture(name)
        #expect(mail.subject == python.subject)
        #expect(mail.from?.name == python.from.name)
        #expect(mail.from?.address == python.from.address)
        #expect(mail.to.map(\.address) == python.to)
        #expect(mail.date?.timeIntervalSince1970 == python.date)
        #expect(mail.messageID == python.messageID)
        if let plain = python.plain, !plain.isEmpty {
            let normalized = plain.replacingOccurrences(of: "\r\n", with: "\n")
                .split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0 == "-- " ? String($0) : String($0).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
                .joined(separator: "\n").trimmingCharacters(in: .newlines)
            #expect(mail.textBody == normalized)
        }
        let files = mail.attachments.filter { !$0.isInline }
        #expect(files.map(\.contentType) == python.attachments.map(\.contentType))
        for (ours, theirs) in zip(files, python.attachments) where theirs.base64 != nil {
            #expect(ours.filename == theirs.filename)
            #expect(ours.data == Data(base64Encoded: theirs.base64!))
        }
    }
}
