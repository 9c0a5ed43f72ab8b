import Foundation
import GRDB
import Testing
@testable import MailroomStore

@Suite("SQLite conditions become StoreError")
struct StoreErrorTests {
    @Test("result codes map to cases, with the exit code hint")
    func mapping() {
        let path = "/data/mailroom.sqlite"
        func map(_ code: ResultCode) -> StoreError {
            StoreError.from(DatabaseError(resultCode: code, message: "m"), path: path)
        }
        #expect(map(.SQLITE_BUSY) == .busy(path: path))
        #expect(map(.SQLITE_LOCKED) == .busy(path: path))
        #expect(map(.SQLITE_FULL) == .diskFull(path: path))
        #expect(map(.SQLITE_READONLY) == .readOnly(path: path))
        #expect(map(.SQLITE_READONLY_DBMOVED) == .readOnly(path: path))
        #expect(map(.SQLITE_NOTADB) == .notADatabase(path: path))
        #expect(map(.SQLITE_CANTOPEN) == .cannotOpen(path: path, reason: "m"))
        #expect(map(.SQLITE_CONSTRAINT_UNIQUE) == .constraintViolation(path: path, message: "m"))
        #expect(map(.SQLITE_CORRUPT) == .sqlite(path: path, code: 11, message: "m"))

        #expect(StoreError.busy(path: path).isCouldNotRun)
        #expect(StoreError.diskFull(path: path).isCouldNotRun)
        #expect(StoreError.readOnly(path: path).isCouldNotRun)
        #expect(StoreError.locked(pid: 1, since: nil, databasePath: path).exitCodeHint == 3)
        #expect(!StoreError.notADatabase(path: path).isCouldNotRun)
        #expect(StoreError.notADatabase(path: path).exitCodeHint == 1)
        #expect(StoreError.diskFull(path: path).description.contains("free some space"))
        #expect(StoreError.readOnly(path: path).description.contains(path))
    }

    @Test("a writer blocked past the busy timeout gets busy, not a hang")
    func busy() throws {
        let dir = try TemporaryDirectory()
        let holder = try MailroomDatabase.open(path: dir.databasePath)
        let blocked = try MailroomDatabase.open(path: dir.databasePath, busyTimeout: 0.2)
        try holder.pool.write { db in
            try db.execute(sql: "INSERT INTO run (started_at, status, jobs, host, pid, arguments) VALUES (?, 'running', 1, 'h', 1, '[]')",
                           arguments: [Date()])
            let error = try #require(throws: StoreError.self) {
                try blocked.beginRun(jobs: 1, arguments: [])
            }
            #expect(error == .busy(path: dir.databasePath))
            #expect(error.isCouldNotRun)
        }
        // Readers are not blocked by the writer in WAL mode, and the lock is gone now.
        #expect(try blocked.latestRun() != nil)
        #expect(try blocked.beginRun(jobs: 1, arguments: []) == 2)
    }

    @Test("a full database refuses the batch as diskFull and keeps nothing of it")
    func diskFull() throws {
        let dir = try TemporaryDirectory()
        let (database, runID) = try openWithRun(dir)
        try database.pool.writeWithoutTransaction { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 1
            try db.execute(sql: "PRAGMA max_page_count = \(pages)")
        }
        var big = documentWrite(sha("big"), runID: runID)
        big.document.text = String(repeating: "Dear Sir or Madam, ", count: 50_000)

        let error = try #require(throws: StoreError.self) {
            try database.persist(StoreBatch(documents: [big]))
        }
        #expect(error == .diskFull(path: dir.databasePath))
        #expect(error.isCouldNotRun)
        #expect(try database.knownDocument(sha256: sha("big")) == nil)
    }
}
