/// Town → postcodes, tolerant of accents, case and small misspellings.
extension PostcodeDirectory {
    /// Default lowest score `postcodes(of:country:)` returns.
    public static let defaultMinimumScore = 0.75

    /// The postcodes of localities whose name matches `locality`, best first.
    ///
    /// Names are compared folded (`fold`), so "MILANO", "milano" and "Milano" are exact (score 1)
    /// and "KRAKOW" finds "Kraków", "LODZ" finds "Łódź". Otherwise the score is the larger of
    /// `similarity` (edit distance; "Milan" → "Milano" ≈ 0.83) and a prefix score of
    /// 0.6 + 0.35 × (query length / name length) for queries of 3+ characters, so a truncated
    /// read ranks the shortest completion first. One match per (postcode, locality) pair,
    /// sorted by score, then postcode. Throws `.unknownCountry`, `.noLocalityData`, `.corruptDataFile`.
    public func postcodes(
        of locality: String,
        country: String,
        minimumScore: Double = PostcodeDirectory.defaultMinimumScore,
        limit: Int? = nil
    ) throws(PostcodeError) -> [PostcodeMatch] {
        let index = try index(for: country)
        let query = TextFolding.foldedScalars(locality).map(\.value)
        guard !query.isEmpty else { return [] }
        let floor = min(max(minimumScore, 0), 1)

        var scored: [(id: Int, score: Double)] = []
        if let exact = index.names.exact(query) { scored.append((exact, 1)) }
        if floor < 1 {
            scored += index.names.scan(query: query, floor: floor, prefixScore: Self.prefixScore)
                .filter { $0.score < 1 }
        }

        var matches: [PostcodeMatch] = []
        for (id, score) in scored {
            for entry in index.names.entries[id] {
                let e = index.entries[Int(entry)]
                matches.append(PostcodeMatch(postcode: e.postcode, locality: e.locality, score: score))
            }
        }
        matches.sort { $0.score != $1.score ? $0.score > $1.score : ($0.postcode, $0.locality.name) < ($1.postcode, $1.locality.name) }
        if let limit, matches.count > limit { matches.removeSubrange(limit...) }
        return matches
    }

    /// Score of a name that starts with the query: 0.6 plus up to 0.35 for how much of it the query covers.
    static func prefixScore(queryLength: Int, nameLength: Int) -> Double {
        0.6 + 0.35 * Double(queryLength) / Double(nameLength)
    }
}
