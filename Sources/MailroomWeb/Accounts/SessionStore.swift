import Crypto
import Foundation
import MailroomStore

/// Login sessions: a random token in the browser's cookie, its SHA-256 in `web_session`.
public struct SessionStore: Sendable {
    public let database: MailroomDatabase
    /// How long a login lasts: one working day.
    public let lifetime: TimeInterval
    let now: @Sendable () -> Date

    public init(database: MailroomDatabase, lifetime: TimeInterval = 10 * 3600,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.lifetime = lifetime
        self.now = now
    }

    /// Starts a session for `account`; returns the cookie token (shown once) and the stored row.
    public func start(for account: OperatorAccountRecord) throws(WebError) -> (token: String, session: WebSessionRecord) {
        let token = Self.randomToken()
        let started = now()
        let session = WebSessionRecord(tokenHash: Self.hash(token), operatorName: account.name, csrfToken: Self.randomToken(),
                                       createdAt: started, expiresAt: started.addingTimeInterval(lifetime))
        return (token, try storing { () throws(StoreError) in try database.addWebSession(session) })
    }

    /// The live session of a cookie token, or nil.
    public func session(token: String) throws(WebError) -> WebSessionRecord? {
        guard token.count == 64, token.allSatisfy(\.isHexDigit) else { return nil }
        return try storing { () throws(StoreError) in try database.webSession(tokenHash: Self.hash(token), now: now()) }
    }

    /// Ends the session of a cookie token (logout).
    public func end(token: String) throws(WebError) {
        try storing { () throws(StoreError) in try database.deleteWebSession(tokenHash: Self.hash(token)) }
    }

    /// 32 bytes from the system's secure generator, as 64 hex digits.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: .min ... .max, using: &generator)) }.joined()
    }

    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Compares two tokens in time that does not depend on where they differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count, !x.isEmpty else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
