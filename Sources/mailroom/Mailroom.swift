import ArgumentParser
import Foundation

/// The `mailroom` command: turns scanned mail into data and cases.
@main
struct Mailroom: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mailroom",
        abstract: "Turn scanned coupons and letters into validated data and customer cases.",
        subcommands: [Scan.self, Eval.self, Read.self, Review.self, Export.self, Report.self, Customers.self, Cases.self, Forget.self,
                      Search.self, Serve.self, Operators.self]
    )

    static func main() {
        Launcher.ensureSingleThreadedOpenMP()
        Launcher.returnLargeBuffersToTheSystem()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            // Usage errors exit 2, as the README's exit-code table promises cron.
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
