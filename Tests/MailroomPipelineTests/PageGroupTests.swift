import Foundation
import MailroomPipeline
import MailroomStore
import MailroomTestSupport
import Testing

@Suite("Letters scanned as one image per page")
struct PageGroupTests {
    @Test("X-1, X-2, X-3 group; zero-padded serials, gaps and a lone page 1 do not")
    func naming() {
        let names = ["a-1.png", "a-2.png", "a-3.png", "a-5.png", "c-001.jpg", "c-002.jpg", "lone-1.png",
                     "mixed-1.png", "mixed-2.jpg", "b-10.png", "b-2.png"]
        #expect(PageGroup.laterPages(of: "a-1.png", among: names) == ["a-2.png", "a-3.png"])
        #expect(PageGroup.laterPages(of: "a-2.png", among: names).isEmpty)
        #expect(PageGroup.laterPages(of: "c-001.jpg", among: names).isEmpty)
        #expect(PageGroup.laterPages(of: "lone-1.png", among: names).isEmpty)
        #expect(PageGroup.laterPages(of: "mixed-1.png", among: names).isEmpty)
    }

    @Test("a page group is one document with every page, read once however often it is scanned")
    func pipeline() throws {
        let root = try TestPaths.temporaryDirectory("pages")
        for name in ["letter-1.png", "letter-2.png", "coupon-001.png", "coupon-002.png", "lone-1.png"] {
            try Scans.uniqueCopy(tag: name + UUID().uuidString, to: root.appendingPathComponent(name))
        }
        let options = Scans.options(root, db: try TestPaths.temporaryDirectory("pages-db"))
        let recognizer = FakeRecognizer.factory { _ in .letter }
        let first = try Scans.run(options, recognizer: recognizer)
        #expect(first.processed == 4)
        let database = try Scans.database(options)
        let documents = try database.documents(state: .done)
        let letter = try #require(documents.first { $0.path.hasSuffix("letter-1.png") })
        #expect(letter.pageCount == 2)
        #expect(!documents.contains { $0.path.hasSuffix("letter-2.png") })
        let again = try Scans.run(options, recognizer: recognizer)
        #expect(again.processed == 0)
        #expect(try database.documents(state: .done).count == 4)
    }

    @Test("without page groups every image is its own document")
    func optOut() throws {
        let root = try TestPaths.temporaryDirectory("pages-off")
        for name in ["letter-1.png", "letter-2.png"] {
            try Scans.uniqueCopy(tag: name + UUID().uuidString, to: root.appendingPathComponent(name))
        }
        var options = Scans.options(root, db: try TestPaths.temporaryDirectory("pages-off-db"))
        options.groupPages = false
        #expect(try Scans.run(options, recognizer: FakeRecognizer.factory { _ in .letter }).processed == 2)
    }
}
