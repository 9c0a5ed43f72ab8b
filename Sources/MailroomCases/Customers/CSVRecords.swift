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
            let parsed = parse(recordText)
            // A record spread over lines whose fields do not fit the header is most likely a
            // quote opened by mistake that paired with a quote further down: keep only the
            // error for its first line and read on from the next line.
            if end > start, let width = records.first?.fields.count {
                if case let .success(fields) = parsed, fields.count == width {} else {
                    problems.append(.unterminatedQuote(file: file, line: start + 1))
                    index = start + 1
                    continue
                }
            }
            switch parsed {
            case let .success(fields):
                records.append(Record(line: start + 1, fields: fields))
            case let .failure(error):
                problems.append(.badQuoting(file: file, line: start + 1, detail: error.detail))
            }
            index = end + 1
        }
        return (records, problems)
    }

    struct ParseFailure: Error { var detail: String }

    /// One record's fields, parsed by SwiftCSV.
    static func parse(_ record: String) -> Result<[String], ParseFailure> {
        do {
            // The trailing newline makes SwiftCSV keep an empty last field.
            let fields = try EnumeratedCSV(string: record + "\n", delimiter: .comma, loadColumns: false).header
            return .success(fields.map { $0.trimmingCharacters(in: .whitespaces) })
        } catch let error as CSVParseError {
            switch error {
            case let .quotation(message), let .generic(message): return .failure(ParseFailure(detail: message))
            }
        } catch {
            return .failure(ParseFailure(detail: "\(error)"))
        }
    }
}
