import Foundation
import MailroomStore

/// The case workflow: every operation checks the transition table, changes the case and
/// records who, when and why.
extension CaseDesk {
    /// new → triaged: someone looked at the case and confirmed its queue.
    @discardableResult
    public func triage(_ caseRef: String, by actor: String, note: String? = nil) throws(CaseError) -> CaseRecord {
        try perform(.triage, on: caseRef, by: actor, kind: .transition, text: note ?? "triaged") { _ in }
    }

    /// Gives the case to an agent (new/triaged/reopened → assigned; reassigning keeps the state).
    @discardableResult
    public func assign(_ caseRef: String, to agent: String, by actor: String) throws(CaseError) -> CaseRecord {
        let agent = agent.trimmingCharacters(in: .whitespaces)
        if agent.isEmpty { throw .invalidArgument("name the agent to assign the case to") }
        return try perform(.assign, on: caseRef, by: actor, kind: .assign, text: "assigned to \(agent)") { record in
            record.assignee = agent
        }
    }

    /// Adds a note to the timeline; the state does not change.
    @discardableResult
    public func note(_ caseRef: String, text: String, by actor: String) throws(CaseError) -> CaseRecord {
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw .invalidArgument("the note is empty") }
        return try perform(.note, on: caseRef, by: actor, kind: .note, text: text) { _ in }
    }

    /// Sends the case to a line unit for an answer by `due` (assigned/answered → waiting_on_unit).
    @discardableResult
    public func forward(_ caseRef: String, to unit: String, due: Date, by actor: String, note: String? = nil)
        throws(CaseError) -> CaseRecord {
        let unit = unit.trimmingCharacters(in: .whitespaces)
        if unit.isEmpty { throw .invalidArgument("name the unit to forward the case to") }
        let text = "forwarded to \(unit), answer due \(due.formatted(.iso8601))" + (note.map { ": \($0)" } ?? "")
        return try perform(.forward, on: caseRef, by: actor, kind: .forward, text: text) { record in
            record.unit = unit
            record.unitDue = due
            record.unitAnsweredAt = nil
        }
    }

    /// Records the unit's answer (waiting_on_unit → assigned) and flags the case for follow-up:
    /// the agent still has to answer the customer, which ``reply`` does.
    @discardableResult
    public func unitAnswered(_ caseRef: String, text: String, by actor: String) throws(CaseError) -> CaseRecord {
        let now = self.now
        return try perform(.unitAnswered, on: caseRef, by: actor, kind: .unitAnswer, text: text) { record in
            record.unitAnsweredAt = now
            record.needsFollowUp = true
        }
    }

    /// Answers the customer with a text and/or an attached file (assigned/waiting_on_unit/answered →
    /// answered). The first reply sets `first_responded_at`; any reply clears the follow-up flag.
    @discardableResult
    public func reply(_ caseRef: String, text: String?, file: String? = nil, by actor: String) throws(CaseError)
        -> CaseRecord {
        let text = text?.trimmingCharacters(in: .whitespacesAndNewlines)
        if (text ?? "").isEmpty && file == nil { throw .invalidArgument("give the reply text or --file PATH") }
        var attachment: String?
        if let file {
            let url = URL(fileURLWithPath: file).standardizedFileURL
            guard FileManager.default.isReadableFile(atPath: url.path) else {
                throw .invalidArgument("reply file \(file) does not exist or cannot be read")
            }
            attachment = url.path
        }
        let now = self.now
        return try perform(.reply, on: caseRef, by: actor, kind: .reply, text: text ?? "reply attached",
                           attachment: attachment) { record in
            if record.firstRespondedAt == nil { record.firstRespondedAt = now }
            record.needsFollowUp = false
        }
    }

    /// Closes the case; it counts as resolved now.
    @discardableResult
    public func close(_ caseRef: String, by actor: String, reason: String? = nil) throws(CaseError) -> CaseRecord {
        let now = self.now
        return try perform(.close, on: caseRef, by: actor, kind: .transition, text: reason ?? "closed") { record in
            record.resolvedAt = now
            record.needsFollowUp = false
        }
    }

    /// Opens a closed case again (closed → reopened); it needs resolving again.
    @discardableResult
    public func reopen(_ caseRef: String, by actor: String, reason: String? = nil) throws(CaseError) -> CaseRecord {
        try perform(.reopen, on: caseRef, by: actor, kind: .transition, text: reason ?? "reopened") { record in
            record.resolvedAt = nil
        }
    }

    /// Archives a closed case (closed → archived); it is read-only from then on.
    @discardableResult
    public func archive(_ caseRef: String, by actor: String) throws(CaseError) -> CaseRecord {
        try perform(.archive, on: caseRef, by: actor, kind: .transition, text: "archived") { _ in }
    }

    /// Checks `action` against the transition table, applies `change`, moves the state and
    /// saves the case with one timeline line.
    func perform(
        _ action: CaseAction, on caseRef: String, by actor: String, kind: CaseEventKind, text: String?,
        attachment: String? = nil, change: (inout CaseRecord) -> Void
    ) throws(CaseError) -> CaseRecord {
        let actor = actor.trimmingCharacters(in: .whitespaces)
        if actor.isEmpty { throw .invalidArgument("say who does it (--operator NAME)") }
        var record = try resolve(caseRef)
        let state = try Self.state(of: record)
        if state == .archived { throw .archived(reference: record.reference) }
        guard let target = action.target(from: state), target == state || state.canMove(to: target) else {
            throw .illegalTransition(reference: record.reference, action: action, from: state,
                                     allowed: CaseAction.legal(from: state))
        }
        let now = self.now
        let readAt = record.updatedAt
        change(&record)
        record.state = target.rawValue
        record.updatedAt = now
        let event = CaseEventRecord(
            at: now, actor: actor, kind: kind.rawValue, fromState: target == state ? nil : state.rawValue,
            toState: target == state ? nil : target.rawValue, text: text, attachmentPath: attachment)
        try storing { () throws(StoreError) in try database.updateCase(record, events: [event], expectedUpdatedAt: readAt) }
        return record
    }

    static func state(of record: CaseRecord) throws(CaseError) -> CaseState {
        guard let state = CaseState(rawValue: record.state) else {
            throw .invalidArgument("case \(record.reference) has an unknown state '\(record.state)'")
        }
        return state
    }
}
