import ArgumentParser

/// The `mailroom` command: turns scanned mail into data and cases.
@main
struct Mailroom: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mailroom",
        abstract: "Turn scanned coupons and letters into validated data and customer cases.",
        subcommands: [Read.self]
    )

    static func main() {
        Launcher.ensureSingleThreadedOpenMP()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}
