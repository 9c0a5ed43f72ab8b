import Foundation
import Testing
@testable import MailroomStore

@Suite("Run lock")
struct RunLockTests {
    @Test("a second acquire fails with locked naming this pid, and succeeds after release")
    func exclusive() throws {
        let dir = try TemporaryDirectory()
        let lock = try RunLock.acquire(databasePath: dir.databasePath)
        #expect(lock.path == dir.databasePath + ".lock")
        #expect(lock.staleFrom == nil)

        let error = try #require(throws: StoreError.self) {
            try RunLock.acquire(databasePath: dir.databasePath)
        }
        guard case .locked(let pid, let since, let databasePath) = error else {
            Issue.record("expected locked, got \(error)")
            return
        }
        #expect(pid == getpid())
        #expect(since != nil)
        #expect(databasePath == dir.databasePath)
        #expect(error.isCouldNotRun)
        #expect(error.exitCodeHint == 3)
        #expect(error.description.contains("pid \(getpid())"))

        lock.release()
        lock.release() // twice is harmless
        #expect(!lock.isHeld)
        let contents = try String(contentsOfFile: lock.path, encoding: .utf8)
        #expect(contents.isEmpty)

        let again = try RunLock.acquire(databasePath: dir.databasePath)
        #expect(again.staleFrom == nil) // a clean release is not stale
        again.release()
    }

    @Test("dropping the lock releases it")
    func deinitReleases() throws {
        let dir = try TemporaryDirectory()
        do {
            let lock = try RunLock.acquire(databasePath: dir.databasePath)
            #expect(lock.isHeld)
        }
        let again = try RunLock.acquire(databasePath: dir.databasePath)
        #expect(again.isHeld)
    }

    @Test("a lock file left by a killed run is re-acquired and reported as stale")
    func staleLock() throws {
        let dir = try TemporaryDirectory()
        let deadPID = try pidOfFinishedProcess()
        let startedAt = Date(timeIntervalSince1970: 1_700_000_000)
        let leftover = RunLock.format(LockHolder(pid: deadPID, since: startedAt))
        try leftover.write(toFile: RunLock.lockPath(forDatabase: dir.databasePath), atomically: true, encoding: .utf8)

        let lock = try RunLock.acquire(databasePath: dir.databasePath)
        let stale = try #require(lock.staleFrom)
        #expect(stale.pid == deadPID)
        #expect(stale.since == startedAt)
        #expect(!stale.isRunning)
        let contents = try String(contentsOfFile: lock.path, encoding: .utf8)
        #expect(RunLock.parse(contents)?.pid == getpid())
    }

    @Test("lock file contents round-trip and junk is ignored")
    func parsing() {
        let holder = LockHolder(pid: 42, since: Date(timeIntervalSince1970: 12.5))
        #expect(RunLock.parse(RunLock.format(holder)) == holder)
        #expect(RunLock.parse("") == nil)
        #expect(RunLock.parse("hello\npid=abc") == nil)
        #expect(RunLock.parse("pid=7") == LockHolder(pid: 7, since: nil))
    }

    /// The pid of a process that has exited, as a kill -9'd run's would be.
    private func pidOfFinishedProcess() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }
}
