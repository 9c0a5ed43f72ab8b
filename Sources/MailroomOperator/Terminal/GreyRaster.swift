/// A small 8-bit grey picture (0 black, 255 white), row by row: what the terminal draws.
public struct GreyRaster: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var pixels: [UInt8]

    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(pixels.count == width * height, "a raster needs width × height pixels")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    public subscript(x: Int, y: Int) -> UInt8 { pixels[y * width + x] }

    /// Stretched so the darkest pixel is black and the lightest white: faint pencil stays readable.
    public func stretched() -> GreyRaster {
        guard let low = pixels.min(), let high = pixels.max(), high > low else { return self }
        let span = Double(high - low)
        return GreyRaster(width: width, height: height,
                          pixels: pixels.map { UInt8((Double($0 - low) / span * 255).rounded()) })
    }
}
