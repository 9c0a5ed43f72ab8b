import GRDB

extension MailroomDatabase {
    /// The web station's tables: operator accounts (bcrypt hashes) and login sessions.
    ///
    /// Sessions store only a SHA-256 of the cookie token, so a copy of the database does not
    /// hand out logged-in sessions.
    static func createWebSchemaV5(_ db: Database) throws {
        try db.create(table: "operator_account") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("name", .text).notNull().unique()
            t.column("role", .text).notNull()
                .check(sql: "role IN ('operator', 'supervisor', 'marketing')")
            t.column("password_hash", .text).notNull()
            t.column("created_at", .datetime).notNull()
        }
        try db.create(table: "web_session") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("token_hash", .text).notNull().unique()
            t.column("operator_name", .text).notNull()
                .references("operator_account", column: "name", onDelete: .cascade).indexed()
            t.column("csrf_token", .text).notNull()
            t.column("created_at", .datetime).notNull()
            t.column("expires_at", .datetime).notNull().indexed()
        }
    }
}
