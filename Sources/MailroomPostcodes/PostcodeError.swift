/// Why a postcode question could not be answered.
///
/// Each error names the country or file involved and says what to do. Callers that cross-check
/// coupons catch `.noLocalityData` (and usually `.unknownCountry`) to "skip and flag" a record
/// instead of failing the batch; the other codes mean the installation is broken.
public struct PostcodeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable identifier for the kind of failure, for tests, counts and exit policies.
    public enum Code: String, Sendable, Hashable, Codable {
        case unknownCountry, noLocalityData, dataFolderMissing, corruptDataFile, malformedCountryList
    }

    public let code: Code
    /// The ISO 3166-1 alpha-2 code involved, when the error is about a country.
    public let country: String?
    /// The file or folder involved, when the error is about the data on disk.
    public let path: String?
    public let reason: String

    public init(code: Code, country: String? = nil, path: String? = nil, reason: String) {
        self.code = code
        self.country = country
        self.path = path
        self.reason = reason
    }

    public var description: String {
        if let path { return "\(path): \(reason)" }
        return reason
    }

    public static func unknownCountry(_ code: String) -> PostcodeError {
        PostcodeError(code: .unknownCountry, country: code,
                      reason: "'\(code)' is not a known country; use an ISO 3166-1 alpha-2 code such as IT, PL or US")
    }

    public static func noLocalityData(_ code: String) -> PostcodeError {
        PostcodeError(code: .noLocalityData, country: code,
                      reason: "no postcode/locality data is shipped for \(code); skip the locality check and flag the record for review")
    }

    public static func dataFolderMissing(_ path: String) -> PostcodeError {
        PostcodeError(code: .dataFolderMissing, path: path,
                      reason: "no postcode directory (countries.tsv) here; run from the repository root or set MAILROOM_POSTCODES to the postcodes folder")
    }

    public static func corruptDataFile(_ path: String, _ detail: String) -> PostcodeError {
        PostcodeError(code: .corruptDataFile, path: path,
                      reason: "is missing or corrupt (\(detail)); rebuild the data with postcodes/build or restore it from git")
    }

    public static func malformedCountryList(_ path: String, line: Int, _ detail: String) -> PostcodeError {
        PostcodeError(code: .malformedCountryList, path: path,
                      reason: "line \(line): \(detail); rebuild the data with postcodes/build or restore it from git")
    }
}

extension PostcodeError: CustomDebugStringConvertible {
    public var debugDescription: String { "PostcodeError.\(code.rawValue): \(description)" }
}
