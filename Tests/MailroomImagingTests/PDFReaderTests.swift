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

    @Test("a PDF page too large to render is refused from its size, naming the page, before any page is rendered")
    func enormousPage() throws {
        // Pages 19 and 20 of the tray are 340 and 350 pixels wide, 120 high, at 300 dpi.
        let tray = TestPaths.fixture("tray-20.pdf")
        let strict = ImageReader(limits: .init(maxPixels: 40_000, minSide: 1))
        let streamed = #expect(throws: ImagingError.self) { try strict.stream(tray) }
        #expect(streamed?.code == .tooLarge)
        #expect(streamed?.reason.contains("page 19 of") == true, "\(streamed?.reason ?? "")")
        #expect(throws: ImagingError.self) { try strict.read(tray) }

        // A 5 m square poster: pdftoppm writes it as a 1×1 page and says only "Bogus memory
        // allocation size", which read as a page too small to hold text.
        let error = #expect(throws: ImagingError.self) { try reader.decode(Self.onePagePDF(points: 14_173), path: "poster.pdf") }
        #expect(error?.code == .tooLarge)
        #expect(error?.description.contains("poster.pdf") == true)
        #expect(error?.reason.contains("59054x59054") == true, "\(error?.reason ?? "")")
    }

    /// A valid one-page PDF whose page is `points` square, with one word on it.
    static func onePagePDF(points: Int) -> Data {
        let content = "BT /F1 400 Tf 100 100 Td (Hello) Tj ET"
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(points) \(points)] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
        var pdf = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(pdf.utf8.count)
            pdf += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = pdf.utf8.count
        pdf += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        pdf += offsets.map { String(format: "%010d 00000 n \n", $0) }.joined()
        pdf += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Data(pdf.utf8)
    }
}
