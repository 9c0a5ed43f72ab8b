import GRDB

extension MailroomDatabase {
    /// The operator's tables: every action in `audit_log`, every export in `export_log`.
    ///
    /// Review resume state is not stored: it is derived from the fields' decisions.
    static func createOperatorSchemaV4(_ db: Database) throws {
        try db.create(table: "audit_log") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("at", .datetime).notNull().indexed()
            t.column("operator_name", .text).notNull().indexed()
            t.column("action", .text).notNull()
            t.column("target", .text).notNull()
            t.column("document_id", .integer).references("document", onDelete: .setNull).indexed()
            t.column("decision_id", .integer).references("field_decision", onDelete: .setNull)
            t.column("details", .jsonText).notNull().defaults(to: "{}")
        }
        try db.create(table: "export_log") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("at", .datetime).notNull()
            t.column("operator_name", .text).notNull()
            t.column("kind", .text).notNull()
            t.column("purpose", .text).notNull()
            t.column("format", .text).notNull()
            t.column("path", .text).notNull()
            t.column("since_watermark", .text)
            t.column("until_watermark", .text)
            t.column("row_count", .integer).notNull()
            t.column("sha256", .text).notNull()
            t.column("document_ids", .jsonText).notNull()
        }
        try db.create(index: "export_log_on_kind_purpose", on: "export_log", columns: ["kind", "purpose", "id"])
    }
}
