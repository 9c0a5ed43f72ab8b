import Foundation
import HummingbirdBcrypt
import MailroomStore

/// Creates web station accounts and checks their passwords (bcrypt).
public struct OperatorAccounts: Sendable {
    public let database: MailroomDatabase
    /// The bcrypt cost: 12 in use; tests pass the minimum, 4, to stay fast.
    public let cost: UInt8
    let now: @Sendable () -> Date

    public init(database: MailroomDatabase, cost: UInt8 = 12, now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.cost = cost
        self.now = now
    }

    /// Stores a new account with the password's bcrypt hash.
    @discardableResult
    public func add(name: String, role: OperatorRole, password: String) throws(WebError) -> OperatorAccountRecord {
        try Self.validate(name: name)
        guard !password.isEmpty else { throw WebError(.usage, "the password is empty; type one line on stdin") }
        guard password.utf8.count <= 72 else {
            throw WebError(.usage, "the password is longer than 72 bytes, which bcrypt cannot hold; choose a shorter one")
        }
        let account = OperatorAccountRecord(name: name, role: role, passwordHash: Bcrypt.hash(password, cost: cost),
                                            createdAt: now())
        return try storing { () throws(StoreError) in try database.addOperatorAccount(account) }
    }

    /// The account when `password` is right, else nil. Unknown names cost a bcrypt check too,
    /// so the answer's time does not tell which names exist.
    public func login(name: String, password: String) throws(WebError) -> OperatorAccountRecord? {
        let account = try storing { () throws(StoreError) in try database.operatorAccount(name: name) }
        guard let account else {
            _ = Bcrypt.verify(password, hash: Self.decoyHash)
            return nil
        }
        return Bcrypt.verify(password, hash: account.passwordHash) ? account : nil
    }

    /// Login names: 1 to 64 letters, digits, dots, dashes or underscores (they go into the audit log).
    public static func validate(name: String) throws(WebError) {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "._-"))
        guard (1...64).contains(name.count), name.unicodeScalars.allSatisfy({ allowed.contains($0) && $0.isASCII }) else {
            throw WebError(.usage, "operator name '\(name)' is not allowed: use 1 to 64 ASCII letters, digits, '.', '-' or '_'")
        }
    }

    /// A hash of a random password, checked when the name is unknown.
    private static let decoyHash = Bcrypt.hash(UUID().uuidString, cost: 12)
}
