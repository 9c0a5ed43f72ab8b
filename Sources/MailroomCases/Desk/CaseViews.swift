import Foundation
import MailroomStore

/// One case as listed: what the CLI prints and serves as JSON.
public struct CaseSummary: Sendable, Equatable, Codable {
    public var id: Int64
    public var reference: String
    public var state: String
    public var queue: String
    public var priority: String
    public var assignee: String?
    public var customerID: String?
    public var subject: String
    public var topic: String
    public var channels: [String]
    public var createdAt: Date
    public var firstResponseDue: Date?
    public var resolutionDue: Date?
    public var needsFollowUp: Bool
    public var unit: String?
    /// When the line unit's answer is due, while the case was forwarded.
    public var unitDue: Date?
    public var sla: SLAStatus

    enum CodingKeys: String, CodingKey {
        case id, reference, state, queue, priority, assignee
        case customerID = "customer_id"
        case subject, topic, channels
        case createdAt = "created_at"
        case firstResponseDue = "first_response_due"
        case resolutionDue = "resolution_due"
        case needsFollowUp = "needs_follow_up"
        case unit
        case unitDue = "unit_due"
        case sla
    }
}

/// One case with its timeline and documents.
public struct CaseDetail: Sendable, Equatable, Codable {
    public struct Document: Sendable, Equatable, Codable {
        public var id: Int64
        public var kind: String
        public var path: String
        public var linkedBy: String
        public var linkedAt: Date
    }

    public struct Event: Sendable, Equatable, Codable {
        public var at: Date
        public var actor: String
        public var kind: String
        public var from: String?
        public var to: String?
        public var text: String?
        public var attachment: String?
        public var documentID: Int64?
    }

    public var `case`: CaseSummary
    public var customer: String?
    public var documents: [Document]
    public var events: [Event]
    /// What can be done next from the case's state.
    public var allowedActions: [String]
}

extension CaseDesk {
    /// The listing view of a case, its deadlines judged now.
    public func summary(of record: CaseRecord) -> CaseSummary {
        CaseSummary(
            id: record.id ?? 0, reference: record.reference, state: record.state, queue: record.queue,
            priority: record.priority, assignee: record.assignee, customerID: record.customerID,
            subject: record.subject, topic: record.topic, channels: record.channels, createdAt: record.createdAt,
            firstResponseDue: record.firstResponseDue, resolutionDue: record.resolutionDue,
            needsFollowUp: record.needsFollowUp, unit: record.unit, unitDue: record.unitDue, sla: slaStatus(of: record))
    }

    /// The full view of a case: summary, customer, documents, timeline and next actions.
    public func detail(_ caseRef: String) throws(CaseError) -> CaseDetail {
        let record = try resolve(caseRef)
        let caseID = record.id ?? 0
        return try storing { () throws(StoreError) in
            let links = try database.caseDocuments(caseID: caseID)
            let documents = try database.documents(ids: links.map(\.documentID))
            let byID = Dictionary(uniqueKeysWithValues: documents.compactMap { doc in doc.id.map { ($0, doc) } })
            let customer = try record.customerID.flatMap { id throws(StoreError) in try database.customer(id: id) }
            let events = try database.caseEvents(caseID: caseID)
            let state = CaseState(rawValue: record.state) ?? .archived
            return CaseDetail(
                case: summary(of: record), customer: customer.map { "\($0.id) \($0.name)" },
                documents: links.map { link in
                    CaseDetail.Document(id: link.documentID, kind: byID[link.documentID]?.kind.rawValue ?? "?",
                                        path: byID[link.documentID]?.path ?? "", linkedBy: link.linkMethod,
                                        linkedAt: link.linkedAt)
                },
                events: events.map { event in
                    CaseDetail.Event(at: event.at, actor: event.actor, kind: event.kind, from: event.fromState,
                                     to: event.toState, text: event.text, attachment: event.attachmentPath,
                                     documentID: event.documentID)
                },
                allowedActions: CaseAction.legal(from: state).map(\.rawValue))
        }
    }
}
