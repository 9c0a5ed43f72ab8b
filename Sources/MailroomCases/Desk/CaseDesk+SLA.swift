import Foundation
import MailroomStore

/// How one deadline of a case stands.
public enum DeadlineStatus: String, Sendable, Codable {
    /// Done in time.
    case met
    /// Done, but after the deadline.
    case metLate = "met-late"
    /// Not done, deadline ahead.
    case pending
    /// Not done, deadline within the rules' "due soon" business hours.
    case dueSoon = "due-soon"
    /// Not done, deadline passed.
    case overdue
    /// No deadline set.
    case none
}

/// The service-level standing of a case at an instant.
public struct SLAStatus: Sendable, Equatable, Codable {
    public var firstResponse: DeadlineStatus
    public var resolution: DeadlineStatus
    /// The unit's answer, while the case waits on a unit.
    public var unit: DeadlineStatus

    public var isOverdue: Bool { [firstResponse, resolution, unit].contains(.overdue) }
    public var isDueSoon: Bool { [firstResponse, resolution, unit].contains(.dueSoon) }
}

extension CaseDesk {
    /// Where the case's deadlines stand at `now` (business hours from the rules' calendar).
    public func slaStatus(of record: CaseRecord, at now: Date? = nil) -> SLAStatus {
        let now = now ?? self.now
        let open = CaseState(rawValue: record.state)?.isOpen ?? false
        func status(due: Date?, doneAt: Date?, stillRunning: Bool) -> DeadlineStatus {
            guard let due else { return .none }
            if let doneAt { return doneAt <= due ? .met : .metLate }
            if !stillRunning { return .none }
            if due <= now { return .overdue }
            return rules.calendar.isDueSoon(due, now: now, within: rules.dueSoonHours) ? .dueSoon : .pending
        }
        return SLAStatus(
            firstResponse: status(due: record.firstResponseDue, doneAt: record.firstRespondedAt, stillRunning: open),
            resolution: status(due: record.resolutionDue, doneAt: record.resolvedAt, stillRunning: open),
            unit: status(due: record.unitDue, doneAt: record.unitAnsweredAt,
                         stillRunning: record.state == CaseState.waitingOnUnit.rawValue))
    }

    /// Open cases past their first-response, resolution or unit deadline at `now`, oldest first.
    public func overdue(at now: Date? = nil) throws(CaseError) -> [CaseRecord] {
        try openCases().filter { slaStatus(of: $0, at: now).isOverdue }
    }

    /// Open cases with a deadline within the rules' due-soon business hours, oldest first.
    public func dueSoon(at now: Date? = nil) throws(CaseError) -> [CaseRecord] {
        try openCases().filter { slaStatus(of: $0, at: now).isDueSoon }
    }

    private func openCases() throws(CaseError) -> [CaseRecord] {
        let states = CaseState.allCases.filter(\.isOpen).map(\.rawValue)
        return try cases(CaseQuery(states: states)).reversed()
    }
}
