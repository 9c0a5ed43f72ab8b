import CTesseract

/// How grey is turned into black and white.
public enum Binarisation: String, Sendable, Hashable, Codable, CaseIterable {
    /// Otsu's global-style threshold, computed per tile: fast, good for even lighting.
    case otsu
    /// Sauvola's local threshold: slower, copes with shadows and uneven paper.
    case sauvola
    /// Otsu's threshold over the whole page as one tile: where a tile holds only a grey
    /// scanner bed and white, the tiled threshold turns the bed black, and a mark near the
    /// card's edge runs into it.
    case otsuWholePage
}

/// Black-and-white operations, used for skew, registration and tick boxes.
extension Image {
    /// A 1-bit image (black = 1) from this image.
    public func binarised(_ method: Binarisation = .otsu) throws(ImagingError) -> Image {
        if depth == 1 { return try copy() }
        let source = try asGrey()
        var binary: UnsafeMutablePointer<PIX>?
        let status: Int32 = withExtendedLifetime(source) {
            switch method {
            case .otsu:
                let tile = max(64, min(source.width, source.height) / 4)
                return pixOtsuAdaptiveThreshold(source.pix, Int32(tile), Int32(tile), 0, 0, 0.1, nil, &binary)
            case .otsuWholePage:
                return pixOtsuAdaptiveThreshold(source.pix, Int32(source.width), Int32(source.height), 0, 0, 0.1, nil, &binary)
            case .sauvola:
                let window = max(7, (source.resolution ?? 300) / 12)
                return pixSauvolaBinarizeTiled(source.pix, Int32(window), 0.34, 1, 1, nil, &binary)
            }
        }
        guard status == 0, let binary else { throw .operationFailed("binarise (\(method))") }
        return try derived(binary, step: "binarise")
    }

    /// A 1-bit image with a fixed threshold: pixels darker than `threshold` become black.
    public func thresholded(_ threshold: Int) throws(ImagingError) -> Image {
        let source = depth == 8 ? self : try grey()
        return try withExtendedLifetime(source) { () throws(ImagingError) in
            try derived(pixThresholdToBinary(source.pix, Int32(threshold)), step: "threshold")
        }
    }

    /// Removes black specks smaller than `size` pixels in both directions (1-bit images).
    public func despeckled(size: Int) throws(ImagingError) -> Image {
        guard depth == 1 else { throw .operationFailed("despeckle needs a 1-bit image") }
        return try derived(pixSelectBySize(pix, Int32(size), Int32(size), 8,
                                           Int32(L_SELECT_IF_EITHER), Int32(L_SELECT_IF_GTE), nil),
                           step: "despeckle")
    }

    /// Removes black regions connected to the image edge: scanner shadows and page borders (1-bit images).
    public func borderCleaned() throws(ImagingError) -> Image {
        guard depth == 1 else { throw .operationFailed("border clean-up needs a 1-bit image") }
        return try derived(pixRemoveBorderConnComps(pix, 8), step: "border clean-up")
    }

    /// The fraction of black pixels inside `rect` of a 1-bit image.
    public func inkFraction(in rect: PixelRect) -> Double {
        let clip = rect.clamped(width: width, height: height)
        guard depth == 1, !clip.isEmpty else { return 0 }
        var box: UnsafeMutablePointer<BOX>? = boxCreate(Int32(clip.x), Int32(clip.y), Int32(clip.width), Int32(clip.height))
        defer { boxDestroy(&box) }
        var count: Int32 = 0
        pixCountPixelsInRect(pix, box, &count, nil)
        return Double(count) / Double(clip.width * clip.height)
    }

    /// The bounding boxes of black connected components of a 1-bit image.
    public func components() throws(ImagingError) -> [PixelRect] {
        guard depth == 1 else { throw .operationFailed("components need a 1-bit image") }
        var boxa = pixConnComp(pix, nil, 8)
        defer { boxaDestroy(&boxa) }
        guard let boxa else { throw .operationFailed("connected components") }
        return (0..<boxaGetCount(boxa)).map { index in
            var x: Int32 = 0, y: Int32 = 0, w: Int32 = 0, h: Int32 = 0
            boxaGetBoxGeometry(boxa, index, &x, &y, &w, &h)
            return PixelRect(x: Int(x), y: Int(y), width: Int(w), height: Int(h))
        }
    }
}

extension Image {
    /// The mean grey level of an 8-bit image (0 black … 255 white), or nil for other depths.
    public func meanGrey() -> Double? {
        guard depth == 8 else { return nil }
        var mean: Float = 0
        guard pixAverageInRect(pix, nil, nil, 0, 255, 1, &mean) == 0 else { return nil }
        return Double(mean)
    }
}
