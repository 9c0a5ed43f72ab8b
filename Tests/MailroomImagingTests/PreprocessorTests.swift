import Foundation
import MailroomImaging
import MailroomTestSupport
import Testing

@Suite("Preprocessing")
struct PreprocessorTests {
    let page: Image

    init() throws {
        page = try #require(try ImageReader().read(TestPaths.fixture("page-english.png")).first)
    }

    @Test("deskew recovers a known angle within 0.3°", arguments: [-3.7, -1.2, 0.8, 2.5, 4.0])
    func deskew(angle: Double) throws {
        let baseline = try page.grey().skew().degrees
        let tilted = try page.grey().rotated(byDegrees: angle)
        let measured = try tilted.skew().degrees
        // Rotating by `angle` clockwise tilts the text by that much; the correction is its negative.
        #expect(abs((measured - baseline) + angle) < 0.3, "measured \(measured), baseline \(baseline)")
    }

    @Test("the preprocessor reports the skew it removed and leaves a straight page")
    func preprocessorDeskews() throws {
        let tilted = try page.grey().rotated(byDegrees: 2.0)
        let result = try Preprocessor().run(tilted)
        #expect(abs(result.report.skewDegrees + 2.0) < 0.3)
        #expect(abs(try result.grey.skew().degrees) < 0.3)
        #expect(result.binary?.depth == 1)
        #expect(result.report.milliseconds["deskew"] != nil)
    }

    @Test("scans below 200 dpi are upsampled and the resolution kept in step")
    func upsample() throws {
        let low = try page.scaled(by: 0.6) // 200 dpi → 120 dpi
        #expect(low.resolution == 120)
        let result = try Preprocessor().run(low)
        #expect(result.report.resolution == 200)
        #expect(result.grey.resolution == 200)
        #expect(abs(result.grey.width - page.width) <= 2)
    }

    @Test("each step can be switched off")
    func switchable() throws {
        var options = Preprocessor.Options()
        options.deskew = false
        options.binarisation = nil
        let result = try Preprocessor(options: options).run(page.rotated(byDegrees: 2))
        #expect(result.binary == nil)
        #expect(result.report.skewDegrees == 0)
        #expect(result.report.milliseconds["find skew"] == nil)
    }

    @Test("Otsu and Sauvola both binarise to a 1-bit image with ink on a white page", arguments: Binarisation.allCases)
    func binarise(method: Binarisation) throws {
        let bw = try page.binarised(method)
        #expect(bw.depth == 1)
        let ink = bw.inkFraction(in: PixelRect(x: 0, y: 0, width: bw.width, height: bw.height))
        #expect(ink > 0.005 && ink < 0.2)
    }

    @Test("despeckling removes isolated dots but keeps text")
    func despeckle() throws {
        let bw = try page.binarised()
        let before = try bw.components().count
        let cleaned = try bw.despeckled(size: 3)
        let after = try cleaned.components().count
        #expect(after <= before)
        #expect(after > before / 2)
    }

    @Test("border clean-up removes a black scanner edge")
    func borderCleanup() throws {
        let framed = try page.grey().padded(by: 0)
        let bw = try framed.binarised()
        // Paint a black frame by thresholding a padded copy whose border is black.
        let dark = try framed.thresholded(256) // every pixel black
        #expect(dark.inkFraction(in: PixelRect(x: 0, y: 0, width: 20, height: 20)) == 1)
        let cleaned = try dark.borderCleaned()
        #expect(cleaned.inkFraction(in: PixelRect(x: 0, y: 0, width: cleaned.width, height: cleaned.height)) == 0)
        #expect(try bw.borderCleaned().components().count > 20)
    }
}
