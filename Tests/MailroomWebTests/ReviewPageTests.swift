import Foundation
import Hummingbird
import HummingbirdTesting
import MailroomStore
import MailroomTestSupport
import MailroomWeb
import Testing

@Suite struct ReviewPageTests {
    @Test func aHostileSurnameIsRenderedEscaped() async throws {
        let fixture = try Station("escape")
        try fixture.account()
        let hostile = "<script>alert(1)</script>"
        try fixture.coupon(3, values: ["surname": hostile], review: ["surname": "low confidence\"><b>"])
        try await fixture.application.test(.router) { client in
            let token = try #require(try await client.login())
            let page = try await client.get("/review", token: token)
            #expect(page.status == .ok)
            #expect(!page.text.contains(hostile))
            #expect(!page.text.contains("<b>"))
            #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(page.text.contains(#"value="&lt;script&gt;alert(1)&lt;/script&gt;""#))
            #expect(page.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
        }
    }

    @Test func anAcceptPostedByTheBrowserIsStoredUnderTheOperatorsName() async throws {
        let fixture = try Station("accept")
        try fixture.account()
        let id = try fixture.coupon(4, review: ["surname": "low confidence", "town": "low confidence"])
        try await fixture.application.test(.router) { client in
            let token = try #require(try await client.login())
            let page = try await client.get("/review", token: token)
            #expect(page.text.contains(#"name="field" value="surname""#))
            #expect(page.text.contains("RUSSI"))
            let csrf = try #require(page.csrfToken)
            let answer = try await client.post("/review/decide", token: token,
                ["csrf": csrf, "action": "accept", "document": "\(id)", "field": "surname", "shown": "ROSSI"])
            #expect(answer.status == .seeOther)
            #expect(answer.headers[.location] == "/review")
            // The next doubtful field is shown now.
            let next = try await client.get("/review", token: token)
            #expect(next.text.contains(#"name="field" value="town""#))
        }
        let decisions = try fixture.database.decisions(documentID: id)
        #expect(decisions.count == 1)
        #expect(decisions.first?.operatorName == "anna")
        #expect(decisions.first?.action == .accept)
        #expect(decisions.first?.fieldName == "surname")
        #expect(try fixture.database.field(documentID: id, name: "surname")?.decision == .accepted)
        #expect(try fixture.database.auditLog(operatorName: "anna", actions: ["review.accept"]).count == 1)
    }

    @Test func setPickAndUndoGoThroughTheReviewService() async throws {
        let fixture = try Station("set-pick-undo")
        try fixture.account()
        let id = try fixture.coupon(5, review: ["surname": "low confidence", "first_name": "low confidence", "card": "checksum"])
        try await fixture.application.test(.router) { client in
            let token = try #require(try await client.login())
            let csrf = try #require(try await client.get("/review", token: token).csrfToken)
            var answer = try await client.post("/review/decide", token: token,
                ["csrf": csrf, "action": "pick", "choice": "2", "document": "\(id)", "field": "surname", "shown": "ROSSI"])
            #expect(answer.status == .seeOther)
            #expect(try fixture.database.field(documentID: id, name: "surname")?.value == "ROSSO")
            answer = try await client.post("/review/decide", token: token,
                ["csrf": csrf, "action": "set", "value": "mario", "document": "\(id)", "field": "first_name", "shown": "MARIO"])
            #expect(answer.status == .seeOther)
            #expect(try fixture.database.field(documentID: id, name: "first_name")?.decision == .accepted)
            answer = try await client.post("/review/decide", token: token, ["csrf": csrf, "action": "undo"])
            #expect(answer.status == .seeOther)
            #expect(try fixture.database.field(documentID: id, name: "first_name")?.decision == .review)
            // A value the field's rules refuse is shown as an error; nothing is stored.
            let refused = try await client.post("/review/decide", token: token,
                ["csrf": csrf, "action": "set", "value": "7800123456789013", "document": "\(id)", "field": "card",
                 "shown": "7800123456789012"])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("class=\"error\""))
            #expect(try fixture.database.field(documentID: id, name: "card")?.value == "7800123456789012")
            #expect(refused.text.contains(#"id="value" value="7800123456789013""#))
        }
        let actions = try fixture.database.decisions(documentID: id).map(\.action)
        #expect(actions == [.pick, .correct, .undo])
        #expect(try fixture.database.decisions(documentID: id).allSatisfy { $0.operatorName == "anna" })
    }

    @Test func aWarningOfTheChecksIsShownAfterSaving() async throws {
        let fixture = try Station("warning")
        try fixture.account()
        let id = try fixture.coupon(8, review: ["postcode": "low confidence"])
        try await fixture.application.test(.router) { client in
            let token = try #require(try await client.login())
            let csrf = try #require(try await client.get("/review", token: token).csrfToken)
            let answer = try await client.post("/review/decide", token: token,
                ["csrf": csrf, "action": "set", "value": "00012", "document": "\(id)", "field": "postcode", "shown": "10121"])
            #expect(answer.status == .ok)
            #expect(answer.text.contains("postcode and town do not match"))
        }
        #expect(try fixture.database.field(documentID: id, name: "postcode")?.value == "00012")
    }

    @Test func aFieldDecidedMeanwhileIsNotOverwritten() async throws {
        let fixture = try Station("meanwhile")
        try fixture.account()
        let id = try fixture.coupon(6, review: ["surname": "low confidence"])
        try await fixture.application.test(.router) { client in
            let token = try #require(try await client.login())
            let csrf = try #require(try await client.get("/review", token: token).csrfToken)
            let answer = try await client.post("/review/decide", token: token,
                ["csrf": csrf, "action": "accept", "document": "\(id)", "field": "surname", "shown": "RUSSI"])
            #expect(answer.status == .conflict)
        }
        #expect(try fixture.database.decisions(documentID: id).isEmpty)
    }

    @Test func theCropIsAPNGOfTheScannedField() async throws {
        let fixture = try Station("crop")
        try fixture.account()
        let sample = TestPaths.samples.appendingPathComponent("coupon-it-fedelta-001.jpg").path
        let id = try fixture.coupon(7, review: ["surname": "low confidence"], path: sample,
                                    surnameBox: FieldBox(x: 201, y: 451, width: 713, height: 76))
        try await fixture.application.test(.router) { client in
            let token = try #require(try await client.login())
            let crop = try await client.get("/review/crop/\(id)/surname", token: token)
            #expect(crop.status == .ok)
            #expect(crop.headers[.contentType] == "image/png")
            #expect(Array(crop.body.readableBytesView.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            #expect(try await client.get("/review/crop/\(id)/nosuchfield", token: token).status == .notFound)
            let json = try await client.get("/api/review/next", token: token)
            #expect(json.status == .ok)
            #expect(json.text.contains(#""field":"surname""#))
        }
    }
}
