import Foundation

/// What the routing rules know about a new case when they choose its queue.
public struct RoutingFacts: Sendable, Equatable {
    public var contractLevel: String?
    public var vip: Bool
    public var topic: String
    public var language: String?
    /// The kind of the first document: letter or email.
    public var channel: String

    public init(contractLevel: String?, vip: Bool, topic: String, language: String?, channel: String) {
        self.contractLevel = contractLevel
        self.vip = vip
        self.topic = topic
        self.language = language
        self.channel = channel
    }
}

/// The queue, priority and service level chosen for a new case, and the rule that chose them.
public struct RoutingDecision: Sendable, Equatable, Codable {
    public var rule: String
    public var queue: String
    public var priority: String
    public var firstResponseHours: Double
    public var resolutionHours: Double
}

/// One ordered routing rule: every condition given must hold; a list matches any of its values.
public struct RoutingRule: Sendable, Equatable {
    public var name: String
    public var contractLevels: [String]?
    public var vip: Bool?
    public var topics: [String]?
    public var languages: [String]?
    public var channels: [String]?
    public var queue: String
    public var priority: String
    public var firstResponseHours: Double
    public var resolutionHours: Double

    /// Whether the rule applies to a case with these facts.
    public func matches(_ facts: RoutingFacts) -> Bool {
        func holds(_ allowed: [String]?, _ value: String?) -> Bool {
            guard let allowed else { return true }
            guard let value = value?.lowercased() else { return false }
            return allowed.contains(value)
        }
        if let vip, vip != facts.vip { return false }
        return holds(contractLevels, facts.contractLevel) && holds(topics, facts.topic)
            && holds(languages, facts.language.map(Self.languageKey)) && holds(channels, facts.channel)
    }

    /// "ita", "it", "IT" → "it": rules name languages by two letters, the OCR uses three.
    static func languageKey(_ language: String) -> String {
        let lower = language.lowercased()
        return ["eng": "en", "ita": "it", "pol": "pl", "deu": "de", "fra": "fr", "spa": "es"][lower] ?? lower
    }
}

/// The routing configuration: topics, ordered rules, business calendar, contract levels.
///
/// Loaded from `config/routing.yaml` (or `--rules PATH`, or `$MAILROOM_RULES`). The first
/// rule that matches wins; the last rule must have no conditions, so every case gets a queue.
public struct RoutingRules: Sendable {
    public var rules: [RoutingRule]
    public var topics: TopicDetector
    public var calendar: BusinessCalendar
    /// A case is "due soon" when its next deadline is within this many business hours.
    public var dueSoonHours: Double
    /// The contract levels the customer import accepts (lower case).
    public var contractLevels: [String]
    /// Where the rules were read from, for messages.
    public var source: String

    /// The environment variable naming the rules file.
    public static let environmentVariable = "MAILROOM_RULES"

    /// The first rule matching `facts`.
    public func route(_ facts: RoutingFacts) -> RoutingDecision {
        // Loading guarantees a last rule without conditions, so `first` always finds one.
        let rule = rules.first { $0.matches(facts) } ?? rules[rules.count - 1]
        return RoutingDecision(rule: rule.name, queue: rule.queue, priority: rule.priority,
                               firstResponseHours: rule.firstResponseHours, resolutionHours: rule.resolutionHours)
    }

    /// Finds the rules file: `explicit`, else `$MAILROOM_RULES`, else `./config/routing.yaml`,
    /// else `config/routing.yaml` in a folder above the executable (the repository's default).
    public static func locate(
        explicit: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
        executable: URL? = Bundle.main.executableURL
    ) -> URL? {
        if let path = explicit ?? environment[environmentVariable], !path.isEmpty {
            return URL(fileURLWithPath: path, relativeTo: currentDirectory).standardizedFileURL
        }
        let relative = "config/routing.yaml"
        let local = currentDirectory.appendingPathComponent(relative)
        if FileManager.default.fileExists(atPath: local.path) { return local.standardizedFileURL }
        var folder = executable?.resolvingSymlinksInPath().deletingLastPathComponent()
        while let current = folder, current.path != "/" {
            let candidate = current.appendingPathComponent(relative)
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate.standardizedFileURL }
            folder = current.deletingLastPathComponent()
        }
        return nil
    }

    /// Locates and loads the rules, or says where it looked.
    public static func load(explicit: String? = nil) throws(RoutingRulesError) -> RoutingRules {
        guard let url = locate(explicit: explicit) else {
            throw RoutingRulesError(file: explicit ?? "config/routing.yaml",
                                    problem: "no routing rules found; pass --rules PATH or set \(environmentVariable)")
        }
        return try load(from: url)
    }
}

/// A routing rules file that can not be used: which file, and what is wrong in it.
public struct RoutingRulesError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    public var file: String
    public var problem: String

    public init(file: String, problem: String) {
        self.file = file
        self.problem = problem
    }

    public var description: String {
        "routing rules \(file): \(problem); fix the file (config/routing.yaml shows the format)"
    }

    public var errorDescription: String? { description }
}
