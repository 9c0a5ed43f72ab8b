import CTesseract

/// Geometric and tonal transforms; each returns a new image and leaves `self` untouched.
extension Image {
    /// Whether the image is 8-bit grey without a colour map: grey as it is.
    public var isPlainGrey: Bool { depth == 8 && pixGetColormap(pix) == nil }

    /// The image itself when it is plain grey, else its grey copy: for reading, never changing.
    public func asGrey() throws(ImagingError) -> Image {
        isPlainGrey ? self : try grey()
    }

    /// The image as 8-bit grey (luminance for colour scans).
    public func grey() throws(ImagingError) -> Image {
        if isPlainGrey { return try copy() }
        if depth == 32 { return try derived(pixConvertRGBToLuminance(pix), step: "grey") }
        return try derived(pixConvertTo8(pix, 0), step: "grey")
    }

    /// The image as grey for reading: `grey()`, but a black-and-white page softened
    /// (`softenedBilevel`).
    public func readingGrey() throws(ImagingError) -> Image {
        depth == 1 ? try softenedBilevel() : try grey()
    }

    /// The red channel of a colour scan as grey, or plain grey for a grey scan.
    ///
    /// Forms printed in a red "dropout" ink vanish in the red channel while blue and black
    /// handwriting stays dark: the classic way capture systems drop form boxes.
    ///
    /// Writing in red ink would vanish with them: where a pixel is a saturated, dark red (green
    /// under `redInkGreen` and red above it by more than `redInkMargin`; the light red of the
    /// dropout print has green near 170), its green channel stands in for the red. Other pages
    /// are their `readingGrey()`.
    public func dropoutGrey() throws(ImagingError) -> Image {
        guard depth == 32 else { return try readingGrey() }
        let red = try derived(pixGetRGBComponent(pix, Int32(COLOR_RED)), step: "red channel")
        let green = try derived(pixGetRGBComponent(pix, Int32(COLOR_GREEN)), step: "green channel")
        // Every image stays alive until its pointer has been used: Swift may end a lifetime early.
        try withExtendedLifetime((red, green)) { () throws(ImagingError) in
            let redOverGreen = try derived(pixSubtractGray(nil, red.pix, green.pix), step: "red over green")
            let narrow = try withExtendedLifetime(redOverGreen) { () throws(ImagingError) in
                try derived(pixThresholdToBinary(redOverGreen.pix, Int32(Self.redInkMargin + 1)), step: "red ink margin")
            }
            let dark = try derived(pixThresholdToBinary(green.pix, Int32(Self.redInkGreen)), step: "dark green")
            try withExtendedLifetime((narrow, dark)) { () throws(ImagingError) in
                // `narrow` marks red within the margin of green: its complement, where dark, is red ink.
                guard pixInvert(narrow.pix, narrow.pix) != nil, pixAnd(dark.pix, dark.pix, narrow.pix) != nil,
                      pixCombineMasked(red.pix, green.pix, dark.pix) == 0 else { throw .operationFailed("red ink kept") }
            }
        }
        return red
    }

    /// A black-and-white page as grey, each pixel the mean of the 3×3 around it.
    ///
    /// Scanners set to black and white and fax machines write grey print and pale ink as a
    /// pattern of dots (dithering), and hard, stepped edges everywhere: the form's boxes became
    /// specks for the threshold to keep, and strokes lost their shape for the readers. Softened,
    /// the dots average back to grey. On the first 40 tuning cards of seed 12
    /// (`bench/scan-modes --modes dither,bw,fax`): dithered 15.5% → 7.8% of fields wrong
    /// (7.8% in colour), thresholded 8.2% → 7.0%, faxed 12.5% → 9.2%.
    func softenedBilevel() throws(ImagingError) -> Image {
        let grey = try grey()
        return try withExtendedLifetime(grey) { () throws(ImagingError) in
            try grey.derived(pixBlockconv(grey.pix, 1, 1), step: "soften black and white")
        }
    }

    /// Red ink's green channel lies under this; the dropout print's near 170.
    public static let redInkGreen = 110
    /// Red ink's red channel lies above its green by more than this.
    public static let redInkMargin = 70

    /// Rotates by `degrees` (clockwise positive), bringing in white and keeping the size.
    public func rotated(byDegrees degrees: Double) throws(ImagingError) -> Image {
        if degrees == 0 { return try copy() }
        let radians = Float(degrees * .pi / 180)
        return try derived(pixRotate(pix, radians, Int32(L_ROTATE_AREA_MAP), Int32(L_BRING_IN_WHITE), 0, 0),
                           step: "rotate")
    }

    /// Rotates by a multiple of 90° clockwise.
    public func rotated(quarterTurns: Int) throws(ImagingError) -> Image {
        let quads = ((quarterTurns % 4) + 4) % 4
        if quads == 0 { return try copy() }
        return try derived(pixRotateOrth(pix, Int32(quads)), step: "rotate 90")
    }

    /// Scales both axes by `factor`, updating the resolution to match.
    public func scaled(by factor: Double) throws(ImagingError) -> Image {
        let scaled = try derived(pixScale(pix, Float(factor), Float(factor)), step: "scale")
        if let dpi = resolution { scaled.resolution = Int((Double(dpi) * factor).rounded()) }
        return scaled
    }

    /// Scales each axis by its own factor. Both axes then take one resolution: the finer of
    /// the two after scaling.
    public func stretched(x: Double, y: Double) throws(ImagingError) -> Image {
        let stretched = try derived(pixScale(pix, Float(x), Float(y)), step: "stretch")
        if let dpi = resolutions { stretched.resolution = Int(max(Double(dpi.x) * x, Double(dpi.y) * y).rounded()) }
        return stretched
    }

    /// The part of the image inside `rect`, clamped to the image.
    public func cropped(to rect: PixelRect) throws(ImagingError) -> Image {
        let clip = rect.clamped(width: width, height: height)
        guard !clip.isEmpty else { throw .operationFailed("crop to empty rectangle \(rect)") }
        var box: UnsafeMutablePointer<BOX>? = boxCreate(Int32(clip.x), Int32(clip.y), Int32(clip.width), Int32(clip.height))
        defer { boxDestroy(&box) }
        return try derived(pixClipRectangle(pix, box, nil), step: "crop")
    }

    /// A white-background copy with `margin` pixels of white added on every side.
    public func padded(by margin: Int) throws(ImagingError) -> Image {
        let value: UInt32 = depth == 1 ? 0 : (depth == 8 ? 255 : 0xFFFF_FF00)
        return try derived(pixAddBorder(pix, Int32(margin), value), step: "pad")
    }
}

extension Image {
    /// Scans finer than this are worked on at `workingResolution`.
    ///
    /// A card at 600 dpi holds four times the pixels of one at 300 and read 2.5 times as slowly,
    /// with no field read better: handwriting is read from crops scaled to a fixed height.
    public static let finestUsefulResolution = 360
    /// The resolution a finer scan is brought down to.
    public static let workingResolution = 300

    /// This image brought down to `workingResolution` when its resolution says it is finer than
    /// `finestUsefulResolution`; itself otherwise (also when it does not say).
    public func atWorkingResolution() throws(ImagingError) -> Image {
        guard let dpi = resolution, dpi > Self.finestUsefulResolution else { return self }
        let reduced = try scaled(by: Double(Self.workingResolution) / Double(dpi))
        reduced.resolution = Self.workingResolution
        return reduced
    }
}

extension Image {
    /// The image warped so that each of four `from` points lands on its `to` point (a
    /// projective transform: a page photographed at an angle is brought back flat), bringing in
    /// white; 8-bit grey.
    public func projected(from: [(x: Double, y: Double)], to: [(x: Double, y: Double)]) throws(ImagingError) -> Image {
        guard from.count == 4, to.count == 4 else { throw .operationFailed("projective warp needs four points each way") }
        let grey = try asGrey()
        var source = ptaCreate(4), destination = ptaCreate(4)
        defer { ptaDestroy(&source); ptaDestroy(&destination) }
        for (s, d) in zip(from, to) {
            ptaAddPt(source, Float(s.x), Float(s.y))
            ptaAddPt(destination, Float(d.x), Float(d.y))
        }
        return try grey.derived(pixProjectivePtaGray(grey.pix, destination, source, 255), step: "projective warp")
    }
}
