import Foundation
import MailroomCases
import MailroomStore
import Testing

@Suite("Case workflow")
struct WorkflowTests {
    /// Drives a fresh case into `state` through the desk's own operations.
    func caseIn(_ state: CaseState, _ fixture: Fixture) throws -> CaseRecord {
        let record = try fixture.letterCase()
        let ref = record.reference
        let desk = fixture.desk
        switch state {
        case .new: break
        case .triaged: try desk.triage(ref, by: "ops")
        case .assigned: try desk.assign(ref, to: "anna", by: "ops")
        case .waitingOnUnit:
            try desk.assign(ref, to: "anna", by: "ops")
            try desk.forward(ref, to: "billing", due: fixture.clock.now.addingTimeInterval(86400), by: "anna")
        case .answered:
            try desk.assign(ref, to: "anna", by: "ops")
            try desk.reply(ref, text: "Dear customer…", by: "anna")
        case .closed: try desk.close(ref, by: "ops")
        case .reopened:
            try desk.close(ref, by: "ops")
            try desk.reopen(ref, by: "ops")
        case .archived:
            try desk.close(ref, by: "ops")
            try desk.archive(ref, by: "ops")
        }
        let moved = try desk.resolve(ref)
        #expect(moved.state == state.rawValue)
        return moved
    }

    /// Performs `action` on the case; returns the error if refused.
    func attempt(_ action: CaseAction, on record: CaseRecord, _ fixture: Fixture) -> CaseError? {
        let ref = record.reference
        let desk = fixture.desk
        do {
            switch action {
            case .triage: try desk.triage(ref, by: "ops")
            case .assign: try desk.assign(ref, to: "marek", by: "ops")
            case .note: try desk.note(ref, text: "called the customer", by: "ops")
            case .forward: try desk.forward(ref, to: "logistics", due: fixture.clock.now, by: "ops")
            case .unitAnswered: try desk.unitAnswered(ref, text: "credit issued", by: "billing")
            case .reply: try desk.reply(ref, text: "We refunded you.", by: "ops")
            case .close: try desk.close(ref, by: "ops")
            case .reopen: try desk.reopen(ref, by: "ops")
            case .archive: try desk.archive(ref, by: "ops")
            case .receive: return nil
            }
            return nil
        } catch {
            return error
        }
    }

    /// Which actions are legal in which state, spelled out here independently of the source table.
    static let expected: [CaseState: [CaseAction: CaseState]] = [
        .new: [.triage: .triaged, .assign: .assigned, .note: .new, .close: .closed],
        .triaged: [.assign: .assigned, .note: .triaged, .close: .closed],
        .assigned: [.assign: .assigned, .note: .assigned, .forward: .waitingOnUnit, .reply: .answered, .close: .closed],
        .waitingOnUnit: [.assign: .waitingOnUnit, .note: .waitingOnUnit, .unitAnswered: .assigned, .reply: .answered,
                         .close: .closed],
        .answered: [.assign: .answered, .note: .answered, .forward: .waitingOnUnit, .reply: .answered, .close: .closed],
        .closed: [.note: .closed, .reopen: .reopened, .archive: .archived],
        .reopened: [.assign: .assigned, .note: .reopened, .close: .closed],
        .archived: [:],
    ]

    @Test("every action in every state is allowed or refused as the table says", arguments: CaseState.allCases)
    func everyTransition(state: CaseState) throws {
        let fixture = try Fixture()
        let legal = Self.expected[state] ?? [:]
        for action in CaseAction.allCases where action != .receive {
            let record = try caseIn(state, fixture)
            let eventsBefore = try fixture.database.caseEvents(caseID: record.id!).count
            let error = attempt(action, on: record, fixture)
            let after = try fixture.desk.resolve(record.reference)
            let events = try fixture.database.caseEvents(caseID: record.id!)
            if let target = legal[action] {
                #expect(error == nil, "\(action) from \(state) should be allowed: \(String(describing: error))")
                #expect(after.state == target.rawValue, "\(action) from \(state)")
                #expect(events.count == eventsBefore + 1)
                let last = try #require(events.last)
                #expect(last.actor == (action == .unitAnswered ? "billing" : "ops"))
                if target != state {
                    #expect(last.fromState == state.rawValue && last.toState == target.rawValue)
                }
            } else {
                #expect(after == record, "\(action) from \(state) must change nothing")
                #expect(events.count == eventsBefore)
                switch error {
                case let .illegalTransition(_, refused, from, allowed)?:
                    #expect(refused == action && from == state)
                    #expect(Set(allowed) == Set(legal.keys), "allowed list for \(state)")
                    #expect(error!.description.contains("allowed now"))
                case .archived?:
                    #expect(state == .archived)
                    #expect(error!.description.contains("read-only"))
                default:
                    Issue.record("\(action) from \(state): expected a refusal, got \(String(describing: error))")
                }
            }
        }
    }

    @Test("a case's life: who, when and why are on the timeline; unit answer asks for follow-up")
    func fullLife() throws {
        let fixture = try Fixture()
        let record = try fixture.letterCase()
        let ref = record.reference
        #expect(ref.hasPrefix("C-2026-"))
        try fixture.desk.triage(ref, by: "lead")
        fixture.clock.advance(hours: 1)
        try fixture.desk.assign(ref, to: "anna", by: "lead")
        try fixture.desk.forward(ref, to: "billing", due: rome("2026-12-04 12:00"), by: "anna")
        var now = try fixture.desk.resolve(ref)
        #expect(now.unit == "billing" && now.state == "waiting_on_unit")
        try fixture.desk.unitAnswered(ref, text: "refund sent", by: "billing-team")
        now = try fixture.desk.resolve(ref)
        #expect(now.state == "assigned" && now.needsFollowUp && now.unitAnsweredAt != nil)
        #expect(now.firstRespondedAt == nil)
        let reply = fixture.folder.appendingPathComponent("reply.pdf")
        try Data("%PDF-1.4".utf8).write(to: reply)
        try fixture.desk.reply(ref, text: nil, file: reply.path, by: "anna")
        now = try fixture.desk.resolve(ref)
        #expect(now.state == "answered" && !now.needsFollowUp && now.firstRespondedAt == fixture.clock.now)
        try fixture.desk.close(ref, by: "anna", reason: "customer satisfied")
        try fixture.desk.archive(ref, by: "lead")
        let contents = try fixture.desk.archiveContents(now.id!)
        #expect(contents.documents.count == 1)
        #expect(contents.replies.count == 1 && contents.replies[0].attachmentPath == reply.path)
        let kinds = contents.events.map(\.kind)
        #expect(kinds == ["transition", "transition", "assign", "forward", "unit-answer", "reply", "transition", "transition"])
        #expect(contents.events.last?.toState == "archived" && contents.events.last?.actor == "lead")
        #expect(throws: CaseError.archived(reference: ref)) { try fixture.desk.note(ref, text: "late", by: "x") }
    }

    @Test("a missing reply file and an empty agent are refused before anything changes")
    func badArguments() throws {
        let fixture = try Fixture()
        let ref = try fixture.letterCase().reference
        try fixture.desk.assign(ref, to: "anna", by: "lead")
        #expect(throws: CaseError.self) { try fixture.desk.reply(ref, text: nil, file: "/nonexistent/reply.pdf", by: "anna") }
        #expect(throws: CaseError.self) { try fixture.desk.assign(ref, to: " ", by: "lead") }
        #expect(throws: CaseError.notFound("case C-1999-000001")) { try fixture.desk.close("C-1999-000001", by: "x") }
        #expect(try fixture.desk.resolve(ref).state == "assigned")
    }
}
