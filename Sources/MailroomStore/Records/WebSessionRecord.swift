import Foundation
import GRDB

/// A logged-in browser: a row of `web_session`.
public struct WebSessionRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "web_session"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    /// Lowercase hex SHA-256 of the cookie's token; the token itself is only in the browser.
    public var tokenHash: String
    public var operatorName: String
    /// The token every state-changing request must carry (form field or header).
    public var csrfToken: String
    public var createdAt: Date
    public var expiresAt: Date

    public init(
        id: Int64? = nil, tokenHash: String, operatorName: String, csrfToken: String, createdAt: Date, expiresAt: Date
    ) {
        self.id = id
        self.tokenHash = tokenHash
        self.operatorName = operatorName
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    public enum Columns {
        public static let tokenHash = Column("token_hash")
        public static let operatorName = Column("operator_name")
        public static let expiresAt = Column("expires_at")
    }
}
