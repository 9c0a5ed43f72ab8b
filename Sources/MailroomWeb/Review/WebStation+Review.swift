import Foundation
import Hummingbird
import MailroomOperator
import MailroomStore

/// The review form's fields: what was shown, and what the operator did with it.
struct DecideForm: Decodable, CSRFCarrying {
    var csrf: String?
    /// `accept`, `set`, `pick` or `undo`.
    var action: String
    var document: Int64?
    var field: String?
    /// The suggestion the page showed, so a field decided meanwhile by someone else is not overwritten.
    var shown: String?
    var value: String?
    var choice: String?
    /// The number of a choice button, when one was clicked without script.
    var pick: String?
}

extension WebStation {
    /// Field types whose values are digits: there digits are typed, and Alt+digit picks a choice.
    static let digitTypes: Set<String> = ["postcode", "phone", "card", "date", "tick"]

    func addReviewRoutes(to router: Router<BasicRequestContext>) {
        router.get("/review") { request, _ in
            // A page without a session sends the browser to the login page.
            guard let session = try session(of: request) else { return Self.redirect("/login") }
            guard try mayReview(session) else {
                return page("message", title: "Not for your role", session: session, values: [
                    "text": "Reviewing fields shows customers' personal data; only operators and supervisors may do it.",
                ], status: .forbidden)
            }
            return try reviewPage(session: session)
        }
        router.get("/api/review/next") { request, _ in
            try requireReviewer(try apiSession(request))
            let entry = try nextEntry()
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let body = entry.map { (try? encoder.encode($0)) ?? Data("{}".utf8) } ?? Data("null".utf8)
            return Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                            body: .init(byteBuffer: ByteBuffer(bytes: body)))
        }
        router.get("/review/crop/:document/:field") { request, context in
            try requireReviewer(try apiSession(request))
            let document = try context.parameters.require("document", as: Int64.self)
            let field = try context.parameters.require("field")
            let entry = try operatorCall { () throws(OperatorError) in try review.entry(documentID: document, field: field) }
            let orientation = (try? database.pages(documentID: document))?.first?.orientationDegrees
            guard let png = crops.png(entry: entry, orientationDegrees: orientation) else {
                throw HTTPError(.notFound, message: "no picture of field \(field) of document \(document)")
            }
            return Response(status: .ok, headers: [.contentType: "image/png", .cacheControl: "private, no-store"],
                            body: .init(byteBuffer: ByteBuffer(bytes: png)))
        }
        router.post("/review/decide") { request, _ in
            let session = try apiSession(request)
            try requireReviewer(session)
            let form = try await postedForm(DecideForm.self, request, session: session)
            let outcomes: [DecisionOutcome]
            do throws(OperatorError) {
                outcomes = try decide(form, operator: session.operatorName)
            } catch {
                let status: HTTPResponse.Status = switch error.code {
                case .changedMeanwhile: .conflict
                case .store: .internalServerError
                case .documentNotFound, .fieldNotFound: .notFound
                default: .unprocessableContent
                }
                return try reviewPage(session: session, error: error.message, typed: form.action == "set" ? form : nil,
                                      status: status)
            }
            // Doubts that did not stop the decision (a postcode and town that do not match) are shown at once.
            let warnings = outcomes.flatMap { outcome in outcome.warnings.map { "\(outcome.field): \($0)" } }
            if !warnings.isEmpty {
                return try reviewPage(session: session, warning: "Saved with a warning: " + warnings.joined(separator: "; "))
            }
            return Self.redirect("/review")
        }
    }

    /// Whether the session's account may review fields: operators and supervisors, not marketing.
    func mayReview(_ session: WebSessionRecord) throws -> Bool {
        let account = try storing { () throws(StoreError) in try database.operatorAccount(name: session.operatorName) }
        return account.map { $0.role == .operator || $0.role == .supervisor } ?? false
    }

    /// Refuses (403) a request of an account that may not review.
    func requireReviewer(_ session: WebSessionRecord) throws {
        guard try mayReview(session) else {
            throw HTTPError(.forbidden, message: "only operators and supervisors may review fields")
        }
    }

    /// Carries out one review action through ``ReviewService``, as the CLI does.
    func decide(_ form: DecideForm, operator who: String) throws(OperatorError) -> [DecisionOutcome] {
        if form.action == "undo" { return try review.undo(operator: who) }
        guard let document = form.document, let field = form.field, !field.isEmpty else {
            throw OperatorError(.usage, "the form names no document and field; reload the review page")
        }
        var shown = try review.entry(documentID: document, field: field)
        shown.suggestion = form.shown
        shown.decision = FieldDecision.review.rawValue
        switch form.action {
        case "accept":
            return [try review.accept(documentID: document, field: field, operator: who, shown: shown)]
        case "set":
            return [try review.set(documentID: document, field: field, value: form.value ?? "", operator: who, shown: shown)]
        case "pick":
            guard let number = Int(form.choice ?? form.pick ?? "") else {
                throw OperatorError(.noAlternative, "no choice number was sent; press 1 to 9 or click a choice")
            }
            return [try review.pick(documentID: document, field: field, choice: number, operator: who, shown: shown)]
        default:
            throw OperatorError(.usage, "unknown review action '\(form.action)'; use accept, set, pick or undo")
        }
    }

    /// The first field waiting for review, with its candidates, or nil when the queue is empty.
    func nextEntry() throws -> ReviewEntry? {
        try operatorCall { () throws(OperatorError) -> ReviewEntry? in
            guard let first = try review.queue().first else { return nil }
            return try review.entry(documentID: first.documentID, field: first.field)
        }
    }

    /// The review page: the next field, with an error (and the refused typed value kept in the
    /// input) or a warning from the last decision.
    func reviewPage(session: WebSessionRecord, error: String? = nil, warning: String? = nil, typed: DecideForm? = nil,
                    status: HTTPResponse.Status = .ok) throws -> Response {
        var values: [String: Any] = [:]
        let entry = try nextEntry()
        let digits = entry.map { Self.digitTypes.contains($0.type) } ?? false
        if let entry {
            var view = Self.view(entry, digits: digits)
            if let typed, typed.document == entry.documentID, typed.field == entry.field, let value = typed.value {
                view["typed"] = value
            }
            values["entry"] = view
        }
        values["remaining"] = String(try operatorCall { () throws(OperatorError) in try review.queue().count })
        values["keyHint"] = digits ? "Alt+1…9" : "1…9"
        if let error { values["error"] = error }
        if let warning { values["warning"] = warning }
        if let last = try? database.auditLog(operatorName: session.operatorName, limit: 1).first,
           last.action.hasPrefix("review.") {
            values["notice"] = "Last: \(last.action.dropFirst("review.".count)) on \(last.target)"
        }
        return page("review", title: "Review", session: session, values: values, status: status)
    }

    /// The template's view of an entry; every value is text, escaped by the template.
    static func view(_ entry: ReviewEntry, digits: Bool) -> [String: Any] {
        var view: [String: Any] = [
            "documentID": String(entry.documentID), "field": entry.field, "type": entry.type, "path": entry.path,
            "reasons": entry.reasons, "hasReasons": !entry.reasons.isEmpty, "raw": entry.raw ?? "",
            "suggestion": entry.suggestion ?? "", "typed": entry.suggestion ?? "", "hasBox": entry.box != nil, "digitField": digits ? "true" : "false",
            "hasChoices": !entry.choices.isEmpty,
            "choices": entry.choices.enumerated().map { index, value in
                ["number": String(index + 1), "value": value, "key": digits ? "Alt+" : ""]
            },
        ]
        let segment = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))
        view["cropURL"] = "/review/crop/\(entry.documentID)/\(entry.field.addingPercentEncoding(withAllowedCharacters: segment) ?? "")"
        if let form = entry.formID { view["formID"] = form }
        if let earlier = entry.earlierDecision { view["earlierDecision"] = earlier }
        return view
    }

    /// Runs a review service call, turning its errors into HTTP answers with their message.
    func operatorCall<T>(_ body: () throws(OperatorError) -> T) throws -> T {
        do { return try body() } catch {
            switch error.code {
            case .documentNotFound, .fieldNotFound: throw HTTPError(.notFound, message: error.message)
            case .store: throw HTTPError(.internalServerError, message: error.message)
            default: throw HTTPError(.unprocessableContent, message: error.message)
            }
        }
    }
}
