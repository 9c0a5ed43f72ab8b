import Foundation
import Yams

/// Reading `routing.yaml`: the file's shape, then checks with messages naming the key at fault.
extension RoutingRules {
    private struct File: Decodable {
        var calendar: CalendarSection
        var dueSoonHours: Double?
        var contractLevels: [String]?
        var topics: [Topic]
        var rules: [Rule]

        enum CodingKeys: String, CodingKey {
            case calendar, topics, rules
            case dueSoonHours = "due_soon_hours"
            case contractLevels = "contract_levels"
        }
    }

    private struct CalendarSection: Decodable {
        var timeZone: String
        var workingDays: [String]
        var opens: String
        var closes: String
        var holidays: [String]?

        enum CodingKeys: String, CodingKey {
            case timeZone = "time_zone"
            case workingDays = "working_days"
            case opens, closes, holidays
        }
    }

    private struct Topic: Decodable {
        var name: String
        var keywords: [String: [String]]
    }

    private struct Rule: Decodable {
        var name: String
        var when: Conditions?
        var queue: String
        var priority: String
        var firstResponseHours: Double
        var resolutionHours: Double

        enum CodingKeys: String, CodingKey {
            case name, when, queue, priority
            case firstResponseHours = "first_response_hours"
            case resolutionHours = "resolution_hours"
        }
    }

    private struct Conditions: Decodable {
        var contractLevel: [String]?
        var vip: Bool?
        var topic: [String]?
        var language: [String]?
        var channel: [String]?

        enum CodingKeys: String, CodingKey {
            case contractLevel = "contract_level"
            case vip, topic, language, channel
        }
    }

    /// Reads and checks the rules file at `url`.
    public static func load(from url: URL) throws(RoutingRulesError) -> RoutingRules {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw RoutingRulesError(file: url.path, problem: "cannot be read (\(error.localizedDescription))")
        }
        return try parse(yaml: text, file: url.path)
    }

    /// Parses and checks rules given as YAML text; `file` names them in errors.
    public static func parse(yaml: String, file: String) throws(RoutingRulesError) -> RoutingRules {
        let decoded: File
        do {
            let decoder = YAMLDecoder()
            decoded = try decoder.decode(File.self, from: yaml)
        } catch let error as DecodingError {
            throw RoutingRulesError(file: file, problem: describe(error))
        } catch {
            throw RoutingRulesError(file: file, problem: "not valid YAML: \(error)")
        }
        return try check(decoded, file: file)
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            let parts = keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return parts.isEmpty ? "top level" : parts.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case let .keyNotFound(key, context):
            return "missing key '\(key.stringValue)' at \(path(context.codingPath))"
        case let .typeMismatch(type, context):
            return "\(path(context.codingPath)) should be \(type)"
        case let .valueNotFound(type, context):
            return "\(path(context.codingPath)) is empty, expected \(type)"
        case let .dataCorrupted(context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    private static func check(_ file: File, file path: String) throws(RoutingRulesError) -> RoutingRules {
        func fail(_ problem: String) -> RoutingRulesError { RoutingRulesError(file: path, problem: problem) }
        guard !file.rules.isEmpty else { throw fail("'rules' is empty; add at least a default rule") }
        guard file.rules.last?.when == nil else {
            throw fail("the last rule ('\(file.rules.last?.name ?? "")') has a 'when'; end with a rule without "
                + "conditions so every case gets a queue")
        }
        let topicNames = file.topics.map { $0.name.lowercased() }
        var rules: [RoutingRule] = []
        for (index, rule) in file.rules.enumerated() {
            let at = "rules[\(index)] ('\(rule.name)')"
            if rule.queue.isEmpty { throw fail("\(at): 'queue' is empty") }
            if rule.firstResponseHours <= 0 || rule.resolutionHours <= 0 {
                throw fail("\(at): first_response_hours and resolution_hours must be positive")
            }
            if rule.resolutionHours < rule.firstResponseHours {
                throw fail("\(at): resolution_hours is shorter than first_response_hours")
            }
            let topics = rule.when?.topic?.map { $0.lowercased() }
            if let unknown = topics?.first(where: { !topicNames.contains($0) && $0 != TopicDetector.general }) {
                throw fail("\(at): unknown topic '\(unknown)'; known: \(topicNames.joined(separator: ", "))")
            }
            rules.append(RoutingRule(
                name: rule.name, contractLevels: rule.when?.contractLevel?.map { $0.lowercased() },
                vip: rule.when?.vip, topics: topics,
                languages: rule.when?.language?.map { RoutingRule.languageKey($0) },
                channels: rule.when?.channel?.map { $0.lowercased() }, queue: rule.queue, priority: rule.priority,
                firstResponseHours: rule.firstResponseHours, resolutionHours: rule.resolutionHours))
        }
        let calendar: BusinessCalendar
        do {
            calendar = try BusinessCalendar(
                timeZone: file.calendar.timeZone, workingDays: file.calendar.workingDays,
                opens: file.calendar.opens, closes: file.calendar.closes, holidays: file.calendar.holidays ?? [])
        } catch {
            throw fail("calendar: \(error.problem)")
        }
        let detector = TopicDetector(topics: file.topics.map { topic in
            (topic.name.lowercased(), topic.keywords.keys.sorted().flatMap { topic.keywords[$0] ?? [] })
        })
        return RoutingRules(
            rules: rules, topics: detector, calendar: calendar, dueSoonHours: file.dueSoonHours ?? 4,
            contractLevels: (file.contractLevels ?? []).map { $0.lowercased() }, source: path)
    }
}
