import ArgumentParser
import Foundation
import MailroomCases
import MailroomOperator

/// `mailroom report`: what came in, what waits, what operators changed, how fast runs went.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Report documents, quarantine, review queue, operator corrections and throughput.",
        discussion: "--to DAY includes that day. Without --run or --from/--to the report covers everything."
    )

    @OptionGroup var options: OperatorOptions

    @Option(name: .customLong("run"), help: "Only the documents last processed by this run.")
    var runID: Int64?

    @Option(help: "Documents created on or after this day or time.")
    var from: String?

    @Option(help: "Documents created up to this day (inclusive) or before this time.")
    var to: String?

    @Flag(help: "Print JSON.")
    var json = false

    @Option(help: "Also write a self-contained HTML page with charts to this file.")
    var html: String?

    @Option(help: "The case routing rules, for the SLA calendar (default: $MAILROOM_RULES, else config/routing.yaml).")
    var rules: String?

    func validate() throws {
        if runID != nil && (from != nil || to != nil) { throw ValidationError("give --run or --from/--to, not both") }
    }

    func run() throws {
        let start = try from.map { try parseDate($0, option: "--from") }
        let end = try to.map { try parseDate($0, option: "--to", endOfDay: true) }
        let database = try options.database()
        var builder = ReportBuilder(database: database)
        // Case SLA per queue needs the routing rules' calendar; without rules the section says so.
        if let rules = try? RoutingRules.load(explicit: self.rules) {
            let desk = CaseDesk(database: database, rules: rules)
            builder.caseQueues = { (try? ReportBuilder.caseQueues(from: desk)) ?? [] }
        }
        let report = try operatorAction("report") { try builder.build(runID: runID, from: start, to: end) }
        print(json ? report.json : report.text)
        if let html {
            try operatorAction("report") { try AtomicFile.write(Data(report.html.utf8), to: URL(fileURLWithPath: html)) }
        }
    }
}
