/// The distinct folded locality names of one country, laid out for fast fuzzy scans.
///
/// Scalars of all names sit in one flat buffer (no per-name arrays to retain), each name has a
/// 32-bucket letter histogram whose difference bounds the edit distance from below, so most
/// names are rejected without running the edit-distance table at all. Names are keyed by
/// their UTF-8 bytes because hashing non-ASCII `String`s (Japanese, Mexican names) means
/// Unicode normalisation on every lookup.
struct NameTable: Sendable {
    /// Hashable UTF-8 bytes, compared byte for byte.
    struct ByteKey: Hashable, Sendable {
        let bytes: [UInt8]
        init(_ text: String) { bytes = Array(text.utf8) }
        init(_ bytes: [UInt8]) { self.bytes = bytes }
        func hash(into hasher: inout Hasher) { bytes.withUnsafeBytes { hasher.combine(bytes: $0) } }
    }

    /// Letter-count buckets per name (scalar value mod 32, saturating at 255).
    static let buckets = 32

    private(set) var idByFolded: [ByteKey: Int] = [:]
    private(set) var entries: [[Int32]] = []
    private var scalars: [UInt32] = []
    private var starts: [Int] = [0]
    private var histograms: [UInt8] = []  // `buckets` bytes per name

    var count: Int { entries.count }

    /// The id of `folded` (scalars of a `TextFolding` result), adding it if new.
    mutating func id(of folded: [Unicode.Scalar]) -> Int {
        let key = ByteKey(String(String.UnicodeScalarView(folded)))
        if let id = idByFolded[key] { return id }
        let id = entries.count
        idByFolded[key] = id
        entries.append([])
        let values = folded.map(\.value)
        scalars.append(contentsOf: values)
        starts.append(scalars.count)
        histograms.append(contentsOf: Self.histogram(values))
        return id
    }

    mutating func add(entry: Int32, to id: Int) {
        entries[id].append(entry)
    }

    /// The id of a name whose folded form is exactly `folded`.
    func exact(_ folded: [UInt32]) -> Int? {
        let scalars = folded.compactMap(Unicode.Scalar.init)
        return idByFolded[ByteKey(String(String.UnicodeScalarView(scalars)))]
    }

    static func histogram(_ values: [UInt32]) -> [UInt8] {
        var h = [UInt8](repeating: 0, count: buckets)
        for v in values {
            let bucket = Int(v & 31)
            if h[bucket] < 255 { h[bucket] += 1 }
        }
        return h
    }

    /// Ids and scores of every name scoring at least `floor` against `query` by `score`.
    ///
    /// A name scores the larger of its edit-distance similarity and, when it starts with a
    /// query of 3+ scalars, `prefixScore(queryLength, nameLength)`.
    func scan(
        query: [UInt32],
        floor: Double,
        prefixScore: (_ queryLength: Int, _ nameLength: Int) -> Double
    ) -> [(id: Int, score: Double)] {
        var found: [(id: Int, score: Double)] = []
        let queryHistogram = Self.histogram(query)
        var workspace = EditDistance()
        scalars.withUnsafeBufferPointer { all in query.withUnsafeBufferPointer { q in
        histograms.withUnsafeBufferPointer { histograms in queryHistogram.withUnsafeBufferPointer { qh in
            for id in 0..<entries.count {
                let name = UnsafeBufferPointer(rebasing: all[starts[id]..<starts[id + 1]])
                let longer = max(query.count, name.count)
                var best = 0.0
                if query.count >= 3, name.count > query.count, name.starts(with: query) {
                    best = prefixScore(query.count, name.count)
                }
                let target = Swift.max(floor, best)
                let limit = Int(((1 - target) * Double(longer) + 1e-9).rounded(.down))
                if abs(name.count - query.count) <= limit,
                   Self.lowerBound(qh, UnsafeBufferPointer(rebasing: histograms[(id * Self.buckets)...].prefix(Self.buckets))) <= limit,
                   let d = workspace.distance(q, name, limit: limit) {
                    best = Swift.max(best, 1 - Double(d) / Double(longer))
                }
                if best >= floor, best > 0 { found.append((id, best)) }
            }
        } } } }
        return found
    }

    /// A lower bound of the edit distance: half the histogram difference, rounded up.
    static func lowerBound(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        var sum = 0
        for i in 0..<buckets {
            let x = Int(a[i]), y = Int(b[i])
            sum &+= x > y ? x &- y : y &- x
        }
        return (sum + 1) / 2
    }
}
