import Foundation
import GRDB

/// What an erasure removed, for the operator's report and the audit log.
public struct ErasureCounts: Sendable, Equatable, Codable {
    public var documents = 0
    public var fields = 0
    public var pages = 0
    public var decisions = 0
    public var auditEntries = 0
    public var searchEntries = 0
    public var cases = 0
    public var caseEvents = 0
    public var exportLogs = 0
    /// File paths (where the documents were found) forgotten; a name in a path is personal data too.
    public var paths = 0
    public var customerDeleted = false

    public init() {}
}

extension MailroomDatabase {
    /// Erases the personal data of `documentIDs`, `caseIDs` and the customer `customerID` in
    /// one transaction, keeping the rows that carry anonymous counts.
    ///
    /// Documents keep their hash, kind, form and timings and turn `erased`; fields keep their
    /// name, type and decision but lose every reading; page and document text, operator
    /// decision values, audit details, search entries, case subjects and timeline texts, and
    /// the document ids in the export history are removed; the customer row is deleted.
    public func erasePersonalData(
        documentIDs: [Int64], caseIDs: [Int64], customerID: String?
    ) throws(StoreError) -> ErasureCounts {
        try write { db in
            var counts = ErasureCounts()
            let documents = Array(Set(documentIDs)).sorted()
            if !documents.isEmpty {
                let ids = documents.map(String.init).joined(separator: ",")
                try db.execute(sql: """
                    UPDATE field SET raw = NULL, value = NULL, alternatives = '[]', character_alternatives = '[]',
                        corrections = '[]', box = NULL WHERE document_id IN (\(ids))
                    """)
                counts.fields = db.changesCount
                try db.execute(sql: "UPDATE page SET text = NULL WHERE document_id IN (\(ids))")
                counts.pages = db.changesCount
                try db.execute(sql: "DELETE FROM document_path WHERE document_id IN (\(ids))")
                counts.paths = db.changesCount
                try db.execute(sql: """
                    UPDATE document SET text = NULL, error = NULL, state = 'erased', path = '[erased]' WHERE id IN (\(ids))
                    """)
                counts.documents = db.changesCount
                try db.execute(sql: "UPDATE field_decision SET old_value = NULL, new_value = NULL WHERE document_id IN (\(ids))")
                counts.decisions = db.changesCount
                if try db.tableExists("audit_log") {
                    try db.execute(sql: "UPDATE audit_log SET details = '{\"erased\":true}' WHERE document_id IN (\(ids))")
                    counts.auditEntries = db.changesCount
                }
                if try db.tableExists("search_index") {
                    try db.execute(sql: "DELETE FROM search_index WHERE document_id IN (\(ids))")
                    counts.searchEntries = db.changesCount
                }
                if try db.tableExists("document_customer") {
                    try db.execute(sql: """
                        UPDATE document_customer SET customer_id = NULL, candidates = '[]', method = 'erased', score = NULL
                        WHERE document_id IN (\(ids))
                        """)
                }
                if try db.tableExists("export_log") {
                    let erased = Set(documents)
                    for row in try Row.fetchAll(db, sql: "SELECT id, document_ids FROM export_log") {
                        let listed = (try? JSONDecoder().decode([Int64].self, from: Data((row["document_ids"] as String).utf8))) ?? []
                        let kept = listed.filter { !erased.contains($0) }
                        guard kept.count != listed.count else { continue }
                        let json = String(decoding: try JSONEncoder().encode(kept), as: UTF8.self)
                        try db.execute(sql: "UPDATE export_log SET document_ids = ? WHERE id = ?", arguments: [json, row["id"] as Int64])
                        counts.exportLogs += 1
                    }
                }
            }
            let cases = Array(Set(caseIDs)).sorted()
            if !cases.isEmpty {
                let ids = cases.map(String.init).joined(separator: ",")
                try db.execute(sql: "UPDATE customer_case SET customer_id = NULL, subject = '[erased]' WHERE id IN (\(ids))")
                counts.cases = db.changesCount
                try db.execute(sql: "UPDATE case_event SET text = NULL, attachment_path = NULL WHERE case_id IN (\(ids))")
                counts.caseEvents = db.changesCount
            }
            if let customerID {
                try db.execute(sql: "UPDATE document_customer SET customer_id = NULL WHERE customer_id = ?", arguments: [customerID])
                try db.execute(sql: "UPDATE customer_case SET customer_id = NULL WHERE customer_id = ?", arguments: [customerID])
                try db.execute(sql: "DELETE FROM customer WHERE id = ?", arguments: [customerID])
                counts.customerDeleted = db.changesCount > 0
            }
            return counts
        }
    }

    /// Every path the documents were found at (their first path and any seen later), sorted.
    public func documentPaths(_ documentIDs: [Int64]) throws(StoreError) -> [String] {
        guard !documentIDs.isEmpty else { return [] }
        return try read { db in
            let ids = Set(documentIDs).map(String.init).joined(separator: ",")
            let first = try String.fetchAll(db, sql: "SELECT path FROM document WHERE id IN (\(ids))")
            let seen = try String.fetchAll(db, sql: "SELECT path FROM document_path WHERE document_id IN (\(ids))")
            return Array(Set(first + seen).subtracting(["[erased]"])).sorted()
        }
    }

    /// The batch files the documents were cut out of, with the pages they held (`scan.tif pages 3-4`).
    ///
    /// A batch file holds other documents too, so erasing one customer cannot delete it; the
    /// operator is told which pages of which file still show the customer.
    public func batchSources(_ documentIDs: [Int64]) throws(StoreError) -> [String] {
        guard !documentIDs.isEmpty else { return [] }
        return try read { db in
            let ids = Set(documentIDs).map(String.init).joined(separator: ",")
            let rows = try Row.fetchAll(db, sql: """
                SELECT batch.path AS path, part.source_pages AS pages
                FROM document part JOIN document batch ON batch.sha256 = part.source_sha256
                WHERE part.id IN (\(ids))
                """)
            return rows.map { "\($0["path"] as String) pages \($0["pages"] as String? ?? "?")" }.sorted()
        }
    }

    /// The documents and cases that belong to a customer: linked to the id, or carrying the
    /// e-mail address in a sender or e-mail field.
    public func personalRecords(customerID: String?, email: String?) throws(StoreError) -> (documents: [Int64], cases: [Int64]) {
        try read { db in
            var documents = Set<Int64>()
            if let customerID {
                documents.formUnion(try Int64.fetchAll(db, sql: "SELECT document_id FROM document_customer WHERE customer_id = ?",
                                                       arguments: [customerID]))
            }
            if let email, !email.isEmpty {
                documents.formUnion(try Int64.fetchAll(db, sql: """
                    SELECT document_id FROM field WHERE name IN ('email', 'sender_email') AND lower(value) = lower(?)
                    """, arguments: [email]))
            }
            var cases = Set<Int64>()
            if let customerID {
                cases.formUnion(try Int64.fetchAll(db, sql: "SELECT id FROM customer_case WHERE customer_id = ?", arguments: [customerID]))
            }
            if !documents.isEmpty {
                let ids = documents.map(String.init).joined(separator: ",")
                cases.formUnion(try Int64.fetchAll(db, sql: "SELECT case_id FROM case_document WHERE document_id IN (\(ids))"))
            }
            // Every letter and e-mail in the customer's cases is theirs too.
            if !cases.isEmpty {
                let ids = cases.map(String.init).joined(separator: ",")
                documents.formUnion(try Int64.fetchAll(db, sql: "SELECT document_id FROM case_document WHERE case_id IN (\(ids))"))
            }
            return (documents.sorted(), cases.sorted())
        }
    }
}
