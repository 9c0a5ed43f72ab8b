import Hummingbird
import MailroomStore

extension WebStation {
    /// The permissions of the session's account (none when the account was removed).
    func permissions(of session: WebSessionRecord) throws -> Set<Permission> {
        let account = try storing { () throws(StoreError) in try database.operatorAccount(name: session.operatorName) }
        return account?.role.permissions ?? []
    }

    /// Refuses (403) a request whose account lacks `permission`.
    func require(_ permission: Permission, _ session: WebSessionRecord) throws {
        guard try permissions(of: session).contains(permission) else {
            throw HTTPError(.forbidden, message: Self.refusal(permission))
        }
    }

    /// The session of a page request that needs `permission`: `.login` to send the browser to
    /// the login page, `.refused` with a page that explains, or the session.
    func pageSession(_ request: Request, needs permission: Permission) throws -> PageAccess {
        guard let session = try session(of: request) else { return .refused(Self.redirect("/login")) }
        guard try permissions(of: session).contains(permission) else {
            return .refused(page("message", title: "Not for your role", session: session,
                                 values: ["text": Self.refusal(permission)], status: .forbidden))
        }
        return .allowed(session)
    }

    /// Where a role starts: the review queue, or the dashboard for marketing.
    func home(of session: WebSessionRecord) throws -> String {
        try permissions(of: session).contains(.review) ? "/review" : "/dashboard"
    }

    static func refusal(_ permission: Permission) -> String {
        switch permission {
        case .seePersonalData: "This page shows customers' personal data; only operators and supervisors may see it."
        case .review: "Reviewing fields shows customers' personal data; only operators and supervisors may do it."
        case .workCases: "Only operators and supervisors work cases."
        case .manageCases: "Only supervisors may give a case to someone else or reopen it."
        case .seeDashboard: "Your account may not see the dashboard."
        case .seeAudit: "Only supervisors may read the audit log."
        }
    }
}

/// The outcome of checking a page request's session and permission.
enum PageAccess {
    case allowed(WebSessionRecord)
    case refused(Response)
}
