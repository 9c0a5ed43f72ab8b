import Foundation

/// A customers CSV that could not be read, or a line of it the CSV parser could not split.
///
/// Whole-file problems (unreadable, no usable header) are thrown; line problems are listed in
/// the ``CustomerImportReport`` while the other lines still import.
public enum CustomerImportError: Error, Sendable, Equatable, Codable {
    case unreadable(file: String, reason: String)
    case missingColumns(file: String, missing: [String])
    /// A quoted field opened on `line` never closes; the line is skipped and reading goes on after it.
    case unterminatedQuote(file: String, line: Int)
    case columnCount(file: String, line: Int, expected: Int, found: Int)
    case badQuoting(file: String, line: Int, detail: String)

    /// The line at fault, for line problems.
    public var line: Int? {
        switch self {
        case .unreadable, .missingColumns: return nil
        case let .unterminatedQuote(_, line), let .columnCount(_, line, _, _), let .badQuoting(_, line, _):
            return line
        }
    }
}

extension CustomerImportError: CustomStringConvertible, LocalizedError {
    public var description: String {
        switch self {
        case let .unreadable(file, reason):
            return "cannot read \(file): \(reason); check the path and that it is a UTF-8 CSV file"
        case let .missingColumns(file, missing):
            return "\(file): the header lacks \(missing.joined(separator: ", ")); the first line must name the "
                + "columns id,name,street,postcode,town,country,email,phone,contract_level,vip"
        case let .unterminatedQuote(file, line):
            return "\(file):\(line): a quoted field never closes; add the missing \" (the line was skipped)"
        case let .columnCount(file, line, expected, found):
            return "\(file):\(line): \(found) columns where the header has \(expected); quote values that contain commas"
        case let .badQuoting(file, line, detail):
            return "\(file):\(line): bad quoting (\(detail)); double a quote inside a quoted value (\"\")"
        }
    }

    public var errorDescription: String? { description }
}
