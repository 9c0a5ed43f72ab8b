import Foundation
import MailroomImaging
import MailroomTestSupport
import Testing

@Suite("Text orientation")
struct TextOrientationTests {
    let page: Image

    init() throws {
        page = try #require(try ImageReader().read(TestPaths.fixture("page-english.png")).first)
    }

    @Test("a printed page turned by quarter turns is found turned that far", arguments: [0, 1, 2, 3])
    func turned(quarterTurns: Int) throws {
        let found = try page.rotated(quarterTurns: quarterTurns).textOrientation()
        #expect(found.isDecided, "up \(found.upConfidence), left \(found.leftConfidence)")
        #expect(found.degrees == quarterTurns * 90)
        #expect((found.quarterTurnsToUpright + quarterTurns) % 4 == 0)
    }

    @Test("a grey page and its black-and-white copy agree")
    func binaryInput() throws {
        let turned = try page.rotated(quarterTurns: 3)
        #expect(try turned.binarised().textOrientation() == turned.textOrientation())
    }

    @Test("a page without text stays undecided and is left as it is")
    func blank() throws {
        let white = try Image.grey(pixels: Array(repeating: 255, count: 1200 * 1600), width: 1200, height: 1600)
        let found = try white.textOrientation()
        #expect(!found.isDecided)
        #expect(found.quarterTurnsToUpright == 0)
    }

    @Test("the stronger axis decides and its sign says which way; weak or even signals decide nothing",
          arguments: [(20.0, -3.0, 0), (-15.0, 2.0, 2), (1.0, 12.0, 1), (-4.0, -20.0, 3), (5.0, 6.5, 1),
                      (2.0, -2.3, nil), (3.9, 0.0, nil), (10.0, 9.0, nil)] as [(Double, Double, Int?)])
    func decision(up: Double, left: Double, turns: Int?) {
        let found = TextOrientation(upConfidence: up, leftConfidence: left)
        #expect(found.isDecided == (turns != nil))
        #expect(found.quarterTurnsToUpright == (turns ?? 0))
    }
}
