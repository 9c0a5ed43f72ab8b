import Foundation
import MailroomImaging
import MailroomTestSupport
import Testing

/// One scan written in the encodings that scanners, phones and office tools produce besides
/// plain 8-bit PNG and JPEG (`Tests/Fixtures/make encodings`): each must decode to the same
/// page, its ink still ink and its paper still paper.
@Suite("Reading uncommon encodings")
struct UncommonEncodingTests {
    let reader = ImageReader()

    func greyLevels(_ name: String) throws -> (width: Int, height: Int, pixels: [UInt8]) {
        let page = try #require(try reader.read(TestPaths.fixture("encodings/\(name)")).first)
        return (page.width, page.height, try page.greyPixels())
    }

    @Test("a grey, colour or palette encoding decodes to the reference page's grey levels", arguments: [
        // name, largest mean difference in grey levels (lossy encodings drift a little)
        ("cmyk.jpg", 6), ("cmyk.tif", 2), ("grey16.png", 2), ("grey16.tif", 2), ("jpeg-compressed.tif", 6),
        ("rgba32.bmp", 2), ("palette.gif", 6), ("palette.tif", 6), ("grey-alpha.png", 2), ("lossless-alpha.webp", 2), ("progressive.jpg", 6),
    ])
    func greyLevelsKept(name: String, tolerance: Int) throws {
        let reference = try greyLevels("reference.png")
        let read = try greyLevels(name)
        #expect(read.width == reference.width && read.height == reference.height)
        guard read.pixels.count == reference.pixels.count else { return }
        let difference = zip(read.pixels, reference.pixels).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) }
        #expect(difference / reference.pixels.count <= tolerance, "mean difference \(difference / reference.pixels.count)")
        // CMYK stored inverted (Adobe) or a palette read as its indices would turn ink into paper.
        let inked = zip(read.pixels, reference.pixels).filter { $0.1 < 80 }
        #expect(!inked.isEmpty && inked.allSatisfy { $0.0 < 128 }, "\(inked.filter { $0.0 >= 128 }.count) ink pixels read pale")
        let paper = zip(read.pixels, reference.pixels).filter { $0.1 > 220 }
        #expect(paper.allSatisfy { $0.0 > 160 }, "\(paper.filter { $0.0 <= 160 }.count) paper pixels read dark")
    }

    @Test("a 1-bit scan decodes with its ink where the reference's writing is", arguments: ["bilevel.bmp", "group4.tif"])
    func bilevel(name: String) throws {
        let reference = try greyLevels("reference.png")
        let read = try greyLevels(name)
        #expect(read.width == reference.width && read.height == reference.height)
        guard read.pixels.count == reference.pixels.count else { return }
        // The fixture was thresholded at 160 by Pillow; grey levels near it may fall either way.
        let disagree = zip(read.pixels, reference.pixels).filter { ($0.0 < 128) != ($0.1 <= 160) && abs(Int($0.1) - 160) > 8 }
        #expect(disagree.isEmpty, "\(disagree.count) pixels of the wrong colour")
        #expect(read.pixels.contains { $0 < 128 })
    }

    @Test("the page stream a scan reads decodes each encoding as read() does", arguments: [
        "cmyk.jpg", "cmyk.tif", "grey16.png", "grey16.tif", "jpeg-compressed.tif", "rgba32.bmp", "palette.gif", "palette.tif",
        "grey-alpha.png", "lossless-alpha.webp", "progressive.jpg", "bilevel.bmp", "group4.tif",
    ])
    func streamed(name: String) throws {
        let url = TestPaths.fixture("encodings/\(name)")
        let read = try #require(try reader.read(url).first)
        let stream = try reader.stream(url)
        let streamed = try #require(try stream.next())
        #expect(try stream.next() == nil)
        #expect(streamed.width == read.width && streamed.height == read.height && streamed.depth == read.depth)
        #expect(try streamed.greyPixels() == read.greyPixels())
    }
}
