import Foundation

/// A place a postcode serves: the locality name as shipped and its region (state/province) code.
public struct Locality: Sendable, Hashable, CustomStringConvertible {
    public let name: String
    /// Region or state code from the source data (e.g. "MI", "NY", "12"); nil when not given.
    public let region: String?

    public init(name: String, region: String? = nil) {
        self.name = name
        self.region = region
    }

    public var description: String { region.map { "\(name) (\($0))" } ?? name }
}

/// One answer to "which postcodes does this town have?": a postcode, its locality and how well it matched.
public struct PostcodeMatch: Sendable, Hashable, CustomStringConvertible {
    /// The postcode in canonical form (see `PostcodeDirectory.normalise`).
    public let postcode: String
    public let locality: Locality
    /// 1 for an exact (accent/case-insensitive) name match, lower for prefix or edit-distance matches.
    public let score: Double

    public var description: String { "\(postcode) \(locality) [\(String(format: "%.2f", score))]" }
}
