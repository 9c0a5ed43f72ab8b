import CTesseract
import Foundation
import MailroomImaging

/// Pages holding several sample cards, as a flatbed scan of cards laid side by side makes.
public enum CardPages {
    /// The sample scans `names` (all at one resolution, so their cards print at one scale) in
    /// grey, side by side from the left on a white page, `gap` pixels apart.
    public static func sideBySide(_ names: [String], gap: Int = 60) throws -> Image {
        let scans = try names.map { name in
            guard let scan = try ImageReader().read(TestPaths.samples.appendingPathComponent(name)).first else {
                throw ImagingError.empty(name)
            }
            return scan
        }
        let border = 40
        let width = scans.reduce(2 * border - gap) { $0 + $1.width + gap }
        let height = (scans.map(\.height).max() ?? 0) + 2 * border
        var page = [UInt8](repeating: 250, count: width * height)
        var left = border
        for scan in scans {
            let pixels = try scan.greyPixels()
            for row in 0..<scan.height {
                let target = (border + row) * width + left
                page.replaceSubrange(target..<(target + scan.width), with: pixels[(row * scan.width)..<((row + 1) * scan.width)])
            }
            left += scan.width + gap
        }
        let image = try Image.grey(pixels: page, width: width, height: height)
        image.resolution = scans.first?.resolution
        return image
    }

    /// `scan` in black and white by Floyd-Steinberg dithering, as a scanner set to black and
    /// white with halftones writes grey.
    public static func dithered(_ scan: Image) throws -> Image {
        let grey = try scan.grey()
        guard let made = withExtendedLifetime(grey, { pixDitherToBinary(grey.pix) }) else {
            throw ImagingError.operationFailed("dither")
        }
        let dithered = Image(owning: made)
        dithered.resolution = scan.resolution
        return dithered
    }
}
