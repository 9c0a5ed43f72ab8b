import ArgumentParser
import Foundation
import MailroomCases
import MailroomPipeline
import MailroomStore

/// Options every case command shares: the database, the rules, who acts, and JSON output.
struct DeskOptions: ParsableArguments {
    @Option(help: "The SQLite database (default: $MAILROOM_DB, else ./mailroom.sqlite).")
    var db: String?

    @Option(help: "The routing rules (default: $MAILROOM_RULES, ./config/routing.yaml, or the repository's).")
    var rules: String?

    @Option(name: .customLong("operator"), help: "Who does it, for the timeline (default: $USER).")
    var operatorName: String?

    @Flag(help: "Print the result as JSON on stdout.")
    var json = false

    var actor: String {
        let environment = ProcessInfo.processInfo.environment
        return operatorName ?? environment["USER"] ?? environment["LOGNAME"] ?? "operator"
    }

    var databasePath: String { db ?? ScanOptions.defaultDatabasePath() }

    /// Opens the database and the rules, runs `body` with a desk, and maps failures to exit codes:
    /// 1 refused (illegal transition, archived, not found), 2 configuration or usage, 3 could not run.
    func withDesk(_ command: String, _ body: (CaseDesk) throws -> Void) throws {
        do {
            let loaded = try RoutingRules.load(explicit: rules)
            let database = try MailroomDatabase.open(path: databasePath)
            try body(CaseDesk(database: database, rules: loaded))
        } catch let error as RoutingRulesError {
            throw fail(command, error.description, code: 2)
        } catch let error as StoreError {
            throw fail(command, error.description, code: error.isCouldNotRun ? 3 : 1)
        } catch let error as CaseError {
            switch error {
            case let .store(store): throw fail(command, store.description, code: store.isCouldNotRun ? 3 : 1)
            case .invalidArgument: throw fail(command, error.description, code: 2)
            default: throw fail(command, error.description, code: 1)
            }
        } catch let error as CustomerImportError {
            throw fail(command, error.description, code: 2)
        }
    }

    private func fail(_ command: String, _ message: String, code: Int32) -> ExitCode {
        FileHandle.standardError.write(Data("mailroom \(command): \(message)\n".utf8))
        if json { print(CaseText.json(["error": message])) }
        return ExitCode(code)
    }

    /// Prints `value` as JSON, or `text` for a person.
    func emit<T: Encodable>(_ value: T, text: @autoclosure () -> String) {
        print(json ? CaseText.json(value) : text())
    }
}

/// A case changed by a command, with what the desk now says of it.
func show(_ record: CaseRecord, on desk: CaseDesk, options: DeskOptions, verb: String) {
    let summary = desk.summary(of: record)
    options.emit(summary, text: "\(record.reference) \(verb): now \(record.state)\n"
        + summary.line(zone: desk.rules.calendar.timeZone))
}
