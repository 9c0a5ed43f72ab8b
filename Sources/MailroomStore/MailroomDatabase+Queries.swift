import Foundation
import GRDB

/// A field waiting for an operator, with the document it belongs to.
public struct ReviewItem: Sendable, Equatable {
    public var document: DocumentRecord
    public var field: FieldRecord
}

extension MailroomDatabase {
    /// The document with this id, or nil.
    public func document(id: Int64) throws(StoreError) -> DocumentRecord? {
        try read { db in try DocumentRecord.fetchOne(db, key: id) }
    }

    /// Documents in `state`, oldest id first, at most `limit` when given.
    public func documents(state: DocumentState, limit: Int? = nil) throws(StoreError) -> [DocumentRecord] {
        try read { db in
            var request = DocumentRecord
                .filter(DocumentRecord.Columns.state == state)
                .order(DocumentRecord.Columns.id)
            if let limit { request = request.limit(limit) }
            return try request.fetchAll(db)
        }
    }

    /// Documents chosen by id or by sha256 prefix (for `--reprocess`), by id, without duplicates.
    ///
    /// Prefixes must be hexadecimal; they match case-insensitively.
    public func documents(ids: [Int64] = [], sha256Prefixes: [String] = []) throws(StoreError) -> [DocumentRecord] {
        let prefixes = sha256Prefixes.map { $0.lowercased() }
        if let bad = prefixes.first(where: { $0.isEmpty || !$0.allSatisfy(\.isHexDigit) }) {
            throw .invalidArgument("'\(bad)' is not a sha256 prefix: use hexadecimal digits (0-9, a-f)")
        }
        if ids.isEmpty && prefixes.isEmpty { return [] }
        return try read { db in
            var condition: SQLExpression = ids.contains(DocumentRecord.Columns.id)
            for prefix in prefixes {
                // GLOB is case-sensitive, so SQLite can use the sha256 index for the prefix.
                condition = condition || SQL("sha256 GLOB \(prefix + "*")").sqlExpression
            }
            return try DocumentRecord.filter(condition).order(DocumentRecord.Columns.id).fetchAll(db)
        }
    }

    /// The domains of the e-mail addresses stored in coupon fields, lower case, with the number
    /// of documents giving each; for `LearnedDomains`.
    public func emailDomainCounts() throws(StoreError) -> [String: Int] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT lower(substr(value, instr(value, '@') + 1)) AS domain, count(DISTINCT document_id) AS documents
                FROM field WHERE type = 'email' AND instr(value, '@') > 0 GROUP BY domain
                """)
            return Dictionary(rows.map { ($0["domain"] as String, $0["documents"] as Int) }, uniquingKeysWith: +)
        }
    }

    /// The pages of a document, by number.
    public func pages(documentID: Int64) throws(StoreError) -> [PageRecord] {
        try read { db in
            try PageRecord
                .filter(PageRecord.Columns.documentID == documentID)
                .order(PageRecord.Columns.number)
                .fetchAll(db)
        }
    }

    /// The fields of a document, in saving order.
    public func fields(documentID: Int64) throws(StoreError) -> [FieldRecord] {
        try read { db in
            try FieldRecord
                .filter(FieldRecord.Columns.documentID == documentID)
                .order(FieldRecord.Columns.id)
                .fetchAll(db)
        }
    }

    /// Every path the document was seen at, in the order they were first seen.
    public func paths(documentID: Int64) throws(StoreError) -> [String] {
        try read { db in
            try DocumentPathRecord
                .filter(DocumentPathRecord.Columns.documentID == documentID)
                .order(Column("seen_at"), Column("rowid"))
                .fetchAll(db)
                .map(\.path)
        }
    }

    /// The quarantine entries of a run, in the order they were saved.
    public func quarantine(runID: Int64) throws(StoreError) -> [QuarantineRecord] {
        try read { db in
            try QuarantineRecord
                .filter(QuarantineRecord.Columns.runID == runID)
                .order(QuarantineRecord.Columns.id)
                .fetchAll(db)
        }
    }

    /// Fields with decision `review`, ordered by run, then document, then field;
    /// only those of documents last processed by `runID` when given.
    public func fieldsNeedingReview(runID: Int64? = nil, limit: Int? = nil) throws(StoreError) -> [ReviewItem] {
        try read { db in
            var sql = """
                SELECT field.* FROM field JOIN document ON document.id = field.document_id
                WHERE field.decision = ?
                """
            var arguments: StatementArguments = [FieldDecision.review]
            if let runID {
                sql += " AND document.run_id = ?"
                arguments += [runID]
            }
            sql += " ORDER BY document.run_id, document.id, field.id"
            if let limit {
                sql += " LIMIT ?"
                arguments += [limit]
            }
            let fields = try FieldRecord.fetchAll(db, sql: sql, arguments: arguments)
            let documentIDs = Set(fields.map(\.documentID))
            let documents = try DocumentRecord.fetchAll(db, keys: documentIDs)
            let byID = Dictionary(uniqueKeysWithValues: documents.compactMap { doc in doc.id.map { ($0, doc) } })
            return fields.compactMap { field in
                byID[field.documentID].map { ReviewItem(document: $0, field: field) }
            }
        }
    }
}
