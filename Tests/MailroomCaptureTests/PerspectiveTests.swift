import Foundation
@testable import MailroomCapture
import MailroomImaging
import MailroomTestSupport
import Testing

@Suite("Cards photographed at an angle", .serialized)
struct PerspectiveTests {
    @Test("a card seen at an angle is warped flat by its four marks and read as well as the card scanned flat",
          arguments: ["coupon-it-fedelta-003.jpg", "coupon-pl-karta-002.png"])
    func keystoned(_ name: String) throws {
        let url = TestPaths.samples.appendingPathComponent(name)
        let scan = try #require(try ImageReader().read(url).first).dropoutGrey()
        let w = Double(scan.width), h = Double(scan.height)
        // The top left corner seen farther away: pulled in by 4% of the width and 3% of the height.
        let seen = try scan.projected(from: [(0, 0), (w, 0), (w, h), (0, h)],
                                      to: [(0.04 * w, 0.03 * h), (0.985 * w, 0.01 * h), (w, h), (0.01 * w, 0.985 * h)])
        seen.resolution = scan.resolution
        let reader = try DocumentReader(Material.configuration())
        guard case .coupon(let flat, _) = try reader.read([scan]), case .coupon(let angled, let pages) = try reader.read([seen]) else {
            Issue.record("\(name) is not read as a coupon")
            return
        }
        let truth = try #require(try Truth.beside(url)?.fields)
        func right(_ coupon: CouponReading) -> Int {
            coupon.fields.filter { field in truth[field.name]?.matches(field.value) == true }.count
        }
        #expect(right(angled) >= right(flat) - 1, "\(right(angled)) against \(right(flat)) fields right")
        let form = try #require(Material.forms?.form(id: angled.formID))
        let page = try #require(pages.first)
        let rebuilt = try #require(try CouponPage.upright(seen, form: form, orientationDegrees: page.orientationDegrees))
        #expect(rebuilt.width == page.width && rebuilt.height == page.height, "the stored boxes fit the review's page")
    }
}
