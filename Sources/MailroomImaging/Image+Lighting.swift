import CTesseract

/// Uneven lighting: a shadow across the paper, a photographed page, a lid left open.
extension Image {
    /// The paper's brightness across the page, brightest over darkest.
    ///
    /// Measured on the brightest pixel of each block of a fortieth of the page's long side (a
    /// block of paper keeps some paper however much ink is on it), over the blocks bright enough
    /// to be paper at all: a dark lid or table around a card is no paper in shadow. The 5th and
    /// 95th percentiles stand for darkest and brightest. A flatbed scan with its grey bed
    /// measures 1.0–1.2; a page shaded to half its brightness at one edge, about 1.8.
    public func paperBrightnessRatio() throws(ImagingError) -> Double {
        Self.ratio(of: try paperLevels())
    }

    /// The page with its paper brought to one brightness when `paperBrightnessRatio` says the
    /// lighting is uneven; the page itself, untouched, otherwise.
    ///
    /// One threshold for the whole page (Otsu's) turns the shaded side of an unevenly lit page
    /// black. The paper is divided out (`dividingOutPaper`) to the page's brightest level, so
    /// its lit side stays as it was; evenly lit scans are left exactly as they are.
    public func evenlyLit() throws(ImagingError) -> Image {
        guard isPlainGrey else { return self }
        let paper = try paperLevels()
        guard Self.ratio(of: paper) > Self.unevenLighting else { return self }
        // A page too small for the tiles is read as it is.
        return (try? dividingOutPaper(to: Int(paper[paper.count * 19 / 20]))) ?? self
    }

    /// The page with its paper's brightness estimated tile by tile around the ink and divided
    /// out, bringing all of it to `level`: shadows go, and tinted card stock turns white.
    ///
    /// Leptonica's `pixBackgroundNorm`, with tiles of an eighth of an inch: a registration mark
    /// or a thick stroke fills a tile, and such tiles take their neighbours' paper.
    public func dividingOutPaper(to level: Int = 250) throws(ImagingError) -> Image {
        let grey = try asGrey()
        let tile = Int32(max(16, (resolution ?? 300) / 8))
        return try grey.derived(pixBackgroundNorm(grey.pix, nil, nil, tile, tile, Int32(Self.leastPaperGrey), tile * tile / 4,
                                                  Int32(level), 2, 2),
                                step: "paper divided out")
    }

    /// The page with its greys stretched from its darkest ink to its paper, when even its
    /// darkest ink is pale (a faded copy, a scanner set too light); the page itself otherwise.
    ///
    /// A printed card always holds black (its registration marks, its labels), so a page whose
    /// darkest half percent is lighter than `palestBlack` was captured pale throughout, and the
    /// ink thresholds tuned on black ink and white paper miss its writing. The darkest half
    /// percent goes to black and the brightest paper to white (Leptonica's `pixGammaTRC`).
    public func fullContrast() throws(ImagingError) -> Image {
        guard isPlainGrey, let darkest = try darkestHalfPercent(), darkest > Self.palestBlack
        else { return self }
        let paper = try paperLevels()
        guard paper.count >= 16 else { return self }
        let brightest = Int(paper[paper.count * 19 / 20])
        guard brightest > darkest + 32 else { return self }
        return try derived(pixGammaTRC(nil, pix, 1, Int32(darkest), Int32(brightest)), step: "full contrast")
    }

    /// The palest a page's darkest half percent may be and the page still count as holding
    /// black (`fullContrast`); a sharp scan's is under 30, a blurred one's under 75.
    public static let palestBlack = 90

    /// Paper brightness ratios above this are uneven lighting (`evenlyLit`).
    public static let unevenLighting = 1.3
    /// The darkest grey still taken for paper rather than ink or a dark background.
    static let leastPaperGrey = 100

    /// The brightest grey of each block of the page that is bright enough to be paper, sorted.
    private func paperLevels() throws(ImagingError) -> [UInt8] {
        guard width >= 64, height >= 64 else { return [] }
        let grey = try asGrey()
        let block = Int32(max(8, max(width, height) / 40))
        let maxima = try grey.derived(pixScaleGrayMinMax(grey.pix, block, block, Int32(L_CHOOSE_MAX)), step: "paper brightness")
        return try maxima.greyPixels().filter { Int($0) >= Self.leastPaperGrey }.sorted()
    }

    /// The grey below which the darkest half percent of the page lies, from every fourth pixel
    /// of every fourth row.
    private func darkestHalfPercent() throws(ImagingError) -> Int? {
        let counts = try greyHistogram(sampling: 4)
        let total = counts.reduce(0, +)
        guard total > 0 else { return nil }
        var seen = 0
        for (grey, count) in counts.enumerated() {
            seen += count
            if seen * 200 >= total { return grey }
        }
        return 255
    }

    /// How many pixels have each grey level (0…255), from every `sampling`th pixel of every
    /// `sampling`th row of an 8-bit image.
    func greyHistogram(sampling: Int) throws(ImagingError) -> [Int] {
        var histogram: UnsafeMutablePointer<NUMA>? = pixGetGrayHistogram(pix, Int32(sampling))
        defer { numaDestroy(&histogram) }
        guard histogram != nil else { throw .operationFailed("grey histogram") }
        var counts = [Int32](repeating: 0, count: 256)
        for grey in 0..<Int(min(256, numaGetCount(histogram))) { numaGetIValue(histogram, Int32(grey), &counts[grey]) }
        return counts.map(Int.init)
    }

    /// Brightest over darkest of sorted paper levels; 1 when too few blocks are paper to tell.
    private static func ratio(of paper: [UInt8]) -> Double {
        guard paper.count >= 16 else { return 1 }
        return Double(paper[paper.count * 19 / 20]) / Double(max(paper[paper.count / 20], 1))
    }
}
