import Foundation
import Testing
@testable import MailroomStore

@Suite("Operator records: audit log, decisions with audit, export log")
struct OperatorStoreTests {
    @Test("a decision, its field and its audit entry are saved together or not at all")
    func decisionWithAudit() throws {
        let dir = try TemporaryDirectory()
        let (database, runID) = try openWithRun(dir)
        let saved = try database.persist(StoreBatch(documents: [documentWrite(sha("a"), runID: runID)]))
        let id = try #require(saved.first?.id)
        var field = try #require(try database.field(documentID: id, name: "name"))
        field.value = "Eve"
        let (decision, audit) = try database.recordDecision(
            FieldDecisionRecord(documentID: id, fieldName: "name", operatorName: "ada", oldValue: "Ada", newValue: "Eve", action: .correct),
            updatedField: field,
            audit: AuditRecord(operatorName: "ada", action: "review.correct", target: "document \(id) field name", documentID: id))
        #expect(audit.decisionID == decision.id)
        #expect(try database.field(documentID: id, name: "name")?.value == "Eve")

        var missing = field
        missing.id = 9999
        #expect(throws: StoreError.self) {
            try database.recordDecision(
                FieldDecisionRecord(documentID: id, fieldName: "name", operatorName: "ada", oldValue: nil, newValue: "x", action: .undo),
                updatedField: missing, audit: AuditRecord(operatorName: "ada", action: "review.undo", target: "t"))
        }
        #expect(try database.decisions(documentID: id).count == 1)
        #expect(try database.auditLog().count == 1)
        #expect(try database.auditLog(operatorName: "bob").isEmpty)
    }

    @Test("exports are listed newest first per kind and purpose, with their document ids")
    func exportLog() throws {
        let dir = try TemporaryDirectory()
        let database = try MailroomDatabase.open(path: dir.databasePath)
        for (purpose, mark) in [("marketing", "m1"), ("operations", "o1"), ("marketing", "m2")] {
            try database.recordExport(
                ExportLogRecord(operatorName: "ada", kind: "loyalty", purpose: purpose, format: "csv", path: "/x",
                                sinceWatermark: nil, untilWatermark: mark, rowCount: 1, sha256: "00", documentIDs: [3, 1]),
                audit: AuditRecord(operatorName: "ada", action: "export.loyalty", target: "/x"))
        }
        #expect(try database.exports(kind: "loyalty", purpose: "marketing").map(\.untilWatermark) == ["m2", "m1"])
        #expect(try database.exports(kind: "loyalty").count == 3)
        #expect(try database.exports(kind: "loyalty").first?.documentIDs == [3, 1])
        #expect(try database.auditLog(actions: ["export.loyalty"]).count == 3)
    }
}
