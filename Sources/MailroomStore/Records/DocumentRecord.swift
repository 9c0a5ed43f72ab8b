import Foundation
import GRDB

/// What kind of paper a document is.
public enum DocumentKind: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case coupon
    case letter
    case email
    case unknown
    /// A file whose every page is blank (a back scanned on its own): stored so that a re-run
    /// skips it, with no fields and no case.
    case blank
    /// A file holding several documents (cards fed one after the other, a letter with a coupon
    /// enclosed, a mailbox of e-mails): split into them, each stored on its own with this file
    /// as its source.
    case batch
}

/// Where a document stands after its last processing.
public enum DocumentState: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case done
    case quarantined
    case deferred
    /// The customer's personal data was erased (`mailroom forget`): counted, never read again.
    case erased
}

/// One scanned file, identified by the sha256 of its bytes: a row of `document`.
///
/// The same bytes seen under another name are the same document; every name is kept
/// in `document_path`, and ``path`` is the last one seen.
public struct DocumentRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "document"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    /// Lowercase hex sha256 of the file bytes.
    public var sha256: String
    public var path: String
    public var size: Int64
    public var pageCount: Int
    public var kind: DocumentKind
    public var formID: String?
    public var state: DocumentState
    /// The run that processed the document last.
    public var runID: Int64?
    /// Milliseconds spent per pipeline stage, stored as a JSON object.
    public var timings: [String: Double]
    public var error: String?
    public var language: String?
    /// The full recognised text (letters); nil for coupons.
    public var text: String?
    public var createdAt: Date
    public var updatedAt: Date
    /// How many times the document was processed; set by the store on save.
    public var processedCount: Int
    /// For a document cut out of a batch file: the batch's sha256, and its pages this one
    /// spans (1-based, `3` or `3-4`).
    public var sourceSHA256: String?
    public var sourcePages: String?

    public init(
        id: Int64? = nil, sha256: String, path: String, size: Int64, pageCount: Int,
        kind: DocumentKind, formID: String? = nil, state: DocumentState, runID: Int64?,
        timings: [String: Double] = [:], error: String? = nil, language: String? = nil,
        text: String? = nil, createdAt: Date = Date(), updatedAt: Date = Date(), processedCount: Int = 0,
        sourceSHA256: String? = nil, sourcePages: String? = nil
    ) {
        self.id = id
        self.sha256 = sha256
        self.path = path
        self.size = size
        self.pageCount = pageCount
        self.kind = kind
        self.formID = formID
        self.state = state
        self.runID = runID
        self.timings = timings
        self.error = error
        self.language = language
        self.text = text
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.processedCount = processedCount
        self.sourceSHA256 = sourceSHA256
        self.sourcePages = sourcePages
    }

    enum CodingKeys: String, CodingKey {
        case id, sha256, path, size, pageCount, kind
        case formID = "formId"
        case state
        case runID = "runId"
        case timings, error, language, text, createdAt, updatedAt, processedCount
        case sourceSHA256 = "sourceSha256"
        case sourcePages
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension DocumentRecord {
    public enum Columns {
        public static let id = Column("id")
        public static let sha256 = Column("sha256")
        public static let path = Column("path")
        public static let kind = Column("kind")
        public static let formID = Column("form_id")
        public static let state = Column("state")
        public static let runID = Column("run_id")
        public static let updatedAt = Column("updated_at")
        public static let sourceSHA256 = Column("source_sha256")
    }
}
