import Foundation
import MailroomCases
import MailroomOperator
import MailroomStore
import MailroomTestSupport
import Testing

@Suite struct ForgetTests {
    /// Anna's two coupons and her letter (in a case), and Luca's coupon, filed by the case desk.
    func build() throws -> (Fixture, CaseDesk) {
        let fixture = try Fixture("forget")
        try fixture.coupon(Fixture.sha(1), values: ["email": "anna@example.it", "first_name": "ANNA", "surname": "ZANETTI"])
        try fixture.coupon(Fixture.sha(2), values: ["email": "anna@example.it", "first_name": "ANNA", "surname": "ZANETTI",
                                                    "date": "2026-10-20"])
        try fixture.coupon(Fixture.sha(3), values: ["email": "luca@example.it", "first_name": "LUCA", "surname": "BIANCHI"])
        let letter = DocumentRecord(sha256: Fixture.sha(4), path: "/scans/letter.png", size: 1, pageCount: 1, kind: .letter,
                                    state: .done, runID: fixture.runID, language: "ita",
                                    text: "Anna Zanetti, Via Roma 1, Torino. Il frullatore Zanetti non funziona.")
        let fields = [("sender_name", "Anna Zanetti"), ("sender_email", "anna@example.it"), ("subject", "Reclamo frullatore")]
            .map { FieldRecord(name: $0.0, type: "text", raw: $0.1, value: $0.1, confidence: 90, decision: .accepted) }
        try fixture.database.persist(StoreBatch(documents: [DocumentWrite(
            document: letter, pages: [PageRecord(number: 1, width: 10, height: 10, text: "Anna Zanetti")], fields: fields)]))
        try fixture.database.upsertCustomers([
            CustomerRecord(id: "K-1", name: "Anna Zanetti", email: "anna@example.it", nameKey: "ANNA ZANETTI"),
            CustomerRecord(id: "K-2", name: "Luca Bianchi", email: "luca@example.it", nameKey: "LUCA BIANCHI"),
        ])
        let rules = try RoutingRules.load(from: TestPaths.root.appendingPathComponent("config/routing.yaml"))
        let desk = CaseDesk(database: fixture.database, rules: rules)
        _ = try desk.receivePending()
        return (fixture, desk)
    }

    @Test func forgettingACustomerLeavesNoTraceInSearchFieldsCasesOrExports() throws {
        let (fixture, desk) = try build()
        let search = SearchIndex(database: fixture.database)
        #expect(try search.search("zanetti").count == 3)
        let exporter = LoyaltyExporter(database: fixture.database, forms: fixture.forms,
                                       keying: try LinkedCustomerKey.load(from: fixture.database), now: { Fixture.day(20) })
        _ = try exporter.export(purpose: .operations, format: .csv, range: .all,
                                to: fixture.folder.appendingPathComponent("before.csv"), operator: "ada")

        let report = try CustomerForgetting(database: fixture.database).forget("K-1", operator: "dpo")
        #expect(report.documents.count == 3)
        #expect(report.cases.count == 1)
        #expect(report.counts.customerDeleted)

        #expect(try search.search("zanetti").isEmpty)
        #expect(try search.search("anna").isEmpty)
        #expect(try search.search("luca").count == 1)
        let after = fixture.folder.appendingPathComponent("after.csv")
        _ = try exporter.export(purpose: .operations, format: .csv, range: .all, to: after, operator: "ada")
        let csv = try String(contentsOf: after, encoding: .utf8)
        #expect(!csv.lowercased().contains("anna") && !csv.lowercased().contains("zanetti"))
        #expect(csv.contains("luca@example.it"))
        for id in report.documents {
            #expect(try fixture.database.fields(documentID: id).allSatisfy { $0.value == nil && $0.raw == nil })
            #expect(try fixture.database.pages(documentID: id).allSatisfy { $0.text == nil })
        }
        #expect(try fixture.database.documents(ids: report.documents).allSatisfy { $0.state == .erased && $0.text == nil })
        #expect(try fixture.database.customer(id: "K-1") == nil)
        let detail = try desk.detail(String(report.cases[0]))
        #expect(detail.case.subject == "[erased]")
        #expect(detail.case.customerID == nil)
        // The export history no longer lists her coupons; the audit log names nobody.
        let history = try fixture.database.auditLog()
        #expect(!history.contains { $0.details.contains("anna") || $0.target.contains("anna") || $0.target.contains("K-1") })
        #expect(history.contains { $0.action == "privacy.forget" })
        // Counts stay: the documents are still there.
        #expect(try fixture.database.documents(ids: report.documents).count == 3)
    }

    @Test func theFilePathsAreForgottenAndTheScansListedOrDeleted() throws {
        let fixture = try Fixture("forget-scans")
        let annaScan = fixture.folder.appendingPathComponent("Anna-Zanetti-coupon.png")
        let lucaScan = fixture.folder.appendingPathComponent("Luca-Bianchi-coupon.png")
        for url in [annaScan, lucaScan] { try Data("scan".utf8).write(to: url) }
        let anna = try fixture.coupon(Fixture.sha(1), values: ["email": "anna@example.it"], path: annaScan.path)
        let luca = try fixture.coupon(Fixture.sha(2), values: ["email": "luca@example.it"], path: lucaScan.path)
        let forgetting = CustomerForgetting(database: fixture.database)

        let listed = try forgetting.forget("anna@example.it", operator: "dpo")
        #expect(listed.remainingScans == [annaScan.path] && listed.deletedScans.isEmpty)
        #expect(FileManager.default.fileExists(atPath: annaScan.path))
        #expect(try fixture.database.document(id: anna)?.path == "[erased]")
        #expect(try fixture.database.documentPaths([anna]).isEmpty)
        // The next scan meets the file again: it is skipped as known, and its name is not stored back.
        try fixture.database.persist(StoreBatch(seenPaths: [SeenPath(documentID: anna, path: annaScan.path)]))
        #expect(try fixture.database.documentPaths([anna]).isEmpty)

        let deleted = try forgetting.forget("luca@example.it", operator: "dpo", deleteScans: true)
        #expect(deleted.deletedScans == [lucaScan.path] && deleted.remainingScans.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: lucaScan.path))
        #expect(try fixture.database.document(id: luca)?.path == "[erased]")
        #expect(try fixture.database.auditLog(actions: ["privacy.forget"]).allSatisfy { !$0.target.contains("Luca") && !$0.details.contains("Luca") })
    }

    @Test func aCardCutFromABatchFileNamesTheBatchAndItsPagesWithoutDeletingIt() throws {
        let fixture = try Fixture("forget-batch")
        let batchScan = fixture.folder.appendingPathComponent("night-batch.tif")
        let partScan = fixture.folder.appendingPathComponent("night-batch-p3.tif")
        for url in [batchScan, partScan] { try Data("scan".utf8).write(to: url) }
        let anna = try fixture.coupon(Fixture.sha(1), values: ["email": "anna@example.it"], path: partScan.path)
        var part = try #require(try fixture.database.document(id: anna))
        part.sourceSHA256 = Fixture.sha(9)
        part.sourcePages = "3"
        let batch = DocumentRecord(sha256: Fixture.sha(9), path: batchScan.path, size: 4, pageCount: 4, kind: .batch,
                                   state: .done, runID: fixture.runID)
        try fixture.database.persist(StoreBatch(documents: [
            DocumentWrite(document: part, pages: [], fields: try fixture.database.fields(documentID: anna)),
            DocumentWrite(document: batch),
        ]))

        let report = try CustomerForgetting(database: fixture.database).forget("anna@example.it", operator: "dpo", deleteScans: true)
        #expect(report.deletedScans == [partScan.path])
        #expect(report.batchSources == ["\(batchScan.path) pages 3"])
        #expect(FileManager.default.fileExists(atPath: batchScan.path), "the batch holds other people's documents too")
    }

    @Test func anUnknownCustomerErasesNothing() throws {
        let (fixture, _) = try build()
        #expect(throws: OperatorError.self) { try CustomerForgetting(database: fixture.database).forget("K-404", operator: "dpo") }
        #expect(try SearchIndex(database: fixture.database).search("zanetti").count == 3)
    }
}
