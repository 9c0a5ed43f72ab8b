import Foundation
import GRDB

/// A file a run could not process and set aside: a row of `quarantine`.
///
/// The same file may be quarantined again by a later run, but only once per run:
/// `(run_id, path)` is unique and saving it twice keeps the last entry.
public struct QuarantineRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "quarantine"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var runID: Int64
    /// Nil when the file could not even be read to hash it.
    public var sha256: String?
    public var path: String
    public var reason: String
    /// The pipeline stage that gave up (read, imaging, ocr, capture…).
    public var stage: String
    public var createdAt: Date

    public init(
        id: Int64? = nil, runID: Int64, sha256: String?, path: String, reason: String, stage: String,
        createdAt: Date = Date()
    ) {
        self.id = id
        self.runID = runID
        self.sha256 = sha256
        self.path = path
        self.reason = reason
        self.stage = stage
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id
        case runID = "runId"
        case sha256, path, reason, stage, createdAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension QuarantineRecord {
    public enum Columns {
        public static let id = Column("id")
        public static let runID = Column("run_id")
    }
}
