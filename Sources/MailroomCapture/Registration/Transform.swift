import Foundation

/// A 2-D point in floating-point coordinates.
public struct Point: Sendable, Hashable, Codable {
    public var x: Double
    public var y: Double

    public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }

    func distance(to other: Point) -> Double { hypot(x - other.x, y - other.y) }
}

/// An affine map from form millimetres to scan pixels: `x' = a·x + b·y + c`, `y' = d·x + e·y + f`.
public struct AffineTransform: Sendable, Hashable, Codable {
    public var a, b, c, d, e, f: Double

    public func apply(_ p: Point) -> Point { Point(a * p.x + b * p.y + c, d * p.x + e * p.y + f) }

    /// The mean scale, in scan pixels per form millimetre.
    public var scale: Double { (hypot(a, d) + hypot(b, e)) / 2 }

    /// How much more one axis is scaled than the other: 1 for a similarity.
    public var stretch: Double {
        let x = hypot(a, d), y = hypot(b, e)
        return min(x, y) > 0 ? max(x, y) / min(x, y) : .infinity
    }

    /// The rotation of the form's x axis on the scan, in degrees clockwise, in -180…180.
    public var rotationDegrees: Double { atan2(d, a) * 180 / .pi }

    /// The similarity transform (rotation, uniform scale, shift) taking `p0`→`q0` and `p1`→`q1`.
    static func similarity(_ p0: Point, _ p1: Point, _ q0: Point, _ q1: Point) -> AffineTransform? {
        let dpx = p1.x - p0.x, dpy = p1.y - p0.y
        let dqx = q1.x - q0.x, dqy = q1.y - q0.y
        let norm = dpx * dpx + dpy * dpy
        guard norm > 0 else { return nil }
        // q = s·R·p + t, with s·cos = u, s·sin = v.
        let u = (dpx * dqx + dpy * dqy) / norm
        let v = (dpx * dqy - dpy * dqx) / norm
        return AffineTransform(a: u, b: -v, c: q0.x - (u * p0.x - v * p0.y),
                               d: v, e: u, f: q0.y - (v * p0.x + u * p0.y))
    }

    /// The least-squares affine fit of `source` onto `target` (three or more pairs).
    static func fit(_ source: [Point], _ target: [Point]) -> AffineTransform? {
        guard source.count >= 3, source.count == target.count else { return nil }
        // Normal equations for [x y 1]·[a b c]ᵀ = x' (and likewise for y').
        var m = [[Double]](repeating: [0, 0, 0], count: 3)
        var rx = [0.0, 0, 0], ry = [0.0, 0, 0]
        for (p, q) in zip(source, target) {
            let row = [p.x, p.y, 1]
            for i in 0..<3 {
                for j in 0..<3 { m[i][j] += row[i] * row[j] }
                rx[i] += row[i] * q.x
                ry[i] += row[i] * q.y
            }
        }
        guard let sx = solve3(m, rx), let sy = solve3(m, ry) else { return nil }
        return AffineTransform(a: sx[0], b: sx[1], c: sx[2], d: sy[0], e: sy[1], f: sy[2])
    }

    private static func solve3(_ m: [[Double]], _ r: [Double]) -> [Double]? {
        func det(_ m: [[Double]]) -> Double {
            m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
                - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
        }
        let d = det(m)
        guard abs(d) > 1e-9 else { return nil }
        return (0..<3).map { column in
            var replaced = m
            for row in 0..<3 { replaced[row][column] = r[row] }
            return det(replaced) / d
        }
    }
}
