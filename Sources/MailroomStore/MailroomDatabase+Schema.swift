import GRDB

extension MailroomDatabase {
    /// The migrations of this build, in order.
    ///
    /// Never edit a shipped migration: add "v2", "v3"… Databases carrying an identifier
    /// missing here were written by a newer Mailroom and are refused on open.
    static var schemaMigrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1", migrate: createSchemaV1)
        migrator.registerMigration("v2-field-characters", migrate: addFieldCharactersV2)
        migrator.registerMigration("v3-cases", migrate: createCasesSchemaV3)
        migrator.registerMigration("v4-operator", migrate: createOperatorSchemaV4)
        migrator.registerMigration("v5-web", migrate: createWebSchemaV5)
        migrator.registerMigration("v6-batch-sources", migrate: addBatchSourcesV6)
        return migrator
    }

    /// Per-character alternatives (for the postcode check and the review screen) and the
    /// field's box on the page (for the review crop).
    private static func addFieldCharactersV2(_ db: Database) throws {
        try db.alter(table: "field") { t in
            t.add(column: "character_alternatives", .jsonText).notNull().defaults(to: "[]")
            t.add(column: "box", .jsonText)
        }
    }

    /// Documents cut out of a multi-document scan file name that file's sha256 and their pages
    /// in it. By hash, not by row id: the batch and its parts are saved in one transaction.
    private static func addBatchSourcesV6(_ db: Database) throws {
        try db.alter(table: "document") { t in
            t.add(column: "source_sha256", .text)
            t.add(column: "source_pages", .text)
        }
        try db.create(index: "document_on_source_sha256", on: "document", columns: ["source_sha256"])
    }

    // Foreign keys are declared as explicit snake_case columns; the unique keys and primary
    // keys that start with them serve as their indexes.
    private static func createSchemaV1(_ db: Database) throws {
        try db.create(table: "run") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("started_at", .datetime).notNull()
            t.column("ended_at", .datetime)
            t.column("status", .text).notNull()
            t.column("jobs", .integer).notNull()
            t.column("host", .text).notNull()
            t.column("pid", .integer).notNull()
            t.column("arguments", .jsonText).notNull()
            for count in ["discovered", "processed", "skipped", "quarantined", "deferred"] {
                t.column(count, .integer).notNull().defaults(to: 0)
            }
            t.column("summary", .jsonText)
        }

        try db.create(table: "document") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("sha256", .text).notNull().unique()
            t.column("path", .text).notNull()
            t.column("size", .integer).notNull()
            t.column("page_count", .integer).notNull()
            t.column("kind", .text).notNull().indexed()
            t.column("form_id", .text)
            t.column("state", .text).notNull().indexed()
            t.column("run_id", .integer).references("run", onDelete: .setNull).indexed()
            t.column("timings", .jsonText).notNull()
            t.column("error", .text)
            t.column("language", .text)
            t.column("text", .text)
            t.column("created_at", .datetime).notNull()
            t.column("updated_at", .datetime).notNull()
            t.column("processed_count", .integer).notNull().defaults(to: 1)
        }

        try db.create(table: "document_path") { t in
            t.column("document_id", .integer).notNull().references("document", onDelete: .cascade)
            t.column("path", .text).notNull()
            t.column("seen_at", .datetime).notNull()
            t.primaryKey(["document_id", "path"])
        }

        try db.create(table: "page") { t in
            t.column("document_id", .integer).notNull().references("document", onDelete: .cascade)
            t.column("number", .integer).notNull()
            t.column("width", .integer).notNull()
            t.column("height", .integer).notNull()
            t.column("dpi", .integer)
            t.column("skew_degrees", .double)
            t.column("orientation_degrees", .integer)
            t.column("text", .text)
            t.primaryKey(["document_id", "number"])
        }

        try db.create(table: "field") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("document_id", .integer).notNull().references("document", onDelete: .cascade)
            t.column("name", .text).notNull()
            t.column("type", .text).notNull()
            t.column("raw", .text)
            t.column("value", .text)
            t.column("confidence", .double)
            t.column("alternatives", .jsonText).notNull()
            t.column("corrections", .jsonText).notNull()
            t.column("decision", .text).notNull().indexed()
            t.column("reason", .text)
            t.uniqueKey(["document_id", "name"])
        }

        try db.create(table: "field_decision") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("document_id", .integer).notNull().references("document", onDelete: .cascade).indexed()
            t.column("field_name", .text).notNull()
            t.column("operator_name", .text).notNull()
            t.column("decided_at", .datetime).notNull()
            t.column("old_value", .text)
            t.column("new_value", .text)
            t.column("action", .text).notNull()
        }

        try db.create(table: "quarantine") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("run_id", .integer).notNull().references("run", onDelete: .cascade)
            t.column("sha256", .text).indexed()
            t.column("path", .text).notNull()
            t.column("reason", .text).notNull()
            t.column("stage", .text).notNull()
            t.column("created_at", .datetime).notNull()
            t.uniqueKey(["run_id", "path"])
        }
    }
}
