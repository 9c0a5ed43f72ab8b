/// Optimal-string-alignment edit distance (Levenshtein plus adjacent transpositions).
///
/// Transpositions count as one edit because they are a common handwriting/OCR slip
/// ("MIALNO"). The bounded form only fills the diagonal band the limit allows and gives up as
/// soon as a row exceeds it, reusing its buffers, so scanning 100 000 locality names stays fast.
struct EditDistance {
    private var before: [Int] = []    // row i-2
    private var previous: [Int] = []  // row i-1
    private var current: [Int] = []   // row i

    init() {}

    /// The distance between `a` and `b`, or nil when it is larger than `limit`.
    mutating func distance(_ a: [UInt32], _ b: [UInt32], limit: Int = .max) -> Int? {
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in distance(a, b, limit: limit) } }
    }

    /// The same, on buffers, so callers can pass slices of a flat buffer without copying.
    mutating func distance(_ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>, limit: Int = .max) -> Int? {
        let n = a.count, m = b.count
        guard limit >= 0, abs(n - m) <= limit else { return nil }
        if n == 0 { return m }
        if m == 0 { return n }
        let band = min(limit, max(n, m))
        let big = max(n, m) + 1  // stands for "outside the band"
        if previous.count < m + 1 {
            before = [Int](repeating: big, count: m + 1)
            previous = before
            current = before
        }
        for j in 0...m { previous[j] = j <= band ? j : big; before[j] = big }
        for i in 1...n {
            let low = max(1, i - band), high = min(m, i + band)
            current[0] = i <= band ? i : big
            if low > 1 { current[low - 1] = big }
            var rowMinimum = current[0]
            let ai = a[i - 1]
            for j in low...high {
                let cost = ai == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, ai == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, before[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if high < m { current[high + 1] = big }
            if rowMinimum > limit { return nil }
            swap(&before, &previous)
            swap(&previous, &current)
        }
        let result = previous[m]
        return result > limit ? nil : result
    }

    /// 1 − distance / longer length, in 0…1; 0 when either side is empty.
    static func similarity(_ a: [UInt32], _ b: [UInt32]) -> Double {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        if a == b { return 1 }
        let longer = max(a.count, b.count)
        var workspace = EditDistance()
        let d = workspace.distance(a, b) ?? longer
        return max(0, 1 - Double(d) / Double(longer))
    }
}
