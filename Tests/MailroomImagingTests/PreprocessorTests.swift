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

    @Test("scans below 200 dpi are upsampled, finer than 360 brought down to 300, the rest kept; the resolution in step",
          arguments: [(120, 200), (600, 300), (360, 360)])
    func resolutionNormalised(scanned: Int, expected: Int) throws {
        // The fixture page is 200 dpi.
        let scan = try page.scaled(by: Double(scanned) / 200)
        #expect(scan.resolution == scanned)
        let result = try Preprocessor().run(scan)
        #expect(result.report.resolution == expected)
        #expect(result.grey.resolution == expected)
        #expect(abs(result.grey.width - page.width * expected / 200) <= 2)
        if scanned == expected { #expect(result.grey.width == scan.width) }
    }

    @Test("a declared resolution that makes the page larger than any mail is forgotten on reading; a plausible one is kept",
          arguments: [(72, 3024, 4032, nil), (72, 595, 842, 72), (150, 1240, 1754, 150), (96, 1600, 1200, 96)] as [(Int, Int, Int, Int?)])
    func implausibleResolution(declared: Int, width: Int, height: Int, kept: Int?) throws {
        // A phone's photo of a letter says 72 dpi: 56 inches long at its word, enlarged 2.8 times.
        let blank = try Image.grey(pixels: [UInt8](repeating: 250, count: width * height), width: width, height: height)
        blank.resolution = declared
        let url = try TestPaths.temporaryDirectory("resolution").appendingPathComponent("photo.png")
        try blank.encoded(as: .png).write(to: url)
        let read = try #require(try ImageReader().read(url).first)
        #expect(read.resolution == kept)
        let streamed = try #require(try ImageReader().stream(url).next())
        #expect(streamed.resolution == kept)
        if kept == nil { #expect(try Preprocessor().run(read).report.scale == 1) }
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

@Suite("Ink measures")
struct InkMeasureTests {
    /// Paper with a block of black print and, beside it in the same threshold tile, pale grey strokes.
    static func printAndPaleStrokes() throws -> (Image, pale: PixelRect, paper: PixelRect) {
        let width = 1200, height = 400
        var pixels = [UInt8](repeating: 242, count: width * height)
        for y in 10..<90 {
            for x in 5..<55 { pixels[y * width + x] = 15 }
            for x in stride(from: 62, to: 96, by: 8) where y % 20 < 14 { pixels[y * width + x] = 185; pixels[y * width + x + 1] = 185 }
        }
        return (try Image.grey(pixels: pixels, width: width, height: height),
                PixelRect(x: 60, y: 10, width: 36, height: 80), PixelRect(x: 300, y: 10, width: 100, height: 80))
    }

    @Test("pale strokes lost by the black-and-white page still count as ink against their own paper")
    func paleStrokes() throws {
        let (image, pale, paper) = try Self.printAndPaleStrokes()
        let binary = try image.binarised(.otsu)
        #expect(binary.inkFraction(in: pale) < 0.005, "the tiled threshold keeps the print and drops the pale strokes")
        #expect(try image.contrastInkFraction(in: pale) > 0.02)
        #expect(try image.contrastInkFraction(in: paper) == 0)
    }

    @Test("uniformly grey paper holds no ink, however dark it is")
    func greyPaper() throws {
        let image = try Image.grey(pixels: [UInt8](repeating: 120, count: 50 * 50), width: 50, height: 50)
        #expect(try image.contrastInkFraction(in: PixelRect(x: 0, y: 0, width: 50, height: 50)) == 0)
    }
}
