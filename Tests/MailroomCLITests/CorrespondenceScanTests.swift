import Foundation
import MailroomStore
import MailroomTestSupport
import Testing

@Suite("mailroom scan: letters and e-mails become cases")
struct CorrespondenceScanTests {
    @Test("a scanned letter opens a case; an e-mail and its reply share one; a re-run files nothing twice; search finds them")
    func lettersAndMail() throws {
        let folder = try TestPaths.temporaryDirectory("correspondence")
        let inbox = folder.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        let files = [TestPaths.samples.appendingPathComponent("letter-ita-001.png"),
                     TestPaths.fixture("mail/plain-utf8.eml"), TestPaths.fixture("mail/reply-thread.eml")]
        for file in files {
            try FileManager.default.copyItem(at: file, to: inbox.appendingPathComponent(file.lastPathComponent))
        }
        let db = folder.appendingPathComponent("mailroom.sqlite").path
        let rules = TestPaths.root.appendingPathComponent("config/routing.yaml").path
        let scan = try CLI.run(["scan", "inbox", "--db", db, "--rules", rules, "--json"], in: folder)
        #expect(scan.status == 0, "\(scan.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(scan.stdout.utf8)) as? [String: Any])
        #expect(summary["cases"] as? [String: Int] == ["opened": 2, "joined": 1])

        let database = try MailroomDatabase.open(path: db)
        let letter = try #require(try database.documents(state: .done).first { $0.kind == .letter })
        let fields = try database.fields(documentID: try #require(letter.id))
        #expect(fields.first { $0.name == "sender_postcode" }?.value == "09071")
        #expect(fields.first { $0.name == "reference_order" }?.value == "ORD-2026-033736")

        let listed = try CLI.run(["cases", "list", "--json", "--db", db, "--rules", rules], in: folder)
        let cases = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        #expect(cases.count == 2)

        let again = try CLI.run(["scan", "inbox", "--db", db, "--rules", rules, "--json"], in: folder)
        let second = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
        #expect((second["cases"] as? [String: Int] ?? [:]).isEmpty)

        let found = try CLI.run(["search", "ritardo", "--db", db, "--json"], in: folder)
        #expect(found.status == 0, "\(found.stderr)")
        let hits = try #require(try JSONSerialization.jsonObject(with: Data(found.stdout.utf8)) as? [[String: Any]])
        #expect(hits.count == 2)
    }

    @Test("without routing rules the scan still succeeds and says filing is deferred")
    func deferredWithoutRules() throws {
        let folder = try TestPaths.temporaryDirectory("correspondence-deferred")
        try FileManager.default.copyItem(at: TestPaths.fixture("mail/plain-utf8.eml"),
                                         to: folder.appendingPathComponent("plain.eml"))
        let db = folder.appendingPathComponent("mailroom.sqlite").path
        let scan = try CLI.run(["scan", "plain.eml", "--db", db, "--rules", "missing.yaml"], in: folder)
        #expect(scan.status == 0, "\(scan.stderr)")
        #expect(scan.stdout.contains("cases deferred to the next run"))
        #expect(scan.stdout.contains("missing.yaml"))
    }
}
