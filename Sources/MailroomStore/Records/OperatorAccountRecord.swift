import Foundation
import GRDB

/// What a web station account may do.
public enum OperatorRole: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    /// Reviews fields and works cases.
    case `operator`
    /// An operator who also sees reports and manages the queues.
    case supervisor
    /// Sees exports and aggregate reports only.
    case marketing
}

/// A person who logs in to the web station: a row of `operator_account`.
public struct OperatorAccountRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "operator_account"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    /// The login name, also written to the audit log and `field_decision.operator_name`.
    public var name: String
    public var role: OperatorRole
    /// A bcrypt hash (`$2b$…`); the password itself is never stored.
    public var passwordHash: String
    public var createdAt: Date

    public init(id: Int64? = nil, name: String, role: OperatorRole, passwordHash: String, createdAt: Date = Date()) {
        self.id = id
        self.name = name
        self.role = role
        self.passwordHash = passwordHash
        self.createdAt = createdAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    public enum Columns {
        public static let name = Column("name")
    }
}
