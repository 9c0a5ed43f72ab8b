import Foundation
import MailroomStore

/// One field as the operator sees it: where it comes from, why it is doubtful, what to pick.
public struct ReviewEntry: Sendable, Equatable, Codable {
    public var documentID: Int64
    public var sha256: String
    public var path: String
    public var formID: String?
    public var runID: Int64?
    public var field: String
    public var type: String
    /// `accepted` or `review`.
    public var decision: String
    /// Why the scanner sent it to review, one reason per element.
    public var reasons: [String]
    public var raw: String?
    /// The value the scanner suggests (what Enter accepts).
    public var suggestion: String?
    public var confidence: Double?
    /// Numbered choices for `pick`, 1-based in the order given: the scanner's alternatives,
    /// then for postcode and town the directory's "CODE TOWN" pairs.
    public var choices: [String]
    /// The postcode directory's candidates for the coupon's country ("CODE TOWN").
    public var addressCandidates: [String]
    /// Where the field lies on the straightened page, in pixels.
    public var box: FieldBox?
    /// The value of the last operator decision on this field, when the field is back in
    /// review (a reprocessed document keeps its decision history but not its field values).
    public var earlierDecision: String?
    /// For a document cut out of a scan file holding several, where it came from
    /// (`pages 3-4 of /scans/tray.tif`): `path` is then the part in the parts folder.
    public var source: String? = nil

    enum CodingKeys: String, CodingKey {
        case documentID = "document_id", sha256, path, formID = "form_id", runID = "run_id", field, type, decision
        case reasons, raw, suggestion, confidence, choices, addressCandidates = "address_candidates", box
        case earlierDecision = "earlier_decision", source
    }
}

/// A document's review state for `review list`.
public struct ReviewDocument: Sendable, Equatable, Codable {
    public var documentID: Int64
    public var sha256: String
    public var path: String
    /// `coupon`, `letter` or `email`.
    public var kind: String
    public var formID: String?
    public var runID: Int64?
    public var fields: Int
    /// Fields still waiting for review.
    public var pending: Int
    /// All fields accepted, by the scanner or by an operator: the coupon may be exported.
    public var verified: Bool

    enum CodingKeys: String, CodingKey {
        case documentID = "document_id", sha256, path, kind, formID = "form_id", runID = "run_id", fields, pending, verified
    }
}

/// What a decision did, for the operator's screen.
public struct DecisionOutcome: Sendable, Equatable {
    public var documentID: Int64
    public var field: String
    public var action: DecisionAction
    public var oldValue: String?
    public var newValue: String?
    /// Doubts that did not stop the decision (a postcode and town that do not match).
    public var warnings: [String]
    /// Whether every field of the document is now accepted.
    public var documentVerified: Bool
}

/// The JSON object stored in `audit_log.details` for review actions.
struct DecisionDetails: Codable, Equatable {
    var oldValue: String?
    var newValue: String?
    var oldDecision: String?
    var newDecision: String?
    var warnings: [String]?
    /// The decisions an undo reverted.
    var undoes: [Int64]?
    /// Decisions made by one command share a batch, and one undo reverts them together.
    var batch: String?

    enum CodingKeys: String, CodingKey {
        case oldValue = "old_value", newValue = "new_value", oldDecision = "old_decision", newDecision = "new_decision"
        case warnings, undoes, batch
    }

    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(self), as: UTF8.self)) ?? "{}"
    }

    static func parse(_ text: String) -> DecisionDetails? {
        try? JSONDecoder().decode(DecisionDetails.self, from: Data(text.utf8))
    }
}

extension DocumentFields {
    /// Every field accepted (by the scanner or an operator) on a stored coupon.
    public var isVerified: Bool {
        document.kind == .coupon && document.state == .done && !fields.isEmpty
            && fields.allSatisfy { $0.decision == .accepted }
    }
}
