import Foundation

/// RFC 5322 `Date:` parsing, tolerant of what real mailers write.
public enum MailDate {
    /// Parses `[Day,] DD Mon YYYY HH:MM[:SS] zone`, returning `nil` when it can not be read.
    ///
    /// Accepts: obsolete zones (`UT`, `GMT`, `EST`/`EDT`, `CST`/`CDT`, `MST`/`MDT`, `PST`/`PDT`,
    /// military letters taken as UTC per RFC 5322 §4.3), common names (`CET`, `CEST`, `BST`…),
    /// `+hh:mm`, a missing zone (UTC), comments like `(CET)`, two-digit years (< 50 → 20xx,
    /// else 19xx) and three-digit years (+1900), full or lower-case month names, month before day
    /// (`Dec 1 2026`), a missing seconds field, and ISO 8601 as a last resort.
    public static func parse(_ raw: String) -> Date? {
        parseWithOffset(raw)?.date
    }

    /// Like ``parse(_:)``, also returning the writer's offset from UTC in seconds (0 when the zone is unknown).
    public static func parseWithOffset(_ raw: String) -> (date: Date, offset: Int)? {
        var text = ""
        var depth = 0
        for char in raw {
            if char == "(" { depth += 1; continue }
            if char == ")" { depth = max(0, depth - 1); continue }
            if depth == 0 { text.append(char == "," ? " " : char) }
        }
        var tokens = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }).map(String.init)
        if let first = tokens.first, first.allSatisfy(\.isLetter), month(first) == nil { tokens.removeFirst() }
        guard tokens.count >= 3 else { return iso8601(raw).map { ($0, 0) } }
        var day: Int?
        var monthNumber: Int?
        if let m = month(tokens[0]) {
            monthNumber = m
            day = Int(tokens[1])
        } else {
            day = Int(tokens[0])
            monthNumber = month(tokens[1])
        }
        guard let day, let monthNumber, var year = Int(tokens[2]), (1...31).contains(day) else {
            return iso8601(raw).map { ($0, 0) }
        }
        if tokens[2].count == 2 { year += year < 50 ? 2000 : 1900 } else if tokens[2].count == 3 { year += 1900 }
        var hour = 0, minute = 0, second = 0
        var offset = 0
        var rest = tokens.dropFirst(3)
        // `00:01+0000`: a zone glued to the time.
        if let time = rest.first, time.contains(":"), let sign = time.firstIndex(where: { $0 == "+" || $0 == "-" }) {
            rest = [String(time[..<sign]), String(time[sign...])] + rest.dropFirst()
        }
        if let time = rest.first, time.contains(":") {
            let parts = time.split(separator: ":").map { Int($0) }
            guard parts.count >= 2, parts.allSatisfy({ $0 != nil }) else { return nil }
            hour = parts[0]!
            minute = parts[1]!
            second = parts.count > 2 ? parts[2]! : 0
            rest = rest.dropFirst()
        }
        guard (1...9999).contains(year) else { return nil }
        guard (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second) else { return nil }
        if let zone = rest.first { offset = zoneOffset(zone) ?? 0 }
        let days = daysFromCivil(year: year, month: monthNumber, day: day)
        let seconds = days * 86_400 + hour * 3_600 + minute * 60 + min(second, 59) - offset
        return (Date(timeIntervalSince1970: TimeInterval(seconds)), offset)
    }

    /// The ISO 8601 day (`2026-12-01`) of `date` at `offset` seconds east of UTC.
    public static func isoDay(_ date: Date, offset: Int) -> String {
        let seconds = date.timeIntervalSince1970 + Double(offset)
        let (y, m, d) = civilFromDays(Int((seconds / 86_400).rounded(.down)))
        return String(format: "%04d-%02d-%02d", y, m, d)
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
    private static func civilFromDays(_ z: Int) -> (Int, Int, Int) {
        let z = z + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    private static func month(_ token: String) -> Int? {
        let prefix = token.prefix(3).lowercased()
        guard token.count >= 3, token.allSatisfy({ $0.isLetter || $0 == "." }) else { return nil }
        return months.firstIndex(of: prefix).map { $0 + 1 }
    }

    /// The zone's offset east of UTC in seconds.
    static func zoneOffset(_ zone: String) -> Int? {
        if let sign = zone.first, sign == "+" || sign == "-" {
            let digits = zone.dropFirst().filter(\.isNumber)
            guard digits.count == 4 || digits.count == 2, let value = Int(digits) else { return nil }
            let (hours, minutes) = digits.count == 4 ? (value / 100, value % 100) : (value, 0)
            guard hours <= 23, minutes <= 59 else { return nil }
            return (sign == "-" ? -1 : 1) * (hours * 3_600 + minutes * 60)
        }
        let named: [String: Int] = [
            "UT": 0, "UTC": 0, "GMT": 0, "Z": 0,
            "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
            "CET": 1, "CEST": 2, "MET": 1, "MEST": 2, "BST": 1, "WET": 0, "WEST": 1, "EET": 2, "EEST": 3,
        ]
        if let hours = named[zone.uppercased()] { return hours * 3_600 }
        // Military zones were defined with the wrong sign; RFC 5322 says to treat them as unknown (UTC).
        return zone.count == 1 && zone.first!.isLetter ? 0 : nil
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func iso8601(_ raw: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        if let date = formatter.date(from: trimmed) { return date }
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withSpaceBetweenDateAndTime]
        return formatter.date(from: trimmed)
    }
}
