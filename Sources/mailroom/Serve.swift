import ArgumentParser
import Foundation
import MailroomCases
import MailroomOperator
import MailroomWeb

/// `mailroom serve`: the local web verification station.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the web verification station (loopback only unless --allow-remote).",
        discussion: """
            Operators log in with accounts made by 'mailroom operators add'. The station listens on \
            127.0.0.1 by default; any other address is refused without --allow-remote, and then \
            cookies are marked Secure, so put a TLS proxy in front. Stop it with Ctrl+C.
            """
    )

    @Option(help: "The SQLite database (default: $MAILROOM_DB, else ./mailroom.sqlite).")
    var db: String?

    @Option(help: "The coupon forms folder (default: ./forms, or the repository's).")
    var forms: String?

    @Option(help: "The postcodes folder (default: $MAILROOM_POSTCODES, ./postcodes, or the repository's).")
    var postcodes: String?

    @Option(help: "The routing rules, for the case pages (default: $MAILROOM_RULES, ./config/routing.yaml, or the repository's).")
    var rules: String?

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The TCP port (0 picks a free one).")
    var port = 8080

    @Flag(help: "Allow a non-loopback --host (personal data leaves this machine: use TLS in front).")
    var allowRemote = false

    func run() throws {
        let loopback: Bool
        do { loopback = try BindPolicy.check(host: host, port: port, allowRemote: allowRemote) } catch {
            throw ValidationError(error.message)
        }
        let review = try StationOptions(db: db, forms: forms, postcodes: postcodes).reviewService()
        // Without usable rules the station still reviews fields; the case pages say why they are off.
        var desk: CaseDesk?
        var deskProblem: String?
        do { desk = CaseDesk(database: review.database, rules: try RoutingRules.load(explicit: rules)) } catch {
            deskProblem = "\(error)"
            FileHandle.standardError.write(Data("mailroom serve: case pages are off: \(error)\n".utf8))
        }
        let station: WebStation
        do {
            station = try WebStation(review: review, accounts: OperatorAccounts(database: review.database),
                                     sessions: SessionStore(database: review.database), secureCookies: !loopback,
                                     desk: desk, deskProblem: deskProblem)
        } catch {
            throw ValidationError(error.message)
        }
        if try review.database.operatorAccounts().isEmpty {
            FileHandle.standardError.write(Data("mailroom serve: no operator accounts yet; add one with 'mailroom operators add NAME'\n".utf8))
        }
        let failure = blockingRun {
            try await station.serve(host: host, port: port) { address in
                FileHandle.standardOutput.write(Data("mailroom serve: listening on http://\(address) (Ctrl+C stops)\n".utf8))
            }
        }
        if let failure {
            FileHandle.standardError.write(Data("mailroom serve: \(failure)\n".utf8))
            throw ExitCode(3)
        }
    }
}

/// Runs async work from the synchronous command line and returns its error, if any.
func blockingRun(_ body: @escaping @Sendable () async throws -> Void) -> (any Error)? {
    final class Outcome: @unchecked Sendable { var error: (any Error)? }
    let outcome = Outcome()
    let done = DispatchSemaphore(value: 0)
    Task {
        do { try await body() } catch { outcome.error = error }
        done.signal()
    }
    done.wait()
    return outcome.error
}

/// The database, forms and postcodes a station or account command opens.
struct StationOptions {
    var db: String?
    var forms: String?
    var postcodes: String?

    func reviewService() throws -> ReviewService {
        let options = try OperatorOptions.parse(
            (db.map { ["--db", $0] } ?? []) + (forms.map { ["--forms", $0] } ?? []) + (postcodes.map { ["--postcodes", $0] } ?? []))
        return try options.reviewService()
    }
}
