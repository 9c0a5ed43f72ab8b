import Foundation
@testable import MailroomCapture
import MailroomImaging
import MailroomTestSupport
import Testing

@Suite("Reading whole letters", .serialized)
struct LetterReadingTests {
    @Test("every sample letter gives the sender's postcode and town and its reference, as the truth says")
    func sampleLetters() throws {
        let reader = try DocumentReader(Material.configuration())
        for url in Material.samples(prefix: "letter-") {
            let truth = try #require(try Truth.beside(url))
            guard case .letter(let letter) = try reader.read(ImageReader().read(url)) else {
                Issue.record("\(url.lastPathComponent) was not read as a letter")
                continue
            }
            let name = url.lastPathComponent
            #expect(letter.details.senderPostcode == truth.sender?.postcode, "\(name)")
            #expect(EvaluationReport.sameText(letter.details.senderTown ?? "", truth.sender?.town ?? "-"), "\(name)")
            #expect(letter.details.references.contains { $0.value == truth.reference }, "\(name)")
            #expect(letter.details.date == truth.date, "\(name)")
            #expect(letter.pages.count == truth.pagesCount, "\(name)")
            #expect(letter.pages.allSatisfy { $0.text.isEmpty || $0.orientationDegrees == truth.rotation }, "\(name)")
        }
    }

    @Test("a scanned two-page PDF letter is read page by page, with its sender checked")
    func pdfLetter() throws {
        let reader = try DocumentReader(Material.configuration())
        let pages = try ImageReader().read(TestPaths.fixture("letter-ita-002.pdf"))
        guard case .letter(let letter) = try reader.read(pages) else {
            Issue.record("the PDF was not read as a letter")
            return
        }
        #expect(letter.pages.map(\.number) == [1, 2])
        #expect(letter.language == "ita")
        #expect(letter.details.senderName == "Marco Bruno")
        #expect(letter.details.senderPostcode == "70123")
        #expect(letter.details.senderTown == "Bari")
        #expect(letter.details.reference("order") == "ORD-2025-002089")
        // The closing on page 2 is in the text too.
        #expect(letter.text.contains("Marco Bruno\n") || letter.text.hasSuffix("Marco Bruno"))
    }

    @Test("blank sheets are read as blank, solid dark ones refused as having nothing to read; a blank back page is kept unread")
    func blankPages() throws {
        let reader = try DocumentReader(Material.configuration())
        let (width, height) = (1700, 2300)
        let white = try Image.grey(pixels: Array(repeating: 255, count: width * height), width: width, height: height)
        let black = try Image.grey(pixels: Array(repeating: 8, count: width * height), width: width, height: height)
        // A few specks of dust are still a blank page.
        var dusty = Array(repeating: UInt8(250), count: width * height)
        for i in stride(from: 5_000, to: dusty.count, by: 97_001) { dusty[i] = 0 }
        let dust = try Image.grey(pixels: dusty, width: width, height: height)
        // Scanner noise is no text either, though a threshold turns it into dots.
        let noisy = try SeparationTests.noisyBlank(width: width, height: height)
        for pages in [[white], [dust, white], [noisy]] {
            guard case .blank(let read) = try reader.read(pages) else {
                Issue.record("\(pages.count) blank page(s) not read as blank")
                continue
            }
            #expect(read.map(\.number) == Array(1...pages.count))
            #expect(read.allSatisfy { $0.text.isEmpty && $0.width == width })
        }
        // A dark page is a scanner's fault, not a back: refused, even beside a blank one.
        for pages in [[black], [white, black]] {
            let error = #expect(throws: CaptureError.self) { try reader.read(pages) }
            #expect(error?.code == .noContent)
            #expect(error?.reason.contains("solid dark") == true)
        }
        let url = try #require(Material.samples(prefix: "letter-eng-006").first)
        let front = try #require(try ImageReader().read(url).first)
        guard case .letter(let letter) = try reader.read([front, white]) else {
            Issue.record("the letter with a blank back was not read as a letter")
            return
        }
        #expect(letter.pages.map(\.number) == [1, 2])
        #expect(letter.pages[1].text.isEmpty && !letter.pages[0].text.isEmpty)
        #expect(letter.details.senderPostcode != nil)
    }

    @Test("a page too small to hold readable text is refused as having nothing to read, naming its size")
    func thumbnail() throws {
        let reader = try DocumentReader(Material.configuration())
        let url = try #require(Material.samples(prefix: "letter-eng-006").first)
        let page = try #require(try ImageReader().read(url).first)
        let thumbnail = try page.scaled(by: 96.0 / Double(page.width))
        let error = #expect(throws: CaptureError.self) { try reader.read([thumbnail]) }
        #expect(error?.code == .noContent)
        #expect(error?.reason.contains("page 1 has no text") == true)
        #expect(error?.reason.contains("\(thumbnail.width)x") == true)
        #expect(error?.reason.contains("300 dpi") == true)
    }

    @Test("a letter scanned upside down is turned and read")
    func upsideDown() throws {
        let reader = try DocumentReader(Material.configuration())
        let url = try #require(Material.samples(prefix: "letter-ita-001").first)
        let page = try #require(try ImageReader().read(url).first)
        guard case .letter(let letter) = try reader.read([try page.rotated(quarterTurns: 2)]) else {
            Issue.record("not read as a letter")
            return
        }
        #expect(letter.pages[0].orientationDegrees == 180)
        #expect(letter.details.senderPostcode == "09071")
        // Turned by counting ascenders, without Tesseract's 50 MB orientation model.
        #expect(!reader.loadedModels.contains("osd"))
    }

    @Test("a letter fed in sideways is turned page by page, a page with a few lines as the page before it")
    func sideways() throws {
        let reader = try DocumentReader(Material.configuration())
        let url = try #require(Material.samples(prefix: "letter-ita-001").first)
        let page = try #require(try ImageReader().read(url).first)
        // A closing page: the letter's first lines with a wide margin.
        let closing = try page.cropped(to: PixelRect(x: 0, y: 0, width: page.width, height: page.height / 5)).padded(by: 300)
        let pages = [try page.rotated(quarterTurns: 3), try closing.rotated(quarterTurns: 3)]
        guard case .letter(let letter) = try reader.read(pages) else {
            Issue.record("not read as a letter")
            return
        }
        #expect(letter.pages.map(\.orientationDegrees) == [270, 270])
        #expect(letter.details.senderPostcode == "09071")
    }
}
