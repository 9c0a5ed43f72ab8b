import Foundation
import SwiftCSV

/// Splits CSV text into records with the line each starts on, and its fields parsed by SwiftCSV.
///
/// SwiftCSV parses a whole text at once and stops at the first error without a line number,
/// so records are cut here first (a record goes on past a line end while it has an open
/// quote) and each one is parsed alone. A quote that never closes spoils only its own line:
/// reading resumes on the next one.
enum CSVRecords {
    struct Record {
        var line: Int
        var fields: [String]
    }

    static func split(_ text: String, file: String) -> (records: [Record], problems: [CustomerImportError]) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            line.hasSuffix("\r") ? line.dropLast() : line
        }
        var records: [Record] = []
        var problems: [CustomerImportError] = []
        var index = 0
        while index < lines.count {
            let start = index
            if lines[start].allSatisfy(\.isWhitespace) {
                index += 1
                continue
            }
            var quotes = lines[start].filter { $0 == "\"" }.count
            var end = start
            while quotes % 2 == 1, end + 1 < lines.count {
                end += 1
                quotes += lines[end].filter { $0 == "\"" }.count
            }
            if quotes % 2 == 1 {
                problems.append(.unterminatedQuote(file: file, line: start + 1))
                index = start + 1
                continue
            }
            let recordText = lines[start...end].joined(separator: "\n")
            do {
                // The trailing newline makes SwiftCSV keep an empty last field.
                let fields = try EnumeratedCSV(string: recordText + "\n", delimiter: .comma, loadColumns: false).header
                records.append(Record(line: start + 1, fields: fields.map { $0.trimmingCharacters(in: .whitespaces) }))
            } catch let error as CSVParseError {
                let detail: String
                switch error {
                case let .quotation(message), let .generic(message): detail = message
                }
                problems.append(.badQuoting(file: file, line: start + 1, detail: detail))
            } catch {
                problems.append(.badQuoting(file: file, line: start + 1, detail: "\(error)"))
            }
            index = end + 1
        }
        return (records, problems)
    }
}
