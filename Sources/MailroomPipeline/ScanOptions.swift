import Foundation

/// Everything `mailroom scan` was asked to do, already parsed; tests build it directly.
public struct ScanOptions: Sendable {
    /// The folders (or single files) to scan, walked recursively.
    public var roots: [URL]
    /// The SQLite database file.
    public var databasePath: String
    /// How many worker threads read documents.
    public var jobs: Int
    /// The forms folder; nil finds `./forms` or one next to the executable.
    public var formsDirectory: URL?
    /// The postcodes folder; nil uses `PostcodeDirectory.locate()`.
    public var postcodesDirectory: URL?
    /// Tesseract languages letters may be written in.
    public var languages: [String]
    /// Documents to read again by sha256 prefix; `["all"]` redoes every stored document.
    public var reprocess: [String]
    /// Wall-time limit for one document, in seconds; over it the document is quarantined.
    public var timeout: Double
    /// The largest page accepted, in pixels.
    public var maxPixels: Int
    /// Documents per write transaction.
    public var batchSize: Int
    /// Longest wait before a partial batch is written, in seconds.
    public var batchInterval: Double
    /// How long one SQLite write waits for another connection before it counts as busy.
    public var busyTimeout: Double
    /// Seconds between progress log lines when stderr is not a terminal.
    public var progressInterval: Double
    /// The command line, recorded with the run.
    public var arguments: [String]
    /// Whether `X-1.png`, `X-2.png`… are read as the pages of one letter (``PageGroup``).
    public var groupPages = true
    /// Where the documents cut out of a multi-document scan file are written, one file each;
    /// nil puts them beside the database (``partsFolder``).
    public var partsDirectory: String?
    /// The routing rules file; nil finds `config/routing.yaml` (``RoutingRules/locate``).
    public var rulesPath: String?
    /// The reference patterns file; nil finds `config/references.yaml` (``ReferencePattern/locate``).
    public var referencesPath: String?

    public init(
        roots: [URL], databasePath: String = ScanOptions.defaultDatabasePath(), jobs: Int = ScanOptions.defaultJobs,
        formsDirectory: URL? = nil, postcodesDirectory: URL? = nil, languages: [String] = ["eng", "ita", "pol"],
        reprocess: [String] = [], timeout: Double = 60, maxPixels: Int = 60_000_000, batchSize: Int = 32,
        batchInterval: Double = 1, busyTimeout: Double = 2, progressInterval: Double = 10, arguments: [String] = []
    ) {
        self.roots = roots
        self.databasePath = databasePath
        self.jobs = jobs
        self.formsDirectory = formsDirectory
        self.postcodesDirectory = postcodesDirectory
        self.languages = languages
        self.reprocess = reprocess
        self.timeout = timeout
        self.maxPixels = maxPixels
        self.batchSize = batchSize
        self.batchInterval = batchInterval
        self.busyTimeout = busyTimeout
        self.progressInterval = progressInterval
        self.arguments = arguments
    }

    /// The environment variable naming the database when `--db` is not given.
    public static let databaseEnvironmentVariable = "MAILROOM_DB"

    /// `$MAILROOM_DB`, else `mailroom.sqlite` in the current folder.
    public static func defaultDatabasePath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let path = environment[databaseEnvironmentVariable], !path.isEmpty { return path }
        return "mailroom.sqlite"
    }

    /// The folder for documents cut out of batch files: `--parts`, else `NAME-parts` beside the
    /// database `NAME.sqlite`. They are kept: review, export and archives show their images.
    public var partsFolder: URL {
        if let partsDirectory { return URL(fileURLWithPath: partsDirectory, isDirectory: true) }
        let database = URL(fileURLWithPath: databasePath)
        return database.deletingLastPathComponent()
            .appendingPathComponent(database.deletingPathExtension().lastPathComponent + "-parts", isDirectory: true)
    }

    /// One worker per core.
    public static var defaultJobs: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Whether every stored document is to be read again.
    var reprocessAll: Bool { reprocess.contains { $0.lowercased() == "all" } }

    /// The sha256 prefixes to read again (without `all`).
    var reprocessPrefixes: [String] { reprocess.filter { $0.lowercased() != "all" } }

    /// Checks the values that do not need the file system.
    func validate() throws(ScanError) {
        if roots.isEmpty { throw .configuration("give at least one folder to scan") }
        if jobs < 1 || jobs > 256 { throw .configuration("--jobs must be between 1 and 256, not \(jobs)") }
        if !(timeout > 0) { throw .configuration("--timeout must be a positive number of seconds") }
        if maxPixels < 4096 { throw .configuration("--max-pixels must be at least 4096") }
        if batchSize < 1 { throw .configuration("--batch-size must be at least 1") }
        if languages.isEmpty || languages.contains(where: { $0.isEmpty }) {
            throw .configuration("--lang needs Tesseract language codes joined with '+', e.g. eng+ita")
        }
        for prefix in reprocessPrefixes where prefix.isEmpty || !prefix.allSatisfy(\.isHexDigit) {
            throw .configuration("--reprocess takes 'all' or a sha256 prefix in hexadecimal, not '\(prefix)'")
        }
    }
}
