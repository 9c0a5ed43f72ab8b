import Foundation
import Hummingbird
import MailroomStore

/// The login form's fields.
struct LoginForm: Decodable {
    var name: String
    var password: String
    /// The login page's token, matched against its cookie (double submit), so another site
    /// cannot log a browser into an account of its choosing.
    var csrf: String?
}

/// The logout form's fields.
struct LogoutForm: Decodable, CSRFCarrying {
    var csrf: String?
}

extension WebStation {
    func addLoginRoutes(to router: Router<BasicRequestContext>) {
        router.get("/login") { request, _ in
            if let session = try session(of: request) { return Self.redirect(try home(of: session)) }
            return loginPage()
        }
        router.post("/login") { request, _ in
            let form = try await Self.decodeForm(LoginForm.self, request)
            guard let cookie = request.cookies[Self.loginCookie]?.value, SessionStore.same(form.csrf ?? "", cookie) else {
                return loginPage(name: form.name, error: "The login form had expired; type your password again.",
                                 status: .forbidden)
            }
            if let wait = throttle.waitBeforeTrying(form.name) {
                var answer = loginPage(name: form.name, error: "Too many wrong passwords for this name; "
                                       + "try again in \((wait + 59) / 60) minute(s).", status: .tooManyRequests)
                answer.headers[.retryAfter] = String(wait)
                return answer
            }
            guard let account = try accounts.login(name: form.name, password: form.password) else {
                throttle.failed(form.name)
                _ = try? database.appendAudit(AuditRecord(operatorName: "-", action: "web.login-failed",
                                                          target: String(form.name.prefix(64))))
                return loginPage(name: form.name, error: "Wrong name or password.", status: .unauthorized)
            }
            throttle.succeeded(form.name)
            let (token, session) = try sessions.start(for: account)
            _ = try? database.appendAudit(AuditRecord(operatorName: account.name, action: "web.login", target: "web station"))
            var response = Self.redirect(try home(of: session))
            response.setCookie(sessionCookie(token, maxAge: Int(sessions.lifetime)))
            response.setCookie(Cookie(name: Self.loginCookie, value: "", maxAge: 0, path: "/login", secure: secureCookies,
                                      httpOnly: true, sameSite: .strict))
            return response
        }
        router.post("/logout") { request, _ in
            let session = try apiSession(request)
            _ = try await postedForm(LogoutForm.self, request, session: session)
            if let token = request.cookies[Self.sessionCookie]?.value { try sessions.end(token: token) }
            _ = try? database.appendAudit(AuditRecord(operatorName: session.operatorName, action: "web.logout", target: "web station"))
            var response = Self.redirect("/login")
            response.setCookie(sessionCookie("", maxAge: 0))
            return response
        }
    }

    static let loginCookie = "mailroom_login"

    /// The login page with a fresh form token, also set as a cookie the form must match.
    func loginPage(name: String = "", error: String? = nil, status: HTTPResponse.Status = .ok) -> Response {
        let token = SessionStore.randomToken()
        var values: [String: Any] = ["name": name, "loginToken": token]
        if let error { values["error"] = error }
        var answer = page("login", title: "Log in", session: nil, values: values, status: status)
        answer.setCookie(Cookie(name: Self.loginCookie, value: token, maxAge: 3600, path: "/login", secure: secureCookies,
                                httpOnly: true, sameSite: .strict))
        return answer
    }

    /// The session cookie: HttpOnly, SameSite=Strict, and Secure when served beyond loopback.
    func sessionCookie(_ value: String, maxAge: Int) -> Cookie {
        Cookie(name: Self.sessionCookie, value: value, maxAge: maxAge, path: "/", secure: secureCookies,
               httpOnly: true, sameSite: .strict)
    }
}
