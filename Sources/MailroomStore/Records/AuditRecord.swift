import Foundation
import GRDB

/// One operator action: a row of `audit_log`.
///
/// Every decision, undo and export is written here, with who, when, on what, and a JSON
/// object of details the operator tools define (the store does not read them).
public struct AuditRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "audit_log"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var at: Date
    public var operatorName: String
    /// What was done, such as `review.accept` or `export.loyalty`.
    public var action: String
    /// What it was done to, such as `document 12 field postcode` or an export path.
    public var target: String
    public var documentID: Int64?
    /// The `field_decision` row this action wrote, if any; set by the store.
    public var decisionID: Int64?
    /// A JSON object.
    public var details: String

    public init(
        id: Int64? = nil, at: Date = Date(), operatorName: String, action: String, target: String,
        documentID: Int64? = nil, decisionID: Int64? = nil, details: String = "{}"
    ) {
        self.id = id
        self.at = at
        self.operatorName = operatorName
        self.action = action
        self.target = target
        self.documentID = documentID
        self.decisionID = decisionID
        self.details = details
    }

    enum CodingKeys: String, CodingKey {
        case id, at, operatorName, action, target
        case documentID = "documentId"
        case decisionID = "decisionId"
        case details
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension AuditRecord {
    public enum Columns {
        public static let id = Column("id")
        public static let at = Column("at")
        public static let operatorName = Column("operator_name")
        public static let action = Column("action")
        public static let decisionID = Column("decision_id")
    }
}
