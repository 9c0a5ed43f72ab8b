import ArgumentParser
import Foundation
import MailroomCases
import MailroomStore

/// `mailroom search "query"`: full-text search over letters, e-mails and coupons.
struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Search letters, e-mails and coupon fields (every word, as a prefix; accents and case ignored).")
    @OptionGroup var options: DeskOptions
    @Argument(help: "Words to find, e.g. \"krakow pralka\".") var query: String
    @Option(help: "Only documents linked to this customer id.") var customer: String?
    @Option(help: "Only documents stored on or after this day (2026-12-01).") var from: String?
    @Option(help: "Only documents stored on or before this day.") var to: String?
    @Option(help: "Only this kind: letter, email, coupon.") var kind: String?
    @Option(help: "Only documents whose case is in this state.") var state: String?
    @Option(help: "At most this many hits.") var limit = 20

    func run() throws {
        var documentKind: DocumentKind?
        if let kind {
            guard let parsed = DocumentKind(rawValue: kind.lowercased()) else {
                throw ValidationError("--kind must be letter, email or coupon")
            }
            documentKind = parsed
        }
        try options.withDesk("search") { desk in
            let zone = desk.rules.calendar.timeZone
            func day(_ text: String?, option: String, plus days: Int) throws -> Date? {
                guard let text else { return nil }
                guard let date = CaseText.parseDate(text, zone: zone) else {
                    throw CaseError.invalidArgument("\(option) '\(text)' is not a date (2026-12-01)")
                }
                return date.addingTimeInterval(Double(days) * 86400)
            }
            let filter = SearchFilter(
                customerID: customer, from: try day(from, option: "--from", plus: 0),
                to: try day(to, option: "--to", plus: to.map { $0.count == 10 ? 1 : 0 } ?? 0), kind: documentKind,
                caseState: state.flatMap { CaseState(text: $0)?.rawValue ?? $0 }, limit: limit)
            let hits = try desk.searchIndex.search(query, filter: filter)
            options.emit(hits, text: hits.isEmpty ? "no documents found" : hits.map(\.line).joined(separator: "\n"))
        }
    }
}
