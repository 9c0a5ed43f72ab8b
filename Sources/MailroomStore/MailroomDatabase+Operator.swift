import Foundation
import GRDB

/// A document with its fields and the time of the last operator decision on it.
public struct DocumentFields: Sendable, Equatable {
    public var document: DocumentRecord
    /// In saving order (the form's field order).
    public var fields: [FieldRecord]
    /// The latest `field_decision.decided_at` of the document, nil when no one decided on it.
    public var lastDecisionAt: Date?

    public init(document: DocumentRecord, fields: [FieldRecord], lastDecisionAt: Date? = nil) {
        self.document = document
        self.fields = fields
        self.lastDecisionAt = lastDecisionAt
    }
}

extension MailroomDatabase {
    /// Appends an operator decision, saves the field it changed and writes the audit entry
    /// (linked to the decision) in one transaction; returns the decision and the audit entry.
    @discardableResult
    public func recordDecision(
        _ decision: FieldDecisionRecord, updatedField: FieldRecord?, audit: AuditRecord
    ) throws(StoreError) -> (FieldDecisionRecord, AuditRecord) {
        try write { db in
            var decision = decision
            decision.id = nil
            try decision.insert(db)
            if let updatedField {
                guard updatedField.id != nil, try updatedField.exists(db) else {
                    throw StoreError.notFound("field '\(updatedField.name)' of document \(updatedField.documentID)")
                }
                try updatedField.update(db)
            }
            var audit = audit
            audit.id = nil
            audit.decisionID = decision.id
            try audit.insert(db)
            return (decision, audit)
        }
    }

    /// Appends one entry to the audit log and returns it with its id.
    @discardableResult
    public func appendAudit(_ entry: AuditRecord) throws(StoreError) -> AuditRecord {
        try write { db in
            var entry = entry
            entry.id = nil
            try entry.insert(db)
            return entry
        }
    }

    /// Audit entries, newest first; only this operator's and these actions' when given.
    public func auditLog(
        operatorName: String? = nil, actions: [String]? = nil, limit: Int? = nil
    ) throws(StoreError) -> [AuditRecord] {
        try read { db in
            var request = AuditRecord.order(AuditRecord.Columns.id.desc)
            if let operatorName { request = request.filter(AuditRecord.Columns.operatorName == operatorName) }
            if let actions { request = request.filter(actions.contains(AuditRecord.Columns.action)) }
            if let limit { request = request.limit(limit) }
            return try request.fetchAll(db)
        }
    }

    /// The field of a document with this name, or nil.
    public func field(documentID: Int64, name: String) throws(StoreError) -> FieldRecord? {
        try read { db in
            try FieldRecord
                .filter(FieldRecord.Columns.documentID == documentID && FieldRecord.Columns.name == name)
                .fetchOne(db)
        }
    }

    /// The operator decision with this id, or nil.
    public func decision(id: Int64) throws(StoreError) -> FieldDecisionRecord? {
        try read { db in try FieldDecisionRecord.fetchOne(db, key: id) }
    }

    /// Every operator decision, oldest first; only those decided in `from..<to` when given.
    public func allDecisions(from: Date? = nil, to: Date? = nil) throws(StoreError) -> [FieldDecisionRecord] {
        try read { db in
            var request = FieldDecisionRecord.order(FieldDecisionRecord.Columns.id)
            if let from { request = request.filter(FieldDecisionRecord.Columns.decidedAt >= from) }
            if let to { request = request.filter(FieldDecisionRecord.Columns.decidedAt < to) }
            return try request.fetchAll(db)
        }
    }

    /// Documents of `kind` (all kinds when nil) with their fields, by document id; only those
    /// last processed by `runID`, or created in `from..<to`, when given.
    public func documentsWithFields(
        kind: DocumentKind? = nil, runID: Int64? = nil, createdFrom from: Date? = nil, to: Date? = nil
    ) throws(StoreError) -> [DocumentFields] {
        try read { db in
            // One WHERE clause for the documents and for their fields (joined), so no list of
            // ids has to be sent: tens of thousands would pass SQLite's variable limit.
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let kind { conditions.append("document.kind = ?"); arguments += [kind] }
            if let runID { conditions.append("document.run_id = ?"); arguments += [runID] }
            if let from { conditions.append("document.created_at >= ?"); arguments += [from] }
            if let to { conditions.append("document.created_at < ?"); arguments += [to] }
            let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
            let documents = try DocumentRecord.fetchAll(
                db, sql: "SELECT document.* FROM document\(filter) ORDER BY document.id", arguments: arguments)
            var fields: [Int64: [FieldRecord]] = [:]
            for field in try FieldRecord.fetchAll(db, sql: """
                SELECT field.* FROM field JOIN document ON document.id = field.document_id\(filter)
                ORDER BY field.id
                """, arguments: arguments) {
                fields[field.documentID, default: []].append(field)
            }
            var decided: [Int64: Date] = [:]
            let rows = try Row.fetchAll(db, sql: """
                SELECT document_id, MAX(decided_at) FROM field_decision GROUP BY document_id
                """)
            for row in rows {
                if let id: Int64 = row[0], let at: Date = row[1] { decided[id] = at }
            }
            return documents.map { document in
                let id = document.id ?? 0
                return DocumentFields(document: document, fields: fields[id] ?? [], lastDecisionAt: decided[id])
            }
        }
    }

    /// Quarantine entries, oldest first; only those of `runID`, or made in `from..<to`, when given.
    public func quarantineEntries(runID: Int64? = nil, from: Date? = nil, to: Date? = nil) throws(StoreError) -> [QuarantineRecord] {
        try read { db in
            var request = QuarantineRecord.order(QuarantineRecord.Columns.id)
            if let runID { request = request.filter(QuarantineRecord.Columns.runID == runID) }
            if let from { request = request.filter(Column("created_at") >= from) }
            if let to { request = request.filter(Column("created_at") < to) }
            return try request.fetchAll(db)
        }
    }

    /// Runs started in `from..<to` (all when nil), oldest first.
    public func runs(startedFrom from: Date?, to: Date?) throws(StoreError) -> [RunRecord] {
        try read { db in
            var request = RunRecord.order(RunRecord.Columns.id)
            if let from { request = request.filter(Column("started_at") >= from) }
            if let to { request = request.filter(Column("started_at") < to) }
            return try request.fetchAll(db)
        }
    }

    /// Records an export that was written.
    @discardableResult
    public func recordExport(_ entry: ExportLogRecord, audit: AuditRecord) throws(StoreError) -> ExportLogRecord {
        try write { db in
            var entry = entry
            entry.id = nil
            try entry.insert(db)
            var audit = audit
            audit.id = nil
            try audit.insert(db)
            return entry
        }
    }

    /// The exports of `kind` (and `purpose`, when given), newest first.
    public func exports(kind: String, purpose: String? = nil) throws(StoreError) -> [ExportLogRecord] {
        try read { db in
            var request = ExportLogRecord
                .filter(ExportLogRecord.Columns.kind == kind)
                .order(ExportLogRecord.Columns.id.desc)
            if let purpose { request = request.filter(ExportLogRecord.Columns.purpose == purpose) }
            return try request.fetchAll(db)
        }
    }
}
