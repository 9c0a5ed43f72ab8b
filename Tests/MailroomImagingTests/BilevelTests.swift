import Foundation
import MailroomImaging
import MailroomTestSupport
import Testing

/// Black-and-white pages (a scanner set to black and white, a fax) are softened to grey
/// before they are read.
@Suite("Black-and-white pages")
struct BilevelTests {
    /// A 1-bit page: paper left and right, a fine chequer of black and white dots between.
    func chequered() throws -> Image {
        let width = 90, height = 60
        var pixels = [UInt8](repeating: 255, count: width * height)
        for y in 0..<height {
            for x in 30..<60 where (x + y) % 2 == 0 { pixels[y * width + x] = 0 }
        }
        let page = try Image.grey(pixels: pixels, width: width, height: height).thresholded(128)
        #expect(page.depth == 1)
        return page
    }

    @Test("dots of a dithered grey average back to grey, and paper stays paper", arguments: [false, true])
    func dotsAveraged(dropout: Bool) throws {
        let page = try chequered()
        let grey = try dropout ? page.dropoutGrey() : page.readingGrey()
        #expect(grey.depth == 8 && grey.width == page.width && grey.height == page.height)
        let pixels = try grey.greyPixels()
        let dotted = (20..<40).flatMap { y in (35..<55).map { x in Int(pixels[y * grey.width + x]) } }
        #expect(dotted.allSatisfy { (100...160).contains($0) }, "\(Set(dotted).sorted())")
        let paper = (20..<40).flatMap { y in (5..<25).map { x in Int(pixels[y * grey.width + x]) } }
        #expect(paper.allSatisfy { $0 == 255 })
    }

    @Test("grey and colour pages are read as they are")
    func othersUntouched() throws {
        let page = try chequered().grey()
        #expect(try page.readingGrey().greyPixels() == page.greyPixels())
    }
}
