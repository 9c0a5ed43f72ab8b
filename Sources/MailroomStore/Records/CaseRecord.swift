import Foundation
import GRDB

/// One customer case: a row of `customer_case` ("case" is an SQL keyword).
///
/// The state is kept as text; `MailroomCases` owns the states and which changes are legal.
public struct CaseRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "customer_case"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    /// Human id, `C-2026-000123`; allocated by the store when saved empty.
    public var reference: String
    public var customerID: String?
    public var subject: String
    public var topic: String
    public var language: String?
    public var priority: String
    public var queue: String
    public var assignee: String?
    public var state: String
    /// Document kinds that reached the case (letter, email), stored as a JSON array.
    public var channels: [String]
    public var createdAt: Date
    public var firstResponseDue: Date?
    public var resolutionDue: Date?
    public var firstRespondedAt: Date?
    public var resolvedAt: Date?
    /// The line unit the case was forwarded to, and until when it should answer.
    public var unit: String?
    public var unitDue: Date?
    public var unitAnsweredAt: Date?
    public var needsFollowUp: Bool
    /// The routing rule that chose queue, priority and SLA.
    public var routingRule: String?
    public var updatedAt: Date

    public init(
        id: Int64? = nil, reference: String = "", customerID: String?, subject: String, topic: String,
        language: String?, priority: String, queue: String, assignee: String? = nil, state: String,
        channels: [String] = [], createdAt: Date, firstResponseDue: Date? = nil, resolutionDue: Date? = nil,
        firstRespondedAt: Date? = nil, resolvedAt: Date? = nil, unit: String? = nil, unitDue: Date? = nil,
        unitAnsweredAt: Date? = nil, needsFollowUp: Bool = false, routingRule: String? = nil, updatedAt: Date
    ) {
        self.id = id
        self.reference = reference
        self.customerID = customerID
        self.subject = subject
        self.topic = topic
        self.language = language
        self.priority = priority
        self.queue = queue
        self.assignee = assignee
        self.state = state
        self.channels = channels
        self.createdAt = createdAt
        self.firstResponseDue = firstResponseDue
        self.resolutionDue = resolutionDue
        self.firstRespondedAt = firstRespondedAt
        self.resolvedAt = resolvedAt
        self.unit = unit
        self.unitDue = unitDue
        self.unitAnsweredAt = unitAnsweredAt
        self.needsFollowUp = needsFollowUp
        self.routingRule = routingRule
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, reference
        case customerID = "customerId"
        case subject, topic, language, priority, queue, assignee, state, channels, createdAt
        case firstResponseDue, resolutionDue, firstRespondedAt, resolvedAt, unit, unitDue, unitAnsweredAt
        case needsFollowUp, routingRule, updatedAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension CaseRecord {
    public enum Columns {
        public static let id = Column("id")
        public static let reference = Column("reference")
        public static let customerID = Column("customer_id")
        public static let topic = Column("topic")
        public static let queue = Column("queue")
        public static let assignee = Column("assignee")
        public static let state = Column("state")
        public static let createdAt = Column("created_at")
    }
}
