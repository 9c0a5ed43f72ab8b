import Foundation
import MailroomStore

/// The figures of `mailroom report`: what came in, what is waiting, what operators changed,
/// and how fast runs went. Every figure is computed from the database alone.
public struct OperatorReport: Sendable, Equatable, Codable {
    /// What the report covers.
    public struct Scope: Sendable, Equatable, Codable {
        public var runID: Int64?
        /// ISO 8601; documents created, quarantines made and runs started in `from..<to`.
        public var from: String?
        public var to: String?
        enum CodingKeys: String, CodingKey { case runID = "run_id", from, to }
    }

    public struct Documents: Sendable, Equatable, Codable {
        public var total = 0
        public var byKind: [String: Int] = [:]
        public var byForm: [String: Int] = [:]
        public var byState: [String: Int] = [:]
        /// Fields by their current decision (`accepted`, `review`).
        public var fieldsByDecision: [String: Int] = [:]
        /// Coupons whose fields are all accepted.
        public var verifiedCoupons = 0
        enum CodingKeys: String, CodingKey {
            case total, byKind = "by_kind", byForm = "by_form", byState = "by_state"
            case fieldsByDecision = "fields_by_decision", verifiedCoupons = "verified_coupons"
        }
    }

    public struct Quarantined: Sendable, Equatable, Codable {
        public var runID: Int64
        public var path: String
        public var stage: String
        public var reason: String
        enum CodingKeys: String, CodingKey { case runID = "run_id", path, stage, reason }
    }

    /// A file whose every page was blank, stored as kind `blank` and not read: a back scanned
    /// on its own, or a card fed the wrong side up, whose front then needs scanning.
    public struct BlankFile: Sendable, Equatable, Codable {
        public var runID: Int64?
        public var path: String
        enum CodingKeys: String, CodingKey { case runID = "run_id", path }

        public init(runID: Int64?, path: String) {
            self.runID = runID
            self.path = path
        }
    }

    public struct ReviewQueue: Sendable, Equatable, Codable {
        public var fields = 0
        public var documents = 0
        /// Hours since the oldest and the median waiting field's document was stored.
        public var oldestAgeHours: Double?
        public var medianAgeHours: Double?
        enum CodingKeys: String, CodingKey {
            case fields, documents, oldestAgeHours = "oldest_age_hours", medianAgeHours = "median_age_hours"
        }
    }

    /// Operator decisions on fields of one type.
    public struct Corrections: Sendable, Equatable, Codable {
        public var fieldType: String
        public var accepted = 0
        public var corrected = 0
        public var picked = 0
        public var skipped = 0
        public var undone = 0
        /// Decisions that changed the value (corrections and picks that differ from the old value).
        public var changed = 0
        enum CodingKeys: String, CodingKey {
            case fieldType = "field_type", accepted, corrected, picked, skipped, undone, changed
        }
    }

    public struct Throughput: Sendable, Equatable, Codable {
        public var runID: Int64
        public var startedAt: String
        public var status: String
        public var processed: Int
        public var seconds: Double?
        public var documentsPerSecond: Double?
        enum CodingKeys: String, CodingKey {
            case runID = "run_id", startedAt = "started_at", status, processed, seconds
            case documentsPerSecond = "documents_per_second"
        }
    }

    /// How many fields of a type fall in each tenth of the confidence scale (0–10, …, 90–100).
    public struct Confidence: Sendable, Equatable, Codable {
        public var fieldType: String
        public var buckets: [Int]
        enum CodingKeys: String, CodingKey { case fieldType = "field_type", buckets }
    }

    /// Case SLA status per queue; empty until the case desk stores its queues.
    public struct CaseQueue: Sendable, Equatable, Codable {
        public var queue: String
        public var open: Int
        /// Open cases with a deadline within the rules' due-soon business hours.
        public var dueSoon: Int
        public var overdue: Int

        public init(queue: String, open: Int, dueSoon: Int = 0, overdue: Int) {
            self.queue = queue
            self.open = open
            self.dueSoon = dueSoon
            self.overdue = overdue
        }
    }

    public var scope: Scope
    public var generatedAt: String
    public var documents: Documents
    public var quarantined: [Quarantined]
    public var blank: [BlankFile] = []
    public var reviewQueue: ReviewQueue
    public var corrections: [Corrections]
    public var throughput: [Throughput]
    public var confidence: [Confidence]
    public var cases: [CaseQueue]

    enum CodingKeys: String, CodingKey {
        case scope, generatedAt = "generated_at", documents, quarantined, blank, reviewQueue = "review_queue"
        case corrections, throughput, confidence, cases
    }

    /// The report as pretty JSON with sorted keys.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(self), as: UTF8.self)) ?? "{}"
    }
}
