import Foundation
import GRDB

extension MailroomDatabase {
    /// Appends an operator decision to the history and, when given, saves the field it
    /// changed, both in one transaction. Returns the decision with its id.
    ///
    /// The store does not decide what a decision does to a field: the caller passes the
    /// field as it should now be.
    @discardableResult
    public func recordDecision(
        _ decision: FieldDecisionRecord, updatedField: FieldRecord? = nil
    ) throws(StoreError) -> FieldDecisionRecord {
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
            return decision
        }
    }

    /// The operator decisions on a document, oldest first; they survive reprocessing.
    public func decisions(documentID: Int64) throws(StoreError) -> [FieldDecisionRecord] {
        try read { db in
            try FieldDecisionRecord
                .filter(FieldDecisionRecord.Columns.documentID == documentID)
                .order(FieldDecisionRecord.Columns.id)
                .fetchAll(db)
        }
    }
}
