import Foundation
import GRDB

/// A place where a document was seen: a row of `document_path`.
///
/// Scans get renamed and copied between folders; keeping every path lets an operator
/// find all copies of a document from its sha256.
public struct DocumentPathRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "document_path"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var documentID: Int64
    public var path: String
    /// When the path was first seen.
    public var seenAt: Date

    public init(documentID: Int64, path: String, seenAt: Date = Date()) {
        self.documentID = documentID
        self.path = path
        self.seenAt = seenAt
    }

    enum CodingKeys: String, CodingKey {
        case documentID = "documentId"
        case path, seenAt
    }
}

extension DocumentPathRecord {
    public enum Columns {
        public static let documentID = Column("document_id")
        public static let path = Column("path")
    }
}
