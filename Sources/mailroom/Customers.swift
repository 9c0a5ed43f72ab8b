import ArgumentParser
import Foundation
import MailroomCases
import MailroomPostcodes

/// `mailroom customers import FILE.csv`: loads the customer list; the logic is in `CustomerImporter`.
struct Customers: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage the customer list that letters, e-mails and coupons are linked to.",
        subcommands: [Import.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import (upsert by id) customers from a CSV file with a header line.",
            discussion: """
                Columns: id,name,street,postcode,town,country,email,phone,contract_level,vip (id and name required). \
                Rejected rows are listed on stderr with their line and reason and the good rows are imported: \
                the exit code stays 0 so a nightly cron import goes on (check the rejected count). \
                Exit 2 when the file cannot be read or lacks the id/name columns, 3 when the database cannot be used.
                """)
        @OptionGroup var options: DeskOptions
        @Argument(help: "The CSV file.") var file: String
        @Option(help: "The postcodes folder for postcode checks (default: $MAILROOM_POSTCODES, ./postcodes, or the repository's).")
        var postcodes: String?

        func run() throws {
            try options.withDesk("customers import") { desk in
                let directory: PostcodeDirectory?
                if let postcodes {
                    directory = try? PostcodeDirectory(directory: URL(fileURLWithPath: postcodes))
                } else {
                    directory = try? PostcodeDirectory()
                }
                if directory == nil {
                    FileHandle.standardError.write(Data("mailroom customers import: no postcode data found; postcodes are not checked\n".utf8))
                }
                let importer = CustomerImporter(database: desk.database, postcodes: directory,
                                                contractLevels: desk.rules.contractLevels)
                let report = try importer.importFile(URL(fileURLWithPath: file))
                for row in report.rejected {
                    FileHandle.standardError.write(Data("\(report.file):\(row.line): rejected: \(row.reason)\n".utf8))
                }
                options.emit(report, text: report.summaryLine)
            }
        }
    }
}
