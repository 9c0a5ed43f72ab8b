import Foundation

/// Letter dates in the ways people write them: "16 giugno 2026", "18 września 2025 r.",
/// "June 6, 2025", "16/06/2026", "16.06.2026", "2026-06-16".
enum LetterDates {
    /// The ISO day of the first valid date in `line`, or `nil`.
    static func parse(_ line: String) -> String? {
        let folded = LetterVocabulary.fold(line)
        if let match = folded.firstMatch(of: #/(\d{1,2}) ([A-Z]{3,12}) (\d{4})/#),
           let month = month(String(match.2)), let iso = iso(Int(match.3), month, Int(match.1)) { return iso }
        if let match = folded.firstMatch(of: #/([A-Z]{3,12}) (\d{1,2}) (\d{4})/#),
           let month = month(String(match.1)), let iso = iso(Int(match.3), month, Int(match.2)) { return iso }
        if let match = line.firstMatch(of: #/(\d{4})-(\d{2})-(\d{2})/#),
           let iso = iso(Int(match.1), Int(match.2), Int(match.3)) { return iso }
        if let match = line.firstMatch(of: #/(\d{1,2})[./](\d{1,2})[./](\d{4})/#) {
            // Day first, as in every language Mailroom reads except US English; a first
            // number above 12 can only be a day anyway.
            let a = Int(match.1) ?? 0, b = Int(match.2) ?? 0
            return iso(Int(match.3), b, a) ?? iso(Int(match.3), a, b)
        }
        return nil
    }

    /// The month of a folded name, tolerating one misread letter in names of five or more.
    static func month(_ word: String) -> Int? {
        if let month = LetterVocabulary.months[word] { return month }
        guard word.count >= 5 else { return nil }
        let near = LetterVocabulary.months.filter { $0.key.count >= 5 && EditDistance.levenshtein(Array($0.key), Array(word)) <= 1 }
        let months = Set(near.values)
        return months.count == 1 ? months.first : nil
    }

    static func iso(_ year: Int?, _ month: Int?, _ day: Int?) -> String? {
        guard let year, let month, let day, (1900...2100).contains(year), (1...12).contains(month) else { return nil }
        var components = DateComponents(year: year, month: month, day: day)
        components.calendar = Calendar(identifier: .gregorian)
        guard components.isValidDate else { return nil }
        return String(format: "%04d-%02d-%02d", year, month, day)
    }
}
