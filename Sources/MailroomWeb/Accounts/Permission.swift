import MailroomStore

/// What an account may do in the station; each role is a fixed set of these.
///
/// Pages and actions ask for a permission, never for a role, so the table below is the one
/// place that says who may do what.
public enum Permission: String, Sendable, CaseIterable {
    /// See customers' names, addresses, letters and e-mails.
    case seePersonalData
    /// Decide doubtful fields.
    case review
    /// Note, reply, forward, close and take cases.
    case workCases
    /// Give cases to other agents and reopen closed ones.
    case manageCases
    /// See run, backlog and SLA figures.
    case seeDashboard
    /// Read the audit log.
    case seeAudit
}

extension OperatorRole {
    /// The permissions of the role.
    public var permissions: Set<Permission> {
        switch self {
        case .operator: [.seePersonalData, .review, .workCases, .seeDashboard]
        case .supervisor: Set(Permission.allCases)
        case .marketing: [.seeDashboard]
        }
    }
}
