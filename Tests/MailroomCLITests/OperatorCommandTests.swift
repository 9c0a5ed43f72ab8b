import Foundation
import MailroomStore
import MailroomTestSupport
import Testing

@Suite("mailroom review, export and report, end to end", .serialized)
struct OperatorCommandTests {
    /// A database with one Italian coupon whose surname, first name, date and town wait for
    /// review, and a verified one; the first coupon's scan is a real PNG in the folder.
    static func database(_ label: String) throws -> (URL, String, Int64) {
        let folder = try TestPaths.temporaryDirectory(label)
        let scan = folder.appendingPathComponent("coupon.png")
        try FileManager.default.copyItem(at: TestPaths.fixture("line-address.png"), to: scan)
        let path = folder.appendingPathComponent("mailroom.sqlite").path
        let database = try MailroomDatabase.open(path: path)
        let run = try database.beginRun(jobs: 1, arguments: [])
        func coupon(_ sha: String, _ file: String, review: Set<String>, email: String) -> DocumentWrite {
            let values: [(String, String, String)] = [
                ("card", "card", "7800123456789012"), ("date", "date", "2026-10-05"), ("surname", "name", "ROSSI"),
                ("first_name", "name", "GIULIO"), ("street", "street", "VIA ROMA 1"), ("postcode", "postcode", "10121"),
                ("town", "town", "TORINO"), ("email", "email", email), ("phone", "phone", "3331234567"), ("consent", "tick", "true"),
            ]
            let fields = values.map { name, type, value in
                FieldRecord(name: name, type: type, raw: value, value: value, confidence: 70,
                            alternatives: name == "surname" ? [FieldAlternative(value: "RUSSI"), FieldAlternative(value: "ROSSO")] : [],
                            box: FieldBox(x: 20, y: 10, width: 600, height: 90),
                            decision: review.contains(name) ? .review : .accepted, reason: review.contains(name) ? "low confidence" : nil)
            }
            return DocumentWrite(document: DocumentRecord(sha256: sha, path: file, size: 1, pageCount: 1, kind: .coupon,
                                                          formID: "it-fedelta", state: .done, runID: run),
                                 pages: [PageRecord(number: 1, width: 1300, height: 120, orientationDegrees: 0)], fields: fields)
        }
        let saved = try database.persist(StoreBatch(documents: [
            coupon(String(repeating: "ab", count: 32), scan.path, review: ["surname", "first_name", "date", "town"], email: "g@example.it"),
            coupon(String(repeating: "cd", count: 32), scan.path, review: [], email: "h@example.it"),
        ]))
        try database.finishRun(id: run, status: .completed, counts: RunCounts(discovered: 2, processed: 2))
        try database.close()
        return (folder, path, saved[0].id!)
    }

    func environment() -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["OMP_THREAD_LIMIT"] = "1"
        environment["MAILROOM_POSTCODES"] = TestPaths.postcodes.path
        environment["MAILROOM_FORMS"] = TestPaths.forms.path
        environment["COLORTERM"] = "truecolor"
        environment["TERM"] = "xterm-256color"
        return environment
    }

    @Test("interactive review on a pseudo-terminal: pick, correct, accept, undo, skip, quit, then resume")
    func interactive() throws {
        let (folder, db, id) = try Self.database("review-tty")
        let first = try PseudoTerminal(CLI.binary, arguments: ["review", "--db", db, "--operator", "tess"],
                                       directory: folder, environment: environment())
        let prompt = "\n> "
        // The queue follows the form's field order: date, surname, first_name, town.
        #expect(first.wait(for: prompt, count: 1), "\(first.text)")
        #expect(first.text.contains("field date [date]"))
        #expect(first.text.contains("\u{1B}[38;2;"))
        #expect(first.text.contains("▀"))
        first.type("")                        // accept the date
        #expect(first.wait(for: prompt, count: 2), "\(first.text)")
        #expect(first.text.contains("field surname [name]"))
        #expect(first.text.contains("#2 ROSSO"))
        first.type("2")                       // pick ROSSO (a bare number picks on a name field)
        #expect(first.wait(for: prompt, count: 3), "\(first.text)")
        #expect(first.text.contains("field first_name [name]"))
        first.type("Giulia")                  // correct the first name
        #expect(first.wait(for: prompt, count: 4), "\(first.text)")
        #expect(first.text.contains("field town [town]"))
        first.type("u")                       // undo the correction: the first name comes back
        #expect(first.wait(for: prompt, count: 5), "\(first.text)")
        #expect(first.text.contains("undone: document \(id) first_name back to 'GIULIO'"))
        first.type("s")                       // skip it for this session
        #expect(first.wait(for: prompt, count: 6), "\(first.text)")
        first.type("q")
        #expect(first.finish() == 0, "\(first.text)")
        #expect(first.text.contains("Stopped; 2 field(s) left for review"))

        var database = try MailroomDatabase.open(path: db)
        #expect(try database.field(documentID: id, name: "date")?.decision == .accepted)
        #expect(try database.field(documentID: id, name: "surname")?.value == "ROSSO")
        let name = try database.field(documentID: id, name: "first_name")
        #expect(name?.value == "GIULIO" && name?.decision == .review)
        #expect(try database.field(documentID: id, name: "town")?.decision == .review)
        #expect(try database.decisions(documentID: id).map(\.action) == [.accept, .pick, .correct, .undo, .skip])
        #expect(try database.decisions(documentID: id).allSatisfy { $0.operatorName == "tess" })
        try database.close()

        let second = try PseudoTerminal(CLI.binary, arguments: ["review", "--db", db, "--operator", "tess"],
                                        directory: folder, environment: environment())
        #expect(second.wait(for: prompt, count: 1), "\(second.text)")
        #expect(second.text.contains("field first_name [name]"))   // the skipped field is back
        second.type("")
        #expect(second.wait(for: prompt, count: 2), "\(second.text)")
        #expect(second.text.contains("#1 10121 TORINO"))
        second.type("#1")                     // town: the directory's first pair
        #expect(second.wait(for: "Nothing left to review"), "\(second.text)")
        #expect(second.finish() == 0)
        database = try MailroomDatabase.open(path: db)
        #expect(try database.fieldsNeedingReview().isEmpty)
        #expect(try database.field(documentID: id, name: "town")?.value == "TORINO")
        #expect(try database.field(documentID: id, name: "first_name")?.value == "GIULIO")
    }

    @Test("review list, show, set and accept without a terminal")
    func nonInteractive() throws {
        let (folder, db, id) = try Self.database("review-cli")
        let list = try CLI.run(["review", "list", "--db", db, "--json"], in: folder)
        #expect(list.status == 0, "\(list.stderr)")
        let documents = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(documents.map { $0["verified"] as? Bool } == [false, true])
        #expect(documents.first?["pending"] as? Int == 4)

        let show = try CLI.run(["review", "show", "abab", "surname", "--db", db, "--json"], in: folder)
        #expect(show.status == 0, "\(show.stderr)")
        let entry = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        #expect(entry["choices"] as? [String] == ["RUSSI", "ROSSO"])

        let bad = try CLI.run(["review", "set", "\(id)", "date", "31.02.2026", "--db", db, "--operator", "ada"], in: folder)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("not a valid date"))
        let good = try CLI.run(["review", "set", "\(id)", "first_name", "giulia", "--db", db, "--operator", "ada"], in: folder)
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout.contains("'GIULIA'"))
        let accept = try CLI.run(["review", "accept", "\(id)", "--db", db, "--operator", "ada"], in: folder)
        #expect(accept.status == 0, "\(accept.stderr)")
        #expect(accept.stdout.contains("document \(id) verified"))
        let missing = try CLI.run(["review", "show", "999", "--db", db], in: folder)
        #expect(missing.status == 1)
        let notATerminal = try CLI.run(["review", "--db", db], in: folder)
        #expect(notATerminal.status == 2)

        let database = try MailroomDatabase.open(path: db)
        #expect(try database.decisions(documentID: id).map(\.action) == [.correct, .accept, .accept, .accept])
        #expect(try database.auditLog(operatorName: "ada").count == 4)
    }

    @Test("export loyalty is incremental, byte-identical with --all, and report writes JSON and HTML")
    func exportAndReport() throws {
        let (folder, db, _) = try Self.database("export-cli")
        let out = folder.appendingPathComponent("marketing.csv").path
        let first = try CLI.run(["export", "loyalty", "--purpose", "marketing", "--out", out, "--db", db], in: folder)
        #expect(first.status == 0, "\(first.stderr)")
        let csv = try String(contentsOfFile: out, encoding: .utf8)
        #expect(csv.components(separatedBy: "\r\n").count == 3)   // header, one customer, final empty
        #expect(csv.contains("email:h@example.it"))
        let second = try CLI.run(["export", "loyalty", "--purpose", "marketing", "--out", out, "--db", db], in: folder)
        #expect(second.stdout.contains("wrote 0 customer(s)"))
        let a = folder.appendingPathComponent("a.jsonl").path, b = folder.appendingPathComponent("b.jsonl").path
        _ = try CLI.run(["export", "loyalty", "--purpose", "operations", "--format", "jsonl", "--all", "--out", a, "--db", db], in: folder)
        _ = try CLI.run(["export", "loyalty", "--purpose", "operations", "--format", "jsonl", "--all", "--out", b, "--db", db], in: folder)
        #expect(try Data(contentsOf: URL(fileURLWithPath: a)) == Data(contentsOf: URL(fileURLWithPath: b)))
        let usage = try CLI.run(["export", "loyalty", "--purpose", "everyone", "--db", db], in: folder)
        #expect(usage.status == 2)

        let html = folder.appendingPathComponent("report.html").path
        let report = try CLI.run(["report", "--json", "--html", html, "--db", db], in: folder)
        #expect(report.status == 0, "\(report.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        #expect((object["review_queue"] as? [String: Any])?["fields"] as? Int == 4)
        #expect(try String(contentsOfFile: html, encoding: .utf8).contains("<svg"))
    }
}
