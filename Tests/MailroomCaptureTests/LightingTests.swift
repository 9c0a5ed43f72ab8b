import Foundation
@testable import MailroomCapture
import MailroomImaging
import MailroomTestSupport
import Testing

/// A shadow across the card (a lid left open, a page photographed by a window), or card stock
/// of a colour that is not white.
@Suite("Uneven lighting and tinted paper", .serialized)
struct UnevenLightingTests {
    /// The sample scan in grey, darkened to `darkest` of its brightness at the left edge and
    /// left as it is at the right.
    static func shaded(_ url: URL, darkest: Double = 0.5) throws -> Image {
        let scan = try #require(try ImageReader().read(url).first)
        return try Material.regreyed(scan) { grey, x, width in
            UInt8(Double(grey) * (darkest + (1 - darkest) * Double(x) / Double(width)))
        }
    }

    @Test("a card shaded to half its brightness at one edge is read as its form, its address right",
          arguments: ["coupon-it-fedelta-001.jpg", "coupon-pl-karta-012.webp"])
    func shadedCard(_ name: String) throws {
        let url = TestPaths.samples.appendingPathComponent(name)
        let truth = try #require(try Truth.beside(url))
        let image = try Self.shaded(url)
        #expect(try image.paperBrightnessRatio() > Image.unevenLighting)

        guard case .coupon(let coupon, let pages) = try DocumentReader(Material.configuration()).read([image]) else {
            Issue.record("\(name) shaded is not read as a coupon")
            return
        }
        #expect(coupon.formID == truth.form)
        let fields = try #require(truth.fields)
        for name in ["postcode", "town"] {
            let value = coupon.field(name)?.value ?? ""
            #expect(fields[name]?.matches(value) == true, "\(name) read \(value)")
        }
        // The review rebuilds the page the fields were cut from.
        let form = try #require(Material.forms?.form(id: coupon.formID))
        let page = try #require(pages.first)
        let rebuilt = try #require(try CouponPage.upright(image, form: form, orientationDegrees: page.orientationDegrees))
        #expect(abs(rebuilt.width - page.width) <= 2 && abs(rebuilt.height - page.height) <= 2)
    }

    @Test("a card on tinted card stock, fed a little crooked, is read as its form, its address right",
          arguments: ["coupon-it-fedelta-001.jpg", "coupon-pl-karta-002.png"])
    func tintedCard(_ name: String) throws {
        let url = TestPaths.samples.appendingPathComponent(name)
        let truth = try #require(try Truth.beside(url))
        // Blue card stock (175, 205, 250) as the red channel sees it, paper at 175 of 255, on a
        // white scanner bed.
        let scan = try #require(try ImageReader().read(url).first).dropoutGrey()
        let tinted = try Material.regreyed(scan) { grey, _, _ in UInt8(Double(grey) * 175 / 255) }
        let image = try tinted.padded(by: tinted.width / 10).rotated(byDegrees: 3)
        guard case .coupon(let coupon, _) = try DocumentReader(Material.configuration()).read([image]) else {
            Issue.record("\(name) on blue card is not read as a coupon")
            return
        }
        #expect(coupon.formID == truth.form)
        for name in ["postcode", "town"] {
            let value = coupon.field(name)?.value ?? ""
            #expect(truth.fields?[name]?.matches(value) == true, "\(name) read \(value)")
        }
    }

    @Test("an evenly lit scan, grey scanner bed and all, is left exactly as it is")
    func evenScanUntouched() throws {
        for url in Material.samples(prefix: "coupon-") {
            let page = try #require(try ImageReader().read(url).first).dropoutGrey()
            let ratio = try page.paperBrightnessRatio()
            #expect(ratio <= Image.unevenLighting, "\(url.lastPathComponent): \(ratio)")
            #expect(try page.evenlyLit() === page, "\(url.lastPathComponent)")
        }
    }

    @Test("a page too small to measure its paper is left as it is, with no error")
    func tinyPage() throws {
        let pixels = (0..<(40 * 30)).map { UInt8(130 + $0 % 100) }
        let tiny = try Image.grey(pixels: pixels, width: 40, height: 30)
        #expect(try tiny.paperBrightnessRatio() == 1)
        #expect(try tiny.evenlyLit() === tiny)
        #expect(try tiny.fullContrast() === tiny)
    }

    @Test("evening a shaded page brings its paper to one brightness")
    func evenedPaper() throws {
        let shaded = try Self.shaded(TestPaths.samples.appendingPathComponent("coupon-it-fedelta-003.jpg"), darkest: 0.55)
        let even = try shaded.evenlyLit()
        #expect(even !== shaded)
        #expect(even.resolution == shaded.resolution)
        let ratio = try even.paperBrightnessRatio()
        #expect(ratio < 1.15, "\(ratio)")
    }

    @Test("a letter shaded to half its brightness at one edge is read as well as the letter as scanned")
    func shadedLetter() throws {
        let url = try #require(Material.samples(prefix: "letter-ita-001").first)
        let truth = try #require(try Truth.beside(url))
        let reader = try DocumentReader(Material.configuration())
        guard case .letter(let letter) = try reader.read([try Self.shaded(url)]) else {
            Issue.record("not read as a letter")
            return
        }
        #expect(letter.details.senderPostcode == truth.sender?.postcode)
        #expect(letter.details.references.contains { $0.value == truth.reference })
        let expected = Array(TruthValue.canonical(try #require(truth.text)))
        let errors = EditDistance.levenshtein(expected, Array(TruthValue.canonical(letter.text)))
        #expect(Double(errors) < 0.1 * Double(expected.count), "\(errors) of \(expected.count) characters wrong")
    }
}

/// A scan captured pale throughout: a faded copy, a scanner set too light.
@Suite("Faded scans", .serialized)
struct FadedScanTests {
    @Test("a card faded to black at 120 and paper at 235 is accepted and read as the card as scanned",
          arguments: ["coupon-it-fedelta-005.png", "coupon-pl-karta-014.jpg"])
    func fadedCard(_ name: String) throws {
        let url = TestPaths.samples.appendingPathComponent(name)
        let scan = try #require(try ImageReader().read(url).first)
        let faded = try Material.regreyed(scan) { grey, _, _ in UInt8(120 + Double(grey) * 0.45) }
        #expect(try faded.fullContrast() !== faded)

        let reader = try DocumentReader(Material.configuration())
        guard case .coupon(let asScanned, _) = try reader.read([scan]), case .coupon(let pale, _) = try reader.read([faded]) else {
            Issue.record("\(name) is not read as a coupon")
            return
        }
        let truth = try #require(try Truth.beside(url)?.fields)
        func accepted(_ coupon: CouponReading) -> [FieldResult] { coupon.fields.filter { $0.decision == .accepted } }
        func wrong(_ fields: [FieldResult]) -> Int { fields.filter { truth[$0.name]?.matches($0.value) != true }.count }
        #expect(accepted(pale).count >= accepted(asScanned).count - 1, "\(accepted(pale).count) against \(accepted(asScanned).count) accepted")
        #expect(wrong(accepted(pale)) <= wrong(accepted(asScanned)))
        // Fading loses some of the writing for good: a field or two more to correct in review.
        #expect(wrong(pale.fields) <= wrong(asScanned.fields) + 2)
    }

    @Test("a scan that holds black is left exactly as it is")
    func sharpScanUntouched() throws {
        for url in Material.samples(prefix: "coupon-") {
            let page = try #require(try ImageReader().read(url).first).dropoutGrey()
            #expect(try page.fullContrast() === page, "\(url.lastPathComponent)")
        }
    }
}

/// A card on a grey scanner bed, the scan itself turned so that white comes in at its corners.
@Suite("Grey bed in white corners", .serialized)
struct GreyBedTests {
    /// `Fixtures/coupon-grey-bed-crooked.jpg`: tuning coupon 57 of seed 12 (`it-fedelta`), fed 6°
    /// crooked on top of its own 3.8° skew by `bench/scan-modes --modes crooked`, red channel,
    /// JPEG quality 72. Otsu's threshold per tile turns the grey bed black in tiles of bed and
    /// white corner, and the soft shadow at the card's edge joins two marks to it.
    @Test("a card whose marks the tiled threshold joins to a grey bed is found with one threshold for the page")
    func greyBed() throws {
        let image = try #require(try ImageReader().read(TestPaths.fixture("coupon-grey-bed-crooked.jpg")).first)
        let binary = try CouponPage.working(image).binarised(.otsu)
        let tiled = try Registration.squareBlobs(in: binary).filter { $0.fill > Registration.squareFill }
        #expect(tiled.count < 4, "the tiled threshold keeps \(tiled.count) marks: the fixture no longer shows the problem")
        guard case .coupon(let coupon, let pages) = try DocumentReader(Material.configuration()).read([image]) else {
            Issue.record("the card on a grey bed is not read as a coupon")
            return
        }
        #expect(coupon.formID == "it-fedelta")
        #expect(coupon.field("postcode")?.value == "80141")
        let form = try #require(Material.forms?.form(id: coupon.formID))
        let page = try #require(pages.first)
        #expect(try CouponPage.upright(image, form: form, orientationDegrees: page.orientationDegrees) != nil)
    }
}
