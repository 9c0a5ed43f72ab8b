import Foundation
import GRDB
import Testing
@testable import MailroomStore

@Suite("Saving batches")
struct PersistTests {
    @Test("a saved document comes back with its pages, fields and JSON columns")
    func roundTrip() throws {
        let dir = try TemporaryDirectory()
        let (database, runID) = try openWithRun(dir)
        let saved = try database.persist(StoreBatch(documents: [documentWrite(sha("a"), runID: runID, pageCount: 2)]))
        let document = try #require(saved.first)
        let id = try #require(document.id)

        let known = try #require(try database.knownDocument(sha256: sha("a").uppercased()))
        #expect(known.id == id)
        #expect(known.processedCount == 1)
        #expect(known.timings == ["imaging": 12.5, "ocr": 230])
        #expect(known.runID == runID)
        #expect(try database.pages(documentID: id).map(\.number) == [1, 2])
        let fields = try database.fields(documentID: id)
        #expect(fields.map(\.name) == ["name", "postcode"])
        #expect(fields.first?.alternatives == [FieldAlternative(value: "Ada?", confidence: 0.1)])
        #expect(fields.first?.corrections == [FieldCorrection(from: "O", to: "0", reason: "digit field")])
        #expect(fields.first?.characterAlternatives.count == 3)
        #expect(fields.first?.characterAlternatives.first == [FieldAlternative(value: "A", confidence: 90),
                                                              FieldAlternative(value: "0", confidence: 5)])
        #expect(fields.first?.box == FieldBox(x: 10, y: 20, width: 300, height: 40))
        #expect(try database.knownDocument(sha256: sha("unknown")) == nil)
    }

    @Test("reprocessing upserts by sha256: fields replaced, decisions kept, count increased")
    func upsertKeepsDecisions() throws {
        let dir = try TemporaryDirectory()
        let (database, firstRun) = try openWithRun(dir)
        let first = try database.persist(StoreBatch(documents: [
            documentWrite(sha("a"), runID: firstRun, fields: [field("name", "Ad4", decision: .review)]),
        ]))
        let id = try #require(first.first?.id)
        let createdAt = try #require(try database.document(id: id)?.createdAt)
        let reviewed = try #require(try database.fields(documentID: id).first)
        var corrected = reviewed
        corrected.value = "Ada"
        corrected.decision = .accepted
        try database.recordDecision(
            FieldDecisionRecord(documentID: id, fieldName: "name", operatorName: "kim",
                                oldValue: "Ad4", newValue: "Ada", action: .correct),
            updatedField: corrected)
        #expect(try database.fields(documentID: id).first?.value == "Ada")

        let secondRun = try database.beginRun(jobs: 2, arguments: ["scan", "--reprocess", "aa"])
        let second = try database.persist(StoreBatch(documents: [
            documentWrite(sha("a"), runID: secondRun, path: "/scans/renamed.png", kind: .letter, formID: nil,
                          fields: [field("sender", "Bob"), field("date", "2024-01-02")]),
        ]))
        let again = try #require(second.first)
        #expect(again.id == id)
        #expect(again.processedCount == 2)
        #expect(again.createdAt == createdAt)

        let stored = try #require(try database.document(id: id))
        #expect(stored.kind == .letter)
        #expect(stored.runID == secondRun)
        #expect(stored.processedCount == 2)
        #expect(stored.path == "/scans/renamed.png")
        #expect(try database.fields(documentID: id).map(\.name) == ["sender", "date"])
        #expect(try database.pages(documentID: id).count == 1)
        let decisions = try database.decisions(documentID: id)
        #expect(decisions.count == 1)
        #expect(decisions.first?.operatorName == "kim")
        #expect(decisions.first?.action == .correct)
        #expect(try database.paths(documentID: id) == ["/scans/\(sha("a").prefix(8)).png", "/scans/renamed.png"])
        let documentCount = try database.pool.read { db in try DocumentRecord.fetchCount(db) }
        #expect(documentCount == 1)
    }

    @Test("a batch with a failing element saves nothing")
    func batchIsAtomic() throws {
        let dir = try TemporaryDirectory()
        let (database, runID) = try openWithRun(dir)
        let good = documentWrite(sha("good"), runID: runID)
        let duplicateField = documentWrite(sha("bad"), runID: runID, fields: [field("name", "A"), field("name", "B")])
        let quarantined = QuarantineRecord(runID: runID, sha256: nil, path: "/scans/x.tif", reason: "unreadable", stage: "read")

        let error = try #require(throws: StoreError.self) {
            try database.persist(StoreBatch(documents: [good, duplicateField], quarantine: [quarantined]))
        }
        guard case .constraintViolation(let path, _) = error else {
            Issue.record("expected constraintViolation, got \(error)")
            return
        }
        #expect(path == dir.databasePath)
        #expect(try database.knownDocument(sha256: sha("good")) == nil)
        #expect(try database.knownDocument(sha256: sha("bad")) == nil)
        #expect(try database.quarantine(runID: runID).isEmpty)
        let counts = try database.pool.read { db in
            [try PageRecord.fetchCount(db), try FieldRecord.fetchCount(db), try DocumentPathRecord.fetchCount(db)]
        }
        #expect(counts == [0, 0, 0])
    }

    @Test("a failed reprocessing leaves the previous version whole")
    func failedUpsertKeepsOldVersion() throws {
        let dir = try TemporaryDirectory()
        let (database, runID) = try openWithRun(dir)
        let id = try #require(try database.persist(StoreBatch(documents: [documentWrite(sha("a"), runID: runID)])).first?.id)
        let broken = documentWrite(sha("a"), runID: 9999) // no such run: foreign key fails
        #expect(throws: StoreError.self) {
            try database.persist(StoreBatch(documents: [broken]))
        }
        let stored = try #require(try database.document(id: id))
        #expect(stored.processedCount == 1)
        #expect(try database.fields(documentID: id).map(\.name) == ["name", "postcode"])
        #expect(try database.pages(documentID: id).count == 1)
    }

    @Test("a known document seen at a second path records the path")
    func secondPath() throws {
        let dir = try TemporaryDirectory()
        let (database, runID) = try openWithRun(dir)
        let id = try #require(try database.persist(StoreBatch(documents: [
            documentWrite(sha("a"), runID: runID, path: "/in/a.png"),
        ])).first?.id)

        try database.addPath(documentID: id, path: "/in/copy-of-a.png")
        try database.addPath(documentID: id, path: "/in/copy-of-a.png") // seen twice: kept once
        try database.persist(StoreBatch(seenPaths: [SeenPath(documentID: id, path: "/archive/a.png")]))

        #expect(try database.paths(documentID: id) == ["/in/a.png", "/in/copy-of-a.png", "/archive/a.png"])
        #expect(try database.document(id: id)?.path == "/archive/a.png")
        #expect(try database.document(id: id)?.processedCount == 1)

        let error = try #require(throws: StoreError.self) {
            try database.addPath(documentID: 4242, path: "/in/ghost.png")
        }
        #expect(error == .notFound("document 4242"))
    }

    @Test("quarantine: once per run and path, again on a later run, sha256 optional")
    func quarantine() throws {
        let dir = try TemporaryDirectory()
        let (database, firstRun) = try openWithRun(dir)
        try database.persist(StoreBatch(quarantine: [
            QuarantineRecord(runID: firstRun, sha256: nil, path: "/in/broken.tif", reason: "truncated", stage: "read"),
            QuarantineRecord(runID: firstRun, sha256: sha("b"), path: "/in/blank.png", reason: "blank page", stage: "imaging"),
        ]))
        try database.persist(StoreBatch(quarantine: [
            QuarantineRecord(runID: firstRun, sha256: nil, path: "/in/broken.tif", reason: "still truncated", stage: "read"),
        ]))
        let first = try database.quarantine(runID: firstRun)
        #expect(first.map(\.path).sorted() == ["/in/blank.png", "/in/broken.tif"])
        #expect(first.first { $0.path == "/in/broken.tif" }?.reason == "still truncated")
        #expect(first.first { $0.path == "/in/broken.tif" }?.sha256 == nil)

        let secondRun = try database.beginRun(jobs: 1, arguments: ["scan"])
        try database.persist(StoreBatch(quarantine: [
            QuarantineRecord(runID: secondRun, sha256: nil, path: "/in/broken.tif", reason: "truncated", stage: "read"),
        ]))
        #expect(try database.quarantine(runID: secondRun).map(\.path) == ["/in/broken.tif"])
        #expect(try database.quarantine(runID: firstRun).count == 2)
    }

    @Test("an empty batch is a no-op")
    func emptyBatch() throws {
        let dir = try TemporaryDirectory()
        let (database, _) = try openWithRun(dir)
        #expect(try database.persist(StoreBatch()).isEmpty)
    }
}
