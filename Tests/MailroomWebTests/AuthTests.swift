import Foundation
import Hummingbird
import HummingbirdTesting
import MailroomStore
import MailroomWeb
import Testing

@Suite struct AuthTests {
    @Test func pagesRedirectToLoginAndCallsGet401WithoutASession() async throws {
        let fixture = try Station("no-session")
        let id = try fixture.coupon(1, review: ["surname": "low confidence"])
        try await fixture.application.test(.router) { client in
            let page = try await client.get("/review", token: nil)
            #expect(page.status == .seeOther)
            #expect(page.headers[.location] == "/login")
            #expect(try await client.get("/api/review/next", token: nil).status == .unauthorized)
            #expect(try await client.get("/review/crop/\(id)/surname", token: nil).status == .unauthorized)
            let post = try await client.post("/review/decide", token: nil,
                                             ["action": "accept", "document": "\(id)", "field": "surname", "shown": "ROSSI"])
            #expect(post.status == .unauthorized)
            // A made-up token is no session either.
            #expect(try await client.get("/review", token: String(repeating: "ab", count: 32)).status == .seeOther)
        }
        #expect(try fixture.database.decisions(documentID: id).isEmpty)
    }

    @Test func loginChecksTheBcryptHashAndSetsAStrictHttpOnlyCookie() async throws {
        let fixture = try Station("login")
        try fixture.account()
        let stored = try #require(try fixture.database.operatorAccount(name: "anna"))
        #expect(stored.passwordHash.hasPrefix("$2b$04$"))
        #expect(!stored.passwordHash.contains("correct horse"))
        try await fixture.application.test(.router) { client in
            let wrong = try await client.postLogin("anna", password: "wrong horse")
            #expect(wrong.status == .unauthorized)
            #expect(wrong.sessionToken == nil)
            #expect(try await client.login("nobody", password: "correct horse") == nil)

            let right = try await client.postLogin("anna", password: "correct horse")
            #expect(right.status == .seeOther)
            #expect(right.headers[.location] == "/review")
            let cookie = try #require(right.setCookie("mailroom_session"))
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Strict"))
            #expect(!cookie.contains("Secure"))
            let token = try #require(right.sessionToken)
            let page = try await client.get("/review", token: token)
            #expect(page.status == .ok)
            #expect(page.text.contains("anna"))
            let csrf = try #require(page.csrfToken)

            // Logging out ends the session in the database, not just in the browser.
            let out = try await client.post("/logout", token: token, ["csrf": csrf])
            #expect(out.status == .seeOther)
            #expect(try await client.get("/review", token: token).status == .seeOther)
        }
        let actions = try fixture.database.auditLog(operatorName: "anna").map(\.action)
        #expect(actions == ["web.logout", "web.login"])
    }

    @Test func cookiesAreSecureBeyondLoopback() async throws {
        let fixture = try Station("secure", secureCookies: true)
        try fixture.account()
        try await fixture.application.test(.router) { client in
            let right = try await client.postLogin("anna", password: "correct horse")
            #expect(right.setCookie("mailroom_session")?.contains("Secure") == true)
        }
    }

    @Test func aPostWithoutTheSessionsCSRFTokenIsRefused() async throws {
        let fixture = try Station("csrf")
        try fixture.account()
        try fixture.account("bert", password: "another one")
        let id = try fixture.coupon(2, review: ["surname": "low confidence"])
        try await fixture.application.test(.router) { client in
            let token = try #require(try await client.login())
            let other = try #require(try await client.login("bert", password: "another one"))
            let otherCSRF = try #require(try await client.get("/review", token: other).csrfToken)
            let decide = ["action": "accept", "document": "\(id)", "field": "surname", "shown": "ROSSI"]
            #expect(try await client.post("/review/decide", token: token, decide).status == .forbidden)
            var wrong = decide
            wrong["csrf"] = otherCSRF
            #expect(try await client.post("/review/decide", token: token, wrong).status == .forbidden)
            #expect(try await client.post("/logout", token: token, [:]).status == .forbidden)
        }
        #expect(try fixture.database.decisions(documentID: id).isEmpty)
    }

    @Test func marketingAccountsMayNotReview() async throws {
        let fixture = try Station("roles")
        try fixture.account("mona", password: "campaign time", role: .marketing)
        let id = try fixture.coupon(9, review: ["surname": "low confidence"])
        try await fixture.application.test(.router) { client in
            let token = try #require(try await client.login("mona", password: "campaign time"))
            let page = try await client.get("/review", token: token)
            #expect(page.status == .forbidden)
            #expect(!page.text.contains("ROSSI"))
            let csrf = try #require(page.csrfToken)
            #expect(try await client.get("/api/review/next", token: token).status == .forbidden)
            #expect(try await client.get("/review/crop/\(id)/surname", token: token).status == .forbidden)
            let post = try await client.post("/review/decide", token: token,
                ["csrf": csrf, "action": "accept", "document": "\(id)", "field": "surname", "shown": "ROSSI"])
            #expect(post.status == .forbidden)
        }
        #expect(try fixture.database.decisions(documentID: id).isEmpty)
    }

    @Test func nonLoopbackHostsNeedAllowRemote() throws {
        #expect(try BindPolicy.check(host: "127.0.0.1", port: 8080, allowRemote: false))
        #expect(try BindPolicy.check(host: "localhost", port: 8080, allowRemote: false))
        #expect(try BindPolicy.check(host: "::1", port: 0, allowRemote: false))
        for host in ["0.0.0.0", "192.168.1.5", "example.org", "::", "127.0.0.1.example.org"] {
            #expect(throws: WebError.self) { try BindPolicy.check(host: host, port: 8080, allowRemote: false) }
            do { _ = try BindPolicy.check(host: host, port: 8080, allowRemote: false) } catch {
                #expect(error.code == .usage && error.exitCode == 2 && error.message.contains("--allow-remote"))
            }
        }
        #expect(try BindPolicy.check(host: "0.0.0.0", port: 8080, allowRemote: true) == false)
        #expect(throws: WebError.self) { try BindPolicy.check(host: "127.0.0.1", port: 70_000, allowRemote: false) }
    }

    @Test func accountsRefuseBadNamesEmptyPasswordsAndDuplicates() throws {
        let fixture = try Station("accounts")
        #expect(throws: WebError.self) { try fixture.station.accounts.add(name: "anna", role: .operator, password: "") }
        #expect(throws: WebError.self) { try fixture.station.accounts.add(name: "<b>", role: .operator, password: "x") }
        try fixture.account()
        #expect(throws: WebError.self) { try fixture.account() }
        #expect(try fixture.database.appliedMigrations().contains("v5-web"))
    }
}
