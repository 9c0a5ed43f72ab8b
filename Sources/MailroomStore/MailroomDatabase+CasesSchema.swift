import GRDB

extension MailroomDatabase {
    /// "v3-cases": customers, customer cases with their timeline and documents, the
    /// document → customer link of every letter, e-mail and coupon, and the full-text index.
    ///
    /// `case` is an SQL keyword, so the case table is `customer_case`. The search index is an
    /// FTS5 table whose tokenizer folds case and accents, so "kraków" finds "KRAKOW".
    static func createCasesSchemaV3(_ db: Database) throws {
        try db.create(table: "customer") { t in
            t.primaryKey("id", .text)
            t.column("name", .text).notNull()
            t.column("street", .text)
            t.column("postcode", .text)
            t.column("town", .text)
            t.column("country", .text)
            t.column("email", .text)
            t.column("phone", .text)
            t.column("contract_level", .text)
            t.column("vip", .boolean).notNull().defaults(to: false)
            t.column("imported_at", .datetime).notNull()
            // Folded, token-sorted name and folded postcode: what the linker compares.
            t.column("name_key", .text).notNull()
            t.column("postcode_key", .text).indexed()
        }
        try db.create(index: "customer_on_email", on: "customer", expressions: [SQL("lower(email)").sqlExpression])

        try db.create(table: "customer_case") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("reference", .text).notNull().unique()
            t.column("customer_id", .text).references("customer", onDelete: .setNull).indexed()
            t.column("subject", .text).notNull()
            t.column("topic", .text).notNull()
            t.column("language", .text)
            t.column("priority", .text).notNull()
            t.column("queue", .text).notNull().indexed()
            t.column("assignee", .text).indexed()
            t.column("state", .text).notNull().indexed()
            t.column("channels", .jsonText).notNull().defaults(to: "[]")
            t.column("created_at", .datetime).notNull()
            t.column("first_response_due", .datetime)
            t.column("resolution_due", .datetime)
            t.column("first_responded_at", .datetime)
            t.column("resolved_at", .datetime)
            t.column("unit", .text)
            t.column("unit_due", .datetime)
            t.column("unit_answered_at", .datetime)
            t.column("needs_follow_up", .boolean).notNull().defaults(to: false)
            t.column("routing_rule", .text)
            t.column("updated_at", .datetime).notNull()
        }

        try db.create(table: "case_event") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("case_id", .integer).notNull().references("customer_case", onDelete: .cascade).indexed()
            t.column("at", .datetime).notNull()
            t.column("actor", .text).notNull()
            t.column("kind", .text).notNull()
            t.column("from_state", .text)
            t.column("to_state", .text)
            t.column("text", .text)
            t.column("attachment_path", .text)
            t.column("document_id", .integer).references("document", onDelete: .setNull)
        }

        try db.create(table: "case_document") { t in
            t.column("case_id", .integer).notNull().references("customer_case", onDelete: .cascade).indexed()
            // A document joins at most one case.
            t.column("document_id", .integer).notNull().unique().references("document", onDelete: .cascade)
            t.column("linked_at", .datetime).notNull()
            t.column("link_method", .text).notNull()
        }

        try db.create(table: "document_customer") { t in
            t.primaryKey("document_id", .integer).references("document", onDelete: .cascade)
            t.column("customer_id", .text).references("customer", onDelete: .setNull).indexed()
            t.column("method", .text).notNull()
            t.column("score", .double)
            t.column("candidates", .jsonText).notNull().defaults(to: "[]")
            t.column("linked_at", .datetime).notNull()
        }

        try db.create(virtualTable: "search_index", using: FTS5()) { t in
            t.tokenizer = .unicode61(diacritics: .remove)
            t.column("document_id").notIndexed()
            t.column("body")
            // The body folded by MailroomCases (Ł→L, ß→SS…), which unicode61 does not fold.
            t.column("folded")
        }
    }
}
