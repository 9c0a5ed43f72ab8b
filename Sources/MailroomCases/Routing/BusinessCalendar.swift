import Foundation

/// Working time: which weekdays, which hours, which holidays, in which time zone.
///
/// Service levels are counted in business hours: a 16-hour first response for a letter
/// received on Friday at 15:00 (Mon–Fri 09:00–17:00) is due on Tuesday at 15:00.
public struct BusinessCalendar: Sendable, Equatable {
    public let timeZone: TimeZone
    /// Calendar weekdays, 1 = Sunday … 7 = Saturday.
    public let workingDays: Set<Int>
    /// Minutes after midnight.
    public let opens: Int
    public let closes: Int
    /// Days off, `yyyy-MM-dd` in the calendar's time zone.
    public let holidays: Set<String>

    /// A calendar problem: the message names the value at fault.
    public struct Problem: Error, Sendable {
        public var problem: String
    }

    private static let dayNames = ["sun": 1, "mon": 2, "tue": 3, "wed": 4, "thu": 5, "fri": 6, "sat": 7]

    /// Builds a calendar from its YAML spelling: "Europe/Rome", ["mon", …], "09:00", "17:00", ["2026-12-25"].
    public init(timeZone: String, workingDays: [String], opens: String, closes: String, holidays: [String])
        throws(Problem) {
        guard let zone = TimeZone(identifier: timeZone) else {
            throw Problem(problem: "unknown time_zone '\(timeZone)' (use an IANA name such as Europe/Rome)")
        }
        var days = Set<Int>()
        for name in workingDays {
            guard let day = Self.dayNames[String(name.lowercased().prefix(3))] else {
                throw Problem(problem: "unknown working day '\(name)' (use mon, tue, wed, thu, fri, sat, sun)")
            }
            days.insert(day)
        }
        if days.isEmpty { throw Problem(problem: "working_days is empty") }
        guard let open = Self.minutes(opens) else { throw Problem(problem: "opens '\(opens)' is not HH:MM") }
        guard let close = Self.minutes(closes) else { throw Problem(problem: "closes '\(closes)' is not HH:MM") }
        if close <= open { throw Problem(problem: "closes (\(closes)) must be after opens (\(opens))") }
        for day in holidays where !Self.isDay(day) {
            throw Problem(problem: "holiday '\(day)' is not a yyyy-MM-dd date")
        }
        self.init(timeZone: zone, workingDays: days, opens: open, closes: close, holidays: Set(holidays))
    }

    public init(timeZone: TimeZone, workingDays: Set<Int>, opens: Int, closes: Int, holidays: Set<String>) {
        self.timeZone = timeZone
        self.workingDays = workingDays
        self.opens = opens
        self.closes = closes
        self.holidays = holidays
    }

    private static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]),
              (0...24).contains(hour), (0..<60).contains(minute), hour * 60 + minute <= 24 * 60 else { return nil }
        return hour * 60 + minute
    }

    private static func isDay(_ text: String) -> Bool {
        text.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) != nil
    }

    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// Whether `day` (any instant of it) is a working day that is not a holiday.
    public func isWorkingDay(_ day: Date) -> Bool {
        let calendar = self.calendar
        guard workingDays.contains(calendar.component(.weekday, from: day)) else { return false }
        let parts = calendar.dateComponents([.year, .month, .day], from: day)
        let key = String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
        return !holidays.contains(key)
    }

    /// The instant `hours` business hours after `start`. Time outside working hours, on days
    /// off and on holidays does not count.
    public func adding(hours: Double, to start: Date) -> Date {
        var remaining = hours * 3600
        if remaining <= 0 { return start }
        let calendar = self.calendar
        var cursor = start
        // Ten years of days is far beyond any service level; it only bounds a bad calendar.
        for _ in 0..<3660 {
            let dayStart = calendar.startOfDay(for: cursor)
            if isWorkingDay(dayStart),
               let open = calendar.date(byAdding: .minute, value: opens, to: dayStart),
               let close = calendar.date(byAdding: .minute, value: closes, to: dayStart) {
                if cursor < open { cursor = open }
                if cursor < close {
                    let available = close.timeIntervalSince(cursor)
                    if remaining <= available { return cursor.addingTimeInterval(remaining) }
                    remaining -= available
                }
            }
            guard let next = calendar.date(byAdding: .day, value: 1, to: dayStart) else { break }
            cursor = next
        }
        return cursor
    }

    /// Whether `due` is still ahead of `now` but no more than `hours` business hours away.
    public func isDueSoon(_ due: Date, now: Date, within hours: Double) -> Bool {
        due > now && due <= adding(hours: hours, to: now)
    }
}
