import ArgumentParser
import Foundation
import MailroomOperator

/// `mailroom forget CUSTOMER`: erase one customer's personal data, keeping anonymous counts.
struct Forget: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Erase a customer's personal data from fields, text, cases, the export history and the search index.",
        discussion: """
            CUSTOMER is an id from the customer list or an e-mail address. Their documents keep their \
            hash, kind and form (so counts stay right) and are never read again; everything that names \
            the customer is removed. The scanned images themselves are not touched: delete them from \
            the scan folders and archives as your retention policy says.
            """)

    @OptionGroup var options: OperatorOptions

    @Argument(help: "The customer's id or e-mail address.")
    var customer: String

    @Flag(help: "Print what was removed as JSON.")
    var json = false

    func run() throws {
        let database = try options.database()
        let report = try operatorAction("forget") { try CustomerForgetting(database: database).forget(customer, operator: options.who) }
        if json { printJSON(report); return }
        let c = report.counts
        print("forgot \(report.customerID.map { "customer \($0)" } ?? "the address's owner"): "
            + "\(c.documents) documents (\(c.fields) fields, \(c.pages) pages), \(c.cases) cases (\(c.caseEvents) timeline entries), "
            + "\(c.decisions) operator decisions, \(c.auditEntries) audit entries, \(c.searchEntries) search entries, "
            + "\(c.exportLogs) export log entries; customer record \(c.customerDeleted ? "deleted" : "not in the list")")
    }
}
