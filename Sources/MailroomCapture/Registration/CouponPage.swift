import MailroomImaging

/// The coupon page as the field reader sees it: upright, straight, in dropout grey.
///
/// Field boxes stored with a document are in the pixels of this page, not of the file, so
/// anything that shows a field (the review crop) rebuilds it from the file the same way.
public enum CouponPage {
    /// A straightened page with its registration.
    struct Straightened {
        let image: Image
        let binary: Image
        let registration: Registration
        let quarterTurns: Int
        let skewDegrees: Double
    }

    /// The page of `scan` the reader read `form`'s fields from, or `nil` when the form's
    /// registration marks are not found.
    ///
    /// `orientationDegrees` (the page's stored orientation; upright when nil) picks between
    /// the quarter-turn hypotheses that the reader settles by reading the title, so this
    /// needs no OCR.
    public static func upright(_ scan: Image, form: Form, orientationDegrees: Int? = nil) throws(ImagingError) -> Image? {
        let page = try working(scan)
        if let found = try upright(page: page, form: form, orientationDegrees: orientationDegrees) { return found }
        if let found = try upright(page: page, binarisation: .otsuWholePage, form: form, orientationDegrees: orientationDegrees) {
            return found
        }
        // As the reader does: marks lost to the paper are looked for with the paper divided out.
        guard let even = try? page.dividingOutPaper() else { return nil }
        return try upright(page: even, form: form, orientationDegrees: orientationDegrees)
    }

    private static func upright(
        page: Image, binarisation: Binarisation = .otsu, form: Form, orientationDegrees: Int?
    ) throws(ImagingError) -> Image? {
        let binary = try page.binarised(binarisation)
        let blobs = try Registration.squareBlobs(in: binary)
        let wanted = (((orientationDegrees ?? 0) / 90) % 4 + 4) % 4
        // The hypotheses come in no fixed order: the wanted turn first, then by fewest turns;
        // within a turn, as the reader tries them (two-mark ones by the share of the form on the page).
        let candidates = try Registration.hypotheses(for: [form], blobs: blobs, binary: binary).map(\.registration).sorted { lhs, rhs in
            let l = quarterTurns(lhs), r = quarterTurns(rhs)
            return l != r ? (l == wanted ? -1 : l) < (r == wanted ? -1 : r) : lhs.coverage > rhs.coverage
        }
        var clock = StepClock()
        for candidate in candidates.prefix(4) {
            if let straight = try straighten(page, form: form, registration: candidate, clock: &clock) {
                return straight.image
            }
        }
        return nil
    }

    /// The scan in dropout grey, brought down to `Image.workingResolution` when its file says it
    /// is finer than `Image.finestUsefulResolution`.
    ///
    /// A card scanned at 600 dpi read 2.5 times as slowly as at 300, with no field read better
    /// (`ImageReader` already decodes a fine JPEG at 300; other formats are reduced here).
    /// Everything after this (registration, straightening, the field boxes stored) works on the
    /// reduced page, and the review crop rebuilds it the same way.
    static func working(_ scan: Image) throws(ImagingError) -> Image {
        try scan.dropoutGrey().atWorkingResolution().fullContrast()
    }

    static func quarterTurns(_ registration: Registration) -> Int {
        ((Int((registration.transform.rotationDegrees / 90).rounded()) % 4) + 4) % 4
    }

    /// Turns the page so the form is upright and straight, and registers it again.
    static func straighten(
        _ page: Image, form: Form, registration: Registration, clock: inout StepClock
    ) throws(ImagingError) -> Straightened? {
        let rotation = registration.transform.rotationDegrees
        let turns = quarterTurns(registration)
        let fine = rotation - Double(turns) * 90
        let normalisedFine = fine > 180 ? fine - 360 : (fine < -180 ? fine + 360 : fine)
        // Work on the coupon alone, not the scanner bed around it: rotation cost grows with area.
        let whole = Form.Zone(x: -0.03, y: -0.03, w: 1.06, h: 1.06)
        let coupon = registration.rect(for: whole, form: form).clamped(width: page.width, height: page.height)
        let cropped = coupon.width * coupon.height < page.width * page.height * 9 / 10 ? try page.cropped(to: coupon) : page
        var upright = turns == 0 ? cropped : try cropped.rotated(quarterTurns: 4 - turns)
        if abs(normalisedFine) > 0.1 {
            let turned = upright
            upright = try clock.time("straighten") { () throws(ImagingError) in try turned.rotated(byDegrees: -normalisedFine) }
        }
        guard case (var binary, let squares, var straight)? = try registeredUpright(upright, form: form, like: registration, clock: &clock)
        else { return nil }
        if let flat = try flattened(upright, form: form, registration: straight, squares: squares),
           let (flatBinary, _, flatStraight) = try registeredUpright(flat, form: form, like: registration, clock: &clock),
           flatStraight.matchedAnchors >= straight.matchedAnchors {
            (upright, binary, straight) = (flat, flatBinary, flatStraight)
        }
        upright.resolution = Int((straight.transform.scale * 25.4).rounded())
        return Straightened(image: upright, binary: binary, registration: straight, quarterTurns: turns, skewDegrees: normalisedFine)
    }

    /// The upright page's black-and-white copy and its registration, or nil when its marks fit no
    /// upright hypothesis. A page registered on two marks (`Registration.isTwoMark`) is
    /// registered again on the same two anchors: two marks fit other anchors as well.
    private static func registeredUpright(
        _ upright: Image, form: Form, like original: Registration, clock: inout StepClock
    ) throws(ImagingError) -> (binary: Image, squares: [PixelRect], registration: Registration)? {
        let binary = try clock.time("binarise") { () throws(ImagingError) in try upright.binarised(.otsu) }
        let squares = try clock.time("find marks") { () throws(ImagingError) in try Registration.squares(in: binary) }
        let candidates = original.isTwoMark
            ? Registration.twoMarkCandidates(for: form, squares: squares, pageWidth: binary.width, pageHeight: binary.height)
                .filter { $0.anchors == original.anchors }
            : Registration.candidates(for: form, squares: squares)
        guard let straight = candidates.first(where: { abs($0.transform.rotationDegrees) < 45 }) else { return nil }
        return (binary, squares, straight)
    }

    /// The upright page warped flat when its four marks sit where no affine transform puts them
    /// (a card photographed at an angle, a page that did not lie flat); nil otherwise.
    ///
    /// Registration fits an affine transform, which is all a flatbed scan needs, and three marks
    /// are enough for it. Under perspective the fourth mark strays from where the fit puts it,
    /// by more than registration allows or by a good part of its side, and the zones far from
    /// the page's centre are cut off the writing. Four marks fix a projective transform: the
    /// page is warped so that each lands where the fit puts its anchor. Each mark is the square
    /// nearest its anchor's place, of a mark's size and within `perspectiveReach` sides of it.
    static func flattened(_ upright: Image, form: Form, registration: Registration, squares: [PixelRect]) throws(ImagingError) -> Image? {
        let w = form.sizeMM.width, h = form.sizeMM.height
        let wanted = form.anchors.points.map { registration.transform.apply(Point($0[0] * w, $0[1] * h)) }
        let side = registration.anchorPixels
        guard wanted.count == 4, side > 0 else { return nil }
        let candidates = squares.filter { abs(Double($0.width + $0.height) / 2 / side - 1) < 0.6 }
            .map { Point(Double($0.x) + Double($0.width) / 2, Double($0.y) + Double($0.height) / 2) }
        var marks: [Point] = []
        for place in wanted {
            guard let mark = candidates.min(by: { $0.distance(to: place) < $1.distance(to: place) }),
                  mark.distance(to: place) < perspectiveReach * side else { return nil }
            marks.append(mark)
        }
        let stray = zip(marks, wanted).map { $0.distance(to: $1) }.max() ?? 0
        guard stray > perspectiveStray * side else { return nil }
        return try upright.projected(from: marks.map { ($0.x, $0.y) }, to: wanted.map { ($0.x, $0.y) })
    }

    /// How far (in mark sides) a mark may stray for `flattened` to look for it.
    static let perspectiveReach = 2.5
    /// A mark straying from the fit by more than this share of its side is taken for perspective
    /// (`flattened`); a flat scan's stray by a few hundredths.
    static let perspectiveStray = 0.1
}
