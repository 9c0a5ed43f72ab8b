import Foundation
import MailroomCases
import MailroomTestSupport
import Testing

@Suite("Routing rules, topics and the business calendar")
struct RoutingTests {
    let rules: RoutingRules

    init() throws {
        rules = try RoutingRules.load(from: TestPaths.root.appendingPathComponent("config/routing.yaml"))
    }

    @Test("topics are found in English, Italian and Polish, accents or not", arguments: [
        ("Complaint about my order", "I am very disappointed.", "complaint"),
        ("Reclamo", "Il servizio è inaccettabile", "complaint"),
        ("RECLAMO", "", "complaint"),
        ("Reklamacja", "Składam reklamację towaru.", "complaint"),
        ("reklamacje", nil, "complaint"),
        ("Richiesta", "Chiedo il rimborso dell'importo.", "refund"),
        ("Zwrot pieniędzy", "Proszę o zwrot pieniedzy.", "refund"),
        ("Where is my parcel", "The courier never came", "delivery"),
        ("Spedizione", "Il pacco non è arrivato", "delivery"),
        ("Przesyłka", "Paczka nie dotarła", "delivery"),
        ("GDPR request", "Please delete my data", "privacy"),
        ("Dane osobowe", "Żądam usunięcia danych osobowych (RODO).", "privacy"),
        ("Hello", "Just saying hi", "general"),
    ] as [(String, String?, String)])
    func topics(subject: String, text: String?, expected: String) {
        #expect(rules.topics.detect(subject: subject, text: text) == expected)
    }

    @Test("the subject outweighs a passing word in the text")
    func subjectWeighs() {
        #expect(rules.topics.detect(subject: "Refund", text: "the parcel arrived, but I want my money") == "refund")
    }

    @Test("rules apply in order, matching VIP, contract level, topic, language and channel")
    func ruleOrder() {
        func route(_ level: String?, _ vip: Bool, _ topic: String, _ language: String? = "ita", _ channel: String = "letter")
            -> String { rules.route(RoutingFacts(contractLevel: level, vip: vip, topic: topic, language: language,
                                                 channel: channel)).rule }
        #expect(route(nil, true, "complaint") == "vip-complaints")
        #expect(route(nil, true, "delivery") == "vip")
        #expect(route("gold", true, "privacy") == "privacy-requests")
        #expect(route("GOLD", false, "delivery") == "premium-contracts")
        #expect(route("basic", false, "complaint") == "complaints")
        #expect(route(nil, false, "general", "eng", "email") == "email-general")
        #expect(route(nil, false, "general") == "default")
        let decision = rules.route(RoutingFacts(contractLevel: nil, vip: true, topic: "refund", language: nil, channel: "email"))
        #expect(decision.queue == "vip" && decision.priority == "urgent")
        #expect(decision.firstResponseHours == 4 && decision.resolutionHours == 24)
    }

    @Test("language conditions accept two- or three-letter codes")
    func language() throws {
        let yaml = Self.minimal(rules: """
              - {name: polish, when: {language: [pl]}, queue: pl, priority: normal, first_response_hours: 1, resolution_hours: 2}
              - {name: default, queue: general, priority: normal, first_response_hours: 1, resolution_hours: 2}
            """)
        let rules = try RoutingRules.parse(yaml: yaml, file: "test.yaml")
        #expect(rules.route(RoutingFacts(contractLevel: nil, vip: false, topic: "general", language: "pol", channel: "letter")).queue == "pl")
        #expect(rules.route(RoutingFacts(contractLevel: nil, vip: false, topic: "general", language: "ita", channel: "letter")).queue == "general")
    }

    static func minimal(rules: String, calendar: String = """
        calendar: {time_zone: Europe/Warsaw, working_days: [mon, tue, wed, thu, fri], opens: "09:00", closes: "17:00"}
        """) -> String {
        """
        \(calendar)
        topics:
          - {name: complaint, keywords: {en: [complaint]}}
        rules:
        \(rules)
        """
    }

    @Test("bad rules files fail with the file and what is wrong", arguments: [
        (minimal(rules: "  - {name: a, queue: q, priority: p, first_response_hours: 1}"), "resolution_hours"),
        (minimal(rules: "  - {name: a, when: {vip: true}, queue: q, priority: p, first_response_hours: 1, resolution_hours: 2}"),
         "last rule"),
        (minimal(rules: """
              - {name: a, when: {topic: [weather]}, queue: q, priority: p, first_response_hours: 1, resolution_hours: 2}
              - {name: b, queue: q, priority: p, first_response_hours: 1, resolution_hours: 2}
            """), "unknown topic 'weather'"),
        (minimal(rules: "  - {name: a, queue: q, priority: p, first_response_hours: 1, resolution_hours: 2}",
                 calendar: "calendar: {time_zone: Mars/Olympus, working_days: [mon], opens: \"09:00\", closes: \"17:00\"}"),
         "Mars/Olympus"),
        (minimal(rules: "  - {name: a, queue: q, priority: p, first_response_hours: 1, resolution_hours: 2}",
                 calendar: "calendar: {time_zone: UTC, working_days: [mon], opens: \"18:00\", closes: \"17:00\"}"),
         "closes"),
        (minimal(rules: "  - {name: a, queue: q, priority: p, first_response_hours: x, resolution_hours: 2}"),
         "first_response_hours"),
        ("rules: [unclosed", "YAML"),
    ])
    func badFiles(yaml: String, fragment: String) {
        do {
            _ = try RoutingRules.parse(yaml: yaml, file: "/etc/mailroom/routing.yaml")
            Issue.record("expected an error mentioning \(fragment)")
        } catch {
            #expect(error.file == "/etc/mailroom/routing.yaml")
            #expect(error.description.contains("/etc/mailroom/routing.yaml"))
            #expect(error.description.contains(fragment), "\(error.description)")
        }
    }

    @Test("a missing rules file is a typed error naming it")
    func missingFile() {
        #expect(throws: RoutingRulesError.self) {
            try RoutingRules.load(from: URL(fileURLWithPath: "/nonexistent/routing.yaml"))
        }
    }
}

@Suite("Business calendar")
struct CalendarTests {
    let calendar = try! BusinessCalendar(timeZone: "Europe/Rome", workingDays: ["mon", "tue", "wed", "thu", "fri"],
                                         opens: "09:00", closes: "17:00",
                                         holidays: ["2026-12-24", "2026-12-25", "2026-12-31", "2027-01-01"])

    @Test("hours carry over the weekend: Friday 15:00 + 16 h is Tuesday 15:00")
    func weekend() {
        #expect(calendar.adding(hours: 16, to: rome("2026-12-04 15:00")) == rome("2026-12-08 15:00"))
        #expect(calendar.adding(hours: 2, to: rome("2026-12-05 11:00")) == rome("2026-12-07 11:00"))  // Saturday
    }

    @Test("holidays do not count: Wednesday 23 Dec 16:00 + 4 h is Monday 28 Dec 12:00")
    func holiday() {
        #expect(calendar.adding(hours: 4, to: rome("2026-12-23 16:00")) == rome("2026-12-28 12:00"))
        #expect(calendar.adding(hours: 9, to: rome("2026-12-30 16:00")) == rome("2027-01-04 17:00"))
        #expect(calendar.adding(hours: 10, to: rome("2026-12-30 16:00")) == rome("2027-01-05 10:00"))
        #expect(!calendar.isWorkingDay(rome("2026-12-25 12:00")))
    }

    @Test("time before opening and after closing does not count")
    func outsideHours() {
        #expect(calendar.adding(hours: 1, to: rome("2026-12-02 07:00")) == rome("2026-12-02 10:00"))
        #expect(calendar.adding(hours: 1, to: rome("2026-12-02 18:30")) == rome("2026-12-03 10:00"))
        #expect(calendar.adding(hours: 8, to: rome("2026-12-02 09:00")) == rome("2026-12-02 17:00"))
    }

    @Test("due soon counts business hours: from Friday 16:00, Monday noon is 4 business hours away")
    func dueSoon() {
        let due = rome("2026-12-07 12:00")
        #expect(calendar.isDueSoon(due, now: rome("2026-12-04 16:00"), within: 4))
        #expect(calendar.isDueSoon(due, now: rome("2026-12-04 16:00"), within: 3) == false)
        #expect(calendar.isDueSoon(due, now: rome("2026-12-04 10:00"), within: 4) == false)
        #expect(calendar.isDueSoon(due, now: rome("2026-12-07 08:30"), within: 4))
        #expect(calendar.isDueSoon(due, now: rome("2026-12-07 12:30"), within: 4) == false)
    }
}
