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
        let grey = depth == 8 && pixGetColormap(pix) == nil ? self : try self.grey()
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
}
