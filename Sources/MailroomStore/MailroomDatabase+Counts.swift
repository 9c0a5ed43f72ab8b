import Foundation
import GRDB

extension MailroomDatabase {
    /// How many documents last processed by the run are of each kind; absent kinds are omitted.
    public func countsByKind(runID: Int64) throws(StoreError) -> [DocumentKind: Int] {
        let rows = try countRows(
            sql: "SELECT kind, COUNT(*) FROM document WHERE run_id = ? GROUP BY kind", runID: runID)
        return Dictionary(uniqueKeysWithValues: rows.compactMap { key, count in
            DocumentKind(rawValue: key).map { ($0, count) }
        })
    }

    /// How many documents last processed by the run were read with each form id;
    /// documents without a form (letters, unknown) are not counted.
    public func countsByForm(runID: Int64) throws(StoreError) -> [String: Int] {
        let rows = try countRows(
            sql: "SELECT form_id, COUNT(*) FROM document WHERE run_id = ? AND form_id IS NOT NULL GROUP BY form_id",
            runID: runID)
        return Dictionary(uniqueKeysWithValues: rows)
    }

    /// How many documents last processed by the run are in each state.
    public func countsByState(runID: Int64) throws(StoreError) -> [DocumentState: Int] {
        let rows = try countRows(
            sql: "SELECT state, COUNT(*) FROM document WHERE run_id = ? GROUP BY state", runID: runID)
        return Dictionary(uniqueKeysWithValues: rows.compactMap { key, count in
            DocumentState(rawValue: key).map { ($0, count) }
        })
    }

    /// How many fields of documents last processed by the run were accepted or sent to review.
    public func countsByDecision(runID: Int64) throws(StoreError) -> [FieldDecision: Int] {
        let rows = try countRows(
            sql: """
                SELECT field.decision, COUNT(*) FROM field JOIN document ON document.id = field.document_id
                WHERE document.run_id = ? GROUP BY field.decision
                """,
            runID: runID)
        return Dictionary(uniqueKeysWithValues: rows.compactMap { key, count in
            FieldDecision(rawValue: key).map { ($0, count) }
        })
    }

    private func countRows(sql: String, runID: Int64) throws(StoreError) -> [(String, Int)] {
        try read { db in
            try Row.fetchAll(db, sql: sql, arguments: [runID]).map { row in
                (row[0] as String, row[1] as Int)
            }
        }
    }
}
