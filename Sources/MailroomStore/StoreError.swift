import Foundation

/// An error thrown by the store, with a message that tells the operator what to do.
///
/// Every public entry point of `MailroomStore` throws only `StoreError`, so the command
/// line can map a failure to an exit code with ``isCouldNotRun`` without knowing SQLite.
public enum StoreError: Error, Sendable, Equatable {
    /// Another process holds the run lock of the database.
    case locked(pid: Int32?, since: Date?, databasePath: String)
    /// SQLite stayed busy (another connection was writing) past the busy timeout.
    case busy(path: String)
    /// The disk or the database size limit is full (`SQLITE_FULL`).
    case diskFull(path: String)
    /// The database or its directory can not be written (`SQLITE_READONLY`).
    case readOnly(path: String)
    /// The file exists but is not an SQLite database (`SQLITE_NOTADB`).
    case notADatabase(path: String)
    /// The file could not be opened or read at all (missing directory, permissions, I/O).
    case cannotOpen(path: String, reason: String)
    /// The database was migrated by a newer Mailroom: `found` lists the unknown migrations.
    case newerSchema(path: String, found: [String], latestKnown: String)
    /// A write broke a constraint of the schema (duplicate field name, unknown run id…).
    case constraintViolation(path: String, message: String)
    /// The caller asked for something that does not exist.
    case notFound(String)
    /// Someone else changed the record between reading and saving it; nothing was saved.
    case conflict(String)
    /// The caller passed an argument the store can not use.
    case invalidArgument(String)
    /// Any other SQLite failure, kept with its result code.
    case sqlite(path: String, code: Int32, message: String)
}

extension StoreError {
    /// True when the run could not happen because of its environment (lock held, busy,
    /// disk full, unwritable or unopenable file): the CLI exits 3 and a later retry may work.
    public var isCouldNotRun: Bool {
        switch self {
        case .locked, .busy, .diskFull, .readOnly, .cannotOpen, .conflict:
            return true
        case .notADatabase, .newerSchema, .constraintViolation, .notFound, .invalidArgument, .sqlite:
            return false
        }
    }

    /// The exit code hint for the command line: 3 for ``isCouldNotRun``, 1 otherwise.
    public var exitCodeHint: Int32 { isCouldNotRun ? 3 : 1 }
}

extension StoreError: CustomStringConvertible, LocalizedError {
    public var description: String {
        switch self {
        case let .locked(pid, since, databasePath):
            let holder = pid.map { "another mailroom run (pid \($0))" } ?? "another mailroom run"
            let start = since.map { " since \(Self.timestamp($0))" } ?? ""
            return "\(holder) is using \(databasePath)\(start); wait for it to finish, "
                + "or stop it if it hangs, then run again"
        case let .busy(path):
            return "the database \(path) stayed busy past the timeout (another process is writing); "
                + "run again when it is done"
        case let .diskFull(path):
            return "the disk holding \(path) is full; free some space and run again "
                + "(the last batch was not saved, nothing is half-written)"
        case let .readOnly(path):
            return "the database \(path) is read-only; check the permissions of the file "
                + "and of its directory (SQLite writes -wal and -shm files beside it)"
        case let .notADatabase(path):
            return "\(path) is not a Mailroom database (not an SQLite file); "
                + "check the --db path, or move the file away to start a new database"
        case let .cannotOpen(path, reason):
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
                return "\(path) is a folder, not a database file; give a file path, such as \(path)/mailroom.sqlite"
            }
            return "cannot open the database \(path): \(reason); "
                + "check that the directory exists and is writable"
        case let .newerSchema(path, found, latestKnown):
            return "the database \(path) was written by a newer Mailroom "
                + "(schema \(found.joined(separator: ", ")); this build knows up to \(latestKnown)); "
                + "upgrade Mailroom to use it"
        case let .constraintViolation(path, message):
            return "the batch was refused by \(path) and nothing of it was saved: \(message)"
        case let .notFound(what):
            return "\(what) was not found in the database"
        case let .conflict(what):
            return "\(what) was changed by someone else meanwhile and nothing was saved; look at it again and retry"
        case let .invalidArgument(message):
            return message
        case let .sqlite(path, code, message):
            return "SQLite error \(code) on \(path): \(message)"
        }
    }

    public var errorDescription: String? { description }

    private static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
