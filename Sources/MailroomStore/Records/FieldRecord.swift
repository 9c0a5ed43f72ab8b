import Foundation
import GRDB

/// Whether a field's value was accepted by the machine or needs an operator.
public enum FieldDecision: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case accepted
    case review
}

/// Another reading the recogniser considered for a field.
public struct FieldAlternative: Codable, Sendable, Equatable {
    public var value: String
    public var confidence: Double?

    public init(value: String, confidence: Double? = nil) {
        self.value = value
        self.confidence = confidence
    }
}

/// A rectangle on a page, in pixels.
public struct FieldBox: Codable, Sendable, Equatable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
}

/// A change the machine made to a raw reading (e.g. "O" → "0" in a postcode), with its reason.
public struct FieldCorrection: Codable, Sendable, Equatable {
    public var from: String
    public var to: String
    public var reason: String

    public init(from: String, to: String, reason: String) {
        self.from = from
        self.to = to
        self.reason = reason
    }
}

/// One named field read from a document: a row of `field`.
///
/// Fields are replaced wholesale when a document is processed again; operator work on
/// them lives in `field_decision`, which is never replaced.
public struct FieldRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "field"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    /// Set by the store when the field is saved with its document.
    public var documentID: Int64
    public var name: String
    public var type: String
    /// The text as recognised, before any correction.
    public var raw: String?
    public var value: String?
    public var confidence: Double?
    /// Whole-value candidates offered to the operator, stored as a JSON array.
    public var alternatives: [FieldAlternative]
    /// For each character position, the alternatives the recogniser considered, best first.
    public var characterAlternatives: [[FieldAlternative]]
    /// Where the field lies on the page, in pixels of the straightened page.
    public var box: FieldBox?
    /// Machine corrections from raw to value, stored as a JSON array.
    public var corrections: [FieldCorrection]
    public var decision: FieldDecision
    /// Why the field was sent to review (or accepted despite a doubt).
    public var reason: String?

    public init(
        id: Int64? = nil, documentID: Int64 = 0, name: String, type: String, raw: String?, value: String?,
        confidence: Double?, alternatives: [FieldAlternative] = [], characterAlternatives: [[FieldAlternative]] = [],
        box: FieldBox? = nil, corrections: [FieldCorrection] = [], decision: FieldDecision, reason: String? = nil
    ) {
        self.id = id
        self.documentID = documentID
        self.name = name
        self.type = type
        self.raw = raw
        self.value = value
        self.confidence = confidence
        self.alternatives = alternatives
        self.characterAlternatives = characterAlternatives
        self.box = box
        self.corrections = corrections
        self.decision = decision
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case id
        case documentID = "documentId"
        case name, type, raw, value, confidence, alternatives, characterAlternatives, box, corrections, decision, reason
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension FieldRecord {
    public enum Columns {
        public static let id = Column("id")
        public static let documentID = Column("document_id")
        public static let name = Column("name")
        public static let decision = Column("decision")
    }
}
