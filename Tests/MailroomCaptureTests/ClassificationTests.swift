import Foundation
@testable import MailroomCapture
import MailroomImaging
import MailroomTestSupport
import Testing

@Suite("Classifying and reading sample scans", .serialized)
struct ClassificationTests {
    @Test("every sample coupon is recognised as its own form; letters as no form, in their language")
    func classification() throws {
        let reader = try DocumentReader(Material.configuration())
        let decoder = ImageReader()
        let scans = Evaluator.scans(in: TestPaths.samples)
        #expect(scans.count >= 16)
        for url in scans {
            let truth = try #require(try Truth.beside(url))
            let reading = try reader.read(decoder.read(url))
            switch reading {
            case .coupon(let coupon, _):
                #expect(truth.kind == "coupon", "\(url.lastPathComponent) read as a coupon")
                #expect(coupon.formID == truth.form, "\(url.lastPathComponent)")
                #expect(coupon.registration.relativeResidual < 0.3)
                #expect(coupon.registration.titleSimilarity > 0.7)
            case .letter(let letter):
                #expect(truth.kind == "letter", "\(url.lastPathComponent) read as a letter")
                #expect(letter.language == truth.language, "\(url.lastPathComponent)")
                #expect(letter.pages.allSatisfy { !$0.text.isEmpty })
            }
        }
    }

    @Test("a coupon of a form Mailroom has no file for is an unknown form, not a letter")
    func unknownForm() throws {
        let italianOnly = try #require(Material.forms?.form(id: "it-fedelta"))
        var configuration = try Material.configuration()
        configuration.forms = FormLibrary(forms: [italianOnly])
        let reader = try DocumentReader(configuration)
        let polish = try #require(Material.samples(prefix: "coupon-pl-karta").first)
        let error = #expect(throws: CaptureError.self) { try reader.read(ImageReader().read(polish)) }
        #expect(error?.code == .unknownForm)
    }

    @Test("tick boxes on the sample coupons match the truth")
    func ticks() throws {
        let reader = try DocumentReader(Material.configuration())
        for url in Material.samples(prefix: "coupon-").prefix(8) {
            guard case .coupon(let coupon, _) = try reader.read(ImageReader().read(url)),
                  let truth = try Truth.beside(url)?.fields?["consent"], let consent = coupon.field("consent") else {
                Issue.record("\(url.lastPathComponent) gave no consent field")
                continue
            }
            #expect(consent.decision == .review || truth.matches(consent.value), "\(url.lastPathComponent): \(consent.raw)")
        }
    }
}
