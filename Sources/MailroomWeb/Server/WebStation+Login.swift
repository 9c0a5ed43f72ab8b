import Foundation
import Hummingbird
import MailroomStore

/// The login form's fields.
struct LoginForm: Decodable {
    var name: String
    var password: String
}

/// The logout form's fields.
struct LogoutForm: Decodable, CSRFCarrying {
    var csrf: String?
}

extension WebStation {
    func addLoginRoutes(to router: Router<BasicRequestContext>) {
        router.get("/login") { request, _ in
            if try session(of: request) != nil { return Self.redirect("/review") }
            return page("login", title: "Log in", session: nil)
        }
        router.post("/login") { request, _ in
            let form = try await Self.decodeForm(LoginForm.self, request)
            guard let account = try accounts.login(name: form.name, password: form.password) else {
                return page("login", title: "Log in", session: nil,
                            values: ["name": form.name, "error": "Wrong name or password."], status: .unauthorized)
            }
            let (token, _) = try sessions.start(for: account)
            _ = try? database.appendAudit(AuditRecord(operatorName: account.name, action: "web.login", target: "web station"))
            var response = Self.redirect("/review")
            response.setCookie(sessionCookie(token, maxAge: Int(sessions.lifetime)))
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

    /// The session cookie: HttpOnly, SameSite=Strict, and Secure when served beyond loopback.
    func sessionCookie(_ value: String, maxAge: Int) -> Cookie {
        Cookie(name: Self.sessionCookie, value: value, maxAge: maxAge, path: "/", secure: secureCookies,
               httpOnly: true, sameSite: .strict)
    }
}
