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
            the customer is removed, including the file paths. With --delete-scans the scanned files \
            are deleted too; without it, the command lists them (once: the database no longer knows \
            them) so they can be deleted as the retention policy says. Case archives and files \
            already exported are not touched.
            """)

    @OptionGroup var options: OperatorOptions

    @Argument(help: "The customer's id or e-mail address.")
    var customer: String

    @Flag(help: "Also delete the scanned files the customer's documents were read from.")
    var deleteScans = false

    @Flag(help: "Print what was removed as JSON.")
    var json = false

    func run() throws {
        let database = try options.database()
        let report = try operatorAction("forget") {
            try CustomerForgetting(database: database).forget(customer, operator: options.who, deleteScans: deleteScans)
        }
        if json { printJSON(report) } else { printText(report) }
        for failure in report.failedDeletions { FileHandle.standardError.write(Data("mailroom forget: could not delete \(failure)\n".utf8)) }
        if !report.failedDeletions.isEmpty { throw ExitCode(1) }
    }

    private func printText(_ report: CustomerForgetting.Report) {
        let c = report.counts
        print("forgot \(report.customerID.map { "customer \($0)" } ?? "the address's owner"): "
            + "\(c.documents) documents (\(c.fields) fields, \(c.pages) pages), \(c.cases) cases (\(c.caseEvents) timeline entries), "
            + "\(c.decisions) operator decisions, \(c.auditEntries) audit entries, \(c.searchEntries) search entries, "
            + "\(c.exportLogs) export log entries, \(c.paths) file paths; customer record \(c.customerDeleted ? "deleted" : "not in the list")")
        for path in report.deletedScans { print("deleted scan \(path)") }
        for path in report.remainingScans { print("scan still on disk, delete it: \(path)") }
        for source in report.batchSources {
            print("batch file holding these pages among other documents, kept: \(source)")
        }
    }
}
