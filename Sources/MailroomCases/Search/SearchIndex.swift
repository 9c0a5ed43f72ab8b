import Foundation
import MailroomPostcodes
import MailroomStore

/// Full-text search over letters, e-mails and coupon fields.
///
/// A document's searchable text is its recognised text plus every field value. It is stored
/// twice, as read (for snippets) and folded (Ł→L, ß→SS, which SQLite's own folding misses);
/// queries are folded the same way, and every word matches as a prefix.
public struct SearchIndex: Sendable {
    public let database: MailroomDatabase

    public init(database: MailroomDatabase) {
        self.database = database
    }

    /// (Re)indexes one document from the database.
    public func index(documentID: Int64) throws(CaseError) {
        guard let document = try storing({ () throws(StoreError) in try database.document(id: documentID) }) else {
            throw .notFound("document \(documentID)")
        }
        let fields = try storing { () throws(StoreError) in try database.fields(documentID: documentID) }
        try index(document: document, fields: fields)
    }

    func index(document: DocumentRecord, fields: [FieldRecord]) throws(CaseError) {
        guard let id = document.id else { return }
        var parts: [String] = []
        for field in fields {
            if let value = field.value ?? field.raw, !value.isEmpty { parts.append(value) }
        }
        if let text = document.text, !text.isEmpty { parts.append(text) }
        let body = parts.joined(separator: "\n")
        try storing { () throws(StoreError) in
            try database.indexDocument(documentID: id, text: body, folded: PostcodeDirectory.fold(body))
        }
    }

    /// Documents matching every word of `query` (any case, accents ignored), best first.
    ///
    /// Query text is never FTS5 syntax: quotes, `*`, `NEAR(`, `AND`… are searched as plain words.
    public func search(_ query: String, filter: SearchFilter = SearchFilter()) throws(CaseError) -> [SearchHit] {
        try storing { () throws(StoreError) in try database.search(PostcodeDirectory.fold(query), filter: filter) }
    }
}
