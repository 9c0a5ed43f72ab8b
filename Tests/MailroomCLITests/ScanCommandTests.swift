import Foundation
import MailroomStore
import MailroomTestSupport
import Testing

@Suite("mailroom scan, end to end", .serialized)
struct ScanCommandTests {
    @Test("exit 0 and a JSON summary on stdout; a re-run reads nothing")
    func success() throws {
        let root = try CLI.scans(2, label: "ok")
        let first = try CLI.run(["scan", "in", "--db", "m.sqlite", "--lang", "eng", "--json"], in: root)
        #expect(first.status == 0, "\(first.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        #expect(json["processed"] as? Int == 2)
        #expect((json["byKind"] as? [String: Int])?["letter"] == 2)
        let second = try CLI.run(["scan", "in", "--db", "m.sqlite", "--lang", "eng"], in: root)
        #expect(second.status == 0)
        #expect(second.stdout.contains("0 read, 2 already known"))
    }

    @Test("exit 1 when a document is quarantined, with the reason in the summary")
    func quarantined() throws {
        let root = try CLI.scans(1, label: "bad")
        try Data("hello".utf8).write(to: root.appendingPathComponent("in/letter.pdf"))
        let result = try CLI.run(["scan", "in", "--db", "m.sqlite", "--lang", "eng"], in: root)
        #expect(result.status == 1)
        #expect(result.stdout.contains("letter.pdf [decode]: unsupportedFormat"))
    }

    @Test("exit 2 for a bad configuration")
    func configuration() throws {
        let root = try CLI.scans(1, label: "conf")
        let result = try CLI.run(["scan", "in", "--db", "m.sqlite", "--forms", "nowhere"], in: root)
        #expect(result.status == 2)
        #expect(result.stderr.contains("forms"))
        let lang = try CLI.run(["scan", "in", "--db", "m.sqlite", "--lang", "xx"], in: root)
        #expect(lang.status == 2)
        let usage = try CLI.run(["scan", "in", "--jobs", "many"], in: root)
        #expect(usage.status == 2)
        #expect(usage.stderr.contains("--jobs"))
    }

    @Test("exit 3 when another run holds the lock, naming its pid")
    func locked() throws {
        let root = try CLI.scans(1, label: "locked")
        let lock = try RunLock.acquire(databasePath: root.appendingPathComponent("m.sqlite").path)
        defer { lock.release() }
        let result = try CLI.run(["scan", "in", "--db", "m.sqlite", "--lang", "eng"], in: root)
        #expect(result.status == 3)
        #expect(result.stderr.contains("pid \(getpid())"))
    }

    @Test("two concurrent runs: one works, the other exits 3")
    func concurrent() throws {
        let root = try CLI.scans(4, label: "twice")
        let arguments = ["scan", "in", "--db", "m.sqlite", "--lang", "eng", "--jobs", "1"]
        let (a, _, _) = try CLI.start(arguments, in: root)
        let (b, _, _) = try CLI.start(arguments, in: root)
        a.waitUntilExit()
        b.waitUntilExit()
        #expect([a.terminationStatus, b.terminationStatus].sorted() == [0, 3])
    }

    @Test("kill -9 in the middle of a run, then a re-run: every document stored exactly once", .timeLimit(.minutes(2)))
    func killAndRerun() throws {
        let count = 12
        let root = try CLI.scans(count, label: "kill")
        let db = root.appendingPathComponent("m.sqlite").path
        let arguments = ["scan", "in", "--db", "m.sqlite", "--lang", "eng", "--batch-size", "2", "--log-level", "error"]
        // Created (migrated) before the run, so polling it never competes with the migration.
        let database = try MailroomDatabase.open(path: db)
        let (process, _, err) = try CLI.start(arguments, in: root)
        var committed = 0
        let deadline = Date().addingTimeInterval(60)
        while committed == 0 && process.isRunning && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            committed = (try? database.documents(state: .done).count) ?? 0
        }
        #expect(process.isRunning, "\((try? String(contentsOf: err, encoding: .utf8)) ?? "")")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)

        let before = try database.documents(state: .done).count
        #expect(before > 0 && before < count)
        let rerun = try CLI.run(arguments + ["--json"], in: root)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(rerun.stdout.utf8)) as? [String: Any])
        #expect(json["processed"] as? Int == count - before)
        #expect(json["skipped"] as? Int == before)
        #expect((json["interruptedRuns"] as? [Int])?.count == 1)

        let documents = try database.documents(state: .done)
        #expect(documents.count == count)
        #expect(Set(documents.map(\.sha256)).count == count)
        #expect(documents.allSatisfy { $0.processedCount == 1 })
        for document in documents {
            #expect(try database.pages(documentID: try #require(document.id)).count == document.pageCount)
        }
        #expect(try database.runs().map(\.status).sorted { $0.rawValue < $1.rawValue } == [.completed, .interrupted])
    }
}
