import ArgumentParser
import Foundation
import MailroomCapture
import MailroomOperator
import MailroomPipeline
import MailroomPostcodes
import MailroomStore

/// The options every operator command shares.
struct OperatorOptions: ParsableArguments {
    @Option(help: "The SQLite database (default: $MAILROOM_DB, else ./mailroom.sqlite).")
    var db: String?

    @Option(name: .customLong("operator"), help: "Who is deciding, for the audit log (default: $USER).")
    var operatorName: String?

    @Option(help: "The coupon forms folder (default: ./forms, or the repository's).")
    var forms: String?

    @Option(help: "The postcodes folder (default: $MAILROOM_POSTCODES, ./postcodes, or the repository's).")
    var postcodes: String?

    var who: String {
        if let operatorName, !operatorName.isEmpty { return operatorName }
        let environment = ProcessInfo.processInfo.environment
        return environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["LOGNAME"] ?? "operator"
    }

    /// Opens an existing database; a missing file is refused rather than created empty.
    func database() throws -> MailroomDatabase {
        let path = db ?? ScanOptions.defaultDatabasePath()
        guard FileManager.default.fileExists(atPath: path) else {
            FileHandle.standardError.write(Data("mailroom: no database at \(path); run 'mailroom scan' first or pass --db\n".utf8))
            throw ExitCode(3)
        }
        do {
            return try MailroomDatabase.open(path: path)
        } catch {
            FileHandle.standardError.write(Data("mailroom: \(error.description)\n".utf8))
            throw ExitCode(error.exitCodeHint)
        }
    }

    func formLibrary() throws -> FormLibrary {
        do {
            return try FormLibrary(directory: forms.map { URL(fileURLWithPath: $0) } ?? FormLibrary.locate())
        } catch {
            throw ValidationError("\(error)")
        }
    }

    /// The postcode directory, or nil (with a warning) when there is none: review then skips
    /// the postcode/town candidates and checks.
    func postcodeDirectory() -> PostcodeDirectory? {
        do {
            return try PostcodeDirectory(directory: postcodes.map { URL(fileURLWithPath: $0) } ?? PostcodeDirectory.locate())
        } catch {
            FileHandle.standardError.write(Data("mailroom: no postcode directory (\(error)); postcode checks are off\n".utf8))
            return nil
        }
    }

    func reviewService() throws -> ReviewService {
        ReviewService(database: try database(), forms: try formLibrary(), postcodes: postcodeDirectory())
    }
}

/// Runs an operator action, printing an ``OperatorError`` and exiting with its code.
func operatorAction<T>(_ command: String, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as OperatorError {
        FileHandle.standardError.write(Data("mailroom \(command): \(error.message)\n".utf8))
        throw ExitCode(error.exitCode)
    }
}

/// Prints an encodable value as pretty JSON with sorted keys.
func printJSON<T: Encodable>(_ value: T) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    print(String(decoding: (try? encoder.encode(value)) ?? Data("null".utf8), as: UTF8.self))
}

/// Parses `YYYY-MM-DD` (midnight UTC) or a full ISO 8601 time; `endOfDay` moves a bare day to
/// the next midnight, so `--to 2026-12-01` includes that day.
func parseDate(_ text: String, option: String, endOfDay: Bool = false) throws -> Date {
    if text.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) != nil,
       let day = try? Date.ISO8601FormatStyle().year().month().day().parse(text) {
        return endOfDay ? day.addingTimeInterval(86_400) : day
    }
    if let time = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) { return time }
    if let time = try? Date.ISO8601FormatStyle().parse(text) { return time }
    throw ValidationError("\(option) takes a day (2026-12-01) or an ISO 8601 time (2026-12-01T08:00:00Z), not '\(text)'")
}
