import Foundation
import GRDB

/// How a run ended, or that it is still going.
public enum RunStatus: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case running
    case completed
    case failed
    case interrupted
}

/// The tallies of one run, kept as plain columns of `run` so reports can sum them.
public struct RunCounts: Codable, Sendable, Equatable {
    public var discovered: Int
    public var processed: Int
    /// Files whose sha256 was already known: recorded as a new path, not processed again.
    public var skipped: Int
    public var quarantined: Int
    public var deferred: Int

    public init(discovered: Int = 0, processed: Int = 0, skipped: Int = 0, quarantined: Int = 0, deferred: Int = 0) {
        self.discovered = discovered
        self.processed = processed
        self.skipped = skipped
        self.quarantined = quarantined
        self.deferred = deferred
    }
}

/// One `mailroom scan` invocation: a row of `run`.
public struct RunRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "run"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var startedAt: Date
    public var endedAt: Date?
    public var status: RunStatus
    public var jobs: Int
    public var host: String
    public var pid: Int32
    /// The command line arguments, stored as a JSON array.
    public var arguments: [String]
    public var discovered: Int
    public var processed: Int
    public var skipped: Int
    public var quarantined: Int
    public var deferred: Int
    /// A JSON document written by the pipeline at the end of the run; the store does not read it.
    public var summary: String?

    public init(
        id: Int64? = nil, startedAt: Date, endedAt: Date? = nil, status: RunStatus = .running,
        jobs: Int, host: String, pid: Int32, arguments: [String],
        counts: RunCounts = RunCounts(), summary: String? = nil
    ) {
        self.id = id
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.status = status
        self.jobs = jobs
        self.host = host
        self.pid = pid
        self.arguments = arguments
        self.discovered = counts.discovered
        self.processed = counts.processed
        self.skipped = counts.skipped
        self.quarantined = counts.quarantined
        self.deferred = counts.deferred
        self.summary = summary
    }

    /// The five tallies together.
    public var counts: RunCounts {
        get {
            RunCounts(discovered: discovered, processed: processed, skipped: skipped,
                      quarantined: quarantined, deferred: deferred)
        }
        set {
            discovered = newValue.discovered
            processed = newValue.processed
            skipped = newValue.skipped
            quarantined = newValue.quarantined
            deferred = newValue.deferred
        }
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension RunRecord {
    public enum Columns {
        public static let id = Column("id")
        public static let status = Column("status")
    }
}
