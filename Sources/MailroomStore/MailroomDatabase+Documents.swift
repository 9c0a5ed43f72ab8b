import Foundation
import GRDB

extension MailroomDatabase {
    /// The document with these bytes, or nil: how the pipeline skips files it already read.
    public func knownDocument(sha256: String) throws(StoreError) -> DocumentRecord? {
        try read { db in
            try DocumentRecord.filter(DocumentRecord.Columns.sha256 == sha256.lowercased()).fetchOne(db)
        }
    }

    /// Records that a known document was seen at `path`, which becomes its last-seen path.
    public func addPath(documentID: Int64, path: String, seenAt: Date = Date()) throws(StoreError) {
        try persist(StoreBatch(seenPaths: [SeenPath(documentID: documentID, path: path)]), now: seenAt)
    }

    /// Saves a batch of documents, quarantine entries and seen paths in one transaction.
    ///
    /// Documents are upserted by sha256: a document processed again keeps its id and
    /// creation date, gets its pages and fields replaced, and its `processedCount` increased;
    /// its operator decisions in `field_decision` are left alone. Returns the saved
    /// documents, in the batch order, with their ids.
    @discardableResult
    public func persist(_ batch: StoreBatch, now: Date = Date()) throws(StoreError) -> [DocumentRecord] {
        if batch.isEmpty { return [] }
        return try write { db in
            var saved: [DocumentRecord] = []
            saved.reserveCapacity(batch.documents.count)
            for item in batch.documents {
                saved.append(try Self.save(item, in: db, now: now))
            }
            for var entry in batch.quarantine {
                entry.id = nil
                // Once per run and path: a second entry in the same run replaces the first.
                try entry.insert(db, onConflict: .replace)
            }
            for seen in batch.seenPaths {
                // An erased document's paths were forgotten on purpose; seeing its file again must
                // not bring a name back.
                let state = try String.fetchOne(db, sql: "SELECT state FROM document WHERE id = ?", arguments: [seen.documentID])
                if state == DocumentState.erased.rawValue { continue }
                try Self.recordPath(seen.path, documentID: seen.documentID, in: db, now: now, updateLastSeen: true)
            }
            return saved
        }
    }

    private static func save(_ item: DocumentWrite, in db: Database, now: Date) throws -> DocumentRecord {
        var document = item.document
        document.sha256 = document.sha256.lowercased()
        document.updatedAt = now
        if let existing = try DocumentRecord
            .filter(DocumentRecord.Columns.sha256 == document.sha256)
            .fetchOne(db), let existingID = existing.id {
            document.id = existingID
            document.createdAt = existing.createdAt
            document.processedCount = existing.processedCount + 1
            try document.update(db)
            try PageRecord.filter(PageRecord.Columns.documentID == existingID).deleteAll(db)
            try FieldRecord.filter(FieldRecord.Columns.documentID == existingID).deleteAll(db)
        } else {
            document.id = nil
            document.createdAt = now
            document.processedCount = 1
            try document.insert(db)
        }
        guard let documentID = document.id else {
            throw StoreError.invalidArgument("document \(document.sha256) got no id on save")
        }
        try recordPath(document.path, documentID: documentID, in: db, now: now, updateLastSeen: false)
        for var page in item.pages {
            page.documentID = documentID
            try page.insert(db)
        }
        for var field in item.fields {
            field.id = nil
            field.documentID = documentID
            try field.insert(db)
        }
        return document
    }

    private static func recordPath(
        _ path: String, documentID: Int64, in db: Database, now: Date, updateLastSeen: Bool
    ) throws {
        if updateLastSeen {
            let changed = try DocumentRecord
                .filter(key: documentID)
                .updateAll(db, DocumentRecord.Columns.path.set(to: path))
            if changed == 0 {
                throw StoreError.notFound("document \(documentID)")
            }
        }
        try DocumentPathRecord(documentID: documentID, path: path, seenAt: now).insert(db, onConflict: .ignore)
    }
}
