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
