import Foundation
import GRDB

extension StoreError {
    /// Translates any error thrown while using the database at `path` into a `StoreError`.
    ///
    /// SQLite reports conditions by result code; the operator needs to know which file and
    /// what to do, so the common conditions become their own cases.
    static func from(_ error: any Error, path: String) -> StoreError {
        if let error = error as? StoreError {
            return error
        }
        guard let error = error as? DatabaseError else {
            return .sqlite(path: path, code: -1, message: String(describing: error))
        }
        let message = error.message ?? "unknown error"
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .busy(path: path)
        case .SQLITE_FULL:
            return .diskFull(path: path)
        case .SQLITE_READONLY:
            return .readOnly(path: path)
        case .SQLITE_NOTADB:
            return .notADatabase(path: path)
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_IOERR:
            return .cannotOpen(path: path, reason: message)
        case .SQLITE_CONSTRAINT:
            return .constraintViolation(path: path, message: message)
        default:
            return .sqlite(path: path, code: error.extendedResultCode.rawValue, message: message)
        }
    }

    /// Runs `body`, turning whatever it throws into a `StoreError` about `path`.
    static func mapping<T>(path: String, _ body: () throws -> T) throws(StoreError) -> T {
        do {
            return try body()
        } catch {
            throw from(error, path: path)
        }
    }
}
