import Foundation
import MailroomPostcodes
import MailroomStore

/// A line of the customers CSV that was not imported, and why.
public struct RejectedRow: Sendable, Equatable, Codable {
    public var line: Int
    public var id: String?
    public var reason: String
}

/// What a customers import did.
public struct CustomerImportReport: Sendable, Equatable, Codable {
    public var file: String
    /// New customers.
    public var imported: Int
    /// Known customers (same id) whose data was replaced.
    public var updated: Int
    /// Lines refused by validation or by the CSV parser, by line.
    public var rejected: [RejectedRow]
    /// The CSV parser's problems, typed (also listed in ``rejected``).
    public var malformed: [CustomerImportError]
}

/// Reads the company's customer list (CSV with a header line) into the `customer` table.
///
/// Columns, in any order: id, name, street, postcode, town, country, email, phone,
/// contract_level, vip; id and name are required, others may be missing or empty. Each row is
/// checked; bad rows are reported with their line and reason, good rows are upserted by id
/// in one transaction:
/// - id present and unique in the file;
/// - e-mail, when given, shaped like `name@domain.tld`;
/// - country, when given, a two-letter code; with a postcode directory, the postcode must be
///   well formed for a country that has a postcode format, and is stored in its canonical
///   spelling ("31042" → "31-042");
/// - vip one of yes/no/true/false/1/0 (empty means no);
/// - contract_level, when given, one of the known levels (from the routing rules), any case.
public struct CustomerImporter: Sendable {
    /// Used when the routing rules list none.
    public static let defaultContractLevels = ["basic", "standard", "silver", "gold", "platinum", "business"]
    static let columns = ["id", "name", "street", "postcode", "town", "country", "email", "phone",
                          "contract_level", "vip"]

    public let database: MailroomDatabase
    public let postcodes: PostcodeDirectory?
    public let contractLevels: [String]

    public init(database: MailroomDatabase, postcodes: PostcodeDirectory?, contractLevels: [String] = []) {
        self.database = database
        self.postcodes = postcodes
        self.contractLevels = contractLevels.isEmpty ? Self.defaultContractLevels : contractLevels.map { $0.lowercased() }
    }

    /// Imports the CSV file at `url`.
    public func importFile(_ url: URL, now: Date = Date()) throws -> CustomerImportReport {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw CustomerImportError.unreadable(file: url.path, reason: error.localizedDescription)
        }
        return try importText(text, file: url.path, now: now)
    }

    /// Imports CSV text; `file` names it in the report and errors. Throws ``CustomerImportError``
    /// for a text without a usable header, ``StoreError`` when the database refuses.
    public func importText(_ text: String, file: String, now: Date = Date()) throws -> CustomerImportReport {
        var body = text
        if body.hasPrefix("\u{FEFF}") { body.removeFirst() }
        let (records, problems) = CSVRecords.split(body, file: file)
        guard let header = records.first else {
            throw CustomerImportError.missingColumns(file: file, missing: ["id", "name"])
        }
        let names = header.fields.map { $0.lowercased() }
        let missing = ["id", "name"].filter { !names.contains($0) }
        if !missing.isEmpty { throw CustomerImportError.missingColumns(file: file, missing: missing) }
        var malformed = problems
        var rejected = problems.compactMap { problem in
            problem.line.map { RejectedRow(line: $0, id: nil, reason: problem.description) }
        }
        var accepted: [CustomerRecord] = []
        var firstLine: [String: Int] = [:]
        for record in records.dropFirst() {
            guard record.fields.count == names.count else {
                let problem = CustomerImportError.columnCount(file: file, line: record.line, expected: names.count,
                                                              found: record.fields.count)
                malformed.append(problem)
                rejected.append(RejectedRow(line: record.line, id: nil, reason: problem.description))
                continue
            }
            var row: [String: String] = [:]
            for (name, value) in zip(names, record.fields) where !value.isEmpty { row[name] = value }
            switch validate(row, now: now) {
            case let .failure(reason):
                rejected.append(RejectedRow(line: record.line, id: row["id"], reason: reason.text))
            case let .success(customer):
                if let first = firstLine[customer.id] {
                    rejected.append(RejectedRow(line: record.line, id: customer.id,
                                                reason: "duplicate id \(customer.id) (first on line \(first))"))
                    continue
                }
                firstLine[customer.id] = record.line
                accepted.append(customer)
            }
        }
        let counts = try database.upsertCustomers(accepted)
        rejected.sort { $0.line < $1.line }
        return CustomerImportReport(file: file, imported: counts.inserted, updated: counts.updated,
                                    rejected: rejected, malformed: malformed)
    }

    struct Reason: Error { var text: String }

    func validate(_ row: [String: String], now: Date) -> Result<CustomerRecord, Reason> {
        guard let id = row["id"] else { return .failure(Reason(text: "id is empty")) }
        guard let name = row["name"] else { return .failure(Reason(text: "name is empty")) }
        if let email = row["email"],
           email.range(of: #"^[^@\s,;]+@[^@\s,;]+\.[^@\s,;.]+$"#, options: .regularExpression) == nil {
            return .failure(Reason(text: "e-mail '\(email)' is not an address (name@domain.tld)"))
        }
        var vip = false
        if let text = row["vip"] {
            switch text.lowercased() {
            case "yes", "true", "1", "y": vip = true
            case "no", "false", "0", "n": vip = false
            default: return .failure(Reason(text: "vip '\(text)' must be yes/no/true/false/1/0"))
            }
        }
        var level: String?
        if let text = row["contract_level"] {
            guard contractLevels.contains(text.lowercased()) else {
                return .failure(Reason(text: "contract_level '\(text)' is not one of \(contractLevels.joined(separator: ", "))"))
            }
            level = text.lowercased()
        }
        var country: String?
        if let text = row["country"] {
            let code = text.uppercased() == "UK" ? "GB" : text.uppercased()
            guard code.count == 2, code.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                return .failure(Reason(text: "country '\(text)' is not a two-letter ISO code"))
            }
            if let postcodes, postcodes.country(code) == nil {
                return .failure(Reason(text: "country '\(text)' is not a known country code"))
            }
            country = code
        }
        var postcode = row["postcode"]
        if let raw = postcode, let country, let postcodes, let known = postcodes.country(country), known.hasPostcodes {
            guard let canonical = postcodes.normalise(raw, country: country) else {
                return .failure(Reason(text: "postcode '\(raw)' is not a \(country) postcode (format \(known.format))"))
            }
            postcode = canonical
        }
        return .success(CustomerRecord(
            id: id, name: name, street: row["street"], postcode: postcode, town: row["town"], country: country,
            email: row["email"], phone: row["phone"], contractLevel: level, vip: vip, importedAt: now,
            nameKey: NameMatching.key(name), postcodeKey: postcode.map(NameMatching.postcodeKey)))
    }
}
