import Foundation
import GRDB

/// What the case desk files for one received document, saved in one transaction.
public struct CaseIntake: Sendable, Equatable {
    /// Where the document goes: an existing case (its record as updated), or a new case.
    public enum Target: Sendable, Equatable {
        case existing(CaseRecord)
        case new(CaseRecord)
    }

    public var documentID: Int64
    public var link: DocumentCustomerRecord
    public var target: Target
    /// new, reference, customer-topic or thread.
    public var linkMethod: String
    /// Timeline lines; their `caseID` is set by the store.
    public var events: [CaseEventRecord]
    /// For an existing case: its `updatedAt` when it was read; a different one in the database
    /// means someone changed it meanwhile, and the intake fails with ``StoreError/conflict(_:)``.
    public var expectedUpdatedAt: Date?

    public init(
        documentID: Int64, link: DocumentCustomerRecord, target: Target, linkMethod: String,
        events: [CaseEventRecord], expectedUpdatedAt: Date? = nil
    ) {
        self.documentID = documentID
        self.link = link
        self.target = target
        self.linkMethod = linkMethod
        self.events = events
        self.expectedUpdatedAt = expectedUpdatedAt
    }
}

/// Which cases to list; nil means any.
public struct CaseQuery: Sendable, Equatable {
    public var queue: String?
    public var states: [String]?
    public var assignee: String?
    public var customerID: String?
    public var topic: String?
    public var limit: Int?

    public init(
        queue: String? = nil, states: [String]? = nil, assignee: String? = nil, customerID: String? = nil,
        topic: String? = nil, limit: Int? = nil
    ) {
        self.queue = queue
        self.states = states
        self.assignee = assignee
        self.customerID = customerID
        self.topic = topic
        self.limit = limit
    }
}

extension MailroomDatabase {
    /// Files a document: its customer link, its case (new or updated) and timeline, together.
    ///
    /// Returns the case as saved, or nil without writing anything when the document is
    /// already in a case (so a re-run never files it twice). A new case saved with an empty
    /// reference gets the next `C-YYYY-NNNNNN` of its creation year.
    @discardableResult
    public func fileIntake(_ intake: CaseIntake, calendar: Calendar = Calendar(identifier: .gregorian))
        throws(StoreError) -> CaseRecord? {
        try write { db in
            if try CaseDocumentRecord.filter(Column("document_id") == intake.documentID).fetchCount(db) > 0 {
                return nil
            }
            try intake.link.save(db)
            var record: CaseRecord
            switch intake.target {
            case let .existing(existing):
                record = existing
                try Self.checkUnchanged(record, since: intake.expectedUpdatedAt, in: db)
                try record.update(db)
            case let .new(new):
                record = new
                record.id = nil
                if record.reference.isEmpty {
                    record.reference = try Self.nextReference(db, year: calendar.component(.year, from: record.createdAt))
                }
                try record.insert(db)
            }
            guard let caseID = record.id else { throw StoreError.invalidArgument("case got no id on save") }
            try CaseDocumentRecord(caseID: caseID, documentID: intake.documentID,
                                   linkedAt: record.updatedAt, linkMethod: intake.linkMethod).insert(db)
            for var event in intake.events {
                event.id = nil
                event.caseID = caseID
                try event.insert(db)
            }
            return record
        }
    }

    private static func nextReference(_ db: Database, year: Int) throws -> String {
        let prefix = String(format: "C-%04d-", year)
        let last = try String.fetchOne(
            db, sql: "SELECT reference FROM customer_case WHERE reference GLOB ? ORDER BY reference DESC LIMIT 1",
            arguments: [prefix + "*"])
        let number = last.flatMap { Int($0.dropFirst(prefix.count)) } ?? 0
        return prefix + String(format: "%06d", number + 1)
    }

    /// Saves a changed case with the timeline lines that explain the change, together.
    ///
    /// With `expectedUpdatedAt` (the case's `updatedAt` when it was read), a case changed by
    /// someone else meanwhile is not overwritten: the call fails with ``StoreError/conflict(_:)``.
    public func updateCase(_ record: CaseRecord, events: [CaseEventRecord], expectedUpdatedAt: Date? = nil)
        throws(StoreError) {
        guard let caseID = record.id else { throw .invalidArgument("a case must be saved before it is updated") }
        try write { db in
            try Self.checkUnchanged(record, since: expectedUpdatedAt, in: db)
            try record.update(db)
            for var event in events {
                event.id = nil
                event.caseID = caseID
                try event.insert(db)
            }
        }
    }

    private static func checkUnchanged(_ record: CaseRecord, since expected: Date?, in db: Database) throws {
        guard let expected, let id = record.id else { return }
        let current = try CaseRecord.fetchOne(db, key: id)
        if current?.updatedAt != expected {
            throw StoreError.conflict("case \(record.reference)")
        }
    }

    /// The case with this id, or nil.
    public func caseRecord(id: Int64) throws(StoreError) -> CaseRecord? {
        try read { db in try CaseRecord.fetchOne(db, key: id) }
    }

    /// The case with this reference (`C-2026-000123`, any case), or nil.
    public func caseRecord(reference: String) throws(StoreError) -> CaseRecord? {
        try read { db in
            try CaseRecord.filter(CaseRecord.Columns.reference == reference.uppercased()).fetchOne(db)
        }
    }

    /// Cases matching `query`, newest first.
    public func cases(_ query: CaseQuery = CaseQuery()) throws(StoreError) -> [CaseRecord] {
        try read { db in
            var request = CaseRecord.all()
            if let queue = query.queue { request = request.filter(CaseRecord.Columns.queue == queue) }
            if let states = query.states { request = request.filter(states.contains(CaseRecord.Columns.state)) }
            if let assignee = query.assignee { request = request.filter(CaseRecord.Columns.assignee == assignee) }
            if let customer = query.customerID { request = request.filter(CaseRecord.Columns.customerID == customer) }
            if let topic = query.topic { request = request.filter(CaseRecord.Columns.topic == topic) }
            request = request.order(CaseRecord.Columns.createdAt.desc, CaseRecord.Columns.id.desc)
            if let limit = query.limit { request = request.limit(limit) }
            return try request.fetchAll(db)
        }
    }

    /// The timeline of a case, oldest first.
    public func caseEvents(caseID: Int64) throws(StoreError) -> [CaseEventRecord] {
        try read { db in
            try CaseEventRecord.filter(Column("case_id") == caseID).order(Column("at"), Column("id")).fetchAll(db)
        }
    }

    /// The documents filed in a case, in filing order.
    public func caseDocuments(caseID: Int64) throws(StoreError) -> [CaseDocumentRecord] {
        try read { db in
            try CaseDocumentRecord.filter(Column("case_id") == caseID)
                .order(Column("linked_at"), Column("rowid")).fetchAll(db)
        }
    }

    /// The case a document is filed in, or nil.
    public func caseDocument(documentID: Int64) throws(StoreError) -> CaseDocumentRecord? {
        try read { db in try CaseDocumentRecord.filter(Column("document_id") == documentID).fetchOne(db) }
    }

    /// The case holding a document whose `message_id` field is one of `messageIDs`, newest case first.
    public func caseID(holdingMessageIDs messageIDs: [String]) throws(StoreError) -> Int64? {
        if messageIDs.isEmpty { return nil }
        return try read { db in
            let marks = databaseQuestionMarks(count: messageIDs.count)
            return try Int64.fetchOne(db, sql: """
                SELECT case_document.case_id FROM field
                JOIN case_document ON case_document.document_id = field.document_id
                WHERE field.name = 'message_id' AND trim(COALESCE(field.value, field.raw)) IN (\(marks))
                ORDER BY case_document.case_id DESC LIMIT 1
                """, arguments: StatementArguments(messageIDs))
        }
    }

    /// Ids of finished letters and e-mails not yet in a case, and of finished coupons not yet
    /// linked to a customer: what the case desk still has to receive. Oldest first.
    public func documentsAwaitingCases() throws(StoreError) -> [Int64] {
        try read { db in
            try Int64.fetchAll(db, sql: """
                SELECT id FROM document
                WHERE state = 'done' AND (
                    (kind IN ('letter', 'email')
                     AND NOT EXISTS (SELECT 1 FROM case_document WHERE document_id = document.id))
                 OR (kind = 'coupon'
                     AND NOT EXISTS (SELECT 1 FROM document_customer WHERE document_id = document.id)))
                ORDER BY id
                """)
        }
    }
}
