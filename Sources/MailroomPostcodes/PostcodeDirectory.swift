import Foundation

/// The postcode directory: country formats, postcode → localities, and town → postcodes.
///
/// Opening it reads only `countries.tsv`; each country's `CC.tsv.gz` is inflated and indexed
/// on first use, once, even when many worker threads ask at the same moment, and then kept for
/// the life of the directory. Different countries load in parallel. Create one directory per
/// process and share it.
public final class PostcodeDirectory: Sendable {
    /// The folder holding `countries.tsv` and `data/`.
    public let directory: URL
    /// Every listed country, by uppercase ISO code.
    let countryTable: [String: Country]
    let formats: [String: PostcodeFormat]
    /// One lazily filled slot per country that ships data.
    private let slots: [String: Locked<Result<CountryIndex, PostcodeError>?>]

    /// Opens the directory at `directory` (a `postcodes` folder); reads only the country list.
    public init(directory: URL) throws(PostcodeError) {
        self.directory = directory
        let list = directory.appendingPathComponent("countries.tsv")
        let countries = try Self.readCountries(at: list)
        countryTable = Dictionary(countries.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        formats = countryTable.mapValues { PostcodeFormat(countryCode: $0.code, format: $0.format, regex: $0.regex) }
        slots = countryTable.filter { $0.value.hasLocalities }.mapValues { _ in Locked(nil) }
    }

    /// Opens the directory found by `locate()`.
    public convenience init() throws(PostcodeError) {
        try self.init(directory: Self.locate())
    }

    /// All listed countries, sorted by code.
    public var countries: [Country] { countryTable.values.sorted { $0.code < $1.code } }

    /// The country for an ISO code ("it", " PL ", and "UK" for GB are accepted), or nil.
    public func country(_ code: String) -> Country? {
        countryTable[Self.countryKey(code)]
    }

    /// Codes of the countries whose data file has been loaded so far (for tests and diagnostics).
    public var loadedCountries: Set<String> {
        Set(slots.compactMap { code, slot in
            slot.withLock { state in if case .success = state { return code } else { return nil } }
        })
    }

    static func countryKey(_ code: String) -> String {
        let key = code.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
        return key == "UK" ? "GB" : key
    }

    /// The country and its format, or `.unknownCountry`.
    func resolve(_ code: String) throws(PostcodeError) -> (Country, PostcodeFormat) {
        let key = Self.countryKey(code)
        guard let country = countryTable[key], let format = formats[key] else { throw .unknownCountry(code) }
        return (country, format)
    }

    /// The loaded index for a country, loading it on first use; `.noLocalityData` if none ships.
    func index(for code: String) throws(PostcodeError) -> CountryIndex {
        let (country, format) = try resolve(code)
        guard let slot = slots[country.code] else { throw .noLocalityData(country.code) }
        let result = slot.withLock { state -> Result<CountryIndex, PostcodeError> in
            if let state { return state }
            let loaded = Result { () throws(PostcodeError) -> CountryIndex in try self.load(country, format: format) }
            state = loaded
            return loaded
        }
        return try result.get()
    }

    /// Reads, inflates and indexes `data/CC.tsv.gz`.
    private func load(_ country: Country, format: PostcodeFormat) throws(PostcodeError) -> CountryIndex {
        let file = directory.appendingPathComponent("data").appendingPathComponent("\(country.code).tsv.gz")
        let compressed: Data
        do {
            compressed = try Data(contentsOf: file)
        } catch {
            throw .corruptDataFile(file.path, "cannot be read: \(error.localizedDescription)")
        }
        let bytes: [UInt8]
        do {
            bytes = try Gunzip.decompress([UInt8](compressed))
        } catch {
            throw .corruptDataFile(file.path, error.detail)
        }
        return try CountryIndex(country: country.code, bytes: bytes, format: format,
                              expectedPostcodes: min(country.postcodeCount, 1_000_000), path: file.path)
    }
}
