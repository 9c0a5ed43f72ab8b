import Foundation
import MailroomCapture
import MailroomImaging
@testable import MailroomPipeline
import MailroomStore
import MailroomTestSupport
import Testing

@Suite("E-mail domains checked again when the run is over")
struct MailDomainRecheckTests {
    /// An e-mail field as the checker leaves one whose domain no list held when it was read.
    static func unfamiliar(_ address: String) -> FieldResult {
        FieldResult(name: "email", type: .email, raw: address.uppercased(), value: address, confidence: 90,
                    decision: .review, reasons: [.unfamiliarMailDomain])
    }

    /// Runs a scan of `options` whose coupons all hold `field`, after the run's domain book was
    /// taught `casella.example.net` by two later coupons (the real reader records each address).
    static func runLearningCasella(_ options: ScanOptions, field: FieldResult) throws -> RunSummary {
        let pipeline = ScanPipeline(options: options, logger: Scans.quiet, progress: .none,
                                    recognizer: FakeRecognizer.factory { _ in .coupon(field) })
        pipeline.learnedDomains.record(address: "bruno@casella.example.net")
        pipeline.learnedDomains.record(address: "carla@casella.example.net")
        return try pipeline.run()
    }

    @Test("a run's e-mails read before it learned their domain take it at the end; an earlier run's are left alone")
    func laterDomainTaken() throws {
        let db = try TestPaths.temporaryDirectory("recheck-db")
        let field = Self.unfamiliar("anna@caselia.example.net")
        // Night one: one coupon, and the book never learns casella.example.net, so nothing changes
        // (two coupons would have taught it the misread domain itself).
        let firstOptions = Scans.options(try Scans.folder(1, label: "night1"), db: db)
        _ = try Scans.run(firstOptions, recognizer: FakeRecognizer.factory { _ in .coupon(field) })

        let options = Scans.options(try Scans.folder(2, label: "night2"), db: db)
        let summary = try Self.runLearningCasella(options, field: field)
        #expect(summary.exitCode == ScanExitCode.success.rawValue)

        let database = try Scans.database(options)
        let runs = try database.documents(state: .done).reduce(into: [Int64: [FieldRecord]]()) { byRun, document in
            byRun[document.runID ?? 0, default: []] += try database.fields(documentID: document.id ?? 0)
        }
        #expect(runs.count == 2)
        let (earlier, later) = (try #require(runs[runs.keys.min() ?? 0]), try #require(runs[runs.keys.max() ?? 0]))
        for stored in later {
            #expect(stored.value == "anna@casella.example.net")
            #expect(stored.decision == .review)
            #expect(stored.reason == ReviewReason.laterDomainGuessed.rawValue)
            #expect(stored.corrections.last == FieldCorrection(from: "anna@caselia.example.net", to: "anna@casella.example.net",
                                                               reason: LearnedDomains.laterCorrectionReason))
        }
        for stored in earlier {
            #expect(stored.value == "anna@caselia.example.net")
            #expect(stored.reason == ReviewReason.unfamiliarMailDomain.rawValue)
        }
    }

    @Test("at the end of a run an e-mail whose domain was read too badly to correct takes the known domain clearly nearest it, and is no longer invalid")
    func farDomainTaken() throws {
        let db = try TestPaths.temporaryDirectory("recheck-far-db")
        let options = Scans.options(try Scans.folder(1, label: "far"), db: db)
        var field = Self.unfamiliar("anna@qbcaseiia.exanple.n")
        field.reasons.insert(.invalidEmail, at: 0)
        _ = try Self.runLearningCasella(options, field: field)
        let database = try Scans.database(options)
        let document = try #require(try database.documents(state: .done).first)
        let stored = try #require(try database.fields(documentID: document.id ?? 0).first)
        #expect(stored.value == "anna@casella.example.net")
        #expect(stored.decision == .review)
        #expect(stored.reason == ReviewReason.farDomainGuessed.rawValue)
        #expect(stored.corrections.last?.reason == LearnedDomains.farGuessReason)
        #expect(stored.alternatives.first?.value == "anna@qbcaseiia.exanple.n")
    }

    @Test("a run killed before its end-of-run check has its e-mails checked by the next run")
    func killedRunCaughtUp() throws {
        let db = try TestPaths.temporaryDirectory("recheck-killed-db")
        let field = Self.unfamiliar("anna@caselia.example.net")
        let firstOptions = Scans.options(try Scans.folder(1, label: "killed1"), db: db)
        _ = try Scans.run(firstOptions, recognizer: FakeRecognizer.factory { _ in .coupon(field) })
        // As a kill after its coupons were stored leaves it: the run still marked running.
        let database = try Scans.database(firstOptions)
        let killed = try #require(try database.latestRun()?.id)
        try database.finishRun(id: killed, status: .running, counts: RunCounts())

        let options = Scans.options(try Scans.folder(1, label: "killed2"), db: db)
        let summary = try Self.runLearningCasella(options, field: field)
        #expect(summary.interruptedRuns == [killed])

        let documents = try database.documents(state: .done)
        #expect(documents.count == 2)
        for document in documents {
            let email = try #require(try database.fields(documentID: document.id ?? 0).first)
            #expect(email.value == "anna@casella.example.net", "run \(document.runID ?? 0)")
            #expect(email.reason == ReviewReason.laterDomainGuessed.rawValue)
            #expect(email.corrections.count == 1)
        }

        // The next completed run leaves them as they are: nothing is corrected twice.
        let third = Scans.options(try Scans.folder(1, label: "killed3"), db: db)
        _ = try Self.runLearningCasella(third, field: field)
        for document in documents {
            #expect(try database.fields(documentID: document.id ?? 0).first?.corrections.count == 1)
        }
    }

    @Test("at the end of a run a coupon's read country domain is taken only for its own country's")
    func laterDomainByCountry() throws {
        func run(countries: [String: String]) throws -> String? {
            let db = try TestPaths.temporaryDirectory("recheck-country")
            let options = Scans.options(try Scans.folder(1, label: "night"), db: db)
            let pipeline = ScanPipeline(options: options, logger: Scans.quiet, progress: .none,
                                        recognizer: FakeRecognizer.factory { _ in .coupon(Self.unfamiliar("anna@exanple.at")) })
            pipeline.formCountries = countries
            for name in ["bruno", "carla"] { pipeline.learnedDomains.record(address: "\(name)@example.it") }
            _ = try pipeline.run()
            let database = try Scans.database(options)
            let document = try #require(try database.documents(state: .done).first)
            return try database.fields(documentID: document.id ?? 0).first?.value
        }
        // The fake reader's coupons are of form it-fedelta.
        #expect(try run(countries: ["it-fedelta": "IT"]) == "anna@example.it")
        #expect(try run(countries: ["it-fedelta": "PL"]) == "anna@exanple.at")
    }
}
