import Foundation
import MailroomImaging
import MailroomTestSupport
import Testing

/// The red channel drops a form's light red print; writing must stay, whatever its ink.
@Suite("Dropout of the form's red print")
struct DropoutTests {
    /// A 24-bit BMP of vertical stripes, each `stripe` pixels wide, in the given colours.
    static func stripes(_ colours: [(UInt8, UInt8, UInt8)], stripe: Int = 20, height: Int = 80) -> Data {
        let width = colours.count * stripe
        let rowBytes = (width * 3 + 3) / 4 * 4
        var data = Data()
        func le32(_ value: Int) { withUnsafeBytes(of: UInt32(value).littleEndian) { data.append(contentsOf: $0) } }
        func le16(_ value: Int) { withUnsafeBytes(of: UInt16(value).littleEndian) { data.append(contentsOf: $0) } }
        data.append(contentsOf: Array("BM".utf8))
        le32(54 + rowBytes * height); le32(0); le32(54)
        le32(40); le32(width); le32(height); le16(1); le16(24); le32(0); le32(rowBytes * height); le32(11811); le32(11811); le32(0); le32(0)
        for _ in 0..<height {
            var row = [UInt8]()
            for x in 0..<width {
                let (r, g, b) = colours[x / stripe]
                row += [b, g, r]
            }
            row += [UInt8](repeating: 0, count: rowBytes - row.count)
            data.append(contentsOf: row)
        }
        return data
    }

    @Test("the print goes; blue, black and red ink stay dark")
    func inksStay() throws {
        let colours: [(UInt8, UInt8, UInt8)] = [(255, 255, 255), (245, 170, 170), (30, 60, 150), (20, 20, 25), (200, 40, 40), (230, 60, 70)]
        let url = try TestPaths.temporaryDirectory("dropout").appendingPathComponent("stripes.bmp")
        try Self.stripes(colours).write(to: url)
        let image = try #require(try ImageReader().read(url).first)
        let grey = try image.dropoutGrey()
        let (_, pixels) = try grey.greyPixels(in: PixelRect(x: 0, y: 0, width: grey.width, height: grey.height))
        let middle = colours.indices.map { Int(pixels[40 * grey.width + $0 * 20 + 10]) }
        #expect(middle[0] >= 250, "paper \(middle[0])")
        #expect(middle[1] >= 240, "the form's print \(middle[1])")
        #expect(middle[2] <= 40, "blue ink \(middle[2])")
        #expect(middle[3] <= 30, "black ink \(middle[3])")
        #expect(middle[4] <= 60, "red ink \(middle[4])")
        #expect(middle[5] <= 80, "bright red ink \(middle[5])")
    }
}
