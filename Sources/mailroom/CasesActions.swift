import ArgumentParser
import Foundation
import MailroomCases
import MailroomPipeline

extension Cases {
    struct Triage: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mark a new case triaged (new → triaged).")
        @OptionGroup var options: DeskOptions
        @Argument(help: "Case id or reference.") var id: String
        @Option(help: "Why, for the timeline.") var note: String?

        func run() throws {
            try options.withDesk("cases triage") { desk in
                show(try desk.triage(id, by: options.actor, note: note), on: desk, options: options, verb: "triaged")
            }
        }
    }

    struct Assign: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Give a case to an agent.")
        @OptionGroup var options: DeskOptions
        @Argument(help: "Case id or reference.") var id: String
        @Argument(help: "The agent.") var agent: String

        func run() throws {
            try options.withDesk("cases assign") { desk in
                show(try desk.assign(id, to: agent, by: options.actor), on: desk, options: options, verb: "assigned to \(agent)")
            }
        }
    }

    struct Note: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a note to a case's timeline.")
        @OptionGroup var options: DeskOptions
        @Argument(help: "Case id or reference.") var id: String
        @Argument(help: "The note.") var text: String

        func run() throws {
            try options.withDesk("cases note") { desk in
                show(try desk.note(id, text: text, by: options.actor), on: desk, options: options, verb: "noted")
            }
        }
    }

    struct Forward: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Forward a case to a line unit (→ waiting_on_unit).")
        @OptionGroup var options: DeskOptions
        @Argument(help: "Case id or reference.") var id: String
        @Argument(help: "The unit.") var unit: String
        @Option(help: "When the unit should answer: 2026-12-04 (end of that business day) or 2026-12-04 15:00.")
        var due: String

        func run() throws {
            try options.withDesk("cases forward") { desk in
                let calendar = desk.rules.calendar
                guard let date = CaseText.parseDate(due, zone: calendar.timeZone, hour: calendar.closes / 60,
                                                    minute: calendar.closes % 60) else {
                    throw CaseError.invalidArgument("--due '\(due)' is not a date (2026-12-04 or 2026-12-04 15:00)")
                }
                show(try desk.forward(id, to: unit, due: date, by: options.actor), on: desk, options: options,
                     verb: "forwarded to \(unit)")
            }
        }
    }

    struct UnitAnswered: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "unit-answered",
            abstract: "Record the unit's answer (→ assigned, flagged for follow-up with the customer).")
        @OptionGroup var options: DeskOptions
        @Argument(help: "Case id or reference.") var id: String
        @Argument(help: "What the unit answered.") var text: String

        func run() throws {
            try options.withDesk("cases unit-answered") { desk in
                show(try desk.unitAnswered(id, text: text, by: options.actor), on: desk, options: options,
                     verb: "unit answered")
            }
        }
    }

    struct Reply: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Answer the customer (→ answered).")
        @OptionGroup var options: DeskOptions
        @Argument(help: "Case id or reference.") var id: String
        @Argument(help: "The reply text.") var text: String?
        @Option(help: "A reply document to attach (its path is recorded).") var file: String?

        func validate() throws {
            if text == nil && file == nil { throw ValidationError("give the reply TEXT or --file PATH") }
        }

        func run() throws {
            try options.withDesk("cases reply") { desk in
                show(try desk.reply(id, text: text, file: file, by: options.actor), on: desk, options: options,
                     verb: "answered")
            }
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close a case (resolved now).")
        @OptionGroup var options: DeskOptions
        @Argument(help: "Case id or reference.") var id: String
        @Option(help: "Why, for the timeline.") var reason: String?

        func run() throws {
            try options.withDesk("cases close") { desk in
                show(try desk.close(id, by: options.actor, reason: reason), on: desk, options: options, verb: "closed")
            }
        }
    }

    struct Reopen: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reopen a closed case.")
        @OptionGroup var options: DeskOptions
        @Argument(help: "Case id or reference.") var id: String
        @Option(help: "Why, for the timeline.") var reason: String?

        func run() throws {
            try options.withDesk("cases reopen") { desk in
                show(try desk.reopen(id, by: options.actor, reason: reason), on: desk, options: options, verb: "reopened")
            }
        }
    }

    struct Archive: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a closed case's archive bundle (searchable PDFs, e-mails, replies, timeline); the case becomes read-only.")
        @OptionGroup var options: DeskOptions
        @Argument(help: "Case id or reference.") var id: String
        @Option(help: "The folder the bundle is written into, as <folder>/<reference>/.") var to: String

        func run() throws {
            try options.withDesk("cases archive") { desk in
                let archiver = CaseArchiver(desk: desk, database: desk.database)
                let bundle: URL
                do {
                    bundle = try archiver.archive(id, to: URL(fileURLWithPath: to), by: options.actor)
                } catch let error as CaseError {
                    throw error
                } catch {
                    FileHandle.standardError.write(Data("mailroom cases archive: \(error)\n".utf8))
                    throw ExitCode(1)
                }
                show(try desk.resolve(id), on: desk, options: options, verb: "archived to \(bundle.path)")
            }
        }
    }
}
