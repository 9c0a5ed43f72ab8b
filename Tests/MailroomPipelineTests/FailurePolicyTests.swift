import Foundation
import MailroomCapture
import MailroomPipeline
import MailroomStore
import MailroomTestSupport
import Testing

/// A router whose service is down, so every document is deferred.
struct DownRouter: DocumentRouting {
    func route(_ reading: DocumentReading, sha256: String) throws(RoutingError) {
        throw .unavailable("case routing")
    }
}

@Suite("Scan pipeline: failure policies", .serialized)
struct FailurePolicyTests {
    /// A folder with two ordinary scans and one wide page that triggers the special behaviour.
    static func folderWithSpecial(_ label: String) throws -> URL {
        let root = try Scans.folder(2, label: label)
        try Scans.uniqueCopy("page-english.png", tag: label, to: root.appendingPathComponent("special.png"))
        return root
    }

    @Test("every stage declares a policy")
    func declared() {
        #expect(PipelineStage.persist.policy == .retry(attempts: 6, backoff: 0.25))
        #expect(PipelineStage.validate.policy == .skipAndFlag)
        #expect(PipelineStage.route.policy == .deferred)
        #expect(PipelineStage.decode.policy == .quarantine)
        #expect(PipelineStage.policyTable.count == PipelineStage.allCases.count)
    }

    @Test("a busy database is retried with backoff until the other writer lets go")
    func busyRetry() throws {
        let root = try Scans.folder(2, label: "busy")
        let options = Scans.options(root, db: root)
        try Scans.database(options).close()
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        holder.arguments = ["-c", """
            import sqlite3, sys, time
            c = sqlite3.connect(sys.argv[1], isolation_level=None)
            c.execute('BEGIN IMMEDIATE'); c.execute('UPDATE run SET jobs = jobs')
            print('locked', flush=True); time.sleep(1.2); c.execute('COMMIT')
            """, options.databasePath]
        let pipe = Pipe()
        holder.standardOutput = pipe
        try holder.run()
        _ = pipe.fileHandleForReading.availableData // waits for "locked"
        let summary = try Scans.run(options, recognizer: FakeRecognizer.factory { _ in .letter })
        holder.waitUntilExit()
        #expect(summary.processed == 2)
        #expect((summary.retries["persist"] ?? 0) > 0)
        #expect(summary.policies["persist"]?.hasPrefix("retry") == true)
    }

    @Test("Tesseract failures, unknown forms and timeouts quarantine only that document")
    func quarantine() throws {
        for (label, behaviour, stage) in [
            ("ocr", FakeRecognizer.Behaviour.fail(CaptureError(code: .ocr, reason: "Tesseract failed")), "recognise"),
            ("form", .fail(.unknownForm(title: "Mystery Club")), "classify"),
            ("slow", .sleep(2.5), "recognise"),
        ] {
            let root = try Self.folderWithSpecial(label)
            var options = Scans.options(root, db: root)
            options.timeout = 0.6
            let started = Date()
            let summary = try Scans.run(options, recognizer: FakeRecognizer.factory { $0 == 1700 ? behaviour : .letter })
            #expect(summary.processed == 2, "\(label)")
            #expect(summary.quarantined == 1, "\(label)")
            #expect(summary.scanExitCode == .quarantined)
            let entry = try #require(summary.quarantine.first)
            #expect(entry.stage == stage, "\(label)")
            #expect((entry.path as NSString).lastPathComponent == "special.png")
            if label == "slow" {
                #expect(entry.reason.contains("timeout"))
                #expect(Date().timeIntervalSince(started) < 2.5, "the run must not wait for the stuck document")
            }
            let stored = try Scans.database(options).knownDocument(sha256: try #require(entry.sha256))
            #expect(stored?.state == .quarantined)
        }
    }

    @Test("missing postcode data flags the field and the document is still stored")
    func skipAndFlag() throws {
        let root = try Self.folderWithSpecial("flag")
        let options = Scans.options(root, db: root)
        var field = FieldResult(name: "postcode", type: .postcode, raw: "1234", value: "1234", confidence: 95)
        field.flag(.noPostcodeData)
        let flagged = field
        let summary = try Scans.run(options, recognizer: FakeRecognizer.factory { $0 == 1700 ? .coupon(flagged) : .letter })
        #expect(summary.processed == 3)
        #expect(summary.flaggedFields == 1)
        #expect(summary.byKind["coupon"] == 1)
        #expect(summary.byForm["it-fedelta"] == 1)
        #expect(summary.byDecision["review"] == 1)
        #expect(summary.scanExitCode == .success)
    }

    @Test("an unavailable later step defers the document, and the next run finishes it")
    func deferred() throws {
        let root = try Scans.folder(2, label: "deferred")
        let options = Scans.options(root, db: root)
        let first = try Scans.run(options, recognizer: FakeRecognizer.factory { _ in .letter }, router: DownRouter())
        #expect(first.deferred == 2)
        #expect(first.processed == 0)
        #expect(first.scanExitCode == .success)
        let database = try Scans.database(options)
        #expect(try database.documents(state: .deferred).count == 2)
        let second = try Scans.run(options, recognizer: FakeRecognizer.factory { _ in .letter })
        #expect(second.processed == 2)
        #expect(try database.documents(state: .done).count == 2)
    }

    @Test("--reprocess reads chosen documents again and keeps operator decisions")
    func reprocess() throws {
        let root = try Self.folderWithSpecial("reprocess")
        var options = Scans.options(root, db: root)
        let field = FieldResult(name: "town", type: .town, raw: "Milan0", value: "Milano", confidence: 60,
                                decision: .review, reasons: [.lowConfidence])
        let recognizer = FakeRecognizer.factory { $0 == 1700 ? .coupon(field) : .letter }
        _ = try Scans.run(options, recognizer: recognizer)
        let database = try Scans.database(options)
        let coupon = try #require(try database.documents(state: .done).first { $0.kind == .coupon })
        let id = try #require(coupon.id)
        try database.recordDecision(FieldDecisionRecord(documentID: id, fieldName: "town", operatorName: "anna",
                                                        oldValue: "Milan0", newValue: "Milano", action: .correct))
        options.reprocess = [String(coupon.sha256.prefix(10))]
        let again = try Scans.run(options, recognizer: recognizer)
        #expect(again.processed == 1)
        #expect(again.skipped == 2, "\(again.json())")
        #expect(try database.document(id: id)?.processedCount == 2)
        #expect(try database.decisions(documentID: id).count == 1)
        options.reprocess = ["all"]
        #expect(try Scans.run(options, recognizer: recognizer).processed == 3)
        options.reprocess = ["ffffffffffff"]
        #expect(throws: ScanError.self) { try Scans.run(options, recognizer: recognizer) }
    }
}
