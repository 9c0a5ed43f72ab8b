import Foundation
import GRDB

/// One export file written: a row of `export_log`.
///
/// The watermarks make exports incremental: the next export of the same kind and purpose
/// starts after the last one's `untilWatermark`.
public struct ExportLogRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "export_log"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var at: Date
    public var operatorName: String
    /// What was exported, such as `loyalty`.
    public var kind: String
    /// Who may use it, such as `marketing` or `operations`.
    public var purpose: String
    /// `csv` or `jsonl`.
    public var format: String
    public var path: String
    /// The watermark the export started after (nil: from the beginning).
    public var sinceWatermark: String?
    /// The highest watermark included (nil: nothing was ever included).
    public var untilWatermark: String?
    public var rowCount: Int
    /// Lowercase hex sha256 of the file written.
    public var sha256: String
    /// The ids of the documents the rows were built from, as a JSON array.
    public var documentIDs: [Int64]

    public init(
        id: Int64? = nil, at: Date = Date(), operatorName: String, kind: String, purpose: String, format: String,
        path: String, sinceWatermark: String?, untilWatermark: String?, rowCount: Int, sha256: String,
        documentIDs: [Int64]
    ) {
        self.id = id
        self.at = at
        self.operatorName = operatorName
        self.kind = kind
        self.purpose = purpose
        self.format = format
        self.path = path
        self.sinceWatermark = sinceWatermark
        self.untilWatermark = untilWatermark
        self.rowCount = rowCount
        self.sha256 = sha256
        self.documentIDs = documentIDs
    }

    enum CodingKeys: String, CodingKey {
        case id, at, operatorName, kind, purpose, format, path, sinceWatermark, untilWatermark, rowCount, sha256
        case documentIDs = "documentIds"
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension ExportLogRecord {
    public enum Columns {
        public static let id = Column("id")
        public static let kind = Column("kind")
        public static let purpose = Column("purpose")
    }
}
