import Foundation
import GRDB

extension MailroomDatabase {
    /// Records the start of a run and returns its id.
    @discardableResult
    public func beginRun(
        jobs: Int, arguments: [String], startedAt: Date = Date(),
        host: String = ProcessInfo.processInfo.hostName, pid: Int32 = ProcessInfo.processInfo.processIdentifier
    ) throws(StoreError) -> Int64 {
        try write { db in
            var run = RunRecord(startedAt: startedAt, jobs: jobs, host: host, pid: pid, arguments: arguments)
            try run.insert(db)
            return run.id ?? db.lastInsertedRowID
        }
    }

    /// Records how a run ended with its tallies and the pipeline's JSON summary.
    public func finishRun(
        id: Int64, status: RunStatus, counts: RunCounts, summary: String? = nil, endedAt: Date = Date()
    ) throws(StoreError) {
        let found: Bool = try write { db in
            guard var run = try RunRecord.fetchOne(db, key: id) else { return false }
            run.status = status
            run.counts = counts
            run.summary = summary
            run.endedAt = endedAt
            try run.update(db)
            return true
        }
        if !found {
            throw .notFound("run \(id)")
        }
    }

    /// Marks every run still `running` as `interrupted` and returns their ids.
    ///
    /// Call it after acquiring the ``RunLock``: holding the lock proves no such run is alive,
    /// so these are runs that were killed before they could finish.
    @discardableResult
    public func markRunningRunsInterrupted(endedAt: Date = Date()) throws(StoreError) -> [Int64] {
        try write { db in
            let ids = try RunRecord
                .filter(RunRecord.Columns.status == RunStatus.running)
                .select(RunRecord.Columns.id, as: Int64.self)
                .fetchAll(db)
            try RunRecord
                .filter(ids.contains(RunRecord.Columns.id))
                .updateAll(db, RunRecord.Columns.status.set(to: RunStatus.interrupted),
                           Column("ended_at").set(to: endedAt))
            return ids
        }
    }

    /// The runs since the last completed one that ended without completing (killed, or stopped
    /// by an error): their end-of-run steps never ran, so the next run catches them up.
    public func unfinishedRunsSinceLastCompleted() throws(StoreError) -> [Int64] {
        try read { db in
            try Int64.fetchAll(db, sql: """
                SELECT id FROM run
                WHERE status IN (?, ?)
                  AND id > coalesce((SELECT max(id) FROM run WHERE status = ?), 0)
                ORDER BY id
                """, arguments: [RunStatus.interrupted, RunStatus.failed, RunStatus.completed])
        }
    }

    /// The run with this id, or nil.
    public func run(id: Int64) throws(StoreError) -> RunRecord? {
        try read { db in try RunRecord.fetchOne(db, key: id) }
    }

    /// The most recently started run, or nil when none was recorded yet.
    public func latestRun() throws(StoreError) -> RunRecord? {
        try read { db in try RunRecord.order(RunRecord.Columns.id.desc).fetchOne(db) }
    }

    /// The most recent runs first, at most `limit`.
    public func runs(limit: Int = 20) throws(StoreError) -> [RunRecord] {
        try read { db in try RunRecord.order(RunRecord.Columns.id.desc).limit(limit).fetchAll(db) }
    }
}
