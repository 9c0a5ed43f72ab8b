import CTesseract

extension Image {
    /// Whether the page is nearly one grey: fewer than `fraction` of the pixels inside a margin
    /// of a twentieth differ from the median grey by `contrast` or more, darker or lighter.
    ///
    /// The back of a card or sheet fed through a duplex scanner is paper with sensor noise and
    /// a few specks. A black-and-white threshold cannot say so: Otsu's splits whatever greys it
    /// is given, so the noise of a blank page turns into a field of black dots that reads as
    /// text. Ink, even a pale pencil, lies far from the paper's grey; the noise and the show-
    /// through of the other side lie near it. The margin keeps out the scanner's bed beside a
    /// card. Written and printed pages in the samples have a hundred times `fraction` = 0.0002
    /// or more at a contrast of 48; a blank back with specks, a fifth of it.
    public func isNearlyUniform(contrast: Int, fraction: Double) throws(ImagingError) -> Bool {
        let grey = try asGrey()
        let inner = PixelRect(x: width / 20, y: height / 20, width: width - width / 10, height: height - height / 10)
        guard !inner.isEmpty else { return false }
        let centre = try grey.cropped(to: inner)
        let counts = try centre.greyHistogram(sampling: 2)
        let total = counts.reduce(0, +)
        guard total > 0 else { return false }
        var seen = 0
        let median = counts.indices.first { grey in
            seen += counts[grey]
            return seen * 2 >= total
        } ?? 255
        let far = counts.indices.filter { abs($0 - median) >= contrast }.reduce(0) { $0 + counts[$1] }
        return Double(far) < fraction * Double(total)
    }
}
