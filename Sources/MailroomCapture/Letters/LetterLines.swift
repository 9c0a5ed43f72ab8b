import Foundation
/// A letter's text as trimmed, non-empty lines that remember where their block started.
struct LetterLines {
    /// The lines in reading order.
    let all: [String]
    /// For each line, whether a blank line (a new block) came right before it.
    let startsBlock: [Bool]

    init(_ text: String) {
        var lines: [String] = []
        var starts: [Bool] = []
        var blank = true
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { blank = true; continue }
            lines.append(line)
            starts.append(blank)
            blank = false
        }
        all = lines
        startsBlock = starts
    }

    var count: Int { all.count }
    subscript(index: Int) -> String { all[index] }

    func firstIndex(where predicate: (String) -> Bool) -> Int? { all.firstIndex(where: predicate) }
    func prefix(_ n: Int) -> ArraySlice<String> { all.prefix(n) }
}
