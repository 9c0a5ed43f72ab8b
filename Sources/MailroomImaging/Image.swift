import CTesseract

/// A raster image held by Leptonica, owned by exactly one Swift value.
///
/// `Image` frees its `PIX` in `deinit`. It is deliberately not `Sendable`: an image lives on the
/// worker thread that decoded it, and only plain Swift values (text, numbers) cross threads.
public final class Image {
    /// The Leptonica image. Visible inside the package only, so nothing above OCR sees a `PIX`.
    package let pix: UnsafeMutablePointer<PIX>

    /// Takes ownership of a `PIX` that the caller must no longer free.
    package init(owning pix: UnsafeMutablePointer<PIX>) {
        self.pix = pix
    }

    deinit {
        var pointer: UnsafeMutablePointer<PIX>? = pix
        pixDestroy(&pointer)
    }

    public var width: Int { Int(pixGetWidth(pix)) }
    public var height: Int { Int(pixGetHeight(pix)) }
    /// Bits per pixel: 1, 8 or 32 for what Mailroom makes.
    public var depth: Int { Int(pixGetDepth(pix)) }

    /// The scan resolution in dots per inch, or `nil` when the file did not say.
    public var resolution: Int? {
        get {
            let x = Int(pixGetXRes(pix))
            return x > 0 ? x : nil
        }
        set {
            // pixSetResolution ignores 0, so it could not say "unknown".
            let value = Int32(max(0, newValue ?? 0))
            pixSetXRes(pix, value)
            pixSetYRes(pix, value)
        }
    }

    /// The resolution across and down, when the file gave both. They differ on a fax page
    /// (204 by 98 or 196 dpi) until `ImageReader` makes its pixels square.
    public var resolutions: (x: Int, y: Int)? {
        get {
            let x = Int(pixGetXRes(pix)), y = Int(pixGetYRes(pix))
            return x > 0 && y > 0 ? (x, y) : nil
        }
        set {
            pixSetXRes(pix, Int32(max(0, newValue?.x ?? 0)))
            pixSetYRes(pix, Int32(max(0, newValue?.y ?? 0)))
        }
    }

    /// An independent copy, for steps that must keep the original.
    public func copy() throws(ImagingError) -> Image {
        try Image.wrap(pixCopy(nil, pix), step: "copy")
    }

    /// Wraps a freshly made `PIX`, turning Leptonica's `NULL` into a typed error.
    package static func wrap(_ made: UnsafeMutablePointer<PIX>?, step: String) throws(ImagingError) -> Image {
        guard let made else { throw ImagingError.operationFailed(step) }
        return Image(owning: made)
    }

    /// Makes a new image that keeps this one's resolution.
    package func derived(_ made: UnsafeMutablePointer<PIX>?, step: String) throws(ImagingError) -> Image {
        let image = try Image.wrap(made, step: step)
        if image.resolution == nil { image.resolution = resolution }
        return image
    }
}

/// A rectangle in pixel coordinates, origin top-left.
public struct PixelRect: Sendable, Hashable, Codable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width <= 0 || height <= 0 }

    /// The part of this rectangle inside `0..<width × 0..<height`.
    public func clamped(width limitW: Int, height limitH: Int) -> PixelRect {
        let x0 = min(max(x, 0), limitW), y0 = min(max(y, 0), limitH)
        let x1 = min(max(maxX, 0), limitW), y1 = min(max(maxY, 0), limitH)
        return PixelRect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }

    /// Shrinks (or, with a negative amount, grows) each side by `amount` pixels.
    public func insetBy(_ amount: Int) -> PixelRect {
        PixelRect(x: x + amount, y: y + amount, width: width - 2 * amount, height: height - 2 * amount)
    }

    public var description: String { "\(width)x\(height)+\(x)+\(y)" }
}
