/// A hand-printed line cut into its characters, for a classifier to read one by one.
///
/// Block capitals on a coupon line are mostly written apart, so the connected strokes,
/// grouped by the columns they share (an accent or the dot of an i with its letter, a broken
/// stroke with the rest), are the characters. A group much wider than the line's characters
/// is letters that touch, cut at its thinnest columns; a mark far smaller than the letters is
/// punctuation, told apart by where it sits on the line. Word gaps are gaps well above the
/// line's usual spacing.
public struct GlyphLine: Sendable {
    /// A character's strokes or part of them, or a punctuation mark recognised from its shape.
    public struct Piece: Sendable {
        /// The piece's pixels and bounding box in the line image.
        public var stroke: GlyphImage.Stroke
        public var minX: Int { stroke.minX }
        public var minY: Int { stroke.minY }
        public var maxX: Int { stroke.maxX }
        public var maxY: Int { stroke.maxY }
        /// `.`, `-`, `_`, `'` or `/` when the shape is a mark rather than a letter or digit.
        public var mark: String?
        /// Whether a word gap comes before this piece.
        public var startsWord = false
    }

    /// The pieces from left to right: whole characters, or parts of one that a reader may join.
    public private(set) var pieces: [Piece] = []
    let ink: GlyphImage
    /// The height of the line's full-size characters, in pixels (0 when nothing is written).
    public private(set) var characterHeight = 0

    /// Cuts `ink` (the line and a margin around it) into characters; only strokes whose middle
    /// lies between `bandTop` and `bandBottom` (the writing zone) belong to the line.
    public init(ink: GlyphImage, bandTop: Int, bandBottom: Int) {
        self.ink = ink
        let band = max(1, bandBottom - bandTop)
        let strokes = ink.strokes(minimumPixels: 3).filter { stroke in
            let middle = (stroke.minY + stroke.maxY) / 2
            guard middle >= bandTop, middle <= bandBottom else { return false }
            // A printed rule or a box line the dropout left behind, not writing.
            let ruled = stroke.width > band * 2 && stroke.height * 8 < stroke.width
            let upright = stroke.height > band / 2 && stroke.width * 10 < stroke.height
                && (stroke.minX == 0 || stroke.maxX == ink.width - 1)
            return !ruled && !upright
        }
        var groups = Self.grouped(strokes)
        let heights = groups.map(\.height).sorted()
        guard let tall = heights.isEmpty ? nil : heights[heights.count * 3 / 4] else { return }
        characterHeight = tall
        groups = Self.attachingMarks(groups, height: tall)
        let fullSize = groups.filter { $0.height * 5 >= tall * 3 }
        let bottoms = fullSize.map(\.maxY).sorted()
        let baseline = bottoms.isEmpty ? bandBottom : bottoms[bottoms.count / 2]
        groups.removeAll { Self.isSpeck($0, height: tall, baseline: baseline) }
        let leans = fullSize.compactMap { Self.fit($0, imageWidth: ink.width)?.lean }.sorted()
        let writersLean = leans.isEmpty ? 0 : leans[leans.count / 2]
        for group in groups {
            let mark = Self.mark(group, height: tall, baseline: baseline)
                ?? (Self.isSlash(group, height: tall, imageWidth: ink.width, writersLean: writersLean) ? "/" : nil)
            if mark == nil, group.width * 10 > tall * 9 {
                // Perhaps letters that touch: cut generously, a reader joins what belongs together.
                let parts = min(8, max(2, Int((Double(group.width) / (Double(tall) * 0.55)).rounded(.up))))
                for part in Self.cut(group, into: parts, ink: ink) { pieces.append(Piece(stroke: part, mark: nil)) }
            } else {
                pieces.append(Piece(stroke: group, mark: mark))
            }
        }
        pieces.sort { $0.minX < $1.minX }
        let gaps = zip(pieces, pieces.dropFirst()).map { $1.minX - $0.maxX - 1 }
        let usualGap = gaps.isEmpty ? 0 : gaps.sorted()[gaps.count / 2]
        let wordGap = max(tall * 42 / 100, min(tall * 8 / 10, usualGap * 2))
        for (index, gap) in gaps.enumerated() where gap > wordGap { pieces[index + 1].startsWord = true }
    }

    /// Whether a group is too small to be writing: dust or scanner noise.
    ///
    /// A full stop written with a fine pen can be as small as the noise (a tenth of the line's
    /// height), so a small group is kept when it is a solid blot of at least 3 × 3 pixels
    /// sitting on the baseline, where a stop goes.
    static func isSpeck(_ group: GlyphImage.Stroke, height: Int, baseline: Int) -> Bool {
        guard max(group.width, group.height) * 10 < height, group.pixels.count * 100 < height * height else { return false }
        let solid = group.width >= 3 && group.height >= 3 && group.pixels.count * 2 >= group.width * group.height
        let onBaseline = abs(group.maxY - baseline) * 10 <= height * 2
        return !(solid && onBaseline)
    }

    /// Strokes joined when they share most of the narrower one's columns.
    static func grouped(_ strokes: [GlyphImage.Stroke]) -> [GlyphImage.Stroke] {
        var groups: [GlyphImage.Stroke] = []
        for stroke in strokes.sorted(by: { $0.minX < $1.minX }) {
            let best = groups.indices.max { overlap(groups[$0], stroke) < overlap(groups[$1], stroke) }
            if let best, overlap(groups[best], stroke) * 2 >= min(groups[best].width, stroke.width) {
                groups[best] = joined(groups[best], stroke)
            } else {
                groups.append(stroke)
            }
        }
        return groups
    }

    /// Small groups above or below a letter (accents, the dot of an i, an ogonek) joined to it.
    static func attachingMarks(_ groups: [GlyphImage.Stroke], height: Int) -> [GlyphImage.Stroke] {
        var groups = groups.sorted { $0.height > $1.height }
        var index = groups.count - 1
        while index > 0 {
            let small = groups[index]
            if small.height * 10 < height * 4,
               let letter = groups[..<index].indices.first(where: { candidate in
                   let big = groups[candidate]
                   return big.height * 10 >= height * 6 && overlap(big, small) * 10 >= small.width * 3
                       && (small.maxY <= big.minY + height * 3 / 10 || small.minY >= big.maxY - height / 10)
               }) {
                groups[letter] = joined(groups[letter], small)
                groups.remove(at: index)
            }
            index -= 1
        }
        return groups
    }

    /// The punctuation a small group's shape and place on the line say it is, if any.
    static func mark(_ group: GlyphImage.Stroke, height: Int, baseline: Int) -> String? {
        guard group.height * 10 < height * 4 else { return nil }
        let middle = (group.minY + group.maxY) / 2
        let flat = group.width * 10 >= group.height * 16 && group.width * 10 >= height * 2
        if flat { return middle >= baseline - height * 15 / 100 ? "_" : (middle >= baseline - height * 8 / 10 ? "-" : nil) }
        guard max(group.width, group.height) * 10 < height * 4 else { return nil }
        if middle >= baseline - height * 3 / 10 { return "." }
        if middle <= baseline - height * 6 / 10 { return "'" }
        return nil
    }

    /// Whether a group is a slash: one thin straight stroke of most of the line's height,
    /// leaning right well beyond the writer's own slant (`writersLean`, the median lean of the
    /// line's full-size characters).
    ///
    /// The line models read the slash of a flat number (`116/B`, `25/42`) as a 1 or lose it,
    /// and the classifier knows no slash; its shape tells it apart. The stroke's columns are
    /// fitted against its rows: a slash spreads little around that line (a 7, an L or a V
    /// spread far more), and its top lies well to the right. A 1 can lean as far in a
    /// writer's hand (2 of 32 held-back MNIST ones lean more than a third of their height),
    /// so the lean counts against the writer's slant, and at least `slashLean`.
    static func isSlash(_ group: GlyphImage.Stroke, height: Int, imageWidth: Int, writersLean: Double) -> Bool {
        guard group.height * 10 >= height * 6, group.width * 10 >= group.height * 3, group.width <= group.height,
              let fit = fit(group, imageWidth: imageWidth) else { return false }
        return fit.lean <= -slashLean && fit.lean <= min(0, writersLean) - slashLean / 2
            && fit.spread * 10 <= Double(group.height)
    }

    /// How far a slash leans at least: columns per row.
    static let slashLean = 0.4

    /// A straight line fitted through a group's pixels, columns against rows: its lean (columns
    /// per row, negative when the stroke climbs to the right, as rows grow downwards) and how
    /// far the pixels spread around it (the standard deviation of their columns off it).
    static func fit(_ group: GlyphImage.Stroke, imageWidth: Int) -> (lean: Double, spread: Double)? {
        guard group.pixels.count >= 8 else { return nil }
        var sumX = 0.0, sumY = 0.0, sumXY = 0.0, sumYY = 0.0, sumXX = 0.0
        for index in group.pixels {
            let x = Double(index % imageWidth), y = Double(index / imageWidth)
            sumX += x; sumY += y; sumXY += x * y; sumYY += y * y; sumXX += x * x
        }
        let count = Double(group.pixels.count)
        let varianceY = sumYY / count - (sumY / count) * (sumY / count)
        let varianceX = sumXX / count - (sumX / count) * (sumX / count)
        let covariance = sumXY / count - (sumX / count) * (sumY / count)
        guard varianceY > 0 else { return nil }
        let lean = covariance / varianceY
        return (lean, max(0, varianceX - lean * covariance).squareRoot())
    }

    /// A too-wide group cut into `parts` at its thinnest columns near the even divisions.
    static func cut(_ group: GlyphImage.Stroke, into parts: Int, ink: GlyphImage) -> [GlyphImage.Stroke] {
        var columns = [Float](repeating: 0, count: group.width)
        for index in group.pixels { columns[index % ink.width - group.minX] += ink.ink[index] }
        var cuts: [Int] = []
        for part in 1..<parts {
            let target = group.width * part / parts, reach = max(1, group.width / (parts * 4))
            let low = max(1, target - reach), high = min(group.width - 2, target + reach)
            guard low <= high else { continue }
            cuts.append(group.minX + ((low...high).min { columns[$0] < columns[$1] } ?? target))
        }
        var pieces = [[Int]](repeating: [], count: cuts.count + 1)
        for index in group.pixels {
            let x = index % ink.width
            pieces[cuts.firstIndex { x < $0 } ?? cuts.count].append(index)
        }
        return pieces.filter { !$0.isEmpty }.map { pixels in
            var stroke = GlyphImage.Stroke(pixels: pixels, minX: ink.width, minY: ink.height, maxX: -1, maxY: -1)
            for index in pixels {
                let x = index % ink.width, y = index / ink.width
                stroke.minX = min(stroke.minX, x); stroke.maxX = max(stroke.maxX, x)
                stroke.minY = min(stroke.minY, y); stroke.maxY = max(stroke.maxY, y)
            }
            return stroke
        }
    }

    static func overlap(_ a: GlyphImage.Stroke, _ b: GlyphImage.Stroke) -> Int {
        max(0, min(a.maxX, b.maxX) - max(a.minX, b.minX) + 1)
    }

    static func joined(_ a: GlyphImage.Stroke, _ b: GlyphImage.Stroke) -> GlyphImage.Stroke {
        GlyphImage.Stroke(pixels: a.pixels + b.pixels, minX: min(a.minX, b.minX), minY: min(a.minY, b.minY),
                          maxX: max(a.maxX, b.maxX), maxY: max(a.maxY, b.maxY))
    }

    /// The ink of `pieces[range]` alone, cropped to their bounding box.
    public func glyph(of range: Range<Int>) -> GlyphImage {
        let joined = pieces[range].dropFirst().reduce(pieces[range.lowerBound].stroke) { Self.joined($0, $1.stroke) }
        var glyph = GlyphImage(ink: [Float](repeating: 0, count: joined.width * joined.height), width: joined.width, height: joined.height)
        for index in joined.pixels {
            let x = index % ink.width - joined.minX, y = index / ink.width - joined.minY
            glyph.ink[y * joined.width + x] = ink.ink[index]
        }
        return glyph
    }

    /// Whether `pieces[range]` could be one character: no word gap, stop or dash among several
    /// pieces, no wide gap between them, and not much wider than the line's characters.
    public func canJoin(_ range: Range<Int>) -> Bool {
        guard range.count > 1 else { return true }
        let slice = pieces[range]
        // A mark high on the line may be the dot of an i or an accent that strayed to one side,
        // and a slash may be a letter's leaning stroke (of an N, an A, a K).
        guard slice.allSatisfy({ $0.mark == nil || $0.mark == "'" || $0.mark == "/" }), !slice.dropFirst().contains(where: \.startsWord) else {
            return false
        }
        let width = slice.map(\.maxX).max()! - slice.map(\.minX).min()! + 1
        // Parts of one letter touch or nearly touch; a small fragment may stand a little off.
        return width * 10 <= characterHeight * 15 && zip(slice, slice.dropFirst()).allSatisfy { left, right in
            let gap = right.minX - left.maxX - 1
            let fragment = min(left.maxY - left.minY, right.maxY - right.minY) * 2 < characterHeight
            return gap * 100 <= characterHeight * (fragment ? 25 : 8)
        }
    }
}
