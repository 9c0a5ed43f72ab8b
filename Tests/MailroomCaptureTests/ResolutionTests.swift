import Foundation
@testable import MailroomCapture
import MailroomImaging
import MailroomOCR
import MailroomTestSupport
import Testing

@Suite("Scans finer than the reader needs", .serialized)
struct ResolutionTests {
    @Test("a card scanned at 600 dpi is read at 300, its fields as at 300, and the review rebuilds the same page")
    func fineScanReduced() throws {
        let url = TestPaths.samples.appendingPathComponent("coupon-it-fedelta-003.jpg")
        let scan = try #require(try ImageReader().read(url).first)
        #expect(scan.resolution == 300)
        let fine = try scan.scaled(by: 2)
        #expect(fine.resolution == 600)

        let reader = try DocumentReader(Material.configuration())
        guard case .coupon(let original, let originalPages) = try reader.read([scan]),
              case .coupon(let reduced, let reducedPages) = try reader.read([fine]) else {
            Issue.record("the sample card is not read as a coupon")
            return
        }
        let page = try #require(reducedPages.first), originalPage = try #require(originalPages.first)
        // The straightened page's resolution is the form's scale as registered: near 300.
        #expect(abs(page.resolution - Image.workingResolution) <= 10, "\(page.resolution) dpi")
        #expect(abs(page.width - originalPage.width) <= originalPage.width / 50, "\(page.width) against \(originalPage.width)")
        // Scaled up and down again the card is a little blurred: as many fields right, give or take one.
        let truth = try #require(try Truth.beside(url)?.fields)
        func right(_ coupon: CouponReading) -> Int {
            coupon.fields.filter { field in truth[field.name]?.matches(field.value) == true }.count
        }
        #expect(right(reduced) >= right(original) - 1, "\(right(reduced)) against \(right(original)) fields right")

        let form = try #require(Material.forms?.form(id: reduced.formID))
        let rebuilt = try #require(try CouponPage.upright(fine, form: form, orientationDegrees: page.orientationDegrees))
        #expect(rebuilt.width == page.width && rebuilt.height == page.height, "the stored boxes fit the review's page")
    }

    @Test("scans at or under 360 dpi, or that do not say, are read as they are")
    func othersKept() throws {
        let url = TestPaths.samples.appendingPathComponent("coupon-it-fedelta-003.jpg")
        let scan = try #require(try ImageReader().read(url).first)
        #expect(try CouponPage.working(scan).width == scan.width)
        let unsaid = try scan.scaled(by: 1.5)
        unsaid.resolution = nil
        #expect(try CouponPage.working(unsaid).width == unsaid.width)
    }

    @Test("a JPEG finer than 360 dpi is decoded at the resolution nearest 300 not below it; others as they are", arguments: [
        (600, 2, 300), (1200, 4, 300), (500, 1, 500), (300, 1, 300),
    ])
    func fineJPEGDecodedSmaller(dpi: Int, factor: Int, expected: Int) throws {
        let url = TestPaths.samples.appendingPathComponent("coupon-it-fedelta-003.jpg")
        let scan = try #require(try ImageReader().read(url).first)
        scan.resolution = dpi
        let data = try scan.encoded(as: .jpeg)
        let decoded = try #require(try ImageReader().decode(data, path: "fine.jpg").first)
        #expect(decoded.resolution == expected)
        #expect(abs(decoded.width - scan.width / factor) <= 1 && abs(decoded.height - scan.height / factor) <= 1)
    }
}
