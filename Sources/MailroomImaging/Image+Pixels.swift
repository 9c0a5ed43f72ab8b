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
