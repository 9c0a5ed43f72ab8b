/// One country of the directory, as listed in `countries.tsv`.
///
/// Every country is listed, even those without a postcode system, so callers can tell
/// "unknown code" from "known country, nothing to check".
public struct Country: Sendable, Hashable, CustomStringConvertible {
    /// ISO 3166-1 alpha-2 code, uppercase (e.g. "IT").
    public let code: String
    /// English name (e.g. "Italy").
    public let name: String
    /// Postcode mask(s): `#` a digit, `@` a letter, anything else literal; alternatives separated by `|`.
    public let format: String
    /// The postcode regular expression from the source data, if any (not always anchored or sane).
    public let regex: String?
    /// Number of distinct postcodes shipped with localities (0 = no locality data).
    public let postcodeCount: Int

    /// Whether localities can be looked up for this country.
    public var hasLocalities: Bool { postcodeCount > 0 }
    /// Whether the country has a postcode format to validate against.
    public var hasPostcodes: Bool { !format.isEmpty || regex != nil }

    public var description: String { "\(code) \(name)" }
}
