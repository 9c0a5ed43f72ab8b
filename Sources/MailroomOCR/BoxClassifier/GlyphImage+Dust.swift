import MailroomImaging

extension GlyphImage {
    /// The small strokes of a written line that are dust, not writing: specks above the tops of
    /// the letters or below their feet, and specks far from any letter.
    ///
    /// A speck of dust a little above a name changes how a line model sizes the line, and the
    /// whole word reads worse (SANNA read SANWNA with two specks beside it); one far to the right
    /// is read as a stop or a comma. A speck is small next to the line's letters (under 0.3 of
    /// their height). One that sits over a letter, close above it, is kept: it may be an accent
    /// or the dot of an i. One among the letters, on the line, is kept: it may be a full stop;
    /// a round one halfway up them and apart from them is not (a dash is flat). Nearness is
    /// counted to any ink, so the pieces of a faint letter broken apart keep each other.
    func dust() -> [Stroke] {
        let strokes = strokes(minimumPixels: 1)
        let heights = strokes.filter { $0.pixels.count >= 4 }.map(\.height).sorted()
        guard heights.count >= 2 else { return [] }
        let tall = heights[heights.count * 3 / 4]
        let letters = strokes.filter { $0.height * 5 >= tall * 3 && $0.width <= tall * 3 }
        guard !letters.isEmpty else { return [] }
        let tops = letters.map(\.minY).sorted(), feet = letters.map(\.maxY).sorted()
        let top = tops[tops.count / 2], foot = feet[feet.count / 2]
        return strokes.indices.filter { index in
            let speck = strokes[index]
            guard max(speck.width, speck.height) * 10 < tall * 3 else { return false }
            let above = speck.maxY < top - tall / 10, below = speck.minY > foot + tall / 10
            let overLetter = letters.contains { letter in
                min(letter.maxX, speck.maxX) >= max(letter.minX, speck.minX) && letter.minY - speck.maxY <= tall * 35 / 100
            }
            // Columns to the nearest other ink: the pieces of a letter broken by a faint stroke
            // stand close together, dust stands apart.
            let gap = strokes.indices.lazy.filter { $0 != index && strokes[$0].pixels.count >= 4 }
                .map { max(0, strokes[$0].minX - speck.maxX - 1, speck.minX - strokes[$0].maxX - 1) }.min() ?? .max
            // Halfway up the letters and apart from them, a round speck is neither a stop (on
            // the line), an apostrophe (at their tops) nor a dash (flat).
            let middle = (speck.minY + speck.maxY) / 2, band = max(1, foot - top)
            let round = speck.width * 10 <= speck.height * 16 && speck.height * 10 <= speck.width * 16
            let midway = middle > top + band * 3 / 10 && middle < top + band * 7 / 10
            return gap * 10 > tall * 12 || below || (above && !overLetter) || (round && midway && gap * 10 >= tall)
        }.map { strokes[$0] }
    }
}

extension Image {
    /// This image of one written line with its dust wiped to the paper's tone (`GlyphImage.dust`).
    ///
    /// Returns the image itself when it holds no dust.
    public func removingDust() throws(ImagingError) -> Image {
        let (_, grey) = try greyPixels(in: PixelRect(x: 0, y: 0, width: width, height: height))
        let ink = GlyphImage(grey: grey, width: width, height: height)
        let dust = ink.dust()
        guard !dust.isEmpty else { return self }
        let paper = GlyphImage.level(grey, atFraction: 3, of: 4)
        var cleaned = grey
        for speck in dust {
            // The speck and the pale rim around it, which the stroke level leaves out.
            for y in max(0, speck.minY - 1)...min(height - 1, speck.maxY + 1) {
                for x in max(0, speck.minX - 1)...min(width - 1, speck.maxX + 1) where ink.ink[y * width + x] < GlyphImage.strokeLevel
                    || speck.contains(x: x, y: y, width: width) {
                    cleaned[y * width + x] = max(cleaned[y * width + x], paper)
                }
            }
        }
        let result = try Image.grey(pixels: cleaned, width: width, height: height)
        result.resolution = resolution
        return result
    }
}

extension GlyphImage.Stroke {
    /// Whether the pixel at `x`, `y` of an image `width` wide is one of this stroke's.
    func contains(x: Int, y: Int, width: Int) -> Bool {
        pixels.contains(y * width + x)
    }
}
