import Foundation
import GRDB
import Testing
@testable import MailroomStore

@Suite("Cases schema (v3-cases)")
struct CasesStoreTests {
    func newCase(_ reference: String = "", created: Date, state: String = "new") -> CaseRecord {
        CaseRecord(reference: reference, customerID: nil, subject: "s", topic: "general", language: nil,
                   priority: "normal", queue: "general", state: state, channels: ["letter"], createdAt: created,
                   updatedAt: created)
    }

    func intake(_ documentID: Int64, _ target: CaseIntake.Target) -> CaseIntake {
        CaseIntake(documentID: documentID,
                   link: DocumentCustomerRecord(documentID: documentID, customerID: nil, method: "none", score: 0.7,
                                                candidates: [LinkCandidate(customerID: "C1", name: "Ann", score: 0.7)],
                                                linkedAt: Date()),
                   target: target, linkMethod: "new",
                   events: [CaseEventRecord(at: Date(), actor: "mailroom", kind: "transition", toState: "new")])
    }

    @Test("a v2 database is upgraded to the current schema with its documents kept")
    func upgradeFromV2() throws {
        let dir = try TemporaryDirectory()
        let v2 = MailroomDatabase.schemaMigrator
        // Apply only up to v2 first, as a database written by the previous release.
        let pool = try DatabasePool(path: dir.databasePath)
        try v2.migrate(pool, upTo: "v2-field-characters")
        try pool.close()
        let (database, runID) = try openWithRun(dir)
        #expect(try database.appliedMigrations() == ["v1", "v2-field-characters", "v3-cases", "v4-operator", "v5-web", "v6-batch-sources"])
        try database.persist(StoreBatch(documents: [documentWrite(sha("a"), runID: runID, kind: .letter)]))
        #expect(try database.documentsAwaitingCases().count == 1)
    }

    @Test("references count up per year; filing a document twice writes nothing the second time")
    func referencesAndIdempotence() throws {
        let dir = try TemporaryDirectory()
        let (database, runID) = try openWithRun(dir)
        let saved = try database.persist(StoreBatch(documents: [
            documentWrite(sha("a"), runID: runID, kind: .letter), documentWrite(sha("b"), runID: runID, kind: .letter),
            documentWrite(sha("c"), runID: runID, kind: .email),
        ]))
        let ids = saved.compactMap(\.id)
        let year2026 = Date(timeIntervalSince1970: 1_780_000_000)  // 2026-05-28
        let year2027 = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15
        let first = try #require(try database.fileIntake(intake(ids[0], .new(newCase(created: year2026)))))
        let second = try #require(try database.fileIntake(intake(ids[1], .new(newCase(created: year2026)))))
        let third = try #require(try database.fileIntake(intake(ids[2], .new(newCase(created: year2027)))))
        #expect([first.reference, second.reference, third.reference] == ["C-2026-000001", "C-2026-000002", "C-2027-000001"])
        #expect(try database.fileIntake(intake(ids[0], .new(newCase(created: year2026)))) == nil)
        #expect(try database.cases().count == 3)
        #expect(try database.caseEvents(caseID: first.id!).count == 1)
        #expect(try database.documentCustomer(documentID: ids[0])?.candidates.first?.customerID == "C1")
        #expect(try database.documentsAwaitingCases().isEmpty)
    }

    @Test("a case changed since it was read is not overwritten")
    func conflict() throws {
        let dir = try TemporaryDirectory()
        let (database, runID) = try openWithRun(dir)
        let saved = try database.persist(StoreBatch(documents: [documentWrite(sha("a"), runID: runID, kind: .letter)]))
        let created = Date(timeIntervalSince1970: 1_780_000_000)
        let original = try #require(try database.fileIntake(intake(saved[0].id!, .new(newCase(created: created)))))
        var first = original
        first.assignee = "anna"
        first.updatedAt = created.addingTimeInterval(60)
        try database.updateCase(first, events: [], expectedUpdatedAt: original.updatedAt)
        var stale = original
        stale.assignee = "marek"
        stale.updatedAt = created.addingTimeInterval(120)
        #expect(throws: StoreError.conflict("case \(original.reference)")) {
            try database.updateCase(stale, events: [], expectedUpdatedAt: original.updatedAt)
        }
        #expect(try database.caseRecord(id: original.id!)?.assignee == "anna")
        #expect(StoreError.conflict("x").isCouldNotRun)
    }

    @Test("full-text search takes user text as words only")
    func searchIsSafe() throws {
        let dir = try TemporaryDirectory()
        let (database, runID) = try openWithRun(dir)
        let saved = try database.persist(StoreBatch(documents: [documentWrite(sha("a"), runID: runID, kind: .letter)]))
        try database.indexDocument(documentID: saved[0].id!, text: "Zażółć gęślą jaźń w Krakowie", folded: "ZAZOLC")
        #expect(try database.search("krakowie").count == 1)
        #expect(try database.search("gesla").count == 1)
        for hostile in ["\"", "NEAR(", "*", "a OR", "body:x", "')--"] {
            _ = try database.search(hostile)
        }
        try database.indexDocument(documentID: saved[0].id!, text: "replaced", folded: "REPLACED")
        #expect(try database.search("krakowie").isEmpty)
        #expect(try database.search("replaced").count == 1)
    }
}
