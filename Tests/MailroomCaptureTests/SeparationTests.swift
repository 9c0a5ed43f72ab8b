import Foundation
@testable import MailroomCapture
import MailroomImaging
import MailroomTestSupport
import Testing

@Suite("Separating a scan file into the documents it holds", .serialized)
struct SeparationTests {
    /// A page of paper grey with a few specks of dust, as a scanner returns an empty side.
    static func blankBack(like page: Image) throws -> Image {
        var pixels = [UInt8](repeating: 236, count: page.width * page.height)
        for speck in stride(from: 5_000, to: pixels.count, by: pixels.count / 7) { pixels[speck] = 40 }
        return try Image.grey(pixels: pixels, width: page.width, height: page.height)
    }

    /// An empty side as a real sensor returns it: paper grey 236 with noise of about 4 grey
    /// levels either way (a fixed pseudo-random draw) and a few 2×2 specks of dust.
    static func noisyBlank(width: Int, height: Int) throws -> Image {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var pixels = [UInt8](repeating: 0, count: width * height)
        for index in pixels.indices {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            // The sum of four uniform draws of 0...7 is nearly normal, with a spread of about 4.6.
            let noise = (0..<4).reduce(0) { sum, lane in sum + Int((state >> (16 * UInt64(lane) + 8)) & 7) } - 14
            pixels[index] = UInt8(236 + noise)
        }
        for speck in stride(from: 3 * width + 3, to: pixels.count - width - 1, by: pixels.count / 30) {
            for offset in [0, 1, width, width + 1] { pixels[speck + offset] = 40 }
        }
        return try Image.grey(pixels: pixels, width: width, height: height)
    }

    @Test("a blank back with scanner noise stays with its card; thresholded, the noise would be a page of dots")
    func noisyBack() throws {
        let reader = try DocumentReader(Material.configuration())
        let url = try #require(Material.samples(prefix: "coupon-").first)
        let card = try #require(try ImageReader().read(url).first)
        let back = try Self.noisyBlank(width: card.width, height: card.height)
        #expect(reader.separate([card, back]).map(\.pages) == [0..<2])
        guard case .coupon(_, let readings) = try reader.read([card, back]) else {
            Issue.record("the card with a noisy back was not read as a coupon")
            return
        }
        #expect(readings.map(\.number) == [1, 2])
    }

    @Test("a card fed face down, its blank back first, is one coupon; a blank page before a letter joins the letter")
    func backFirst() throws {
        let reader = try DocumentReader(Material.configuration())
        let url = try #require(Material.samples(prefix: "coupon-").first)
        let card = try #require(try ImageReader().read(url).first)
        let back = try Self.noisyBlank(width: card.width, height: card.height)
        let letter = try #require(try ImageReader().read(TestPaths.fixture("page-english.png")).first)
        #expect(reader.separate([back, card]).map(\.pages) == [0..<2])
        #expect(reader.separate([back, card, back, letter]).map(\.pages) == [0..<3, 3..<4])
        #expect(reader.separate([letter, back, card]).map(\.pages) == [0..<2, 2..<3], "a letter's blank last page stays its own")
        guard case .coupon(let coupon, let readings) = try reader.read([back, card]),
              case .coupon(let alone, _) = try reader.read([card]) else {
            Issue.record("the card with its back first was not read as a coupon")
            return
        }
        #expect(readings.map(\.number) == [1, 2])
        #expect(readings[0].text.isEmpty && readings[1].width == card.width)
        #expect(coupon.fields.map(\.value) == alone.fields.map(\.value))
        let letterBack = try Self.noisyBlank(width: letter.width, height: letter.height)
        #expect(reader.separate([letterBack, letter]).map(\.pages) == [0..<2])
        guard case .letter = try reader.read([letterBack, letter]) else {
            Issue.record("a letter after a blank page was not read as a letter")
            return
        }
    }

    @Test("cards one after the other, a blank back and a letter between them: each card and the letter are documents")
    func batchOfCards() throws {
        let reader = try DocumentReader(Material.configuration())
        let urls = Array(Material.samples(prefix: "coupon-").prefix(3))
        try #require(urls.count == 3)
        let cards = try urls.map { url in try #require(try ImageReader().read(url).first) }
        let letter = try #require(try ImageReader().read(TestPaths.fixture("page-english.png")).first)
        let pages = [cards[0], try Self.blankBack(like: cards[0]), cards[1], letter, cards[2]]

        let parts = reader.separate(pages)
        #expect(parts.map(\.pages) == [0..<2, 2..<3, 3..<4, 4..<5])
        // Each document read apart gives what its card alone gives.
        for (part, card) in zip(parts.indices.filter { $0 != 2 }, cards) {
            guard case .coupon(let formID) = parts[part].kind,
                  case .coupon(let coupon, let readings) = try reader.read(Array(pages[parts[part].pages])),
                  case .coupon(let alone, _) = try reader.read([card]) else {
                Issue.record("part \(part) is not the coupon it holds")
                continue
            }
            #expect(formID == alone.formID)
            #expect(coupon.formID == alone.formID)
            #expect(coupon.fields.map(\.value) == alone.fields.map(\.value))
            #expect(readings.map(\.number) == Array(1...parts[part].pages.count), "the card's back is its page 2")
        }
        guard case .letter = parts[2].kind, case .letter(let read) = try reader.read(Array(pages[parts[2].pages])) else {
            Issue.record("the page between the cards is not a letter")
            return
        }
        #expect(read.pages.count == 1)
        #expect(!read.text.isEmpty)
    }

    @Test("a file of one document is one span: a card with its back, a letter of two pages")
    func oneDocument() throws {
        let reader = try DocumentReader(Material.configuration())
        let url = try #require(Material.samples(prefix: "coupon-it-fedelta").first)
        let card = try #require(try ImageReader().read(url).first)
        let duplex = reader.separate([card, try Self.blankBack(like: card)])
        #expect(duplex.map(\.pages) == [0..<2])
        guard case .coupon(let formID)? = duplex.first?.kind else {
            Issue.record("a card with its blank back is not one coupon")
            return
        }
        #expect(formID == "it-fedelta")

        let letter = try #require(try ImageReader().read(TestPaths.fixture("page-english.png")).first)
        let twoPages = reader.separate([letter, letter])
        #expect(twoPages.map(\.pages) == [0..<2])
        guard case .letter? = twoPages.first?.kind else {
            Issue.record("two letter pages are not one letter")
            return
        }
    }

    @Test("a card of a form with no form file is refused on its own; the cards around it are read")
    func unknownFormInBatch() throws {
        var configuration = try Material.configuration()
        let italianOnly = try #require(configuration.forms.forms.first { $0.id == "it-fedelta" })
        configuration.forms = FormLibrary(forms: [italianOnly])
        let reader = try DocumentReader(configuration)
        let italian = try #require(Material.samples(prefix: "coupon-it-fedelta").first)
        let polish = try #require(Material.samples(prefix: "coupon-pl-karta").first)
        let pages = try [italian, polish, italian].map { url in try #require(try ImageReader().read(url).first) }

        let parts = reader.separate(pages)
        #expect(parts.map(\.pages) == [0..<1, 1..<2, 2..<3])
        guard case .refused(let error) = parts[1].kind else {
            Issue.record("the Polish card was not refused")
            return
        }
        #expect(error.code == .unknownForm)
        #expect(throws: CaptureError.self) { try reader.read([pages[1]]) }
        for part in [parts[0], parts[2]] {
            guard case .coupon(let formID) = part.kind else {
                Issue.record("pages \(part.pages) are not a coupon")
                continue
            }
            #expect(formID == "it-fedelta")
        }
    }

    @Test("a run of letter pages longer than a letter may be is cut into letters that long")
    func longLetterRun() throws {
        var configuration = try Material.configuration()
        configuration.maxLetterPages = 2
        let reader = try DocumentReader(configuration)
        let page = try #require(try ImageReader().read(TestPaths.fixture("page-english.png")).first)
        let parts = reader.separate([page, page, page])
        #expect(parts.map(\.pages) == [0..<2, 2..<3])
    }
}
