import Foundation
import MailroomImaging
import MailroomTestSupport
import Testing

/// Fax pages are scanned at 204 dpi across and 98 ("standard") or 196 ("fine") down: read as
/// their pixels are, the page is squashed. Every decoded page is given square pixels.
@Suite("Pages whose pixels are not square")
struct PixelAspectTests {
    /// A letter's grey page sampled as a scanner at `x` by `y` dpi would have it, declaring so.
    func page(x: Int, y: Int) throws -> Image {
        let url = TestPaths.samples.appendingPathComponent("letter-ita-001.png")
        let scan = try #require(try ImageReader().read(url).first)
        let dpi = Double(try #require(scan.resolution))
        let page = try scan.grey().stretched(x: Double(x) / dpi, y: Double(y) / dpi)
        page.resolutions = (x, y)
        return page
    }

    @Test("a fax page is stretched down to square pixels, whatever it is encoded in", arguments: [
        (204, 98, ImageFormat.tiff), (204, 196, .tiff), (204, 98, .png), (204, 98, .jpeg), (98, 204, .png),
    ])
    func faxStretched(x: Int, y: Int, format: ImageFormat) throws {
        let source = try page(x: x, y: y)
        let decoded = try #require(try ImageReader().decode(source.encoded(as: format), path: "fax.\(format.name)").first)
        let finer = Double(max(x, y))
        #expect(abs(decoded.width - Int((Double(source.width) * finer / Double(x)).rounded())) <= 1, "\(decoded.width)")
        #expect(abs(decoded.height - Int((Double(source.height) * finer / Double(y)).rounded())) <= 1, "\(decoded.height)")
        #expect(decoded.resolutions?.x == max(x, y) && decoded.resolutions?.y == max(x, y))
    }

    @Test("a multi-page fax read page by page is stretched as it is read whole")
    func streamedFax() throws {
        let first = try page(x: 204, y: 98), second = try page(x: 204, y: 98)
        let url = try TestPaths.temporaryDirectory("fax-stream").appendingPathComponent("fax.tif")
        try Image.multipageTIFF([first, second]).write(to: url)
        let whole = try ImageReader().read(url)
        let stream = try ImageReader().stream(url)
        for expected in whole {
            let streamed = try #require(try stream.next())
            #expect(streamed.width == expected.width && streamed.height == expected.height)
            #expect(streamed.height > first.height * 2 - 2)
        }
        #expect(try stream.next() == nil)
    }

    @Test("square pixels, nearly square ones and an impossible aspect are left as they are", arguments: [
        (300, 300), (300, 298), (600, 100),
    ])
    func keptAsTheyAre(x: Int, y: Int) throws {
        let source = try page(x: x, y: y)
        let decoded = try #require(try ImageReader().decode(source.encoded(as: .png), path: "page.png").first)
        #expect(decoded.width == source.width && decoded.height == source.height)
    }

    @Test("a page stretched past the pixel limit is refused, naming its stretched size")
    func stretchedTooLarge() throws {
        let source = try page(x: 204, y: 98)
        let limit = source.width * source.height * 3 / 2
        let error = #expect(throws: ImagingError.self) {
            try ImageReader(limits: .init(maxPixels: limit)).decode(source.encoded(as: .png), path: "fax.png")
        }
        #expect(error?.code == .tooLarge)
    }
}
