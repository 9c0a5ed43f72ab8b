import Foundation
@testable import MailroomCapture
import MailroomTestSupport
import Testing

@Suite("Evaluation figures")
struct EvaluationTests {
    @Test("scoring counts raw, corrected, accepted and wrong fields")
    func scoring() {
        let form = Material.forms?.form(id: "it-fedelta")
        var accepted = Material.field("town", .town, raw: "MILAN0")
        accepted.value = "MILANO"
        accepted.corrections = [Correction(from: "MILAN0", to: "MILANO", reason: "directory")]
        var wrong = Material.field("surname", .name, raw: "ROSSl")
        wrong.decision = .review
        let reading = CouponReading(formID: "it-fedelta", country: "IT",
                                    registration: RegistrationQuality(residualPixels: 0, relativeResidual: 0, scale: 1,
                                                                      rotationDegrees: 0, titleSimilarity: 1),
                                    fields: [accepted, wrong])
        let truth = Truth(kind: "coupon", form: "it-fedelta", fields: ["town": .text("Milano "), "surname": .text("ROSSI")])
        var report = EvaluationReport()
        report.score(coupon: reading, truth: truth, form: form)
        #expect(report.total.total == 2)
        #expect(report.total.wrongRaw == 2)
        #expect(report.total.wrong == 1)
        #expect(report.total.accepted == 1)
        #expect(report.total.acceptedWrong == 0)
        #expect(report.total.reviewRate == 0.5)
    }

    @Test("a stock-only baseline puts each field's stock raw error beside the reader's")
    func stockBaseline() throws {
        let truth = Truth(kind: "coupon", form: "it-fedelta", fields: ["postcode": .text("20121"), "surname": .text("ROSSI")])
        func reading(_ postcode: String, _ surname: String) -> CouponReading {
            CouponReading(formID: "it-fedelta", country: "IT",
                          registration: RegistrationQuality(residualPixels: 0, relativeResidual: 0, scale: 1,
                                                            rotationDegrees: 0, titleSimilarity: 1),
                          fields: [Material.field("postcode", .postcode, raw: postcode), Material.field("surname", .name, raw: surname)])
        }
        var stock = EvaluationReport(), mine = EvaluationReport()
        stock.score(coupon: reading("2O121", "R0SSI"), truth: truth, form: nil)
        mine.score(coupon: reading("20121", "R0SSI"), truth: truth, form: nil)
        #expect(mine.total.wrongRawStock == nil)
        #expect(mine.summary()["field_error_rate_raw_stock"] == nil)
        mine.setStockBaseline(stock)
        #expect(mine.perField["postcode"]?.errorRateRawStock == 1)
        #expect(mine.perField["postcode"]?.errorRateRaw == 0)
        #expect(mine.perField["surname"]?.errorRateRawStock == 1)
        #expect(mine.total.wrongRawStock == 2)
        #expect(mine.total.wrongRaw == 1)
        let perField = try #require(mine.summary()["per_field"] as? [String: [String: Any]])
        #expect(perField["postcode"]?["field_error_rate_raw_stock"] as? Double == 1)
        #expect(mine.summary()["field_error_rate_raw_stock"] as? Double == 1)
    }

    @Test("comb boxes are scored character by character as read: a date in its box format, free fields not at all")
    func combCharacters() throws {
        let form = try #require(Material.forms?.form(id: "it-fedelta"))
        var date = Material.field("date", .date, raw: "0502202")
        date.value = "0502202"
        let reading = CouponReading(formID: "it-fedelta", country: "IT",
                                    registration: RegistrationQuality(residualPixels: 0, relativeResidual: 0, scale: 1,
                                                                      rotationDegrees: 0, titleSimilarity: 1),
                                    fields: [Material.field("postcode", .postcode, raw: "2O12l"), date,
                                             Material.field("surname", .name, raw: "R0SSI")])
        let truth = Truth(kind: "coupon", form: "it-fedelta",
                          fields: ["postcode": .text("20121"), "date": .text("2026-02-05"), "surname": .text("ROSSI")])
        var report = EvaluationReport()
        report.score(coupon: reading, truth: truth, form: form)
        // Postcode: O for 0 and l for 1, two of five; date 05022026 read one box short, one of eight.
        #expect(report.combCharacters == 13)
        #expect(report.combCharacterErrors == 3)
        #expect(report.summary()["comb_character_error_rate"] as? Double == 3.0 / 13.0)
    }

    @Test("a misclassified coupon counts every field wrong")
    func misclassified() {
        var report = EvaluationReport()
        report.score(coupon: nil, truth: Truth(kind: "coupon", form: "it-fedelta", fields: ["a": .text("X"), "b": .tick(true)]), form: nil)
        #expect(report.documentsMisclassified == 1)
        #expect(report.total.wrong == 2)
    }
}

extension Truth {
    init(kind: String, form: String?, fields: [String: TruthValue]) {
        self.init(kind: kind, form: form, fields: fields, language: nil, sender: nil, text: nil)
    }
}
