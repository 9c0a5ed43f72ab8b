import ArgumentParser
import Foundation
import MailroomPipeline
import MailroomStore
import MailroomWeb

/// `mailroom operators`: the web station's accounts.
struct Operators: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage the web station's operator accounts.",
        subcommands: [Add.self, List.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an account; the password is one line on stdin (hashed with bcrypt).")

        @Option(help: "The SQLite database (default: $MAILROOM_DB, else ./mailroom.sqlite; created if missing).")
        var db: String?

        @Option(help: "operator, supervisor or marketing.")
        var role = "operator"

        @Argument(help: "The login name (letters, digits, '.', '-', '_').")
        var name: String

        func run() throws {
            guard let role = OperatorRole(rawValue: role) else {
                throw ValidationError("--role is operator, supervisor or marketing, not '\(role)'")
            }
            do { try OperatorAccounts.validate(name: name) } catch { throw ValidationError(error.message) }
            let password = readPassword()
            let database = try openStore(db)
            do {
                let account = try OperatorAccounts(database: database).add(name: name, role: role, password: password)
                print("added \(account.role.rawValue) '\(account.name)' to \(database.path)")
            } catch {
                if error.code == .usage { throw ValidationError(error.message) }
                FileHandle.standardError.write(Data("mailroom operators add: \(error.message)\n".utf8))
                throw ExitCode(error.exitCode)
            }
        }

        /// One line from stdin; on a terminal, asked for without echo.
        private func readPassword() -> String {
            if isatty(0) == 1, let typed = getpass("Password for \(name): ") { return String(cString: typed) }
            return readLine(strippingNewline: true) ?? ""
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts and their roles.")

        @Option(help: "The SQLite database (default: $MAILROOM_DB, else ./mailroom.sqlite).")
        var db: String?

        func run() throws {
            for account in try openStore(db).operatorAccounts() {
                print("\(account.name)\t\(account.role.rawValue)\t\(account.createdAt.formatted(.iso8601))")
            }
        }
    }
}

/// Opens (creating if needed) the database, printing a store error and exiting with its code.
private func openStore(_ path: String?) throws -> MailroomDatabase {
    let path = path ?? ScanOptions.defaultDatabasePath()
    do {
        return try MailroomDatabase.open(path: path)
    } catch {
        FileHandle.standardError.write(Data("mailroom: \(error.description)\n".utf8))
        throw ExitCode(error.exitCodeHint)
    }
}
