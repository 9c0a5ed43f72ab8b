import Foundation
import GRDB

extension MailroomDatabase {
    /// Stores a new operator account; a taken name is refused with ``StoreError/invalidArgument(_:)``.
    @discardableResult
    public func addOperatorAccount(_ account: OperatorAccountRecord) throws(StoreError) -> OperatorAccountRecord {
        try write { db in
            if try OperatorAccountRecord.filter(OperatorAccountRecord.Columns.name == account.name).fetchCount(db) > 0 {
                throw StoreError.invalidArgument("an operator named '\(account.name)' already exists; pick another name")
            }
            var account = account
            account.id = nil
            try account.insert(db)
            return account
        }
    }

    /// The account with this login name, or nil.
    public func operatorAccount(name: String) throws(StoreError) -> OperatorAccountRecord? {
        try read { db in
            try OperatorAccountRecord.filter(OperatorAccountRecord.Columns.name == name).fetchOne(db)
        }
    }

    /// Every account, by name.
    public func operatorAccounts() throws(StoreError) -> [OperatorAccountRecord] {
        try read { db in try OperatorAccountRecord.order(OperatorAccountRecord.Columns.name).fetchAll(db) }
    }

    /// Stores a login session and drops the sessions that expired before it began.
    @discardableResult
    public func addWebSession(_ session: WebSessionRecord) throws(StoreError) -> WebSessionRecord {
        try write { db in
            try WebSessionRecord.filter(WebSessionRecord.Columns.expiresAt < session.createdAt).deleteAll(db)
            var session = session
            session.id = nil
            try session.insert(db)
            return session
        }
    }

    /// The session whose token hashes to `tokenHash`, if it has not expired at `now`.
    public func webSession(tokenHash: String, now: Date) throws(StoreError) -> WebSessionRecord? {
        try read { db in
            try WebSessionRecord
                .filter(WebSessionRecord.Columns.tokenHash == tokenHash && WebSessionRecord.Columns.expiresAt > now)
                .fetchOne(db)
        }
    }

    /// Ends a session (logout); ending an unknown one does nothing.
    public func deleteWebSession(tokenHash: String) throws(StoreError) {
        _ = try write { db in
            try WebSessionRecord.filter(WebSessionRecord.Columns.tokenHash == tokenHash).deleteAll(db)
        }
    }
}
