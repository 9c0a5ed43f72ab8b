import Foundation
import GRDB

/// The Mailroom SQLite database: a WAL-mode `DatabasePool` with the schema migrated.
///
/// Reads may come from any thread (the pipeline's workers ask ``knownDocument(sha256:)``
/// concurrently); writes are meant for one writer, which ``RunLock`` guarantees across
/// processes. Every method throws only ``StoreError``.
public final class MailroomDatabase: Sendable {
    /// How long a write waits for another connection before failing with ``StoreError/busy(path:)``.
    public static let defaultBusyTimeout: TimeInterval = 5

    /// The path of the database file.
    public let path: String
    let pool: DatabasePool

    /// Opens (creating if needed) the database at `path` and migrates it to this build's schema.
    ///
    /// Refuses with ``StoreError/newerSchema(path:found:latestKnown:)`` when a newer Mailroom
    /// migrated the file, and with ``StoreError/notADatabase(path:)`` when it is not SQLite.
    public static func open(
        path: String, busyTimeout: TimeInterval = defaultBusyTimeout
    ) throws(StoreError) -> MailroomDatabase {
        try open(path: path, busyTimeout: busyTimeout, migrator: schemaMigrator)
    }

    static func open(
        path: String, busyTimeout: TimeInterval, migrator: DatabaseMigrator
    ) throws(StoreError) -> MailroomDatabase {
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        config.label = "mailroom"
        config.prepareDatabase { db in
            // In WAL mode NORMAL keeps the file consistent after a crash or power loss and
            // only risks the last commits on power loss; FULL would fsync every batch.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        let pool: DatabasePool = try StoreError.mapping(path: path) {
            try DatabasePool(path: path, configuration: config)
        }
        let database = MailroomDatabase(path: path, pool: pool)
        try database.migrate(with: migrator)
        return database
    }

    private init(path: String, pool: DatabasePool) {
        self.path = path
        self.pool = pool
    }

    /// Checks the schema version, then applies the migrations this build knows.
    private func migrate(with migrator: DatabaseMigrator) throws(StoreError) {
        let unknown: [String] = try StoreError.mapping(path: path) {
            try pool.read { db in
                let known = Set(migrator.migrations)
                return try migrator.appliedIdentifiers(db).filter { !known.contains($0) }.sorted()
            }
        }
        if !unknown.isEmpty {
            throw .newerSchema(path: path, found: unknown, latestKnown: migrator.migrations.last ?? "none")
        }
        try StoreError.mapping(path: path) { try migrator.migrate(pool) }
    }

    /// The schema migrations this build applied or found, in order ("v1", …).
    public func appliedMigrations() throws(StoreError) -> [String] {
        try read { db in try Self.schemaMigrator.appliedMigrations(db) }
    }

    /// Closes the connections; later calls throw. Dropping the last reference also closes.
    public func close() throws(StoreError) {
        try StoreError.mapping(path: path) { try pool.close() }
    }

    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        try StoreError.mapping(path: path) { try pool.read(body) }
    }

    /// One write transaction: everything in `body` is committed together or not at all.
    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        try StoreError.mapping(path: path) { try pool.write(body) }
    }
}
