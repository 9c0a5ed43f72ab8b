import CTesseract

extension Image {
    /// An 8-bit grey image from pixel values row by row (0 black, 255 white).
    ///
    /// The web station turns review crops (plain pixel arrays) back into images to send them as PNG.
    public static func grey(pixels: [UInt8], width: Int, height: Int) throws(ImagingError) -> Image {
        guard width > 0, height > 0, pixels.count == width * height else {
            throw .operationFailed("grey image of \(width)x\(height) from \(pixels.count) pixels")
        }
        let image = try wrap(pixCreate(Int32(width), Int32(height), 8), step: "create grey image")
        for y in 0..<height {
            for x in 0..<width {
                pixSetPixel(image.pix, Int32(x), Int32(y), UInt32(pixels[y * width + x]))
            }
        }
        return image
    }
}

extension Image {
    /// Grey values (0 black … 255 white) of the part of `rect` inside the image, row by row.
    ///
    /// Reads Leptonica's words directly: per-pixel calls cost more than the classifiers that
    /// use these crops. Returns the clipped rectangle with the pixels.
    public func greyPixels(in rect: PixelRect) throws(ImagingError) -> (rect: PixelRect, pixels: [UInt8]) {
        let clip = rect.clamped(width: width, height: height)
        guard !clip.isEmpty else { return (clip, []) }
        let grey = try asGrey()
        guard let data = pixGetData(grey.pix) else { throw .operationFailed("read pixels") }
        let wordsPerLine = Int(pixGetWpl(grey.pix))
        var out = [UInt8](repeating: 255, count: clip.width * clip.height)
        withExtendedLifetime(grey) {
            for row in 0..<clip.height {
                let line = data + (clip.y + row) * wordsPerLine
                for column in 0..<clip.width {
                    let x = clip.x + column
                    // Leptonica packs 8-bit pixels big-end first within each 32-bit word.
                    out[row * clip.width + column] = UInt8(truncatingIfNeeded: line[x >> 2] >> UInt32(8 * (3 - (x & 3))))
                }
            }
        }
        return (clip, out)
    }

    /// The fraction of `rect` darker than its own paper by at least `contrast` grey levels.
    ///
    /// A page binarised by tiles keeps dark print and loses pale pencil or thin grey strokes
    /// beside it; measured against the area's own paper (its median grey), faint writing still
    /// counts as ink. Meant for areas that are mostly paper, such as a form's field zones.
    public func contrastInkFraction(in rect: PixelRect, contrast: Int = 48) throws(ImagingError) -> Double {
        let (_, pixels) = try greyPixels(in: rect)
        guard !pixels.isEmpty else { return 0 }
        var histogram = [Int](repeating: 0, count: 256)
        for value in pixels { histogram[Int(value)] += 1 }
        var seen = 0, paper = 255
        for level in 0..<256 {
            seen += histogram[level]
            if seen * 2 >= pixels.count { paper = level; break }
        }
        let limit = paper - contrast
        guard limit > 0 else { return 0 }
        return Double(histogram[..<limit].reduce(0, +)) / Double(pixels.count)
    }
}
