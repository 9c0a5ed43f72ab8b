import CTesseract

/// Which way up a page of Latin-script text stands, from Leptonica's ascender count.
///
/// Letters in Roman alphabets have many more ascenders (b, d, h, k, l) than descenders
/// (g, p, q): counting strokes that stick up against strokes that stick down, on the page as
/// it is and turned a quarter, tells which of the four orientations the text reads in. It
/// needs no model, where Tesseract's orientation detection needs the 50 MB legacy `osd`
/// model in every worker.
public struct TextOrientation: Sendable, Hashable {
    /// The clockwise quarter turns (0–3) that make the page upright; 0 when undecided.
    public let quarterTurnsToUpright: Int
    /// Whether the signals were strong enough to decide.
    public let isDecided: Bool
    /// Up against down ascenders as the page stands, in standard deviations: positive upright.
    public let upConfidence: Double
    /// The same after a quarter turn clockwise: positive when the text's tops point left.
    public let leftConfidence: Double

    /// How far the page stands turned clockwise, in degrees (0, 90, 180 or 270).
    public var degrees: Int { (4 - quarterTurnsToUpright) % 4 * 90 }

    /// Decides from Leptonica's two signals: the stronger axis wins, its sign says which way.
    ///
    /// Leptonica's own decision (`makeOrientDecision`) wants a signal of 8 and 2.5 times the
    /// other axis; on sideways pages the up-down axis still picks up a signal of up to 6, so it
    /// left 6 of the 13 sideways pages of 40 tuning letters undecided. A page turned sideways shows a strong left signal and a
    /// weak up one, an upright or upside-down page the reverse.
    public init(upConfidence: Double, leftConfidence: Double) {
        self.upConfidence = upConfidence
        self.leftConfidence = leftConfidence
        let (up, left) = (abs(upConfidence), abs(leftConfidence))
        let strong = max(up, left), weak = min(up, left)
        isDecided = strong >= Self.minimumSignal && strong >= weak * Self.minimumDominance
        quarterTurnsToUpright = switch (isDecided, up >= left) {
        case (false, _): 0
        case (true, true): upConfidence > 0 ? 0 : 2
        case (true, false): leftConfidence > 0 ? 1 : 3
        }
    }

    /// The weakest signal that decides, in Leptonica's units (standard deviations).
    public static let minimumSignal = 4.0
    /// How many times the other axis's signal the deciding one must be.
    public static let minimumDominance = 1.2
}

extension Image {
    /// Finds which way up this page's text stands.
    ///
    /// Works on a 1-bit image of printed text at 150–300 dpi; a grey or colour image is
    /// binarised first. A page with too little text (fewer than about 70 ascenders and
    /// descenders) comes back undecided. Leptonica counts strokes with a hit-miss transform,
    /// tens of milliseconds on a page at 150 dpi.
    public func textOrientation() throws(ImagingError) -> TextOrientation {
        let binary = depth == 1 ? self : try binarised()
        var up: Float = 0, left: Float = 0
        let measured = withExtendedLifetime(binary) { pixOrientDetect(binary.pix, &up, &left, 0, 0) }
        guard measured == 0 else { throw .operationFailed("text orientation") }
        return TextOrientation(upConfidence: Double(up), leftConfidence: Double(left))
    }
}
