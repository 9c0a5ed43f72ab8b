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
    /// The fields passed over with Tab in this round (``SkipList``).
    var skip: String?
}

extension WebStation {
    /// Field types whose values are digits: there digits are typed, and Alt+digit picks a choice.
    static let digitTypes: Set<String> = ["postcode", "phone", "card", "date", "tick"]

    func addReviewRoutes(to router: Router<BasicRequestContext>) {
        router.get("/review") { request, _ in
            switch try pageSession(request, needs: .review) {
            case let .refused(answer): return answer
            case let .allowed(session):
                return try reviewPage(session: session, skipped: SkipList(request.uri.queryParameters.get("skip")))
            }
        }
        router.get("/api/review/check") { request, _ in
            try require(.review, try apiSession(request))
            let query = request.uri.queryParameters
            guard let document = query.get("document", as: Int64.self), let field = query.get("field") else {
                throw HTTPError(.badRequest, message: "give document, field and value")
            }
            let preview = try operatorCall { () throws(OperatorError) in
                try review.preview(documentID: document, field: field, value: query.get("value") ?? "")
            }
            return try Self.json(preview)
        }
        router.get("/api/review/next") { request, _ in
            try require(.review, try apiSession(request))
            return try Self.json(try nextEntry())
        }
        router.get("/review/crop/:document/:field") { request, context in
            try require(.review, try apiSession(request))
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
            try require(.review, session)
            let form = try await postedForm(DecideForm.self, request, session: session)
            let skipped = SkipList(form.skip)
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
                return try reviewPage(session: session, skipped: skipped, error: error.message,
                                      typed: form.action == "set" ? form : nil, status: status)
            }
            // Doubts that did not stop the decision (a postcode and town that do not match) are shown at once.
            let warnings = outcomes.flatMap { outcome in outcome.warnings.map { "\(outcome.field): \($0)" } }
            if !warnings.isEmpty {
                return try reviewPage(session: session, skipped: skipped,
                                      warning: "Saved with a warning: " + warnings.joined(separator: "; "))
            }
            return Self.redirect(skipped.isEmpty ? "/review" : "/review?skip=\(skipped.queryValue)")
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

    /// The first field waiting for review that was not skipped, with its candidates, or nil.
    func nextEntry(skipping skipped: SkipList = SkipList(nil)) throws -> ReviewEntry? {
        try operatorCall { () throws(OperatorError) -> ReviewEntry? in
            guard let first = try review.queue().first(where: { !skipped.contains($0.documentID, $0.field) }) else { return nil }
            return try review.entry(documentID: first.documentID, field: first.field)
        }
    }

    /// The review page: the next field, with an error (and the refused typed value kept in the
    /// input) or a warning from the last decision.
    func reviewPage(session: WebSessionRecord, skipped: SkipList = SkipList(nil), error: String? = nil,
                    warning: String? = nil, typed: DecideForm? = nil, status: HTTPResponse.Status = .ok) throws -> Response {
        var values: [String: Any] = ["skip": skipped.text, "skippedCount": String(skipped.count)]
        let entry = try nextEntry(skipping: skipped)
        let digits = entry.map { Self.digitTypes.contains($0.type) } ?? false
        if let entry {
            var view = Self.view(entry, digits: digits)
            if let typed, typed.document == entry.documentID, typed.field == entry.field, let value = typed.value {
                view["typed"] = value
            }
            view["skipNext"] = skipped.adding(entry.documentID, entry.field).text
            values["entry"] = view
        } else if !skipped.isEmpty {
            values["hasSkipped"] = true
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
        let fieldSegment = entry.field.addingPercentEncoding(withAllowedCharacters: segment) ?? ""
        view["cropURL"] = "/review/crop/\(entry.documentID)/\(fieldSegment)"
        view["pageURL"] = "/documents/\(entry.documentID)?field=\(fieldSegment)"
        if let form = entry.formID { view["formID"] = form }
        if let source = entry.source { view["source"] = source }
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
