import ArgumentParser
import Foundation
import MailroomCases
import MailroomStore

/// `mailroom cases …`: list, show and work customer cases; the logic is in `CaseDesk`.
struct Cases: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List, show and work customer cases.",
        discussion: """
            Cases are opened by `cases route` (letters and e-mails the scan stored). States: new → triaged → \
            assigned → waiting_on_unit → assigned → answered → closed → archived; closed → reopened → assigned. \
            Exit codes: 0 done; 1 refused (illegal transition, archived case, unknown case); 2 usage or \
            configuration error (arguments, routing rules); 3 could not run (database locked, busy, unopenable).
            """,
        subcommands: [List.self, Show.self, Route.self, Triage.self, Assign.self, Note.self, Forward.self,
                      UnitAnswered.self, Reply.self, Close.self, Reopen.self, Archive.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List cases, newest first.")
        @OptionGroup var options: DeskOptions
        @Option(help: "Only this queue.") var queue: String?
        @Option(help: "Only this state (new, triaged, assigned, waiting_on_unit, answered, closed, reopened, archived).")
        var state: String?
        @Option(help: "Only cases assigned to this agent.") var assignee: String?
        @Flag(help: "Only open cases past a deadline.") var overdue = false
        @Flag(help: "Only open cases with a deadline within the rules' due-soon hours.") var dueSoon = false

        func run() throws {
            var states: [String]?
            if let state {
                guard let parsed = CaseState(text: state) else {
                    throw ValidationError("--state must be one of \(CaseState.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                states = [parsed.rawValue]
            }
            try options.withDesk("cases list") { desk in
                var shown = try desk.cases(CaseQuery(queue: queue, states: states, assignee: assignee))
                    .map(desk.summary(of:))
                if overdue { shown = shown.filter(\.sla.isOverdue) }
                if dueSoon { shown = shown.filter(\.sla.isDueSoon) }
                let zone = desk.rules.calendar.timeZone
                options.emit(shown, text: shown.isEmpty ? "no cases" : shown.map { $0.line(zone: zone) }.joined(separator: "\n"))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a case: deadlines, documents, timeline.")
        @OptionGroup var options: DeskOptions
        @Argument(help: "Case id or reference (C-2026-000123).") var id: String

        func run() throws {
            try options.withDesk("cases show") { desk in
                let detail = try desk.detail(id)
                options.emit(detail, text: detail.text(zone: desk.rules.calendar.timeZone))
            }
        }
    }

    struct Route: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "File every stored letter and e-mail not yet in a case, and link coupons (safe to re-run).")
        @OptionGroup var options: DeskOptions

        func run() throws {
            try options.withDesk("cases route") { desk in
                let outcomes = try desk.receivePending()
                let counts = Dictionary(grouping: outcomes, by: \.action.rawValue).mapValues(\.count)
                let tally = counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
                options.emit(outcomes, text: (outcomes.map(\.line) + ["\(outcomes.count) documents: \(tally.isEmpty ? "nothing to do" : tally)"])
                    .joined(separator: "\n"))
            }
        }
    }
}
