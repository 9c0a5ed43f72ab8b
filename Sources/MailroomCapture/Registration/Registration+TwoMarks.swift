import Foundation
import MailroomImaging

extension Registration {
    /// Alignments of `form` from two of its marks alone, for a card whose scan cut the others
    /// off (a card laid half off the scanner glass, a photocopy cut short), best first.
    ///
    /// Three marks fix an affine fit and tell every form and turn apart; two fix only a
    /// similarity, and any two of the form's anchors can be the two squares found. So a
    /// hypothesis stands only where the page agrees with it: both squares of the anchors'
    /// size and of each other's, every other anchor off the page or at its edge (an anchor
    /// the scan holds whole would have been found), and the form's title zone on it. Those
    /// left are ordered by how much of the form lies on the page (`coverage`): a card cut
    /// short loses its edge, not most of itself. The title read on the page then decides
    /// (`DocumentReader`).
    static func twoMarkCandidates(for form: Form, squares: [PixelRect], pageWidth: Int, pageHeight: Int) -> [Registration] {
        guard squares.count >= 2, squares.count <= twoMarkSquares else { return [] }
        let w = form.sizeMM.width, h = form.sizeMM.height
        let anchors = form.anchors.points.map { Point($0[0] * w, $0[1] * h) }
        let anchorMM = form.anchors.size * w
        let centres = squares.map { Point(Double($0.x) + Double($0.width) / 2, Double($0.y) + Double($0.height) / 2) }
        let sides = squares.map { Double($0.width + $0.height) / 2 }
        var found: [Registration] = []
        for i in anchors.indices {
            for j in anchors.indices where j > i {
                for m in centres.indices {
                    for n in centres.indices where n != m {
                        guard abs(sides[m] / sides[n] - 1) < 0.25,
                              let t = AffineTransform.similarity(anchors[i], anchors[j], centres[m], centres[n]) else { continue }
                        let expected = anchorMM * t.scale
                        guard expected > 3, [sides[m], sides[n]].allSatisfy({ $0 > 0.75 * expected && $0 < 1.33 * expected }),
                              anchors.indices.allSatisfy({ $0 == i || $0 == j || !isOnPage(t.apply(anchors[$0]), margin: expected,
                                                                                             width: pageWidth, height: pageHeight) })
                        else { continue }
                        var candidate = Registration(transform: t, matchedAnchors: 2, residualPixels: 0, anchorPixels: expected,
                                                     sizeRatio: (sides[m] + sides[n]) / 2 / expected, marks: [squares[m], squares[n]],
                                                     anchors: [i, j])
                        let title = candidate.rect(for: form.title.zone, form: form)
                        guard title.clamped(width: pageWidth, height: pageHeight) == title else { continue }
                        candidate.coverage = candidate.coverage(of: form, width: pageWidth, height: pageHeight)
                        if candidate.coverage >= twoMarkCoverage { found.append(candidate) }
                    }
                }
            }
        }
        return found.sorted { $0.coverage > $1.coverage }
    }

    /// The most squares two-mark hypotheses are made from: every pair is tried as every pair of
    /// anchors, and a page with more squares than a card's four is no cut-off card.
    static let twoMarkSquares = 6

    /// The least share of the form a two-mark hypothesis may put on the page.
    static let twoMarkCoverage = 0.6

    /// Whether this registration rests on two marks alone (`twoMarkCandidates`).
    var isTwoMark: Bool { matchedAnchors == 2 && anchors.count == 2 }

    /// The share of the form's page that lies on a page `width` × `height` under this
    /// registration, sampled on a grid.
    func coverage(of form: Form, width: Int, height: Int) -> Double {
        let steps = 20
        var inside = 0
        for row in 0..<steps {
            for column in 0..<steps {
                let point = transform.apply(Point((Double(column) + 0.5) / Double(steps) * form.sizeMM.width,
                                                  (Double(row) + 0.5) / Double(steps) * form.sizeMM.height))
                if Self.isOnPage(point, margin: 0, width: width, height: height) { inside += 1 }
            }
        }
        return Double(inside) / Double(steps * steps)
    }

    /// Whether `point` lies on a page `width` × `height`, at least `margin` pixels in (a
    /// negative margin reaches past its edges).
    private static func isOnPage(_ point: Point, margin: Double, width: Int, height: Int) -> Bool {
        point.x >= margin && point.y >= margin && point.x <= Double(width) - margin && point.y <= Double(height) - margin
    }
}
