import Foundation
import Hummingbird
import HummingbirdTesting
import MailroomStore
import MailroomTestSupport
import MailroomWeb
import Testing

@Suite struct StationPagesTests {
    @Test func loginIsRefusedWithoutTheFormsTokenAndSlowedAfterFiveWrongPasswords() async throws {
        let fixture = try Station("throttle", throttle: LoginThrottle(limit: 5, window: 900))
        try fixture.account()
        try fixture.account("bert", password: "another one")
        try await fixture.application.test(.router) { client in
            let forged = try await client.postLogin("anna", password: "correct horse", withToken: false)
            #expect(forged.status == .forbidden && forged.sessionToken == nil)
            for _ in 0..<5 {
                #expect(try await client.postLogin("anna", password: "guess").status == .unauthorized)
            }
            // Now even the right password waits; the answer says how long.
            let blocked = try await client.postLogin("anna", password: "correct horse")
            #expect(blocked.status == .tooManyRequests && blocked.sessionToken == nil)
            #expect(Int(blocked.headers[.retryAfter] ?? "") ?? 0 > 0)
            #expect(blocked.text.contains("Too many wrong passwords"))
            // Another name is not held up.
            #expect(try await client.login("bert", password: "another one") != nil)
        }
        #expect(try fixture.database.auditLog(actions: ["web.login-failed"]).count == 5)
    }

    @Test func theThrottleForgetsFailuresAfterTheWindowAndOnSuccess() {
        final class Clock: @unchecked Sendable { var now = Date(timeIntervalSince1970: 1_000_000) }
        let clock = Clock()
        let throttle = LoginThrottle(limit: 3, window: 60, now: { clock.now })
        for _ in 0..<3 { throttle.failed("Anna") }
        #expect(throttle.waitBeforeTrying("anna") == 60)
        clock.now += 61
        #expect(throttle.waitBeforeTrying("anna") == nil)
        for _ in 0..<2 { throttle.failed("anna") }
        throttle.succeeded("anna")
        throttle.failed("anna")
        #expect(throttle.waitBeforeTrying("anna") == nil)
    }

    @Test func theValueCheckAsYouTypeUsesTheDecisionsRulesAndSavesNothing() async throws {
        let fixture = try Station("preview")
        try fixture.account()
        let id = try fixture.coupon(11, review: ["postcode": "unknown postcode", "town": "low confidence"])
        try await fixture.application.test(.router) { client in
            let token = try #require(try await client.login())
            struct Preview: Decodable { var value: String; var errors: [String]; var warnings: [String]; var candidates: [String] }
            func check(_ field: String, _ value: String) async throws -> Preview {
                let answer = try await client.get("/api/review/check?document=\(id)&field=\(field)&value=\(value)", token: token)
                #expect(answer.status == .ok)
                return try JSONDecoder().decode(Preview.self, from: Data(answer.text.utf8))
            }
            let bad = try await check("postcode", "1O12")
            #expect(!bad.errors.isEmpty)
            let good = try await check("postcode", "10121")
            #expect(good.errors.isEmpty && good.value == "10121")
            #expect(good.candidates.contains { $0.hasPrefix("10121 ") })
            let mismatch = try await check("town", "MILANO")
            #expect(mismatch.errors.isEmpty && !mismatch.warnings.isEmpty)
            #expect(try await client.get("/api/review/check?document=\(id)&field=postcode&value=1", token: nil).status == .unauthorized)
        }
        #expect(try fixture.database.decisions(documentID: id).isEmpty)
        #expect(try fixture.database.field(documentID: id, name: "postcode")?.decision == .review)
    }

    @Test func tabSkipsAFieldForThisRoundOnly() async throws {
        let fixture = try Station("skip")
        try fixture.account()
        let id = try fixture.coupon(12, review: ["surname": "low confidence", "town": "low confidence"])
        try await fixture.application.test(.router) { client in
            let token = try #require(try await client.login())
            let first = try await client.get("/review", token: token)
            #expect(first.text.contains(#"name="field" value="surname""#))
            #expect(first.text.contains(#"data-skip-next="\#(id):surname""#))
            let skipped = try await client.get("/review?skip=\(id):surname", token: token)
            #expect(skipped.text.contains(#"name="field" value="town""#))
            let csrf = try #require(skipped.csrfToken)
            let decided = try await client.post("/review/decide", token: token, [
                "csrf": csrf, "action": "accept", "document": "\(id)", "field": "town", "shown": "TORINO",
                "skip": "\(id):surname",
            ])
            #expect(decided.headers[.location] == "/review?skip=\(id):surname")
            let end = try await client.get("/review?skip=\(id):surname", token: token)
            #expect(end.text.contains("Only skipped fields are left"))
            // The next round shows the skipped field again: a skip is not a decision.
            #expect(try await client.get("/review", token: token).text.contains(#"name="field" value="surname""#))
        }
        #expect(try fixture.database.field(documentID: id, name: "surname")?.decision == .review)
    }

    @Test func theDocumentPageHighlightsTheFieldOnTheStraightenedPage() async throws {
        let fixture = try Station("document")
        try fixture.account()
        let scan = TestPaths.samples.appendingPathComponent("coupon-it-fedelta-001.jpg").path
        let id = try fixture.coupon(13, review: ["surname": "low confidence"], path: scan,
                                    surnameBox: FieldBox(x: 200, y: 300, width: 400, height: 60))
        let gone = try fixture.coupon(14, review: ["surname": "low confidence"], path: "/nowhere/scan.png")
        try await fixture.application.test(.router) { client in
            let token = try #require(try await client.login())
            let page = try await client.get("/documents/\(id)?field=surname", token: token)
            #expect(page.status == .ok)
            #expect(page.text.contains(#"<rect class="box chosen""#))
            #expect(page.text.contains(#"<image href="/documents/\#(id)/page/1""#))
            let png = try await client.get("/documents/\(id)/page/1", token: token)
            #expect(png.status == .ok && png.headers[.contentType] == "image/png")
            #expect(Array(png.body.readableBytesView.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
            #expect(try await client.get("/documents/\(id)/page/1", token: nil).status == .unauthorized)
            #expect(try await client.get("/documents/\(gone)/page/1", token: token).status == .notFound)
            let missing = try await client.get("/documents/\(gone)", token: token)
            #expect(missing.status == .ok && missing.text.contains("No picture of this document"))
            #expect(try await client.get("/documents/999999", token: token).status == .notFound)
        }
    }

    @Test func theDashboardDrawsTheReportsFiguresAsCharts() async throws {
        let fixture = try Station("dashboard")
        try fixture.account()
        try fixture.account("mona", password: "campaign time", role: .marketing)
        try fixture.coupon(15, review: ["surname": "low confidence"])
        try fixture.coupon(16)
        _ = try fixture.letterCase(17, subject: "Reclamo", text: "Reclamo.")
        try fixture.database.persist(StoreBatch(quarantine: [
            QuarantineRecord(runID: fixture.runID, sha256: nil, path: "/scans/Mario-Rossi.png", reason: "truncated PNG", stage: "read"),
        ]))
        try fixture.database.finishRun(id: fixture.runID, status: .completed,
                                       counts: RunCounts(discovered: 4, processed: 3, skipped: 0, quarantined: 1, deferred: 0))
        try await fixture.application.test(.router) { client in
            let token = try #require(try await client.login())
            let page = try await client.get("/dashboard", token: token)
            #expect(page.status == .ok)
            #expect(page.text.components(separatedBy: "<figure class=\"chart\">").count - 1 >= 4)
            #expect(page.text.contains("3 processed"))
            #expect(page.text.contains("/scans/Mario-Rossi.png"))
            #expect(page.text.contains("1 field(s) in 1 document(s) wait for review"))
            let marketing = try #require(try await client.login("mona", password: "campaign time"))
            let aggregate = try await client.get("/dashboard", token: marketing)
            #expect(aggregate.status == .ok && aggregate.text.contains("1 file(s) quarantined"))
            #expect(!aggregate.text.contains("Mario-Rossi"))
        }
    }
}
