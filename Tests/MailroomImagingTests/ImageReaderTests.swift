import Foundation
import MailroomImaging
import MailroomTestSupport
import Testing

@Suite("Reading image files")
struct ImageReaderTests {
    let reader = ImageReader()

    func source() throws -> Image {
        try #require(try reader.read(TestPaths.fixture("line-address.png")).first)
    }

    @Test("every supported format decodes, sniffed from bytes whatever the name", arguments: ImageFormat.allCases)
    func everyFormat(format: ImageFormat) throws {
        let original = try source()
        let bytes = try original.encoded(as: format)
        #expect(ImageFormat.sniff(bytes) == .image(format))
        let folder = try TestPaths.temporaryDirectory("formats")
        // A misleading extension: the reader must trust the bytes.
        let url = folder.appendingPathComponent("scan.dat")
        try bytes.write(to: url)
        let pages = try reader.read(url)
        #expect(pages.count == 1)
        #expect(pages[0].width == original.width)
        #expect(pages[0].height == original.height)
    }

    @Test("a picture with transparency is laid on white paper, not on the black under it")
    func transparency() throws {
        // 200x120, fully transparent black, with an opaque black bar at x 60..<140, y 40..<80.
        let page = try #require(try reader.read(TestPaths.fixture("transparent-background.png")).first)
        let grey = try page.grey()
        let pixels = try grey.greyPixels()
        #expect(pixels[10 * grey.width + 10] > 240)
        #expect(pixels[60 * grey.width + 100] < 15)
    }

    @Test("a multi-page TIFF yields every page in order")
    func multipageTIFF() throws {
        let first = try source()
        let second = try #require(try reader.read(TestPaths.fixture("page-english.png")).first)
        let third = try first.rotated(quarterTurns: 1)
        let data = try Image.multipageTIFF([first, second, third])
        let pages = try reader.decode(data, path: "letter.tif")
        #expect(pages.map(\.width) == [first.width, second.width, third.width])
        #expect(pages.map(\.height) == [first.height, second.height, third.height])
    }

    @Test("a page stream gives a TIFF's pages one by one as read() does, other formats whole, and the page limit holds")
    func pageStream() throws {
        let first = try source()
        let second = try #require(try reader.read(TestPaths.fixture("page-english.png")).first)
        let folder = try TestPaths.temporaryDirectory("stream")
        let tiff = folder.appendingPathComponent("batch.tif")
        try Image.multipageTIFF([first, second, first]).write(to: tiff)
        func drain(_ stream: PageStream) throws -> [Image] {
            var pages: [Image] = []
            while let page = try stream.next() { pages.append(page) }
            return pages
        }
        let streamed = try drain(reader.stream(tiff))
        let read = try reader.read(tiff)
        #expect(streamed.map(\.width) == read.map(\.width) && streamed.map(\.height) == read.map(\.height))
        #expect(try streamed[1].greyPixels() == read[1].greyPixels())
        #expect(try drain(reader.stream(TestPaths.fixture("page-english.png"))).count == 1)
        let pdf = TestPaths.fixture("letter-ita-002.pdf")
        #expect(try drain(reader.stream(pdf)).map(\.width) == reader.read(pdf).map(\.width))

        let twoPages = ImageReader(limits: .init(maxPages: 2, maxStreamedPages: 2))
        #expect(try ImageReader(limits: .init(maxPages: 2, maxStreamedPages: 3)).stream(tiff).next() != nil,
                "a TIFF read page by page may hold more pages than one read at once")
        let error = #expect(throws: ImagingError.self) { try twoPages.stream(tiff) }
        #expect(error?.code == .tooLarge)
        #expect(error?.reason.contains("has 3 pages") == true, "refused before any page is decoded")
        let empty = folder.appendingPathComponent("empty.tif")
        try Data().write(to: empty)
        #expect(throws: ImagingError.self) { try reader.stream(empty) }
    }

    @Test("a colour PPM as SANE's scanimage writes it, with a comment in its header, is read")
    func scanimagePPM() throws {
        // 2x1 pixels: red, then white.
        let header = "P6\n# SANE data follows\n2 1\n255\n"
        let ppm = Data(header.utf8) + Data([255, 0, 0, 255, 255, 255])
        #expect(ImageFormat.sniff(ppm) == .image(.pnm))
        let small = ImageReader(limits: .init(minSide: 1))
        let page = try #require(try small.decode(ppm, path: "scan.pnm").first)
        #expect(page.width == 2 && page.height == 1)
        let error = #expect(throws: ImagingError.self) { try small.decode(ppm.dropLast(2), path: "cut.pnm") }
        #expect(error?.code == .truncated)
    }

    @Test("a zero-byte file is rejected as empty, naming the file")
    func zeroBytes() throws {
        let url = try TestPaths.temporaryDirectory().appendingPathComponent("empty.png")
        try Data().write(to: url)
        let error = #expect(throws: ImagingError.self) { try reader.read(url) }
        #expect(error?.code == .empty)
        #expect(error?.description.contains("empty.png") == true)
    }

    @Test("a truncated file is rejected, not padded with grey", arguments: [ImageFormat.png, .jpeg, .bmp, .webp, .tiff, .gif, .pnm])
    func truncated(format: ImageFormat) throws {
        let bytes = try source().encoded(as: format)
        let cut = bytes.prefix(bytes.count / 2)
        let error = #expect(throws: ImagingError.self) { try reader.decode(Data(cut), path: "cut.\(format.rawValue)") }
        #expect(error?.code == .truncated || error?.code == .corrupt)
        #expect(error?.path == "cut.\(format.rawValue)")
    }

    @Test("a whole file with bytes after its end marker (a maker trailer, zero padding) is read", arguments: [
        ImageFormat.png, .jpeg, .gif,
    ])
    func trailingBytes(format: ImageFormat) throws {
        let original = try source()
        let bytes = try original.encoded(as: format)
        for trailer in [Data(count: 4096), Data("SEFT trailer \u{FF}\u{D8} written by a phone".utf8)] {
            let page = try #require(try reader.decode(bytes + trailer, path: "padded.\(format.rawValue)").first)
            #expect(page.width == original.width && page.height == original.height)
        }
        let cut = bytes.prefix(bytes.count - 40) + Data(count: 4096)
        let error = #expect(throws: ImagingError.self) { try reader.decode(cut, path: "cut.\(format.rawValue)") }
        #expect(error?.code == .truncated || error?.code == .corrupt)
    }

    @Test("a file with a valid signature but garbage inside is corrupt")
    func corrupt() throws {
        var bytes = try source().encoded(as: .png)
        let middle = bytes.count / 3
        for i in middle..<(middle + 200) { bytes[i] ^= 0x5A }
        let error = #expect(throws: ImagingError.self) { try reader.decode(bytes, path: "bad.png") }
        #expect(error?.code == .corrupt)
    }

    @Test("unsupported formats are named in the error", arguments: [
        ("%!PS-Adobe-3.0 EPSF", "text"), ("hello, this is a note\n", "text"),
        ("\0\0\0\u{18}ftypheic\0\0\0\0mif1heic", "HEIC"), ("\0\0\0\u{1C}ftypavif\0\0\0\0avifmif1", "AVIF"),
        ("\0\0\0\u{0C}JXL \r\n\u{07}\n\0\0\0\u{14}", "JPEG XL"),
    ])
    func unsupported(content: String, kind: String) throws {
        let error = #expect(throws: ImagingError.self) { try reader.decode(Data(content.utf8), path: "x.png") }
        #expect(error?.code == .unsupportedFormat)
        #expect(error?.description.contains(kind) == true)
    }

    @Test("an Outlook .msg is named as one, with the advice to save e-mails as .eml")
    func outlookMessage() throws {
        let msg = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504))
        let error = #expect(throws: ImagingError.self) { try reader.decode(msg, path: "complaint.msg") }
        #expect(error?.code == .unsupportedFormat)
        #expect(error?.reason.contains("Outlook .msg") == true && error?.reason.contains(".eml") == true)
    }

    @Test("an image over the pixel limit is refused from its header, before decoding")
    func enormous() throws {
        let error = #expect(throws: ImagingError.self) { try reader.decode(TestImages.pngHeader(width: 35_000, height: 35_000), path: "huge.png") }
        #expect(error?.code == .tooLarge)
        #expect(error?.description.contains("35000x35000") == true)
    }

    @Test("the pixel limit is configurable")
    func configurableLimit() throws {
        let strict = ImageReader(limits: .init(maxPixels: 10_000))
        let bytes = try source().encoded(as: .png)
        let error = #expect(throws: ImagingError.self) { try strict.decode(bytes, path: "line.png") }
        #expect(error?.code == .tooLarge)
    }

    @Test("a later page of a multi-page TIFF over the pixel limit is refused from its header, naming the page")
    func enormousLaterPage() throws {
        // Page 1 (1300x120) passes the file's header check; page 2 (3900x360) is refused from its
        // own header before it is decoded: as `read()` and as the stream a scan reads.
        let strict = ImageReader(limits: .init(maxPixels: 1_000_000))
        let first = try source()
        let data = try Image.multipageTIFF([first, try first.scaled(by: 3)])
        let decoded = #expect(throws: ImagingError.self) { try strict.decode(data, path: "tray.tif") }
        #expect(decoded?.code == .tooLarge)
        #expect(decoded?.description.contains("page 2 of 3900x360") == true)
        let url = try TestPaths.temporaryDirectory("later-page").appendingPathComponent("tray.tif")
        try data.write(to: url)
        let stream = try strict.stream(url)
        #expect(try stream.next()?.width == first.width)
        let streamed = #expect(throws: ImagingError.self) { try stream.next() }
        #expect(streamed?.code == .tooLarge)
        #expect(streamed?.description.contains("page 2 of 3900x360") == true)
    }

    @Test("an image too small to hold text is refused")
    func tiny() throws {
        let small = try source().cropped(to: PixelRect(x: 0, y: 0, width: 40, height: 30))
        let error = #expect(throws: ImagingError.self) { try reader.decode(small.encoded(as: .png), path: "tiny.png") }
        #expect(error?.code == .tooSmall)
    }

    @Test("an unreadable path gives a typed error")
    func missingFile() {
        let error = #expect(throws: ImagingError.self) { try reader.read(URL(fileURLWithPath: "/nonexistent/scan.png")) }
        #expect(error?.code == .unreadable)
    }
}
