import Foundation
import MailroomImaging
import MailroomTestSupport
import Testing

@Suite("Reading scanned PDF letters")
struct PDFReaderTests {
    let reader = ImageReader()

    @Test("every page of a scanned PDF is rendered at 300 dpi, in order")
    func pages() throws {
        let pages = try reader.read(TestPaths.fixture("letter-ita-002.pdf"))
        #expect(pages.count == 2)
        // The fixture's pages are 1682 × 2379 and 1653 × 2337 scans at 200 dpi: 1.5 times as
        // many pixels each way at 300.
        #expect(pages.map(\.width).elementsEqual([2523, 2480]) { abs($0 - $1) <= 2 })
        #expect(pages.map(\.height).elementsEqual([3569, 3506]) { abs($0 - $1) <= 2 })
    }

    @Test("a truncated PDF is rejected as truncated, naming the file")
    func truncated() throws {
        let data = try Data(contentsOf: TestPaths.fixture("letter-ita-002.pdf"))
        let error = #expect(throws: ImagingError.self) { try reader.decode(data.prefix(data.count / 2), path: "half.pdf") }
        #expect(error?.code == .truncated)
        #expect(error?.description.contains("half.pdf") == true)
    }

    @Test("a PDF poppler cannot render is corrupt, not a crash")
    func corrupt() throws {
        let junk = Data("%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage\n%%EOF\n".utf8)
        let error = #expect(throws: ImagingError.self) { try reader.decode(junk, path: "junk.pdf") }
        #expect(error?.code == .corrupt)
        #expect(error?.description.contains("junk.pdf") == true)
    }

    @Test("a PDF of more pages than are rendered at once streams every page in order; one over the limit is refused by its page count")
    func trayStreamed() throws {
        let tray = TestPaths.fixture("tray-20.pdf")
        let stream = try reader.stream(tray)
        var widths: [Int] = []
        while let page = try stream.next() { widths.append(page.width) }
        #expect(widths.count == 20)
        #expect(widths.elementsEqual((1...20).map { 150 + 10 * $0 }) { abs($0 - $1) <= 2 }, "\(widths)")
        #expect(try reader.read(tray).map(\.width) == widths)

        let error = #expect(throws: ImagingError.self) {
            try ImageReader(limits: .init(maxPages: 4, maxStreamedPages: 10)).stream(tray)
        }
        #expect(error?.code == .tooLarge)
        #expect(error?.reason.contains("has 20 pages") == true)
        #expect(throws: ImagingError.self) { try ImageReader(limits: .init(maxPages: 19)).read(tray) }
    }
}
