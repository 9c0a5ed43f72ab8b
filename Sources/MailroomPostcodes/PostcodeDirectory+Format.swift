/// Postcode shape checks: is this string a postcode of that country, and how is it spelled.
extension PostcodeDirectory {
    /// Whether `postcode` is a well-formed postcode of `country`, ignoring case, spacing and
    /// separators ("31042" is a valid PL code). False for unknown countries and countries
    /// without postcodes. Says nothing about whether the code exists; see `contains`.
    public func isValidFormat(_ postcode: String, country: String) -> Bool {
        normalise(postcode, country: country) != nil
    }

    /// The canonical spelling of `postcode` in `country` per its format mask, or nil when it
    /// is not well formed there: PL "31042"/"31 042" → "31-042", GB "sw1a1aa" → "SW1A 1AA",
    /// NL "1011ab" → "1011 AB", CA "k1a0b1" → "K1A 0B1", FI "FI-00100" → "00100".
    public func normalise(_ postcode: String, country: String) -> String? {
        guard let format = formats[Self.countryKey(country)] else { return nil }
        return format.normalise(postcode)
    }
}
