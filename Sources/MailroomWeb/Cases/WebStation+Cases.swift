import Foundation
import Hummingbird
import MailroomCases
import MailroomStore

extension WebStation {
    func addCaseRoutes(to router: Router<BasicRequestContext>) {
        router.get("/cases") { request, _ in
            switch try pageSession(request, needs: .workCases) {
            case let .refused(answer): return answer
            case let .allowed(session): return try caseListPage(request, session: session)
            }
        }
        router.get("/cases/:reference") { request, context in
            switch try pageSession(request, needs: .workCases) {
            case let .refused(answer): return answer
            case let .allowed(session):
                return try casePage(try context.parameters.require("reference"), session: session)
            }
        }
        router.post("/cases/:reference/:action") { request, context in
            let session = try apiSession(request)
            try require(.workCases, session)
            let reference = try context.parameters.require("reference")
            guard let action = WebCaseAction(rawValue: try context.parameters.require("action")) else {
                throw HTTPError(.notFound, message: "no such case action; the case page lists them")
            }
            if action.needsManager { try require(.manageCases, session) }
            let form = try await postedForm(CaseActionForm.self, request, session: session)
            let desk = try requireDesk()
            let outcome: Result<CaseRecord, CaseError>
            do throws(CaseError) {
                outcome = .success(try perform(action, form, on: reference, desk: desk, by: session.operatorName))
            } catch {
                outcome = .failure(error)
            }
            switch outcome {
            case let .success(record):
                _ = try? database.appendAudit(AuditRecord(operatorName: session.operatorName, action: "web.case.\(action.rawValue)",
                                                          target: record.reference,
                                                          details: CaseText.json(["text": String((form.text ?? "").prefix(200))])))
                return Self.redirect("/cases/\(Self.pathSegment(record.reference))")
            case let .failure(error):
                let status: HTTPResponse.Status = switch error {
                case .notFound: .notFound
                case .store: .internalServerError
                case .illegalTransition, .archived: .conflict
                case .invalidArgument: .unprocessableContent
                }
                if case .notFound = error { throw HTTPError(.notFound, message: error.description) }
                return try casePage(reference, session: session, error: error.description, status: status)
            }
        }
    }

    /// The case desk, or 503 with the reason it could not be set up.
    func requireDesk() throws -> CaseDesk {
        guard let desk else {
            throw HTTPError(.serviceUnavailable, message: "case pages need the routing rules: \(deskProblem ?? "none loaded")")
        }
        return desk
    }

    /// Carries out one case action through the desk, as `mailroom cases` does.
    func perform(_ action: WebCaseAction, _ form: CaseActionForm, on reference: String, desk: CaseDesk,
                 by who: String) throws(CaseError) -> CaseRecord {
        let text = form.text?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        switch action {
        case .take: return try desk.assign(reference, to: who, by: who)
        case .assign: return try desk.assign(reference, to: form.agent ?? "", by: who)
        case .triage: return try desk.triage(reference, by: who, note: text)
        case .note: return try desk.note(reference, text: text ?? "", by: who)
        case .forward:
            guard let dueText = form.due, let due = CaseText.parseDate(dueText, zone: desk.rules.calendar.timeZone, hour: 17) else {
                throw .invalidArgument("give the day the unit must answer by, as YYYY-MM-DD")
            }
            return try desk.forward(reference, to: form.unit ?? "", due: due, by: who, note: text)
        case .unitAnswered: return try desk.unitAnswered(reference, text: text ?? "", by: who)
        case .reply: return try desk.reply(reference, text: text, by: who)
        case .close: return try desk.close(reference, by: who, reason: text)
        case .reopen: return try desk.reopen(reference, by: who, reason: text)
        }
    }

    static func pathSegment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#"))) ?? ""
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
