import Foundation
import Hummingbird
import HummingbirdTesting
import MailroomCases
import MailroomStore
import MailroomWeb
import Testing

@Suite struct CasePagesTests {
    @Test func casePagesNeedALoginAndARoleThatWorksCases() async throws {
        let fixture = try Station("case-roles")
        try fixture.account("mona", password: "campaign time", role: .marketing)
        let record = try fixture.letterCase(1, subject: "Reclamo ordine 5512", text: "Il pacco è arrivato rotto.")
        try await fixture.application.test(.router) { client in
            let anonymous = try await client.get("/cases", token: nil)
            #expect(anonymous.status == .seeOther && anonymous.headers[.location] == "/login")
            #expect(try await client.post("/cases/\(record.reference)/note", token: nil, ["text": "x"]).status == .unauthorized)
            let token = try #require(try await client.login("mona", password: "campaign time"))
            for path in ["/cases", "/cases/\(record.reference)", "/search?q=pacco", "/documents/1", "/audit"] {
                let page = try await client.get(path, token: token)
                #expect(page.status == .forbidden, "\(path)")
                #expect(!page.text.contains("Mario Rossi") && !page.text.contains("Reclamo"), "\(path)")
            }
            let csrf = try #require(try await client.get("/dashboard", token: token).csrfToken)
            #expect(try await client.post("/cases/\(record.reference)/note", token: token,
                                          ["csrf": csrf, "text": "x"]).status == .forbidden)
        }
        #expect(try fixture.database.caseEvents(caseID: record.id!).allSatisfy { $0.kind != "note" })
    }

    @Test func aNoteNeedsTheCSRFTokenIsStoredUnderTheOperatorAndShownEscaped() async throws {
        let fixture = try Station("case-note")
        try fixture.account()
        let record = try fixture.letterCase(2, subject: "Reclamo", text: "Il pacco è arrivato rotto.")
        let hostile = "<script>alert('note')</script> called back"
        try await fixture.application.test(.router) { client in
            let token = try #require(try await client.login())
            let page = try await client.get("/cases/\(record.reference)", token: token)
            #expect(page.status == .ok)
            #expect(page.text.contains("Il pacco è arrivato rotto."))
            let csrf = try #require(page.csrfToken)
            #expect(try await client.post("/cases/\(record.reference)/note", token: token, ["text": hostile]).status == .forbidden)
            let saved = try await client.post("/cases/\(record.reference)/note", token: token, ["csrf": csrf, "text": hostile])
            #expect(saved.status == .seeOther)
            #expect(saved.headers[.location] == "/cases/\(record.reference)")
            let after = try await client.get("/cases/\(record.reference)", token: token)
            #expect(!after.text.contains("<script>alert"))
            #expect(after.text.contains("&lt;script&gt;alert(&#39;note&#39;)&lt;/script&gt; called back"))
        }
        let notes = try fixture.database.caseEvents(caseID: record.id!).filter { $0.kind == "note" }
        #expect(notes.map(\.actor) == ["anna"] && notes.map(\.text) == [hostile])
        #expect(try fixture.database.auditLog(operatorName: "anna").map(\.action).contains("web.case.note"))
    }

    @Test func anOperatorTakesCasesButOnlyASupervisorGivesThemToOthers() async throws {
        let fixture = try Station("case-assign")
        try fixture.account()
        try fixture.account("sue", password: "in charge", role: .supervisor)
        let first = try fixture.letterCase(3, subject: "Ordine 1", text: "Ordine non arrivato.")
        let second = try fixture.letterCase(4, subject: "Fattura", text: "La fattura è sbagliata.", postcode: "20121")
        try await fixture.application.test(.router) { client in
            let anna = try #require(try await client.login())
            let annaCSRF = try #require(try await client.get("/cases", token: anna).csrfToken)
            #expect(try await client.post("/cases/\(first.reference)/assign", token: anna,
                                          ["csrf": annaCSRF, "agent": "bert"]).status == .forbidden)
            #expect(try await client.post("/cases/\(first.reference)/take", token: anna, ["csrf": annaCSRF]).status == .seeOther)
            let sue = try #require(try await client.login("sue", password: "in charge"))
            let sueCSRF = try #require(try await client.get("/cases", token: sue).csrfToken)
            #expect(try await client.post("/cases/\(second.reference)/assign", token: sue,
                                          ["csrf": sueCSRF, "agent": "bert"]).status == .seeOther)
            // An action the case's state does not allow is refused with what is allowed.
            let illegal = try await client.post("/cases/\(second.reference)/reopen", token: sue, ["csrf": sueCSRF])
            #expect(illegal.status == .conflict)
            #expect(illegal.text.contains("allowed now"))
            // Mine only.
            let mine = try await client.get("/cases?mine=1", token: anna)
            #expect(mine.text.contains(first.reference) && !mine.text.contains(second.reference))
        }
        #expect(try fixture.desk.resolve(first.reference).assignee == "anna")
        #expect(try fixture.desk.resolve(second.reference).assignee == "bert")
    }

    @Test func theListFiltersByQueueStateAndOverdue() async throws {
        let later = Date().addingTimeInterval(30 * 24 * 3600)
        let fixture = try Station("case-filters")
        try fixture.account()
        let complaint = try fixture.letterCase(5, subject: "Reclamo: prodotto difettoso", text: "Voglio un rimborso, reclamo.")
        let privacy = try fixture.letterCase(6, subject: "Cancellazione dati personali GDPR",
                                             text: "Chiedo la cancellazione dei miei dati personali (GDPR).", postcode: "20121")
        #expect(complaint.queue != privacy.queue)
        try await fixture.application.test(.router) { client in
            let token = try #require(try await client.login())
            let all = try await client.get("/cases", token: token)
            #expect(all.text.contains(complaint.reference) && all.text.contains(privacy.reference))
            let queue = try await client.get("/cases?queue=\(privacy.queue)", token: token)
            #expect(queue.text.contains(privacy.reference) && !queue.text.contains(complaint.reference))
            let closed = try await client.get("/cases?state=closed", token: token)
            #expect(!closed.text.contains(privacy.reference))
            // Nothing is overdue right after it came in.
            let overdue = try await client.get("/cases?overdue=1", token: token)
            #expect(!overdue.text.contains(complaint.reference) && overdue.text.contains("0 case(s)"))
        }
        // A month later, both are.
        let future = try Station("case-filters-later", now: later)
        try future.account()
        let late = try future.letterCase(7, subject: "Reclamo", text: "Reclamo.")
        let stale = try Station.Clocked(future, at: later.addingTimeInterval(30 * 24 * 3600))
        try await stale.application.test(.router) { client in
            let token = try #require(try await client.login())
            let overdue = try await client.get("/cases?overdue=1", token: token)
            #expect(overdue.text.contains(late.reference) && overdue.text.contains("overdue"))
        }
    }

    @Test func searchShowsEscapedSnippetsWithTheMatchMarked() async throws {
        let fixture = try Station("search")
        try fixture.account()
        let record = try fixture.letterCase(8, subject: "Reclamo <b>urgente</b>",
                                            text: "Il frigorifero <img src=x onerror=alert(1)> perde acqua dal primo giorno.")
        try await fixture.application.test(.router) { client in
            let token = try #require(try await client.login())
            let page = try await client.get("/search?q=frigorifero", token: token)
            #expect(page.status == .ok)
            #expect(page.text.contains("<mark>frigorifero</mark>"))
            #expect(!page.text.contains("<img src=x") && !page.text.contains("<b>urgente"))
            #expect(page.text.contains("&lt;img src=x") && page.text.contains("&lt;b&gt;urgente&lt;/b&gt;"))
            #expect(page.text.contains("/cases/\(record.reference)"))
            let none = try await client.get("/search?q=lavastoviglie", token: token)
            #expect(none.text.contains("0 document(s)"))
            // FTS syntax in the query is searched as words, not run.
            #expect(try await client.get("/search?q=%22NEAR(%20*", token: token).status == .ok)
        }
    }
}

extension Station {
    /// The same database served by a station whose desk judges deadlines at another instant.
    struct Clocked {
        let station: WebStation

        init(_ base: Station, at now: Date) throws {
            let desk = CaseDesk(database: base.database, rules: base.desk.rules, clock: { now })
            station = try WebStation(review: base.station.review, accounts: base.station.accounts,
                                      sessions: base.station.sessions, secureCookies: false, desk: desk)
        }

        var application: some ApplicationProtocol { Application(router: station.router()) }
    }
}
