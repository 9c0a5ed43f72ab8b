import MailroomImaging

extension BoxClassifier {
    /// Reads the character in one comb box of `image`, or nil when the box holds no stroke.
    ///
    /// The crop reaches a little past the box, for strokes that spill over its line; only
    /// strokes reaching the middle of the box count, so a neighbour's spill is not read.
    /// Every label with at least half a percent of probability is kept as an alternative.
    public func read(_ image: Image, box: PixelRect) throws(OCRError) -> CharacterReading? {
        let spill = max(1, box.width / 8)
        let area = PixelRect(x: box.x - spill, y: box.y - spill, width: box.width + 2 * spill, height: box.height + 2 * spill)
        let crop: (rect: PixelRect, pixels: [UInt8])
        do { crop = try image.greyPixels(in: area) } catch { throw .recognitionFailed("box \(box): \(error)") }
        guard !crop.rect.isEmpty else { return nil }
        let core = box.insetBy(max(1, min(box.width, box.height) / 5))
        let glyph = GlyphImage(grey: crop.pixels, width: crop.rect.width, height: crop.rect.height)
            .keepingStrokes(touching: (core.x - crop.rect.x, core.y - crop.rect.y, core.width, core.height))
        guard let input = glyph?.normalised() else { return nil }
        let chances = probabilities(input)
        let alternatives = zip(labels, chances)
            .filter { $0.1 >= 0.005 }
            .sorted { $0.1 > $1.1 }
            .map { Alternative($0.0, confidence: Double($0.1) * 100) }
        guard let best = alternatives.first else { return nil }
        return CharacterReading(text: best.text, confidence: best.confidence, alternatives: alternatives, box: box)
    }
}
