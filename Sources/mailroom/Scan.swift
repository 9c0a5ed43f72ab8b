import ArgumentParser
import Foundation
import Logging
import MailroomPipeline

/// `mailroom scan DIR...`: the nightly batch; parsing and printing only, the work is in `ScanPipeline`.
struct Scan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read every scan under the folders into the database (safe to re-run).",
        discussion: """
            Files are chosen by content: every regular file is sniffed and non-images are quarantined \
            as unsupported, except sidecars skipped silently (dotfiles, README*, *.json, *.md, \
            *.sqlite*, *.lock, executables). Files already stored (same SHA-256) are only recorded \
            under their new path. Exit codes: 0 all stored; 1 some documents quarantined; \
            2 usage or configuration error; 3 could not run (database locked by another run, busy, \
            disk full, unopenable).
            """)

    @Argument(help: "Folders (or files) to scan, recursively.")
    var folders: [String]

    @Option(help: "The SQLite database (default: $MAILROOM_DB, else ./mailroom.sqlite).")
    var db: String?

    @Option(help: "Worker threads (default: one per core).")
    var jobs: Int?

    @Option(help: "The coupon forms folder (default: ./forms, or the repository's).")
    var forms: String?

    @Option(help: "The postcodes folder (default: $MAILROOM_POSTCODES, ./postcodes, or the repository's).")
    var postcodes: String?

    @Option(help: "Tesseract languages of letters, joined with '+'.")
    var lang = "eng+ita+pol"

    @Flag(help: "Print the summary as one JSON object on stdout.")
    var json = false

    @Flag(help: "Read X-1.png, X-2.png… as separate documents, not as the pages of one letter.")
    var noPageGroups = false

    @Option(help: "Where documents cut out of a multi-document scan file are written (default: NAME-parts beside the database NAME.sqlite).")
    var parts: String?

    @Option(help: "The case routing rules (default: $MAILROOM_RULES, else config/routing.yaml).")
    var rules: String?

    @Option(help: "Reference number patterns (default: $MAILROOM_REFERENCES, else config/references.yaml).")
    var references: String?

    @Option(parsing: .singleValue, help: "Read again the documents with this sha256 prefix, or 'all'; repeatable. Operator decisions are kept.")
    var reprocess: [String] = []

    @Option(help: "Seconds one document may take before it is quarantined.")
    var timeout: Double = 60

    @Option(help: "The largest page accepted, in pixels.")
    var maxPixels: Int = 60_000_000

    @Option(help: "Documents per database transaction.")
    var batchSize: Int = 32

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "info"

    func run() throws {
        guard let level = Logger.Level(rawValue: logLevel.lowercased()) else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        var logger = Logger(label: "mailroom.scan")
        logger.logLevel = level
        var options = ScanOptions(
            roots: folders.map { URL(fileURLWithPath: $0) },
            databasePath: db ?? ScanOptions.defaultDatabasePath(),
            jobs: jobs ?? ScanOptions.defaultJobs,
            formsDirectory: forms.map { URL(fileURLWithPath: $0) },
            postcodesDirectory: postcodes.map { URL(fileURLWithPath: $0) },
            languages: lang.split(separator: "+").map(String.init),
            reprocess: reprocess, timeout: timeout, maxPixels: maxPixels, batchSize: batchSize,
            arguments: Array(CommandLine.arguments.dropFirst()))
        options.groupPages = !noPageGroups
        options.partsDirectory = parts
        options.rulesPath = rules
        options.referencesPath = references
        do {
            let summary = try ScanPipeline(options: options, logger: logger).run()
            print(json ? summary.json() : summary.text)
            throw ExitCode(summary.exitCode)
        } catch let error as ScanError {
            logger.critical("scan did not run", metadata: ["reason": "\(error.reason)"])
            FileHandle.standardError.write(Data("mailroom scan: \(error.reason)\n".utf8))
            if json {
                print(#"{"error":\#(Self.quoted(error.reason)),"exitCode":\#(error.exitCode.rawValue)}"#)
            }
            throw ExitCode(error.exitCode.rawValue)
        }
    }

    private static func quoted(_ text: String) -> String {
        let data = (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
