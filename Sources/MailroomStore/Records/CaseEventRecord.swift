import Foundation
import GRDB

/// One line of a case's timeline: a row of `case_event`.
///
/// `kind` is one of transition, note, reply, forward, unit-answer, document, assign; a
/// transition carries `fromState`/`toState`, a reply may carry an attachment path.
public struct CaseEventRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "case_event"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    /// Set by the store when the event is saved with a new case.
    public var caseID: Int64
    public var at: Date
    public var actor: String
    public var kind: String
    public var fromState: String?
    public var toState: String?
    public var text: String?
    public var attachmentPath: String?
    public var documentID: Int64?

    public init(
        id: Int64? = nil, caseID: Int64 = 0, at: Date, actor: String, kind: String, fromState: String? = nil,
        toState: String? = nil, text: String? = nil, attachmentPath: String? = nil, documentID: Int64? = nil
    ) {
        self.id = id
        self.caseID = caseID
        self.at = at
        self.actor = actor
        self.kind = kind
        self.fromState = fromState
        self.toState = toState
        self.text = text
        self.attachmentPath = attachmentPath
        self.documentID = documentID
    }

    enum CodingKeys: String, CodingKey {
        case id
        case caseID = "caseId"
        case at, actor, kind, fromState, toState, text, attachmentPath
        case documentID = "documentId"
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A document filed in a case: a row of `case_document` (a document joins at most one case).
public struct CaseDocumentRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "case_document"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var caseID: Int64
    public var documentID: Int64
    public var linkedAt: Date
    /// How the document found its case: new, reference, customer-topic, thread.
    public var linkMethod: String

    public init(caseID: Int64 = 0, documentID: Int64, linkedAt: Date, linkMethod: String) {
        self.caseID = caseID
        self.documentID = documentID
        self.linkedAt = linkedAt
        self.linkMethod = linkMethod
    }

    enum CodingKeys: String, CodingKey {
        case caseID = "caseId"
        case documentID = "documentId"
        case linkedAt, linkMethod
    }
}

/// A customer the linker considered for a document, with its score, kept for the operator.
public struct LinkCandidate: Codable, Sendable, Equatable {
    public var customerID: String
    public var name: String
    public var score: Double

    public init(customerID: String, name: String, score: Double) {
        self.customerID = customerID
        self.name = name
        self.score = score
    }
}

/// The linking outcome of one letter, e-mail or coupon: a row of `document_customer`.
public struct DocumentCustomerRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "document_customer"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var documentID: Int64
    /// Nil when the document could not be linked (`method` is then `none`).
    public var customerID: String?
    /// reference, email, name-postcode or none.
    public var method: String
    public var score: Double?
    /// The best customers considered when the link was refused or doubtful, best first.
    public var candidates: [LinkCandidate]
    public var linkedAt: Date

    public init(
        documentID: Int64, customerID: String?, method: String, score: Double?, candidates: [LinkCandidate] = [],
        linkedAt: Date
    ) {
        self.documentID = documentID
        self.customerID = customerID
        self.method = method
        self.score = score
        self.candidates = candidates
        self.linkedAt = linkedAt
    }

    enum CodingKeys: String, CodingKey {
        case documentID = "documentId"
        case customerID = "customerId"
        case method, score, candidates, linkedAt
    }
}
