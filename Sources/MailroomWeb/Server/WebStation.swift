import Foundation
import Hummingbird
import MailroomCases
import MailroomOperator
import MailroomStore
import Mustache

/// The local web verification station: pages over the operator tools' services.
///
/// It holds no business rules: review decisions go through ``ReviewService`` and case work
/// through ``CaseDesk``, exactly as the CLI's do, under the logged-in operator's name. What it
/// adds is the web's own concerns: accounts, roles, sessions, CSRF tokens, escaping and
/// security headers.
public struct WebStation: Sendable {
    public let database: MailroomDatabase
    public let review: ReviewService
    public let accounts: OperatorAccounts
    public let sessions: SessionStore
    /// The case desk, or nil when the routing rules could not be loaded (`deskProblem` says why).
    public let desk: CaseDesk?
    public let deskProblem: String?
    public let throttle: LoginThrottle
    let crops: CropRenderer
    /// Whether cookies carry `Secure` (served beyond loopback, behind TLS).
    public let secureCookies: Bool
    let templates: MustacheLibrary

    static let sessionCookie = "mailroom_session"
    /// The largest form body accepted.
    static let maxForm = 64 * 1024

    public init(review: ReviewService, accounts: OperatorAccounts, sessions: SessionStore, secureCookies: Bool,
                desk: CaseDesk? = nil, deskProblem: String? = nil, throttle: LoginThrottle = LoginThrottle()) throws(WebError) {
        self.database = review.database
        self.review = review
        self.accounts = accounts
        self.sessions = sessions
        self.desk = desk
        self.deskProblem = desk == nil ? deskProblem ?? "no routing rules were given" : nil
        self.throttle = throttle
        self.secureCookies = secureCookies
        crops = CropRenderer(forms: review.forms)
        do { templates = try PageTemplates.library() } catch {
            throw WebError(.usage, "a page template does not parse: \(error)")
        }
    }

    /// The routes, with the security headers on every answer.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.middlewares.add(SecurityHeaders())
        router.get("/") { request, _ in
            guard let session = try session(of: request) else { return Self.redirect("/login") }
            return Self.redirect(try home(of: session))
        }
        router.get("/static/station.css") { _, _ in Self.asset(StaticAssets.css, type: "text/css; charset=utf-8") }
        router.get("/static/review.js") { _, _ in
            Self.asset(StaticAssets.reviewScript, type: "text/javascript; charset=utf-8")
        }
        addLoginRoutes(to: router)
        addReviewRoutes(to: router)
        addDocumentRoutes(to: router)
        addCaseRoutes(to: router)
        addSearchRoutes(to: router)
        addDashboardRoutes(to: router)
        return router
    }

    // MARK: Sessions and CSRF

    /// The logged-in session of the request, or nil.
    func session(of request: Request) throws -> WebSessionRecord? {
        guard let token = request.cookies[Self.sessionCookie]?.value else { return nil }
        return try sessions.session(token: token)
    }


    /// The session of a request that is not a page (an action, a picture, JSON): 401 without one.
    func apiSession(_ request: Request) throws -> WebSessionRecord {
        guard let session = try session(of: request) else {
            throw HTTPError(.unauthorized, message: "log in first at /login")
        }
        return session
    }

    /// Reads a posted form and checks its CSRF token (form field `csrf` or the X-CSRF-Token header).
    func postedForm<Form: Decodable & CSRFCarrying>(
        _ type: Form.Type, _ request: Request, session: WebSessionRecord
    ) async throws -> Form {
        let form = try await Self.decodeForm(type, request)
        let token = form.csrf ?? request.headers[.init("X-CSRF-Token")!] ?? ""
        guard SessionStore.same(token, session.csrfToken) else {
            throw HTTPError(.forbidden, message: "the form's security token is missing or stale; reload the page and try again")
        }
        return form
    }

    static func decodeForm<Form: Decodable>(_ type: Form.Type, _ request: Request) async throws -> Form {
        let body = try await request.body.collect(upTo: maxForm)
        do {
            return try URLEncodedFormDecoder().decode(type, from: String(buffer: body))
        } catch {
            throw HTTPError(.badRequest, message: "the form could not be read: \(error)")
        }
    }

    // MARK: Answers

    /// Renders a page template with the common values (operator, CSRF token) filled in.
    func page(_ template: String, title: String, session: WebSessionRecord?, values: [String: Any] = [:],
              status: HTTPResponse.Status = .ok) -> Response {
        var context = values
        context["title"] = title
        if let session {
            let role = try? database.operatorAccount(name: session.operatorName)?.role
            let may = role?.permissions ?? []
            context["operator"] = [
                "name": session.operatorName, "role": role?.rawValue ?? "?", "csrf": session.csrfToken,
                "mayReview": may.contains(.review), "mayWorkCases": may.contains(.workCases),
                "maySeeDashboard": may.contains(.seeDashboard), "maySeeAudit": may.contains(.seeAudit),
            ]
        }
        let html = templates.render(context, withTemplate: template) ?? "template \(template) is missing"
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// A JSON answer with sorted keys, never cached.
    static func json<T: Encodable>(_ value: T) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    static func asset(_ text: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .cacheControl: "max-age=300"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// A posted form that may carry the session's CSRF token.
protocol CSRFCarrying {
    var csrf: String? { get }
}

/// Headers that keep pages from being framed, sniffed or running foreign script.
struct SecurityHeaders<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] =
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'"
        response.headers[.init("X-Content-Type-Options")!] = "nosniff"
        response.headers[.init("Referrer-Policy")!] = "no-referrer"
        return response
    }
}

extension WebStation {
    /// Serves until SIGINT or SIGTERM; `onRunning` is told the address once the port is bound.
    public func serve(host: String, port: Int, onRunning: @escaping @Sendable (String) -> Void = { _ in }) async throws {
        let app = Application(
            router: router(),
            configuration: .init(address: .hostname(host, port: port), serverName: "mailroom"),
            onServerRunning: { channel in onRunning("\(host):\(channel.localAddress?.port ?? port)") })
        try await app.runService()
    }
}
