import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Who holds, or held, a run lock: the contents of the `<db>.lock` file.
public struct LockHolder: Sendable, Equatable {
    public var pid: Int32
    public var since: Date?

    public init(pid: Int32, since: Date?) {
        self.pid = pid
        self.since = since
    }

    /// True when a process with this pid exists now (it may be an unrelated process that reused the pid).
    public var isRunning: Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }
}

/// An exclusive lock that lets one `mailroom` run at a time write a database.
///
/// It is an `flock` on `<db>.lock`, so the kernel releases it when the holder dies, even
/// by `kill -9`. The holder writes its pid and start time into the file and empties it
/// on release; a file still naming a holder when the lock is free means that holder died,
/// which ``staleFrom`` reports.
public final class RunLock: @unchecked Sendable {
    /// The lock file: the database path plus `.lock`.
    public let path: String
    /// The previous holder, when it died without releasing the lock.
    public let staleFrom: LockHolder?
    /// When this process acquired the lock.
    public let since: Date

    // Guarded by `mutex`: the descriptor, or -1 once released.
    private var descriptor: Int32
    private let mutex = NSLock()

    /// The lock file used for the database at `databasePath`.
    public static func lockPath(forDatabase databasePath: String) -> String {
        databasePath + ".lock"
    }

    /// Takes the lock for the database at `databasePath` without waiting.
    ///
    /// Throws ``StoreError/locked(pid:since:databasePath:)`` naming the holder when another
    /// run (in this or another process) has it.
    public static func acquire(databasePath: String, now: Date = Date()) throws(StoreError) -> RunLock {
        let path = lockPath(forDatabase: databasePath)
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        if fd < 0 {
            throw Self.ioError(path: path, action: "open")
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            let holder = readHolder(fd)
            close(fd)
            if code == EWOULDBLOCK {
                throw .locked(pid: holder?.pid, since: holder?.since, databasePath: databasePath)
            }
            throw .cannotOpen(path: path, reason: "flock failed: \(String(cString: strerror(code)))")
        }
        let stale = readHolder(fd)
        let me = LockHolder(pid: getpid(), since: now)
        guard ftruncate(fd, 0) == 0, writeAll(fd, format(me)), fsync(fd) == 0 else {
            let error = ioError(path: path, action: "write")
            close(fd)
            throw error
        }
        return RunLock(path: path, descriptor: fd, staleFrom: stale, since: now)
    }

    private init(path: String, descriptor: Int32, staleFrom: LockHolder?, since: Date) {
        self.path = path
        self.descriptor = descriptor
        self.staleFrom = staleFrom
        self.since = since
    }

    deinit {
        release()
    }

    /// Empties the lock file and releases the lock; calling it again does nothing.
    public func release() {
        mutex.lock()
        defer { mutex.unlock() }
        guard descriptor >= 0 else { return }
        // Emptied while still held, so nobody mistakes a clean release for a dead holder.
        _ = ftruncate(descriptor, 0)
        _ = flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    /// True until ``release()``.
    public var isHeld: Bool {
        mutex.lock()
        defer { mutex.unlock() }
        return descriptor >= 0
    }
}

extension RunLock {
    static func format(_ holder: LockHolder) -> String {
        var text = "pid=\(holder.pid)\n"
        if let since = holder.since {
            text += "since=\(since.timeIntervalSince1970)\n"
        }
        return text
    }

    /// Parses the lock file contents; nil when empty or not written by a RunLock.
    static func parse(_ text: String) -> LockHolder? {
        var values: [Substring: Substring] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            guard let equal = line.firstIndex(of: "=") else { continue }
            values[line[..<equal]] = line[line.index(after: equal)...]
        }
        guard let pidText = values["pid"], let pid = Int32(pidText), pid > 0 else { return nil }
        let since = values["since"].flatMap { Double($0) }.map { Date(timeIntervalSince1970: $0) }
        return LockHolder(pid: pid, since: since)
    }

    private static func readHolder(_ fd: Int32) -> LockHolder? {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 512)
        var offset: off_t = 0
        while bytes.count < 4096 {
            let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, offset) }
            if count <= 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
            offset += off_t(count)
        }
        return parse(String(decoding: bytes, as: UTF8.self))
    }

    private static func writeAll(_ fd: Int32, _ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, off_t(written)) }
            if count <= 0 { return false }
            written += count
        }
        return true
    }

    private static func ioError(path: String, action: String) -> StoreError {
        let code = errno
        let reason = "\(action) failed: \(String(cString: strerror(code)))"
        switch code {
        case ENOSPC: return .diskFull(path: path)
        case EROFS, EACCES: return .readOnly(path: path)
        default: return .cannotOpen(path: path, reason: reason)
        }
    }
}
