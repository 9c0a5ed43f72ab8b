import Foundation
import MailroomStore
import MailroomTestSupport
import Testing

@Suite("mailroom customers / cases / search")
struct CasesCommandTests {
    /// A letter from Anna Kowalska stored straight into the database, as `scan` would.
    func storeLetter(_ databasePath: String, image: String = "/scans/letter-1.tif") throws {
        let database = try MailroomDatabase.open(path: databasePath)
        let runID = try database.beginRun(jobs: 1, arguments: ["test"])
        let letter = DocumentRecord(
            sha256: String(repeating: "ab", count: 32), path: image, size: 10, pageCount: 1,
            kind: .letter, state: .done, runID: runID, language: "pol",
            text: "Składam reklamację: pralka dostarczona do Krakowa nie działa.")
        let fields = [("sender_name", "Anna Kowalska"), ("sender_postcode", "31-042"), ("subject", "Reklamacja pralki")]
            .map { FieldRecord(name: $0.0, type: "text", raw: $0.1, value: $0.1, confidence: 0.9, decision: .accepted) }
        try database.persist(StoreBatch(documents: [DocumentWrite(document: letter, fields: fields)]))
        try database.close()
    }

    func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    @Test("customers import, cases route, cases list --json, a case's life, search")
    func endToEnd() throws {
        let folder = try TestPaths.temporaryDirectory("cases-cli")
        let db = folder.appendingPathComponent("mailroom.sqlite").path
        let csv = """
            id,name,street,postcode,town,country,email,phone,contract_level,vip
            K-1,Anna Kowalska,ul. Długa 5,31042,Kraków,PL,anna@example.pl,,gold,no
            K-2,Anna Kowalska,ul. Prosta 1,00-950,Warszawa,PL,,,,no
            K-3,Broken Mail,,,,,nope@,,,no
            """
        try csv.write(to: folder.appendingPathComponent("customers.csv"), atomically: true, encoding: .utf8)

        let imported = try CLI.run(["customers", "import", "customers.csv", "--db", db], in: folder)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("2 imported, 0 updated, 1 rejected"))
        #expect(imported.stderr.contains("customers.csv:4: rejected"))

        // The archive bundle needs the letter's scan: a real image stands in for it.
        let scan = folder.appendingPathComponent("letter-1.png")
        try FileManager.default.copyItem(at: TestPaths.fixture("page-english.png"), to: scan)
        try storeLetter(db, image: scan.path)
        let routed = try CLI.run(["cases", "route", "--db", db, "--json"], in: folder)
        #expect(routed.status == 0, "\(routed.stderr)")
        let outcomes = try #require(try json(routed.stdout) as? [[String: Any]])
        #expect(outcomes.count == 1 && outcomes.first?["action"] as? String == "opened")

        let listed = try CLI.run(["cases", "list", "--json", "--db", db], in: folder)
        #expect(listed.status == 0, "\(listed.stderr)")
        let cases = try #require(try json(listed.stdout) as? [[String: Any]])
        #expect(cases.count == 1)
        let first = try #require(cases.first)
        #expect(first["customer_id"] as? String == "K-1")
        #expect(first["state"] as? String == "new")
        #expect(first["queue"] as? String == "premium")
        #expect(first["topic"] as? String == "complaint")
        let reference = try #require(first["reference"] as? String)

        let again = try CLI.run(["cases", "route", "--db", db], in: folder)
        #expect(again.stdout.contains("0 documents"))

        let assigned = try CLI.run(["cases", "assign", reference, "marta", "--db", db, "--operator", "lead"], in: folder)
        #expect(assigned.status == 0 && assigned.stdout.contains("now assigned"), "\(assigned.stderr)")
        let forwarded = try CLI.run(["cases", "forward", reference, "service", "--due", "2026-12-18", "--db", db], in: folder)
        #expect(forwarded.status == 0 && forwarded.stdout.contains("waiting_on_unit"), "\(forwarded.stderr)")
        let refused = try CLI.run(["cases", "reopen", reference, "--db", db], in: folder)
        #expect(refused.status == 1 && refused.stderr.contains("allowed now"))
        for step in [["unit-answered", reference, "technician visit booked"], ["reply", reference, "A technician will come."],
                     ["close", reference], ["archive", reference, "--to", "bundles"]] {
            let result = try CLI.run(["cases"] + step + ["--db", db], in: folder)
            #expect(result.status == 0, "\(step): \(result.stderr)")
        }
        let readOnly = try CLI.run(["cases", "note", reference, "late note", "--db", db], in: folder)
        #expect(readOnly.status == 1 && readOnly.stderr.contains("archived"))

        let shown = try CLI.run(["cases", "show", reference, "--json", "--db", db], in: folder)
        let detail = try #require(try json(shown.stdout) as? [String: Any])
        let events = try #require(detail["events"] as? [[String: Any]])
        #expect(events.map { $0["kind"] as? String } == ["transition", "assign", "forward", "unit-answer", "reply",
                                                         "transition", "transition"])
        #expect(events[1]["actor"] as? String == "lead")

        let found = try CLI.run(["search", "kraków", "--json", "--db", db], in: folder)
        #expect(found.status == 0, "\(found.stderr)")
        let hits = try #require(try json(found.stdout) as? [[String: Any]])
        #expect(hits.count == 1 && hits.first?["caseReference"] as? String == reference)
        let hostile = try CLI.run(["search", "\"NEAR(", "--db", db], in: folder)
        #expect(hostile.status == 0, "\(hostile.stderr)")
    }

    @Test("an unreadable CSV and bad routing rules exit 2 naming the file")
    func configurationErrors() throws {
        let folder = try TestPaths.temporaryDirectory("cases-cli-errors")
        let db = folder.appendingPathComponent("mailroom.sqlite").path
        let missing = try CLI.run(["customers", "import", "missing.csv", "--db", db], in: folder)
        #expect(missing.status == 2 && missing.stderr.contains("missing.csv"))
        let bad = folder.appendingPathComponent("bad.yaml")
        try "rules: [".write(to: bad, atomically: true, encoding: .utf8)
        let listed = try CLI.run(["cases", "list", "--db", db, "--rules", bad.path], in: folder)
        #expect(listed.status == 2 && listed.stderr.contains("bad.yaml"))
        let usage = try CLI.run(["cases", "list", "--state", "sleeping", "--db", db], in: folder)
        #expect(usage.status == 2)
    }
}
