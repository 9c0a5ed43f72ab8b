import Foundation
@testable import MailroomCapture
import MailroomImaging
import MailroomTestSupport
import Testing

@Suite("Cards cut off at one side", .serialized)
struct CutOffCardTests {
    /// The first page of a sample scan, its bottom `share` cut away.
    static func cut(_ name: String, keeping share: Double) throws -> (scan: Image, cut: Image) {
        let scan = try #require(try ImageReader().read(TestPaths.samples.appendingPathComponent(name)).first)
        let cut = try scan.cropped(to: PixelRect(x: 0, y: 0, width: scan.width, height: Int(Double(scan.height) * share)))
        cut.resolution = scan.resolution
        return (scan, cut)
    }

    @Test("a card whose bottom marks the scan cut off is read on its two top marks; the fields cut off go to review",
          arguments: ["coupon-it-fedelta-003.jpg", "coupon-pl-karta-002.png"])
    func bottomCutOff(_ name: String) throws {
        let (scan, cut) = try Self.cut(name, keeping: 0.72)
        let reader = try DocumentReader(Material.configuration())
        guard case .coupon(let whole, _) = try reader.read([scan]) else { Issue.record("\(name) is not read as a coupon"); return }
        guard case .coupon(let coupon, let pages) = try reader.read([cut]) else {
            Issue.record("\(name) cut short is not read as a coupon")
            return
        }
        #expect(whole.registration.marksMatched == 4)
        #expect(coupon.registration.marksMatched == 2, "the bottom marks are off the cut scan")
        #expect(coupon.formID == whole.formID)
        let form = try #require(Material.forms?.form(id: coupon.formID))
        let offPage = coupon.fields.filter { $0.reasons.contains(.offPage) }
        #expect(!offPage.isEmpty, "the lowest fields are off the cut scan")
        #expect(offPage.allSatisfy { $0.decision == .review })
        let truth = try #require(try Truth.beside(TestPaths.samples.appendingPathComponent(name))?.fields)
        for field in form.fields where field.zone.y + field.zone.h < 0.5 {
            let read = try #require(coupon.field(field.name))
            #expect(!read.reasons.contains(.offPage), "\(field.name) lies in the top half")
            let asWhole = try #require(whole.field(field.name))
            #expect(truth[field.name]?.matches(read.value) == truth[field.name]?.matches(asWhole.value), "\(field.name)")
        }
        let page = try #require(pages.first)
        let rebuilt = try #require(try CouponPage.upright(cut, form: form, orientationDegrees: page.orientationDegrees))
        #expect(rebuilt.width == page.width && rebuilt.height == page.height, "the stored boxes fit the review's page")
    }

    @Test("a card cut a little short keeps its marks and its fields: none is off the page")
    func marginCutOff() throws {
        let (_, cut) = try Self.cut("coupon-it-fedelta-003.jpg", keeping: 0.97)
        guard case .coupon(let coupon, _) = try DocumentReader(Material.configuration()).read([cut]) else {
            Issue.record("not read as a coupon")
            return
        }
        #expect(coupon.registration.marksMatched >= 3)
        #expect(coupon.fields.allSatisfy { !$0.reasons.contains(.offPage) })
    }

    @Test("a letter with two square blots where a card's marks could be stays a letter: its title is no form's")
    func letterWithTwoSquares() throws {
        let url = try #require(Material.samples(prefix: "letter-").first)
        let page = try #require(try ImageReader().read(url).first).dropoutGrey()
        let side = page.width / 30, y = page.height / 20
        var (_, pixels) = try page.greyPixels(in: PixelRect(x: 0, y: 0, width: page.width, height: page.height))
        for x0 in [page.width / 25, page.width - page.width / 25 - side] {
            for row in y..<(y + side) { for column in x0..<(x0 + side) { pixels[row * page.width + column] = 0 } }
        }
        let blotted = try Image.grey(pixels: pixels, width: page.width, height: page.height)
        blotted.resolution = page.resolution
        let binary = try blotted.binarised(.otsu)
        let forms = try #require(Material.forms?.forms)
        let hypotheses = try Registration.hypotheses(for: forms, blobs: Registration.squareBlobs(in: binary), binary: binary)
        #expect(!hypotheses.isEmpty && hypotheses.allSatisfy { $0.registration.isTwoMark }, "the blots fit two anchors")
        let reading = try DocumentReader(Material.configuration()).read([blotted])
        guard case .letter = reading else { Issue.record("read as \(reading)"); return }
    }

    @Test("two marks are matched to the anchors that put the most of the form on the page, other anchors off it")
    func twoMarkOrder() throws {
        let form = try #require(Material.forms?.form(id: "it-fedelta"))
        let scale = 8.0  // pixels per millimetre
        let side = Int(form.anchors.size * form.sizeMM.width * scale)
        let marks = form.anchors.points.prefix(2).map { point in
            PixelRect(x: Int(point[0] * form.sizeMM.width * scale) - side / 2, y: Int(point[1] * form.sizeMM.height * scale) - side / 2,
                      width: side, height: side)
        }
        let width = Int(form.sizeMM.width * scale), height = Int(form.sizeMM.height * scale * 0.75)
        let candidates = Registration.twoMarkCandidates(for: form, squares: marks, pageWidth: width, pageHeight: height)
        let best = try #require(candidates.first)
        #expect(best.anchors == [0, 1])
        #expect(abs(best.transform.scale - scale) < 0.01 && abs(best.transform.rotationDegrees) < 0.01)
        #expect(best.coverage > 0.7 && best.coverage < 0.8)
        // On a page tall enough to show the bottom marks, their absence rules the top pair out.
        #expect(Registration.twoMarkCandidates(for: form, squares: marks, pageWidth: width, pageHeight: height * 2)
            .allSatisfy { $0.anchors != [0, 1] || abs($0.transform.rotationDegrees) > 1 })
    }
}
