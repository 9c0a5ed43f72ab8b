import Foundation
import GRDB
import Testing
@testable import MailroomStore

@Suite("Opening and migrating")
struct OpeningTests {
    @Test("migrations create every table and the indexes queries rely on")
    func createsSchema() throws {
        let dir = try TemporaryDirectory()
        let database = try MailroomDatabase.open(path: dir.databasePath)
        let migrations = try database.appliedMigrations()
        #expect(migrations == ["v1", "v2-field-characters", "v3-cases", "v4-operator", "v5-web", "v6-batch-sources"])
        #expect(migrations == MailroomDatabase.schemaMigrator.migrations)
        let (tables, indexes) = try database.pool.read { db in
            (try String.fetchSet(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"),
             try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"))
        }
        for table in ["run", "document", "document_path", "page", "field", "field_decision", "quarantine",
                      "audit_log", "export_log", "operator_account", "web_session"] {
            #expect(tables.contains(table), "missing table \(table)")
        }
        let indexed = indexes.joined(separator: "\n")
        for column in ["\"state\"", "\"kind\"", "\"run_id\"", "\"decision\"", "\"document_id\""] {
            #expect(indexed.contains(column), "no index on \(column)")
        }
        #expect(FileManager.default.fileExists(atPath: dir.databasePath))
    }

    @Test("the database is in WAL mode with foreign keys and a busy timeout")
    func walMode() throws {
        let dir = try TemporaryDirectory()
        let database = try MailroomDatabase.open(path: dir.databasePath)
        let (journal, foreignKeys, synchronous) = try database.pool.write { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"),
             try Bool.fetchOne(db, sql: "PRAGMA foreign_keys"),
             try Int.fetchOne(db, sql: "PRAGMA synchronous"))
        }
        #expect(journal == "wal")
        #expect(foreignKeys == true)
        #expect(synchronous == 1) // NORMAL
    }

    @Test("reopening keeps the data and applies nothing twice")
    func reopen() throws {
        let dir = try TemporaryDirectory()
        let runID: Int64
        do {
            let (database, id) = try openWithRun(dir)
            runID = id
            try database.persist(StoreBatch(documents: [documentWrite(sha("a"), runID: id)]))
            try database.close()
        }
        let reopened = try MailroomDatabase.open(path: dir.databasePath)
        #expect(try reopened.appliedMigrations() == ["v1", "v2-field-characters", "v3-cases", "v4-operator", "v5-web", "v6-batch-sources"])
        #expect(try reopened.run(id: runID)?.arguments == ["scan", "/scans"])
        #expect(try reopened.knownDocument(sha256: sha("a")) != nil)
    }

    @Test("a database migrated by a newer Mailroom is refused with the versions found")
    func newerSchema() throws {
        let dir = try TemporaryDirectory()
        var newer = MailroomDatabase.schemaMigrator
        newer.registerMigration("v9-from-the-future") { db in
            try db.create(table: "hologram") { t in t.autoIncrementedPrimaryKey("id") }
        }
        try MailroomDatabase.open(path: dir.databasePath, busyTimeout: 1, migrator: newer).close()

        let error = try #require(throws: StoreError.self) {
            try MailroomDatabase.open(path: dir.databasePath)
        }
        #expect(error == .newerSchema(path: dir.databasePath, found: ["v9-from-the-future"], latestKnown: "v6-batch-sources"))
        #expect(error.description.contains("upgrade Mailroom"))
        #expect(error.description.contains("v9-from-the-future"))
        #expect(!error.isCouldNotRun)
    }

    @Test("a file that is not SQLite gives notADatabase naming the path")
    func notADatabase() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("coupons.sqlite")
        let junk = String(repeating: "this is a scanned coupon, not a database\n", count: 200)
        try junk.write(toFile: path, atomically: true, encoding: .utf8)

        let error = try #require(throws: StoreError.self) {
            try MailroomDatabase.open(path: path)
        }
        #expect(error == .notADatabase(path: path))
        #expect(error.description.contains(path))
    }

    @Test("a database in a missing directory cannot be opened, and says where")
    func missingDirectory() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("no/such/dir/mailroom.sqlite")
        let error = try #require(throws: StoreError.self) {
            try MailroomDatabase.open(path: path)
        }
        guard case .cannotOpen(let reported, _) = error else {
            Issue.record("expected cannotOpen, got \(error)")
            return
        }
        #expect(reported == path)
        #expect(error.isCouldNotRun)
    }

    @Test("a folder given as the database says it is a folder and what to give instead")
    func folderAsDatabase() throws {
        let dir = try TemporaryDirectory()
        let error = try #require(throws: StoreError.self) {
            try MailroomDatabase.open(path: dir.url.path)
        }
        #expect(error.description.contains("\(dir.url.path) is a folder"))
        #expect(error.description.contains("\(dir.url.path)/mailroom.sqlite"))
    }
}
