import Foundation
import MailroomImaging

/// Aligns a scan to a form from the form's printed registration squares.
///
/// Scans arrive shifted, scaled, rotated (by a few degrees or by quarter turns) and cropped
/// differently. Registration finds solid square blobs on the page, then searches for the
/// similarity transform that puts the form's anchors onto them, and refines it by least squares.
/// Anchors are matched as a set, so stray squares (a filled tick box, a logo) do not fool it.
public struct Registration: Sendable, Hashable {
    /// Form millimetres → scan pixels.
    public var transform: AffineTransform
    /// Anchors that found a matching square.
    public var matchedAnchors: Int
    /// Root-mean-square distance between mapped anchors and their squares, in scan pixels.
    public var residualPixels: Double
    public var anchorPixels: Double
    /// Mean side of the matched squares over the side the form's anchors should have at this
    /// scale. Forms with nearly the same layout differ in anchor size, so this orders the
    /// forms to try first; the title still decides.
    public var sizeRatio: Double = 1
    /// The squares the matched anchors landed on.
    var marks: [PixelRect] = []
    /// For a registration on two marks alone (`twoMarkCandidates`), the anchors they are.
    var anchors: [Int] = []
    /// The share of the form that lies on the scan; below 1 only for two-mark registrations.
    var coverage: Double = 1

    /// The residual relative to the anchor size; under about 0.25 is a good fit.
    public var relativeResidual: Double { anchorPixels > 0 ? residualPixels / anchorPixels : 1 }

    /// The scan rectangle covering a zone of the form.
    public func rect(for zone: Form.Zone, form: Form) -> PixelRect {
        let w = form.sizeMM.width, h = form.sizeMM.height
        let corners = [Point(zone.x * w, zone.y * h), Point((zone.x + zone.w) * w, zone.y * h),
                       Point(zone.x * w, (zone.y + zone.h) * h), Point((zone.x + zone.w) * w, (zone.y + zone.h) * h)]
            .map(transform.apply)
        let minX = corners.map(\.x).min() ?? 0, maxX = corners.map(\.x).max() ?? 0
        let minY = corners.map(\.y).min() ?? 0, maxY = corners.map(\.y).max() ?? 0
        return PixelRect(x: Int(minX.rounded()), y: Int(minY.rounded()),
                         width: Int((maxX - minX).rounded()), height: Int((maxY - minY).rounded()))
    }
}

extension Registration {
    /// Solid, roughly square blobs on a 1-bit page: the candidates for registration marks of a
    /// card fed straight, each filling at least `squareFill` of its upright box.
    ///
    /// A card fed crooked turns its marks with it, and a turned square fills less of its upright
    /// box: 1 / (cos a + sin a)², 0.85 at 5°, 0.71 at 12°, 0.57 at 25°. `squareFill` asks for a
    /// square within about 4° of upright; the later `looks` allow more, but let in more that is
    /// no mark (a filled tick box, a disc at 0.79), so they are only tried when a look finds none.
    static func squares(in binary: Image) throws(ImagingError) -> [PixelRect] {
        try squareBlobs(in: binary).filter { $0.fill > squareFill }.map(\.box)
    }

    /// Every blob that could be a mark in any of the `looks`, with the share of its upright box
    /// it fills: the page's components are found once for all of them.
    static func squareBlobs(in binary: Image) throws(ImagingError) -> [(box: PixelRect, fill: Double)] {
        let minimum = max(6, min(binary.width, binary.height) / 150)
        let maximum = max(binary.width, binary.height) / 12
        return try binary.components().compactMap { box in
            guard box.width >= minimum, box.height >= minimum, box.width <= maximum, box.height <= maximum else { return nil }
            let aspect = Double(box.width) / Double(box.height)
            guard aspect > 0.75, aspect < 1.33 else { return nil }
            let fill = binary.inkFraction(in: box)
            return fill > looks[looks.count - 1] ? (box, fill) : nil
        }
    }

    /// The least share of its upright box a registration mark fills on a card fed straight.
    static let squareFill = 0.82
    /// The least share on a card fed up to about 10° crooked.
    static let crookedSquareFill = 0.70
    /// The least share on a card fed up to about 25° crooked.
    static let steepSquareFill = 0.55
    /// The fills asked for, look by look: a page is looked at again, asking less, only when
    /// its marks fit no form.
    static let looks = [squareFill, crookedSquareFill, steepSquareFill]

    /// The form and registration hypotheses of the first look whose squares fit any form.
    ///
    /// Reading a coupon and rebuilding its page for review (`CouponPage.upright`) go through
    /// this one function, so both find a crooked card the same way. After the first look, a
    /// hypothesis stands only when its marks are squares turned as it says (`marksFitTurn`).
    /// When no look fits three marks, the two-mark hypotheses of a card cut off at one side
    /// (`twoMarkCandidates`), whose title must then confirm them.
    static func hypotheses(
        for forms: [Form], blobs: [(box: PixelRect, fill: Double)], binary: Image
    ) throws(ImagingError) -> [(form: Form, registration: Registration)] {
        for (look, fill) in looks.enumerated() {
            var squares = blobs.filter { $0.fill > fill }.map(\.box)
            // Matching costs the square of the squares: a letter's page lets hundreds of its
            // blots and bold letters into the later looks, where a card's marks are among its
            // largest solid blobs.
            if look > 0, squares.count > laterLookSquares {
                squares = Array(squares.sorted { $0.width * $0.height > $1.width * $1.height }.prefix(laterLookSquares))
            }
            var found: [(form: Form, registration: Registration)] = []
            for form in forms {
                for candidate in candidates(for: form, squares: squares) {
                    if look == 0 { found.append((form, candidate)); continue }
                    if try candidate.marksFitTurn(binary) { found.append((form, candidate)) }
                }
            }
            if !found.isEmpty { return found }
        }
        // No three marks fit any form: a card cut off on one side keeps two.
        let squares = blobs.filter { $0.fill > squareFill }.map(\.box)
        var found: [(form: Form, registration: Registration)] = []
        for form in forms {
            for candidate in twoMarkCandidates(for: form, squares: squares, pageWidth: binary.width, pageHeight: binary.height)
            where try candidate.marksFitTurn(binary) {
                found.append((form, candidate))
            }
        }
        return found
    }

    /// Whether at least two matched marks are squares turned as this registration says:
    /// about the size of the form's anchor, and agreeing with a square of their own size at that
    /// turn on at least `turnedSquareAgreement` of the pixels of their upright box.
    ///
    /// Asking less fill lets in blobs that are no mark (a letter's blots and bold letters),
    /// and three of them can fit a form's anchor layout by chance; their shape does not
    /// agree with the turn they fitted. Two, not all: the fit itself needs three marks or
    /// more in place, and one cut by the scan's edge or touched by a pen stroke still counts.
    func marksFitTurn(_ binary: Image) throws(ImagingError) -> Bool {
        let rotation = transform.rotationDegrees
        let fine = (rotation - (rotation / 90).rounded() * 90) * .pi / 180
        let c = cos(fine), s = sin(fine)
        let growth = abs(c) + abs(s)
        var squares = 0
        for box in marks where abs(Double(box.width + box.height) / 2 / (anchorPixels * growth) - 1) < 0.25 {
            // The square's own size, not the form's: perspective and print make marks differ.
            let half = Double(box.width + box.height) / 4 / growth
            // Cropped first: grey pixels of a 1-bit image convert the whole image.
            let crop = try binary.cropped(to: box)
            let pixels = try crop.greyPixels(in: PixelRect(x: 0, y: 0, width: crop.width, height: crop.height)).pixels
            let cx = Double(crop.width) / 2, cy = Double(crop.height) / 2
            var agreeing = 0
            for row in 0..<crop.height {
                for column in 0..<crop.width {
                    let dx = Double(column) + 0.5 - cx, dy = Double(row) + 0.5 - cy
                    let inside = abs(dx * c + dy * s) <= half && abs(-dx * s + dy * c) <= half
                    if inside == (pixels[row * crop.width + column] < 128) { agreeing += 1 }
                }
            }
                if Double(agreeing) >= Self.turnedSquareAgreement * Double(pixels.count) { squares += 1 }
            if squares >= 2 { return true }
        }
        return false
    }

    /// The most squares a look after the first matches, the largest (`hypotheses`).
    static let laterLookSquares = 40

    /// The least share of a mark's upright box that must agree with the turned square
    /// (`marksFitTurn`).
    static let turnedSquareAgreement = 0.85

    /// The best alignment of `form` onto the squares, or `nil` when too few anchors match.
    ///
    /// Every pair of squares is tried as every pair of anchors; the hypothesis with the most
    /// anchors landing on a square of the right size wins, ties going to the smaller residual.
    /// Returns one candidate per distinct quarter-turn, best first, since a rectangle of
    /// anchors fits a page turned 180° just as well: the title decides between them.
    static func candidates(for form: Form, squares: [PixelRect]) -> [Registration] {
        let w = form.sizeMM.width, h = form.sizeMM.height
        let anchors = form.anchors.points.map { Point($0[0] * w, $0[1] * h) }
        let anchorMM = form.anchors.size * w
        let centres = squares.map { Point(Double($0.x) + Double($0.width) / 2, Double($0.y) + Double($0.height) / 2) }
        let sides = squares.map { Double($0.width + $0.height) / 2 }
        let needed = max(3, anchors.count - 1)
        guard centres.count >= 2 else { return [] }

        var best: [Int: Registration] = [:]
        for i in anchors.indices {
            for j in anchors.indices where j > i {
                for m in centres.indices {
                    for n in centres.indices where n != m {
                        guard let t = AffineTransform.similarity(anchors[i], anchors[j], centres[m], centres[n]) else { continue }
                        let expected = anchorMM * t.scale
                        guard expected > 3, sides[m] > 0.6 * expected, sides[m] < 1.6 * expected else { continue }
                        // The seed is a similarity: a scan stretched along one axis (a sheet
                        // feeder, a copier, a fax) puts far anchors off by a share of their
                        // distance from the seed. They are matched with that slack, and again,
                        // strictly, under the affine fit they give.
                        let seeds = [t.apply(anchors[i]), t.apply(anchors[j])]
                        let loose = match(anchors, centres: centres, sides: sides, expected: expected, through: t) { mapped in
                            expected * 0.6 + Self.stretchSlack * seeds.map { $0.distance(to: mapped) }.min()!
                        }
                        guard loose.count >= needed,
                              let seeded = AffineTransform.fit(loose.map { anchors[$0.anchor] }, loose.map { centres[$0.square] })
                        else { continue }
                        let matched = match(anchors, centres: centres, sides: sides, expected: expected, through: seeded) { _ in expected * 0.6 }
                        let pairs = matched.map { (anchors[$0.anchor], centres[$0.square]) }
                        let marks = matched.map { squares[$0.square] }
                        let matchedSides = matched.map { sides[$0.square] }.reduce(0, +)
                        guard pairs.count >= needed,
                              let fitted = AffineTransform.fit(pairs.map(\.0), pairs.map(\.1)),
                              fitted.stretch <= Self.largestStretch else { continue }
                        let residual = (pairs.map { fitted.apply($0.0).distance(to: $0.1) }
                            .map { $0 * $0 }.reduce(0, +) / Double(pairs.count)).squareRoot()
                        let candidate = Registration(transform: fitted, matchedAnchors: pairs.count,
                                                     residualPixels: residual, anchorPixels: anchorMM * fitted.scale,
                                                     sizeRatio: matchedSides / Double(pairs.count) / (anchorMM * fitted.scale),
                                                     marks: marks)
                        let turn = ((Int((fitted.rotationDegrees / 90).rounded()) % 4) + 4) % 4
                        if let current = best[turn],
                           current.matchedAnchors > candidate.matchedAnchors
                            || (current.matchedAnchors == candidate.matchedAnchors && current.residualPixels <= candidate.residualPixels) {
                            continue
                        }
                        best[turn] = candidate
                    }
                }
            }
        }
        return best.values.filter { $0.relativeResidual < 0.5 }
            .sorted { ($0.matchedAnchors, -$0.residualPixels) > ($1.matchedAnchors, -$1.residualPixels) }
    }

    /// How far, as a share of its distance from the nearer seed anchor, an anchor may lie from
    /// where the seed's similarity puts it: a scan stretched 6% along one axis still matches.
    /// Tuning cards stretched 3% or 4% along either axis were read as letters.
    static let stretchSlack = 0.06
    /// The most a fit may scale one axis more than the other (`AffineTransform.stretch`): more
    /// is no card stretched in handling or photographed at a slant, but squares that fit by
    /// chance.
    static let largestStretch = 1.25

    /// Each anchor matched to the nearest square within `tolerance` of where `transform` puts it,
    /// the square of about the size `expected`.
    private static func match(_ anchors: [Point], centres: [Point], sides: [Double], expected: Double,
                              through transform: AffineTransform,
                              tolerance: (Point) -> Double) -> [(anchor: Int, square: Int)] {
        anchors.indices.compactMap { index in
            let mapped = transform.apply(anchors[index])
            guard let k = centres.indices.min(by: { centres[$0].distance(to: mapped) < centres[$1].distance(to: mapped) })
            else { return nil }
            guard centres[k].distance(to: mapped) < tolerance(mapped), sides[k] > 0.6 * expected, sides[k] < 1.6 * expected
            else { return nil }
            return (index, k)
        }
    }
}
