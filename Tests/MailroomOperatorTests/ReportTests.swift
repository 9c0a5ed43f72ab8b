import Foundation
import MailroomCases
import MailroomOperator
import MailroomTestSupport
import MailroomStore
import Testing

@Suite struct ReportTests {
    /// Two runs: run 1 read three coupons and quarantined a file in 100 s; run 2 read a letter
    /// and stored a blank page.
    func build() throws -> (Fixture, Int64, Int64) {
        let fixture = try Fixture("report")
        let first = fixture.runID
        let a = try fixture.coupon(Fixture.sha(1), review: ["surname": "low confidence", "date": "not a valid date"], at: 1)
        try fixture.coupon(Fixture.sha(2), at: 1)
        try fixture.coupon(Fixture.sha(3), review: ["town": "low confidence"], at: 3)
        try fixture.database.persist(StoreBatch(quarantine: [QuarantineRecord(runID: first, sha256: nil, path: "/scans/bad.gif",
                                                                             reason: "unsupported format", stage: "decode",
                                                                             createdAt: Fixture.day(1))]))
        try fixture.database.finishRun(id: first, status: .completed, counts: RunCounts(discovered: 4, processed: 3, quarantined: 1),
                                       endedAt: Fixture.day(0).addingTimeInterval(100))
        let second = try fixture.database.beginRun(jobs: 2, arguments: [], startedAt: Fixture.day(24))
        try fixture.database.persist(StoreBatch(documents: [DocumentWrite(document: DocumentRecord(
            sha256: Fixture.sha(9), path: "/scans/letter.png", size: 1, pageCount: 1, kind: .letter, state: .done, runID: second))]),
            now: Fixture.day(24))
        try fixture.database.persist(StoreBatch(documents: [DocumentWrite(document: DocumentRecord(
            sha256: Fixture.sha(10), path: "/scans/back.png", size: 1, pageCount: 1, kind: .blank, state: .done, runID: second))]),
            now: Fixture.day(24))
        try fixture.database.finishRun(id: second, status: .completed, counts: RunCounts(discovered: 2, processed: 2),
                                       endedAt: Fixture.day(24).addingTimeInterval(4))
        let review = fixture.review(at: 5)
        try review.set(documentID: a, field: "surname", value: "Verdi", operator: "ada")
        try review.accept(documentID: a, field: "date", operator: "ada")
        try review.undo(operator: "ada")
        return (fixture, first, second)
    }

    @Test func figuresMatchTheDatabase() throws {
        let (fixture, first, second) = try build()
        let report = try ReportBuilder(database: fixture.database).build(now: Fixture.day(7))
        #expect(report.documents.total == 5)
        #expect(report.documents.byKind == ["coupon": 3, "letter": 1, "blank": 1])
        #expect(report.blank == [.init(runID: second, path: "/scans/back.png")])
        #expect(report.documents.byForm == ["it-fedelta": 3])
        #expect(report.documents.fieldsByDecision == ["accepted": 28, "review": 2])
        #expect(report.documents.verifiedCoupons == 1)
        #expect(report.quarantined.map(\.path) == ["/scans/bad.gif"])
        #expect(report.reviewQueue.fields == 2 && report.reviewQueue.documents == 2)
        #expect(report.reviewQueue.oldestAgeHours == 6)
        #expect(report.reviewQueue.medianAgeHours == 5)
        let names = try #require(report.corrections.first { $0.fieldType == "name" })
        #expect(names.corrected == 1 && names.changed == 1)
        let dates = try #require(report.corrections.first { $0.fieldType == "date" })
        #expect(dates.accepted == 1 && dates.undone == 1)
        #expect(report.throughput.map(\.runID) == [first, second])
        #expect(report.throughput[0].documentsPerSecond == 0.03)
        #expect(report.throughput[1].documentsPerSecond == 0.5)
        let tick = try #require(report.confidence.first { $0.fieldType == "tick" })
        #expect(tick.buckets[8] == 3 && tick.buckets.reduce(0, +) == 3)
        #expect(report.cases.isEmpty)
    }

    @Test func aRunOrPeriodNarrowsTheReport() throws {
        let (fixture, _, second) = try build()
        let builder = ReportBuilder(database: fixture.database)
        let run = try builder.build(runID: second, now: Fixture.day(30))
        #expect(run.documents.total == 2 && run.documents.byKind == ["letter": 1, "blank": 1])
        #expect(run.quarantined.isEmpty && run.corrections.isEmpty)
        let period = try builder.build(from: Fixture.day(2), to: Fixture.day(4), now: Fixture.day(30))
        #expect(period.documents.total == 1 && period.reviewQueue.fields == 1)
        #expect(period.throughput.isEmpty)
    }

    @Test func renderingsCarryTheFigures() throws {
        let (fixture, _, _) = try build()
        let report = try ReportBuilder(database: fixture.database).build(now: Fixture.day(7))
        #expect(report.text.contains("review queue: 2 field(s) in 2 document(s), oldest 6.0 h, median 5.0 h"))
        #expect(report.text.contains("/scans/bad.gif [decode]: unsupported format"))
        #expect(report.text.contains("blank files (stored, not read; a card fed the wrong side up needs its front scanned): 1"))
        #expect(report.text.contains("/scans/back.png"))
        #expect(report.html.contains("<h2>Blank files</h2>") && report.html.contains("/scans/back.png"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.json.utf8)) as? [String: Any])
        #expect((json["review_queue"] as? [String: Any])?["fields"] as? Int == 2)
        #expect((json["blank"] as? [[String: Any]])?.first?["path"] as? String == "/scans/back.png")
        let html = report.html
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.components(separatedBy: "<svg").count - 1 >= 3)
        #expect(!html.contains("<script"))
    }
}

@Suite struct ReportCaseTests {
    @Test func caseQueuesCountOpenDueSoonAndOverdueCasesByTheBusinessCalendar() throws {
        let fixture = try Fixture("report-cases")
        let letter = DocumentRecord(sha256: Fixture.sha(7), path: "/scans/letter.png", size: 1, pageCount: 1, kind: .letter,
                                    state: .done, runID: fixture.runID, language: "ita", text: "Vorrei un rimborso.")
        let fields = [FieldRecord(name: "subject", type: "text", raw: "Reclamo", value: "Reclamo", confidence: 90, decision: .accepted)]
        try fixture.database.persist(StoreBatch(documents: [DocumentWrite(document: letter, fields: fields)]), now: Fixture.day(0))
        let rules = try RoutingRules.load(from: TestPaths.root.appendingPathComponent("config/routing.yaml"))
        // 2026-11-02 is a Monday: the case arrives at 10:00 Rome time.
        let arrival = Fixture.day(24 + 9)
        let desk = CaseDesk(database: fixture.database, rules: rules, clock: { arrival })
        #expect(try desk.receivePending().map(\.action) == [.opened])
        let queue = try #require(try desk.cases().first?.queue)

        let fresh = try ReportBuilder.caseQueues(from: desk, at: arrival)
        #expect(fresh == [OperatorReport.CaseQueue(queue: queue, open: 1, dueSoon: 0, overdue: 0)])
        let monthLater = try ReportBuilder.caseQueues(from: desk, at: arrival.addingTimeInterval(30 * 86_400))
        #expect(monthLater == [OperatorReport.CaseQueue(queue: queue, open: 1, dueSoon: 0, overdue: 1)])

        var builder = ReportBuilder(database: fixture.database)
        builder.caseQueues = { (try? ReportBuilder.caseQueues(from: desk, at: arrival.addingTimeInterval(30 * 86_400))) ?? [] }
        #expect(try builder.build(now: arrival).text.contains("\(queue) 1 open, 0 due soon, 1 overdue"))
    }
}
