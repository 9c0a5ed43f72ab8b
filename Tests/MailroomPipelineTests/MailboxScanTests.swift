import Foundation
import MailroomPipeline
import MailroomStore
import MailroomTestSupport
import Testing

@Suite("Mailboxes: many e-mails in one mbox file", .serialized)
struct MailboxScanTests {
    /// Three messages as Thunderbird exports them; the second's body has a line starting
    /// `From ` after an empty line that is not an envelope (no time), as a careless exporter writes.
    static let mailbox = """
        From alice@example.com Sat Dec  5 10:00:00 2026
        From: Alice Rossi <alice@example.com>
        To: care@shop.example
        Subject: Order ORD-2026-000123 arrived broken
        Date: Sat, 05 Dec 2026 10:00:00 +0100
        Message-ID: <a1@example.com>

        Hello, my order arrived broken.
        >From the look of the box it was dropped.

        From bob@example.com Sat Dec  5 11:00:00 2026
        From: Bob Kowalski <bob@example.com>
        Subject: Where is my refund?
        Date: Sat, 05 Dec 2026 11:00:00 +0100
        Message-ID: <b2@example.com>

        From the desk of Bob: I am still waiting.

        From carol@example.com Sun Dec  6 09:30:00 2026
        From: Carol Neri <carol@example.com>
        Subject: Thanks
        Date: Sun, 06 Dec 2026 09:30:00 +0100
        Message-ID: <c3@example.com>

        All good now.

        """

    @Test("each message of an mbox is stored as an e-mail of its own with the mailbox as its source, once, re-runs too")
    func eachMessageStored() throws {
        let root = try TestPaths.temporaryDirectory("mailbox")
        try Data(Self.mailbox.utf8).write(to: root.appendingPathComponent("export.mbox"))
        let options = Scans.options(root, db: try TestPaths.temporaryDirectory("mailbox-db"), jobs: 2)
        let first = try Scans.run(options)
        #expect(first.processed == 1)
        #expect(first.split == 1)
        #expect(first.parts == 3)
        #expect(first.quarantined == 0)
        #expect(first.byKind == ["batch": 1, "email": 3])

        let database = try Scans.database(options)
        let documents = try database.documents(state: .done)
        let file = try #require(documents.first { $0.kind == .batch })
        let parts = documents.filter { $0.sourceSHA256 == file.sha256 }.sorted { ($0.sourcePages ?? "") < ($1.sourcePages ?? "") }
        #expect(parts.map(\.sourcePages) == ["1", "2", "3"])
        #expect(parts.allSatisfy { $0.kind == .email && $0.path.hasPrefix(options.partsFolder.path) })
        let senders = try parts.map { part in
            try database.fields(documentID: try #require(part.id)).first { $0.name == "sender_email" }?.value
        }
        #expect(senders == ["alice@example.com", "bob@example.com", "carol@example.com"])
        // Bob's body line was not taken for the start of a fourth message.
        let subjects = try parts.map { part in try database.fields(documentID: try #require(part.id)).first { $0.name == "subject" }?.value }
        #expect(subjects == ["Order ORD-2026-000123 arrived broken", "Where is my refund?", "Thanks"])

        let again = try Scans.run(options)
        #expect(again.processed == 0)
        #expect(again.skipped == 1)
        #expect(try database.documents(state: .done).count == 4)
    }
}
