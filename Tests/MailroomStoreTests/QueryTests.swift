import Foundation
import Testing
@testable import MailroomStore

@Suite("Runs and queries")
struct QueryTests {
    @Test("begin, finish, latest run and interrupted runs")
    func runs() throws {
        let dir = try TemporaryDirectory()
        let database = try MailroomDatabase.open(path: dir.databasePath)
        #expect(try database.latestRun() == nil)
        let first = try database.beginRun(jobs: 4, arguments: ["scan", "/in"])
        let running = try #require(try database.run(id: first))
        #expect(running.status == .running)
        #expect(running.jobs == 4)
        #expect(running.pid == getpid())
        #expect(running.endedAt == nil)

        let counts = RunCounts(discovered: 10, processed: 6, skipped: 2, quarantined: 1, deferred: 1)
        try database.finishRun(id: first, status: .completed, counts: counts, summary: #"{"ok":true}"#)
        let finished = try #require(try database.run(id: first))
        #expect(finished.status == .completed)
        #expect(finished.counts == counts)
        #expect(finished.summary == #"{"ok":true}"#)
        #expect(finished.endedAt != nil)

        let second = try database.beginRun(jobs: 1, arguments: [])
        #expect(try database.latestRun()?.id == second)
        #expect(try database.runs().map(\.id) == [second, first])
        #expect(try database.markRunningRunsInterrupted() == [second])
        #expect(try database.run(id: second)?.status == .interrupted)
        #expect(try database.run(id: first)?.status == .completed)
        let third = try database.beginRun(jobs: 1, arguments: [])
        try database.finishRun(id: third, status: .failed, counts: RunCounts())
        #expect(try database.unfinishedRunsSinceLastCompleted() == [second, third])
        let fourth = try database.beginRun(jobs: 1, arguments: [])
        try database.finishRun(id: fourth, status: .completed, counts: RunCounts())
        #expect(try database.unfinishedRunsSinceLastCompleted().isEmpty)

        let error = try #require(throws: StoreError.self) {
            try database.finishRun(id: 77, status: .failed, counts: RunCounts())
        }
        #expect(error == .notFound("run 77"))
    }

    @Test("counts by kind, form, state and decision for a run")
    func counts() throws {
        let dir = try TemporaryDirectory()
        let (database, runID) = try openWithRun(dir)
        let otherRun = try database.beginRun(jobs: 1, arguments: [])
        try database.persist(StoreBatch(documents: [
            documentWrite(sha("c1"), runID: runID, formID: "coupon-a",
                          fields: [field("name", "A"), field("zip", "1", decision: .review)]),
            documentWrite(sha("c2"), runID: runID, formID: "coupon-b", fields: [field("name", "B")]),
            documentWrite(sha("c3"), runID: runID, formID: "coupon-a", state: .deferred, fields: []),
            documentWrite(sha("l1"), runID: runID, kind: .letter, formID: nil, fields: []),
            documentWrite(sha("o1"), runID: otherRun, formID: "coupon-a"),
        ]))
        #expect(try database.countsByKind(runID: runID) == [.coupon: 3, .letter: 1])
        #expect(try database.countsByForm(runID: runID) == ["coupon-a": 2, "coupon-b": 1])
        #expect(try database.countsByState(runID: runID) == [.done: 3, .deferred: 1])
        #expect(try database.countsByDecision(runID: runID) == [.accepted: 2, .review: 1])
        #expect(try database.countsByKind(runID: 999).isEmpty)
    }

    @Test("e-mail domains are counted once per document, lower case, from e-mail fields holding an @")
    func emailDomains() throws {
        let dir = try TemporaryDirectory()
        let (database, runID) = try openWithRun(dir)
        func email(_ value: String?) -> FieldRecord {
            var record = field("email", value)
            record.type = "email"
            return record
        }
        try database.persist(StoreBatch(documents: [
            documentWrite(sha("e1"), runID: runID, fields: [email("anna@Casella.Example.NET")]),
            documentWrite(sha("e2"), runID: runID, fields: [email("bruno@casella.example.net"), field("note", "x@casella.example.net")]),
            documentWrite(sha("e3"), runID: runID, fields: [email("carla@mail.example")]),
            documentWrite(sha("e4"), runID: runID, fields: [email("no-at-sign")]),
            documentWrite(sha("e5"), runID: runID, fields: [email(nil)]),
        ]))
        #expect(try database.emailDomainCounts() == ["casella.example.net": 2, "mail.example": 1])
    }

    @Test("documents by state")
    func byState() throws {
        let dir = try TemporaryDirectory()
        let (database, runID) = try openWithRun(dir)
        try database.persist(StoreBatch(documents: [
            documentWrite(sha("d1"), runID: runID, state: .deferred),
            documentWrite(sha("ok"), runID: runID),
            documentWrite(sha("d2"), runID: runID, state: .deferred),
            documentWrite(sha("q1"), runID: runID, state: .quarantined),
        ]))
        #expect(try database.documents(state: .deferred).map(\.sha256) == [sha("d1"), sha("d2")])
        #expect(try database.documents(state: .deferred, limit: 1).map(\.sha256) == [sha("d1")])
        #expect(try database.documents(state: .quarantined).count == 1)
    }

    @Test("fields needing review come ordered by run, then document")
    func review() throws {
        let dir = try TemporaryDirectory()
        let (database, firstRun) = try openWithRun(dir)
        let secondRun = try database.beginRun(jobs: 1, arguments: [])
        try database.persist(StoreBatch(documents: [
            documentWrite(sha("late"), runID: secondRun, fields: [field("zip", "9", decision: .review)]),
            documentWrite(sha("early"), runID: firstRun,
                          fields: [field("name", "X", decision: .review), field("city", "Y"),
                                   field("zip", "Z", decision: .review)]),
        ]))
        let all = try database.fieldsNeedingReview()
        #expect(all.map(\.document.sha256) == [sha("early"), sha("early"), sha("late")])
        #expect(all.map(\.field.name) == ["name", "zip", "zip"])
        #expect(all.allSatisfy { $0.field.decision == .review && $0.field.documentID == $0.document.id })
        #expect(try database.fieldsNeedingReview(runID: secondRun).map(\.field.name) == ["zip"])
        #expect(try database.fieldsNeedingReview(limit: 1).count == 1)
    }

    @Test("documents matching ids or sha256 prefixes, for --reprocess")
    func matching() throws {
        let dir = try TemporaryDirectory()
        let (database, runID) = try openWithRun(dir)
        let saved = try database.persist(StoreBatch(documents: [
            documentWrite("abc1" + String(repeating: "0", count: 60), runID: runID),
            documentWrite("abc2" + String(repeating: "0", count: 60), runID: runID),
            documentWrite("def0" + String(repeating: "0", count: 60), runID: runID),
        ]))
        let ids = saved.compactMap(\.id)
        #expect(try database.documents(sha256Prefixes: ["ABC"]).map(\.id) == [ids[0], ids[1]])
        #expect(try database.documents(ids: [ids[2]], sha256Prefixes: ["abc2", "abc"]).map(\.id) == ids)
        #expect(try database.documents(sha256Prefixes: ["fff"]).isEmpty)
        #expect(try database.documents().isEmpty)

        let error = try #require(throws: StoreError.self) {
            try database.documents(sha256Prefixes: ["ab*"])
        }
        #expect(error.description.contains("ab*"))
    }
}
