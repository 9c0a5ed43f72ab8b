import MailroomPostcodes

/// Guesses a case's topic (complaint, refund, delivery, privacy…) from its subject and text.
///
/// Text and keywords are folded (no accents, upper case), so "reklamację", "RECLAMO" and
/// "réclamation" compare plainly. A keyword matches at the start of a word, so a stem such as
/// "rimbors" finds "rimborso" and "rimborsare". Every keyword found counts once; a keyword in
/// the subject counts three times. The topic with most points wins, earlier topics win ties,
/// and no keyword at all gives ``general``.
public struct TopicDetector: Sendable, Equatable {
    /// The topic of a case no keyword points to.
    public static let general = "general"

    /// Topics in priority order, each with its folded keywords.
    public let topics: [(name: String, keywords: [String])]

    public init(topics: [(String, [String])]) {
        self.topics = topics.map { name, keywords in
            (name, keywords.map(PostcodeDirectory.fold).filter { !$0.isEmpty })
        }
    }

    public var topicNames: [String] { topics.map(\.name) }

    /// The best topic for a document with this subject and text.
    public func detect(subject: String?, text: String?) -> String {
        let subjectKey = " " + PostcodeDirectory.fold(subject ?? "") + " "
        let textKey = " " + PostcodeDirectory.fold(text ?? "") + " "
        var best: (name: String, score: Int) = (Self.general, 0)
        for topic in topics {
            var score = 0
            for keyword in topic.keywords {
                let needle = " " + keyword
                if subjectKey.contains(needle) { score += 3 }
                if textKey.contains(needle) { score += 1 }
            }
            if score > best.score { best = (topic.name, score) }
        }
        return best.name
    }

    public static func == (lhs: TopicDetector, rhs: TopicDetector) -> Bool {
        lhs.topics.map(\.name) == rhs.topics.map(\.name) && lhs.topics.map(\.keywords) == rhs.topics.map(\.keywords)
    }
}
