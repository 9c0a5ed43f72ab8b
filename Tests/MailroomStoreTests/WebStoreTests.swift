import Foundation
import Testing
@testable import MailroomStore

@Suite("Web station accounts and sessions")
struct WebStoreTests {
    @Test("account names are unique, roles are checked by the schema, sessions expire and end")
    func accountsAndSessions() throws {
        let dir = try TemporaryDirectory()
        let database = try MailroomDatabase.open(path: dir.databasePath)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        try database.addOperatorAccount(OperatorAccountRecord(name: "anna", role: .supervisor, passwordHash: "$2b$04$x", createdAt: start))
        #expect(throws: StoreError.self) {
            try database.addOperatorAccount(OperatorAccountRecord(name: "anna", role: .operator, passwordHash: "$2b$04$y"))
        }
        #expect(try database.operatorAccount(name: "anna")?.role == .supervisor)
        #expect(try database.operatorAccount(name: "ANNA") == nil)
        // The CHECK constraint refuses a role the enum does not know, even from raw SQL.
        #expect(throws: (any Error).self) {
            try database.pool.write { db in
                try db.execute(sql: "INSERT INTO operator_account (name, role, password_hash, created_at) VALUES ('x', 'admin', 'h', ?)",
                               arguments: [start])
            }
        }

        let session = WebSessionRecord(tokenHash: "aa", operatorName: "anna", csrfToken: "c", createdAt: start,
                                       expiresAt: start.addingTimeInterval(3600))
        try database.addWebSession(session)
        #expect(try database.webSession(tokenHash: "aa", now: start.addingTimeInterval(60))?.csrfToken == "c")
        #expect(try database.webSession(tokenHash: "aa", now: start.addingTimeInterval(3601)) == nil)
        #expect(try database.webSession(tokenHash: "bb", now: start) == nil)
        // A session for an unknown operator breaks the foreign key.
        #expect(throws: StoreError.self) {
            try database.addWebSession(WebSessionRecord(tokenHash: "cc", operatorName: "nobody", csrfToken: "c",
                                                        createdAt: start, expiresAt: start.addingTimeInterval(60)))
        }
        // A new login clears sessions that expired before it.
        try database.addWebSession(WebSessionRecord(tokenHash: "dd", operatorName: "anna", csrfToken: "d",
                                                    createdAt: start.addingTimeInterval(7200), expiresAt: start.addingTimeInterval(9000)))
        let left = try database.pool.read { db in try String.fetchAll(db, sql: "SELECT token_hash FROM web_session ORDER BY id") }
        #expect(left == ["dd"])
        try database.deleteWebSession(tokenHash: "dd")
        #expect(try database.webSession(tokenHash: "dd", now: start.addingTimeInterval(7300)) == nil)
    }
}
