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
            Self.rightFields(coupon, truth).count
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

    /// The names of the coupon's fields whose values match the truth.
    static func rightFields(_ coupon: CouponReading, _ truth: [String: TruthValue]) -> Set<String> {
        Set(coupon.fields.filter { truth[$0.name]?.matches($0.value) == true }.map(\.name))
    }

    /// The sample card read as it is, and the names of the fields it reads right.
    func original() throws -> (scan: Image, right: Set<String>, truth: [String: TruthValue]) {
        let url = TestPaths.samples.appendingPathComponent("coupon-it-fedelta-003.jpg")
        let scan = try #require(try ImageReader().read(url).first)
        let truth = try #require(try Truth.beside(url)?.fields)
        guard case .coupon(let coupon, _) = try DocumentReader(Material.configuration()).read([scan]) else {
            Issue.record("the sample card is not read as a coupon")
            return (scan, [], truth)
        }
        return (scan, Self.rightFields(coupon, truth), truth)
    }

    @Test("a card faxed in black and white at 204 by 98 or 196 dpi is read as its form, its comb fields as scanned",
          arguments: [98, 196])
    func faxedCard(lines: Int) throws {
        let (scan, right, truth) = try original()
        let dpi = Double(try #require(scan.resolution))
        let fax = try scan.grey().stretched(x: 204 / dpi, y: Double(lines) / dpi).thresholded(150)
        fax.resolutions = (204, lines)
        let received = try ImageReader().decode(fax.encoded(as: .tiff), path: "fax.tif")
        guard case .coupon(let coupon, _) = try DocumentReader(Material.configuration()).read(received) else {
            Issue.record("the faxed card is not read as a coupon")
            return
        }
        for name in ["postcode", "phone", "date", "card"] where right.contains(name) {
            let field = try #require(coupon.fields.first { $0.name == name })
            #expect(truth[name]?.matches(field.value) == true, "\(name): \(field.value)")
        }
    }

    @Test("a card stretched a few per cent along one axis (a sheet feeder, a copier) is read as its form",
          arguments: [(1.0, 0.96), (1.0, 1.04), (0.95, 1.0), (1.06, 1.0)])
    func stretchedCard(x: Double, y: Double) throws {
        let (scan, right, truth) = try original()
        let stretched = try scan.stretched(x: x, y: y)
        guard case .coupon(let coupon, _) = try DocumentReader(Material.configuration()).read([stretched]) else {
            Issue.record("the stretched card is not read as a coupon")
            return
        }
        let stillRight = Self.rightFields(coupon, truth)
        #expect(stillRight.count >= right.count - 1, "\(stillRight.count) fields right against \(right.count)")
    }

    @Test("cards scanned in dithered black and white read as well as in colour (36 and 35 fields right; 34 unsoftened)")
    func ditheredCards() throws {
        let reader = try DocumentReader(Material.configuration())
        var right = (colour: 0, dithered: 0)
        for name in ["coupon-it-fedelta-001.jpg", "coupon-it-fedelta-009.jpg", "coupon-pl-karta-004.jpg", "coupon-pl-karta-006.jpg"] {
            let url = TestPaths.samples.appendingPathComponent(name)
            let scan = try #require(try ImageReader().read(url).first)
            let truth = try #require(try Truth.beside(url)?.fields)
            func fieldsRight(_ page: Image) throws -> Int {
                guard case .coupon(let coupon, _) = try reader.read([page]) else { return 0 }
                return Self.rightFields(coupon, truth).count
            }
            right.colour += try fieldsRight(scan)
            right.dithered += try fieldsRight(CardPages.dithered(scan))
        }
        #expect(right.dithered >= right.colour, "\(right.dithered) fields right dithered, \(right.colour) in colour")
    }
}
