import Foundation

/// One box's ink, turned into the 28×28 input a box classifier was trained on.
///
/// The steps are those of the MNIST glyphs the classifier learnt from, and of
/// `normalise` in `models/boxnet/train.py`: keep the strokes that reach into the middle of the
/// box (not a neighbour's spill or a speck by the box line), crop them, scale the longer side to
/// 20 pixels, and put the centre of mass in the middle of a 28×28 square.
public struct GlyphImage: Sendable, Hashable {
    /// Ink per pixel, 0 (paper) to 1, row by row.
    public var ink: [Float]
    public var width: Int
    public var height: Int

    /// Ink at or above this counts as a stroke.
    public static let strokeLevel: Float = 0.3

    public init(ink: [Float], width: Int, height: Int) {
        precondition(ink.count == width * height, "glyph image size")
        self.ink = ink
        self.width = width
        self.height = height
    }

    /// Ink from grey pixels (0 black … 255 white), with the paper's own tone taken off.
    public init(grey: [UInt8], width: Int, height: Int) {
        let paper = Float(Self.level(grey, atFraction: 3, of: 4))  // most of a box is paper
        let span = max(paper, 64)
        self.init(ink: grey.map { min(1, max(0, (paper - Float($0)) / span)) }, width: width, height: height)
    }

    /// The grey level at `numerator / denominator` of the way up the pixels sorted darkest
    /// first (255 when there are none), counted rather than sorted.
    static func level(_ grey: [UInt8], atFraction numerator: Int, of denominator: Int) -> UInt8 {
        guard !grey.isEmpty else { return 255 }
        var histogram = [Int](repeating: 0, count: 256)
        for value in grey { histogram[Int(value)] += 1 }
        let rank = grey.count * numerator / denominator
        var below = 0
        for level in 0..<256 {
            below += histogram[level]
            if below > rank { return UInt8(level) }
        }
        return 255
    }

    /// Only the strokes whose pixels reach the `core` (a rectangle in this image's coordinates),
    /// each other connected stroke wiped; nil when no stroke reaches it.
    public func keepingStrokes(touching core: (x: Int, y: Int, width: Int, height: Int), minimumPixels: Int = 3) -> GlyphImage? {
        var kept = self
        var found = false
        for stroke in strokes(minimumPixels: 1) {
            let reaches = stroke.pixels.contains { index in
                let x = index % width, y = index / width
                return x >= core.x && x < core.x + core.width && y >= core.y && y < core.y + core.height
            }
            if reaches, stroke.pixels.count >= minimumPixels {
                found = true
            } else {
                for index in stroke.pixels { kept.ink[index] = 0 }
            }
        }
        return found ? kept : nil
    }

    /// The 28×28 classifier input, or nil when nothing reaches the stroke level.
    public func normalised() -> [Float]? {
        var minX = width, minY = height, maxX = -1, maxY = -1
        for y in 0..<height {
            for x in 0..<width where ink[y * width + x] >= Self.strokeLevel {
                minX = min(minX, x); maxX = max(maxX, x)
                minY = min(minY, y); maxY = max(maxY, y)
            }
        }
        guard maxX >= 0 else { return nil }
        let cropWidth = maxX - minX + 1, cropHeight = maxY - minY + 1
        var crop = [Float](repeating: 0, count: cropWidth * cropHeight)
        for y in 0..<cropHeight {
            for x in 0..<cropWidth { crop[y * cropWidth + x] = ink[(minY + y) * width + minX + x] }
        }
        let longer = max(cropWidth, cropHeight)
        let outWidth = cropWidth == longer ? 20 : max(1, Int((Double(cropWidth) * 20 / Double(longer)).rounded()))
        let outHeight = cropHeight == longer ? 20 : max(1, Int((Double(cropHeight) * 20 / Double(longer)).rounded()))
        let patch = Self.boxResized(crop, width: cropWidth, height: cropHeight, toWidth: outWidth, toHeight: outHeight)
        var total: Float = 0, sumX: Float = 0, sumY: Float = 0
        for y in 0..<outHeight {
            for x in 0..<outWidth {
                let value = patch[y * outWidth + x]
                total += value
                sumX += value * (Float(x) + 0.5)
                sumY += value * (Float(y) + 0.5)
            }
        }
        let side = BoxClassifier.inputSide
        let centre = Float(side) / 2
        let left = total > 0 ? Int((centre - sumX / total + 0.5).rounded(.down)) : (side - outWidth) / 2
        let top = total > 0 ? Int((centre - sumY / total + 0.5).rounded(.down)) : (side - outHeight) / 2
        let x0 = min(max(left, 0), side - outWidth), y0 = min(max(top, 0), side - outHeight)
        var input = [Float](repeating: 0, count: side * side)
        for y in 0..<outHeight {
            for x in 0..<outWidth { input[(y0 + y) * side + x0 + x] = min(1, max(0, patch[y * outWidth + x])) }
        }
        return input
    }

    /// Resizes with a box filter, as Pillow's `Image.resize(..., Image.BOX)` does, rows first.
    static func boxResized(_ pixels: [Float], width: Int, height: Int, toWidth: Int, toHeight: Int) -> [Float] {
        let across = weights(from: width, to: toWidth)
        var rows = [Float](repeating: 0, count: toWidth * height)
        for y in 0..<height {
            for (x, taps) in across.enumerated() {
                var sum: Float = 0
                for (source, weight) in taps { sum += pixels[y * width + source] * weight }
                rows[y * toWidth + x] = sum
            }
        }
        let down = weights(from: height, to: toHeight)
        var out = [Float](repeating: 0, count: toWidth * toHeight)
        for (y, taps) in down.enumerated() {
            for x in 0..<toWidth {
                var sum: Float = 0
                for (source, weight) in taps { sum += rows[source * toWidth + x] * weight }
                out[y * toWidth + x] = sum
            }
        }
        return out
    }

    /// Pillow's box-filter taps: every source pixel whose centre lies in the output pixel's
    /// footprint (at least one source pixel wide), equally weighted.
    private static func weights(from size: Int, to target: Int) -> [[(Int, Float)]] {
        let scale = Double(size) / Double(target)
        let filterScale = max(scale, 1)
        let support = 0.5 * filterScale
        return (0..<target).map { index in
            let centre = (Double(index) + 0.5) * scale
            let low = max(0, Int(centre - support + 0.5)), high = min(size, Int(centre + support + 0.5))
            var taps: [(Int, Float)] = []
            for source in low..<max(low, high) {
                let position = (Double(source) - centre + 0.5) / filterScale
                if position > -0.5, position <= 0.5 { taps.append((source, 1)) }
            }
            if taps.isEmpty { taps = [(min(max(Int(centre), 0), size - 1), 1)] }
            let total = Float(taps.count)
            return taps.map { ($0.0, $0.1 / total) }
        }
    }
}
