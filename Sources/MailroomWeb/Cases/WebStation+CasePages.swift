import Foundation
import Hummingbird
import MailroomCases
import MailroomStore

extension WebStation {
    /// The case list with its filters: queue, state, overdue only, mine only.
    func caseListPage(_ request: Request, session: WebSessionRecord) throws -> Response {
        guard let desk else {
            return page("message", title: "Cases", session: session,
                        values: ["text": "Case pages need the routing rules: \(deskProblem ?? "none loaded")."],
                        status: .serviceUnavailable)
        }
        let query = request.uri.queryParameters
        let queue = query.get("queue")?.nilIfEmpty
        let state = query.get("state").flatMap { CaseState(text: $0) }
        let overdueOnly = query.get("overdue") == "1"
        let mine = query.get("mine") == "1"
        let records = try caseCall { () throws(CaseError) in
            try desk.cases(CaseQuery(queue: queue, states: state.map { [$0.rawValue] },
                                     assignee: mine ? session.operatorName : nil, limit: 500))
        }
        let zone = desk.rules.calendar.timeZone
        let rows: [[String: Any]] = records.map { desk.summary(of: $0) }
            .filter { !overdueOnly || $0.sla.isOverdue }
            .map { summary in
                [
                    "reference": summary.reference, "url": "/cases/\(Self.pathSegment(summary.reference))",
                    "state": summary.state, "queue": summary.queue, "priority": summary.priority,
                    "assignee": summary.assignee ?? "unassigned", "customer": summary.customerID ?? "–",
                    "subject": summary.subject, "topic": summary.topic, "channels": summary.channels.joined(separator: ", "),
                    "due": Self.time(summary.firstResponseDue ?? summary.resolutionDue, zone: zone),
                    "overdue": summary.sla.isOverdue, "dueSoon": !summary.sla.isOverdue && summary.sla.isDueSoon,
                    "followUp": summary.needsFollowUp,
                ]
            }
        let queues = Array(Set(desk.rules.rules.map(\.queue))).sorted()
        return page("cases", title: "Cases", session: session, values: [
            "zone": zone.identifier,
            "cases": rows, "count": String(rows.count), "hasCases": !rows.isEmpty,
            "queues": queues.map { ["name": $0, "selected": $0 == queue] },
            "states": CaseState.allCases.map { ["name": $0.rawValue, "selected": $0 == state] },
            "overdue": overdueOnly, "mine": mine,
        ])
    }

    /// One case: its clocks, documents with their pictures and text, timeline and actions.
    func casePage(_ reference: String, session: WebSessionRecord, error: String? = nil,
                  status: HTTPResponse.Status = .ok) throws -> Response {
        let desk = try requireDesk()
        let detail = try caseCall { () throws(CaseError) in try desk.detail(reference) }
        let zone = desk.rules.calendar.timeZone
        let summary = detail.case
        let clocks: [[String: Any]] = [
            ("First reply", summary.firstResponseDue, summary.sla.firstResponse),
            ("Resolution", summary.resolutionDue, summary.sla.resolution),
            ("Unit answer", summary.unitDue, summary.sla.unit),
        ].compactMap { label, due, status in
            guard let due else { return nil }
            return ["label": label, "due": Self.time(due, zone: zone), "status": status.rawValue.replacingOccurrences(of: "_", with: " "),
                    "class": "sla-\(status.rawValue)"]
        }
        let documents = try storing { () throws(StoreError) in try database.documents(ids: detail.documents.map(\.id)) }
        let byID = Dictionary(uniqueKeysWithValues: documents.compactMap { doc in doc.id.map { ($0, doc) } })
        let documentViews: [[String: Any]] = detail.documents.map { link in
            let document = byID[link.id]
            let pages = document.map { $0.kind == .email ? 0 : max(1, $0.pageCount) } ?? 0
            return [
                "id": String(link.id), "kind": link.kind, "path": link.path, "linkedBy": link.linkedBy,
                "linkedAt": Self.time(link.linkedAt, zone: zone), "url": "/documents/\(link.id)",
                "pages": (0..<pages).map { ["src": "/documents/\(link.id)/page/\($0 + 1)", "number": String($0 + 1)] },
                "text": document?.text ?? "", "hasText": !(document?.text ?? "").isEmpty,
                "isEmail": link.kind == DocumentKind.email.rawValue,
            ]
        }
        let events: [[String: Any]] = detail.events.map { event in
            Self.present([
                "at": Self.time(event.at, zone: zone), "actor": event.actor, "kind": event.kind,
                "move": event.from.flatMap { from in event.to.map { "\(from) → \($0)" } },
                "text": event.text, "attachment": event.attachment,
            ])
        }
        let permissions = try permissions(of: session)
        var may: [String: Any] = [:]
        for action in WebCaseAction.allCases
        where detail.allowedActions.contains(action.deskAction) && (!action.needsManager || permissions.contains(.manageCases)) {
            may[action.rawValue.replacingOccurrences(of: "-", with: "_")] = true
        }
        if summary.assignee == session.operatorName { may["take"] = nil }
        var values: [String: Any] = [
            "case": Self.present([
                "reference": summary.reference, "subject": summary.subject, "state": summary.state, "queue": summary.queue,
                "priority": summary.priority, "assignee": summary.assignee ?? "unassigned", "topic": summary.topic,
                "customer": detail.customer ?? "not linked to a customer", "unit": summary.unit,
                "channels": summary.channels.joined(separator: ", "), "created": Self.time(summary.createdAt, zone: zone),
                "overdue": summary.sla.isOverdue, "followUp": summary.needsFollowUp,
                "base": "/cases/\(Self.pathSegment(summary.reference))",
            ]),
            "clocks": clocks, "hasClocks": !clocks.isEmpty,
            "documents": documentViews, "events": events, "may": may, "mayAnything": !may.isEmpty,
            "today": Self.day(desk.now, zone: zone), "zone": zone.identifier,
        ]
        if let error { values["error"] = error }
        return page("case", title: summary.reference, session: session, values: values, status: status)
    }

    /// Runs a desk call, turning a missing case into 404 and other errors into their message.
    func caseCall<T>(_ body: () throws(CaseError) -> T) throws -> T {
        do { return try body() } catch {
            switch error {
            case .notFound: throw HTTPError(.notFound, message: error.description)
            case .store: throw HTTPError(.internalServerError, message: error.description)
            default: throw HTTPError(.unprocessableContent, message: error.description)
            }
        }
    }

    static func time(_ date: Date?, zone: TimeZone) -> String {
        CaseText.time(date, in: zone)
    }

    static func day(_ date: Date, zone: TimeZone) -> String {
        String(time(date, zone: zone).prefix(10))
    }
}
