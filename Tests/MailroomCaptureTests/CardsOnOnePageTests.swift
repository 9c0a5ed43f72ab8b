import Foundation
@testable import MailroomCapture
import MailroomImaging
import MailroomTestSupport
import Testing

/// A flatbed scan of several cards laid side by side: each card is a document of its own.
@Suite("Several cards on one page", .serialized)
struct CardsOnOnePageTests {
    static let names = ["coupon-it-fedelta-001.jpg", "coupon-pl-karta-004.jpg"]

    func truth(_ name: String, _ field: String) throws -> TruthValue? {
        try Truth.beside(TestPaths.samples.appendingPathComponent(name))?.fields?[field]
    }

    @Test("reading the page as one document is refused, naming where each card lies, left to right")
    func readWhole() throws {
        let page = try CardPages.sideBySide(Self.names)
        let reader = try DocumentReader(Material.configuration())
        let error = #expect(throws: CaptureError.self) { try reader.read([page]) }
        #expect(error?.code == .severalCards)
        let cards = error?.cards ?? []
        try #require(cards.count == 2)
        #expect(cards[0].maxX < cards[1].x + cards[1].width / 4, "\(cards)")
        #expect(cards.allSatisfy { $0.height > page.height * 2 / 3 }, "\(cards)")
    }

    @Test("separating the page cuts out each card, and each reads as its form with its own fields")
    func separated() throws {
        let page = try CardPages.sideBySide(Self.names)
        let reader = try DocumentReader(Material.configuration())
        var pending: [Image] = [page]
        var documents: [(DocumentSpan, [Image])] = []
        try reader.separate(next: { pending.popLast() }, onPage: { _ in }) { documents.append(($0, $1)) }
        #expect(documents.map(\.0.card) == [1, 2])
        #expect(documents.map(\.0.pages) == [0..<1, 0..<1])
        for ((span, cut), name) in zip(documents, Self.names) {
            #expect({ if case .card = span.kind { true } else { false } }())
            guard case .coupon(let coupon, _) = try reader.read(cut) else {
                Issue.record("card \(span.card ?? 0) is not read as a coupon")
                continue
            }
            #expect(name.contains(coupon.formID), "\(coupon.formID) for \(name)")
            for field in ["postcode", "card"] {
                let value = try #require(coupon.fields.first { $0.name == field }).value
                #expect(try truth(name, field)?.matches(value) == true, "\(name) \(field): \(value)")
            }
        }
    }

    @Test("two cards photographed at a slant (a 4% keystone) are both found")
    func photographedAtASlant() throws {
        let page = try CardPages.sideBySide(Self.names)
        let w = Double(page.width), h = Double(page.height), d = 0.04
        let corners = [(x: 0.0, y: 0.0), (x: w, y: 0.0), (x: w, y: h), (x: 0.0, y: h)]
        let slanted = try page.projected(from: corners,
                                         to: [(w * d, h * d / 2), (w * (1 - d * 0.3), 0), (w, h), (0, h * (1 - d / 2))])
        let error = #expect(throws: CaptureError.self) { try DocumentReader(Material.configuration()).read([slanted]) }
        #expect(error?.code == .severalCards)
        #expect(error?.cards.count == 2)
    }

    @Test("a card alone on a page twice its size is one card")
    func oneCardOnABigPage() throws {
        let card = try CardPages.sideBySide([Self.names[0]])
        let wide = try card.padded(by: card.width / 2)
        let reader = try DocumentReader(Material.configuration())
        guard case .coupon(let coupon, _) = try reader.read([wide]) else {
            Issue.record("the card is not read as a coupon")
            return
        }
        #expect(coupon.formID == "it-fedelta")
    }

    @Test("cards are listed row by row from the top, each row from the left")
    func readingOrder() {
        let card = { (x: Int, y: Int) in PixelRect(x: x, y: y, width: 100, height: 60) }
        let shuffled = [card(120, 75), card(0, 0), card(240, 82), card(115, 3), card(0, 70)]
        #expect(Registration.inReadingOrder(shuffled) == [card(0, 0), card(115, 3), card(0, 70), card(120, 75), card(240, 82)])
    }
}
