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
}
