import Foundation
import GRDB

extension MailroomDatabase {
    /// The e-mail fields of the documents of runs `runIDs` still waiting for review, with no
    /// operator decision yet, whose stored reason holds `reason`: for checks the machine may run
    /// again once the run has taught it more.
    public func emailFieldsInReview(runIDs: [Int64], reasonContaining reason: String) throws(StoreError) -> [FieldRecord] {
        guard !runIDs.isEmpty else { return [] }
        return try read { db in
            try FieldRecord.fetchAll(db, sql: """
                SELECT * FROM field
                WHERE type = 'email' AND decision = 'review' AND instr(reason, ?) > 0
                  AND document_id IN (SELECT id FROM document WHERE run_id IN (\(databaseQuestionMarks(count: runIDs.count))))
                  AND NOT EXISTS (SELECT 1 FROM field_decision d
                                  WHERE d.document_id = field.document_id AND d.field_name = field.name)
                ORDER BY id
                """, arguments: StatementArguments([reason] as [any DatabaseValueConvertible] + runIDs))
        }
    }

    /// The form of each document of runs `runIDs` read as a coupon, by document id.
    public func formIDs(runIDs: [Int64]) throws(StoreError) -> [Int64: String] {
        guard !runIDs.isEmpty else { return [:] }
        return try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT id, form_id FROM document
                WHERE form_id IS NOT NULL AND run_id IN (\(databaseQuestionMarks(count: runIDs.count)))
                """, arguments: StatementArguments(runIDs))
            return Dictionary(rows.map { ($0["id"] as Int64, $0["form_id"] as String) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// Saves fields the machine changed after their document was stored, all in one transaction;
    /// a field that is gone (its document reprocessed or erased meanwhile) is skipped.
    /// Returns how many were saved.
    @discardableResult
    public func updateFields(_ fields: [FieldRecord]) throws(StoreError) -> Int {
        try write { db in
            var saved = 0
            for field in fields where field.id != nil {
                if try field.exists(db) {
                    try field.update(db)
                    saved += 1
                }
            }
            return saved
        }
    }
}
