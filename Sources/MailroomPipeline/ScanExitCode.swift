/// The exit status of `mailroom scan`, for cron jobs and scripts.
///
/// | code | meaning |
/// |------|---------|
/// | 0 | every file found was stored, skipped as known, or deferred |
/// | 1 | the run finished but some documents were quarantined |
/// | 2 | usage or configuration error (bad arguments, forms folder, postcode data, languages) |
/// | 3 | could not run (database locked by another run, busy, disk full, unopenable) |
public struct ScanExitCode: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public let rawValue: Int32

    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// Everything was processed.
    public static let success = ScanExitCode(rawValue: 0)
    /// Some documents were quarantined; the rest were stored.
    public static let quarantined = ScanExitCode(rawValue: 1)
    /// Bad arguments or configuration: fix the command or the installation.
    public static let usage = ScanExitCode(rawValue: 2)
    /// The environment prevented the run (lock, disk, database): retry later.
    public static let couldNotRun = ScanExitCode(rawValue: 3)

    public var description: String {
        switch self {
        case .success: "0 (success)"
        case .quarantined: "1 (some documents quarantined)"
        case .usage: "2 (usage or configuration error)"
        case .couldNotRun: "3 (could not run)"
        default: "\(rawValue)"
        }
    }
}
