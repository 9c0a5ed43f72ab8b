import Foundation
import GRDB

/// Restricts a full-text search; nil means any.
public struct SearchFilter: Sendable, Equatable {
    public var customerID: String?
    /// Documents stored at or after / before this instant.
    public var from: Date?
    public var to: Date?
    public var kind: DocumentKind?
    /// The state of the case the document is filed in.
    public var caseState: String?
    public var limit: Int

    public init(
        customerID: String? = nil, from: Date? = nil, to: Date? = nil, kind: DocumentKind? = nil,
        caseState: String? = nil, limit: Int = 20
    ) {
        self.customerID = customerID
        self.from = from
        self.to = to
        self.kind = kind
        self.caseState = caseState
        self.limit = limit
    }
}

/// One document found by a search, best first.
public struct SearchHit: Sendable, Equatable, Codable {
    public var documentID: Int64
    public var kind: String
    public var path: String
    public var createdAt: Date
    public var customerID: String?
    public var caseReference: String?
    public var caseState: String?
    /// The matching passage as read, matches wrapped in `[` `]` (from the folded copy when
    /// only folding found it: "lodz" in "Łódź").
    public var snippet: String
    /// SQLite's bm25 rank: lower is better.
    public var rank: Double
}

extension MailroomDatabase {
    /// Replaces the searchable text of a document: its text as read, and a folded copy.
    public func indexDocument(documentID: Int64, text: String, folded: String) throws(StoreError) {
        try write { db in
            try db.execute(sql: "DELETE FROM search_index WHERE document_id = ?", arguments: [documentID])
            try db.execute(sql: "INSERT INTO search_index (document_id, body, folded) VALUES (?, ?, ?)",
                           arguments: [documentID, text, folded])
        }
    }

    /// Whether a document has searchable text.
    public func isIndexed(documentID: Int64) throws(StoreError) -> Bool {
        try read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM search_index WHERE document_id = ?)",
                              arguments: [documentID]) ?? false
        }
    }

    /// Documents whose text has every word of `text` (as a prefix), ranked by bm25.
    ///
    /// The user's text is never put into SQL or used as FTS5 syntax: it is cut into tokens,
    /// each quoted as a prefix, so `"`, `*` or `NEAR(` are searched for as words (or ignored).
    /// Text with no word in it finds nothing.
    public func search(_ text: String, filter: SearchFilter = SearchFilter()) throws(StoreError) -> [SearchHit] {
        guard let pattern = FTS5Pattern(matchingAllPrefixesIn: text) else { return [] }
        return try read { db in
            var sql = """
                SELECT search_index.document_id AS document_id, document.kind AS kind, document.path AS path,
                       document.created_at AS created_at, document_customer.customer_id AS customer_id,
                       customer_case.reference AS reference, customer_case.state AS case_state,
                       CASE WHEN instr(snippet(search_index, 1, '[', ']', '…', 12), '[') > 0
                            THEN snippet(search_index, 1, '[', ']', '…', 12)
                            ELSE snippet(search_index, 2, '[', ']', '…', 12) END AS snippet, bm25(search_index) AS rank
                FROM search_index
                JOIN document ON document.id = search_index.document_id
                LEFT JOIN document_customer ON document_customer.document_id = document.id
                LEFT JOIN case_document ON case_document.document_id = document.id
                LEFT JOIN customer_case ON customer_case.id = case_document.case_id
                WHERE search_index MATCH ?
                """
            var arguments: StatementArguments = [pattern]
            if let customer = filter.customerID {
                sql += " AND document_customer.customer_id = ?"
                arguments += [customer]
            }
            if let from = filter.from {
                sql += " AND document.created_at >= ?"
                arguments += [from]
            }
            if let to = filter.to {
                sql += " AND document.created_at < ?"
                arguments += [to]
            }
            if let kind = filter.kind {
                sql += " AND document.kind = ?"
                arguments += [kind]
            }
            if let state = filter.caseState {
                sql += " AND customer_case.state = ?"
                arguments += [state]
            }
            sql += " ORDER BY rank LIMIT ?"
            arguments += [max(filter.limit, 1)]
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                SearchHit(
                    documentID: row["document_id"], kind: row["kind"], path: row["path"],
                    createdAt: row["created_at"], customerID: row["customer_id"],
                    caseReference: row["reference"], caseState: row["case_state"],
                    snippet: row["snippet"] ?? "", rank: row["rank"] ?? 0)
            }
        }
    }
}
