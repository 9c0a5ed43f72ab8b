import ArgumentParser
import Foundation
import MailroomOperator

/// `mailroom export`: data for other systems.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export verified data for other systems.",
        subcommands: [Loyalty.self]
    )

    struct Loyalty: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export loyalty customers from verified coupons, one row per customer.",
            discussion: """
                Incremental by default: only customers with a coupon verified since the last export \
                of the same purpose. --since DATE and --all override. Customers without a ticked \
                consent go to --purpose operations only. The file is written atomically.
                """
        )

        @OptionGroup var options: OperatorOptions

        @Option(help: "marketing (consenting customers only) or operations.")
        var purpose: String

        @Option(help: "csv (RFC 4180, header row) or jsonl (one JSON object per line).")
        var format: String = "csv"

        @Option(help: "The file to write (default: ./loyalty-PURPOSE.FORMAT).")
        var out: String?

        @Option(help: "Customers with a coupon verified on or after this day or time, instead of since the last export.")
        var since: String?

        @Flag(help: "Every customer, instead of those changed since the last export.")
        var all = false

        func validate() throws {
            guard LoyaltyExporter.Purpose(rawValue: purpose) != nil else { throw ValidationError("--purpose is marketing or operations") }
            guard LoyaltyExporter.Format(rawValue: format) != nil else { throw ValidationError("--format is csv or jsonl") }
            if all && since != nil { throw ValidationError("give --since or --all, not both") }
        }

        func run() throws {
            let purpose = LoyaltyExporter.Purpose(rawValue: self.purpose)!
            let format = LoyaltyExporter.Format(rawValue: self.format)!
            let range: LoyaltyExporter.Range = try all ? .all : since.map { .since(try parseDate($0, option: "--since")) } ?? .incremental
            let url = URL(fileURLWithPath: out ?? "loyalty-\(purpose.rawValue).\(format.rawValue)")
            let database = try options.database()
            let keying = try operatorAction("export loyalty") { try LinkedCustomerKey.load(from: database) }
            let exporter = LoyaltyExporter(database: database, forms: try options.formLibrary(), keying: keying)
            let written = try operatorAction("export loyalty") {
                try exporter.export(purpose: purpose, format: format, range: range, to: url, operator: options.who)
            }
            print("wrote \(written.log.rowCount) customer(s) to \(url.path) (sha256 \(written.log.sha256.prefix(16)), "
                + "watermark \(written.log.untilWatermark ?? "none"))")
        }
    }
}
