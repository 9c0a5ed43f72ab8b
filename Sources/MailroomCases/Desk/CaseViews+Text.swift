import Foundation
import MailroomStore

/// Plain-text renderings for the command line, and the JSON encoder every `--json` uses.
public enum CaseText {
    /// Encodes `value` as one JSON document: sorted keys, ISO 8601 dates.
    public static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        guard let data = try? encoder.encode(value) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }

    /// `2026-12-04 15:30` in `zone`, or `-` for no date.
    public static func time(_ date: Date?, in zone: TimeZone) -> String {
        guard let date else { return "-" }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }

    /// Parses a date given on the command line: `2026-12-04`, `2026-12-04 15:30`,
    /// `2026-12-04T15:30`, or full ISO 8601. A bare day means `hour:minute` of that day in `zone`.
    public static func parseDate(_ text: String, zone: TimeZone, hour: Int = 0, minute: Int = 0) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let date = try? Date(trimmed, strategy: .iso8601) { return date }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        for format in ["yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: trimmed) { return date }
        }
        formatter.dateFormat = "yyyy-MM-dd"
        guard let day = formatter.date(from: trimmed) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.date(bySettingHour: hour, minute: minute, second: 0, of: day)
    }
}

extension CaseSummary {
    /// One line: reference, state, queue, priority, assignee, deadlines, subject.
    public func line(zone: TimeZone) -> String {
        var flags: [String] = []
        if sla.isOverdue { flags.append("OVERDUE") } else if sla.isDueSoon { flags.append("due soon") }
        if needsFollowUp { flags.append("follow up") }
        let flagText = flags.isEmpty ? "" : " [\(flags.joined(separator: ", "))]"
        return "\(reference)  \(state)  \(queue)/\(priority)  \(assignee ?? "unassigned")  "
            + "reply by \(CaseText.time(firstResponseDue, in: zone))  \(customerID ?? "no customer")  "
            + "\(topic): \(subject)\(flagText)"
    }
}

extension CaseDetail {
    /// The case, its deadlines, documents and timeline, for a person.
    public func text(zone: TimeZone) -> String {
        let c = self.case
        var lines = [
            "\(c.reference) (#\(c.id)): \(c.subject)",
            "  state \(c.state), queue \(c.queue), priority \(c.priority), assignee \(c.assignee ?? "-"), topic \(c.topic)",
            "  customer: \(customer ?? "not linked")",
            "  channels: \(c.channels.joined(separator: ", ")); created \(CaseText.time(c.createdAt, in: zone))",
            "  first response due \(CaseText.time(c.firstResponseDue, in: zone)) (\(c.sla.firstResponse.rawValue)); "
                + "resolution due \(CaseText.time(c.resolutionDue, in: zone)) (\(c.sla.resolution.rawValue))",
        ]
        if let unit = c.unit { lines.append("  unit: \(unit) (\(c.sla.unit.rawValue))") }
        if c.needsFollowUp { lines.append("  needs follow-up: the unit answered, the customer has not been told yet") }
        lines.append("  next: \(allowedActions.isEmpty ? "nothing (archived, read-only)" : allowedActions.joined(separator: ", "))")
        lines.append("documents:")
        for document in documents {
            lines.append("  #\(document.id) \(document.kind) \(document.path) (by \(document.linkedBy))")
        }
        lines.append("timeline:")
        for event in events {
            var line = "  \(CaseText.time(event.at, in: zone))  \(event.actor)  \(event.kind)"
            if let to = event.to { line += " \(event.from ?? "∅") → \(to)" }
            if let text = event.text { line += ": \(text)" }
            if let attachment = event.attachment { line += " [\(attachment)]" }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}

extension ReceiveOutcome {
    /// One line: what happened to the document.
    public var line: String {
        let who = customerID.map { "customer \($0) by \(linkMethod?.rawValue ?? "?")" } ?? "no customer"
        switch action {
        case .opened: return "\(kind) #\(documentID): opened \(caseReference ?? "?") (\(topic ?? "-")), \(who)"
        case .joined: return "\(kind) #\(documentID): joined \(caseReference ?? "?") by \(joinedBy ?? "?"), \(who)"
        case .linked: return "\(kind) #\(documentID): \(customerID == nil ? "not linked" : "linked to \(who)")"
        case .alreadyFiled: return "\(kind) #\(documentID): already filed"
        case .skipped: return "\(kind) #\(documentID): skipped"
        }
    }
}

extension CustomerImportReport {
    /// The counts on one line.
    public var summaryLine: String {
        "\(file): \(imported) imported, \(updated) updated, \(rejected.count) rejected"
    }
}

extension SearchHit {
    /// One line: document, kind, case, customer, snippet.
    public var line: String {
        "#\(documentID) \(kind)  \(caseReference.map { "\($0) (\(caseState ?? "?"))" } ?? "no case")  "
            + "\(customerID ?? "-")  \(snippet.replacingOccurrences(of: "\n", with: " "))"
    }
}
