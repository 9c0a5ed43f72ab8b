import Foundation

/// What a scan did, printed at the end and stored with the run (`--json` prints it as is).
public struct RunSummary: Codable, Sendable, Equatable {
    /// One file set aside by this run.
    public struct QuarantinedFile: Codable, Sendable, Equatable {
        public var path: String
        public var sha256: String?
        public var stage: String
        public var reason: String
    }

    public var runID: Int64
    public var database: String
    /// `completed`, or `failed` when the run stopped early.
    public var status: String
    public var exitCode: Int32
    public var jobs: Int
    public var wallSeconds: Double
    /// Documents read (stored, deferred or quarantined) per second of wall time.
    public var documentsPerSecond: Double
    /// Candidate files found (ignored sidecars not included).
    public var discovered: Int
    /// Documents read and stored in state `done`.
    public var processed: Int
    /// Files whose bytes were already stored: only their path was recorded.
    public var skipped: Int
    public var quarantined: Int
    public var deferred: Int
    /// Batch files (several documents in one scan file) split into their documents; each is
    /// counted once in `processed`.
    public var split: Int = 0
    /// Documents cut out of those batch files and stored, beside `processed`.
    public var parts: Int = 0
    /// Files skipped without reading (sidecars, dotfiles, executables, the database).
    public var ignored: Int
    /// Fields flagged for review because a check could not run (no postcode data).
    public var flaggedFields: Int
    public var byKind: [String: Int]
    public var byForm: [String: Int]
    public var byDecision: [String: Int]
    /// Quarantined files, at most ``quarantineListLimit``; `quarantined` has the full count.
    public var quarantine: [QuarantinedFile]
    /// Retries per stage (a busy database).
    public var retries: [String: Int]
    /// The failure policy of each stage.
    public var policies: [String: String]
    /// Earlier runs found `running` (killed) and marked `interrupted` at start.
    public var interruptedRuns: [Int64]
    /// The pid named by a lock file whose holder died.
    public var staleLockPID: Int32?
    /// Documents filed into customer cases after reading, by outcome (opened, joined, linked).
    public var cases: [String: Int] = [:]
    /// Why filing into cases was put off to the next run (`mailroom cases route` also does it).
    public var casesDeferred: String?

    /// The most quarantine entries listed in a summary.
    public static let quarantineListLimit = 500

    /// The exit code the run ended with.
    public var scanExitCode: ScanExitCode { ScanExitCode(rawValue: exitCode) }

    /// The summary as one line of JSON with sorted keys.
    public func json(pretty: Bool = false) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            : [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
