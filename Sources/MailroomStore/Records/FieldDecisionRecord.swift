import Foundation
import GRDB

/// What an operator did with a field under review.
public enum DecisionAction: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case accept
    case correct
    case pick
    case skip
    /// Reverts an earlier decision of the same operator: `newValue` is the value restored.
    case undo
}

/// One operator action on a field: a row of `field_decision`.
///
/// This is the history of human work, so it is keyed by field name rather than field id:
/// reprocessing a document replaces its fields but must keep every decision.
public struct FieldDecisionRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "field_decision"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var documentID: Int64
    public var fieldName: String
    /// Who decided (login name of the operator).
    public var operatorName: String
    public var decidedAt: Date
    public var oldValue: String?
    public var newValue: String?
    public var action: DecisionAction

    public init(
        id: Int64? = nil, documentID: Int64, fieldName: String, operatorName: String,
        decidedAt: Date = Date(), oldValue: String?, newValue: String?, action: DecisionAction
    ) {
        self.id = id
        self.documentID = documentID
        self.fieldName = fieldName
        self.operatorName = operatorName
        self.decidedAt = decidedAt
        self.oldValue = oldValue
        self.newValue = newValue
        self.action = action
    }

    enum CodingKeys: String, CodingKey {
        case id
        case documentID = "documentId"
        case fieldName, operatorName, decidedAt, oldValue, newValue, action
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension FieldDecisionRecord {
    public enum Columns {
        public static let id = Column("id")
        public static let documentID = Column("document_id")
        public static let operatorName = Column("operator_name")
        public static let decidedAt = Column("decided_at")
    }
}
