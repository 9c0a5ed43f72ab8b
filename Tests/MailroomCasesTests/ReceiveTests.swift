import Foundation
import MailroomCases
import MailroomStore
import Testing

@Suite("Receiving letters and e-mails into cases")
struct ReceiveTests {
    func fixture() throws -> Fixture {
        let fixture = try Fixture()
        try fixture.customers([
            ("I-400", "Mario Rossi", "00184", "mario.rossi@example.it", true, nil),
            ("P-500", "Jan Nowak", "31-042", "jan.nowak@example.pl", false, "gold"),
        ])
        return fixture
    }

    @Test("a new letter opens a routed case with SLA deadlines in business hours")
    func opensRoutedCase() throws {
        let f = try fixture()
        let id = try f.document(.letter, text: "Vorrei presentare un reclamo: il pacco è arrivato rotto.",
                                language: "ita",
                                fields: ["sender_name": "Mario Rossi", "sender_postcode": "00184",
                                         "subject": "Reclamo ordine 5512"])
        let outcome = try f.desk.receive(documentID: id)
        #expect(outcome.action == .opened && outcome.customerID == "I-400" && outcome.topic == "complaint")
        let record = try f.desk.resolve(outcome.caseReference!)
        #expect(record.queue == "vip" && record.priority == "urgent" && record.routingRule == "vip-complaints")
        #expect(record.state == "new" && record.channels == ["letter"] && record.customerID == "I-400")
        // Wednesday 10:00 + 4 business hours = 14:00; + 24 = Friday 2026-12-04 … then Monday 10:00.
        #expect(record.firstResponseDue == rome("2026-12-02 14:00"))
        #expect(record.resolutionDue == rome("2026-12-07 10:00"))
    }

    @Test("a letter quoting a case reference joins that case, even from another sender")
    func joinsByReference() throws {
        let f = try fixture()
        let first = try f.letterCase(from: "Jan Nowak", postcode: "31-042", subject: "Faktura 7781")
        let id = try f.document(.letter, text: "Dotyczy sprawy \(first.reference.lowercased()), proszę o odpowiedź.",
                                fields: ["sender_name": "Ewa Nowak", "sender_postcode": "31-042", "subject": "Pismo"])
        let outcome = try f.desk.receive(documentID: id)
        #expect(outcome.action == .joined && outcome.joinedBy == "reference")
        #expect(outcome.caseReference == first.reference)
        let viaField = try f.document(.letter, fields: ["reference_case": first.reference, "subject": "x"])
        #expect(try f.desk.receive(documentID: viaField).caseReference == first.reference)
        #expect(try f.database.caseDocuments(caseID: first.id!).count == 3)
    }

    @Test("a letter from a customer with an open case on the same topic joins it; another topic opens a case")
    func joinsBySameCustomerSameTopic() throws {
        let f = try fixture()
        let first = try f.letterCase(from: "Jan Nowak", postcode: "31-042", subject: "Reklamacja",
                                     text: "Składam reklamację.")
        #expect(first.topic == "complaint")
        let again = try f.document(.email, text: "Nadal czekam na odpowiedź w sprawie reklamacji.",
                                   fields: ["sender_email": "JAN.NOWAK@example.pl", "subject": "Reklamacja - ponaglenie"])
        let outcome = try f.desk.receive(documentID: again)
        #expect(outcome.action == .joined && outcome.joinedBy == "customer-topic" && outcome.linkMethod == .email)
        #expect(try f.desk.resolve(first.reference).channels == ["letter", "email"])
        let other = try f.document(.letter, text: "Proszę o zwrot pieniędzy za kartę.",
                                   fields: ["sender_name": "Jan Nowak", "sender_postcode": "31042",
                                            "subject": "Zwrot pieniędzy"])
        let second = try f.desk.receive(documentID: other)
        #expect(second.action == .opened && second.topic == "refund")
        #expect(second.caseReference != first.reference)
    }

    @Test("an e-mail thread stays in one case through in_reply_to")
    func emailThread() throws {
        let f = try fixture()
        let first = try f.document(.email, text: "Hello, where is my parcel?",
                                   fields: ["sender_email": "unknown@example.com", "subject": "Where is it",
                                            "message_id": "<a1@mail.example.com>"])
        let opened = try f.desk.receive(documentID: first)
        #expect(opened.action == .opened && opened.customerID == nil)
        let second = try f.document(.email, text: "Any news?",
                                    fields: ["sender_email": "unknown@example.com", "subject": "Re: Where is it",
                                             "message_id": "<a2@mail.example.com>",
                                             "in_reply_to": "<a1@mail.example.com>"])
        let third = try f.document(.email, text: "Still nothing.",
                                   fields: ["sender_email": "unknown@example.com", "subject": "Re: Re: Where is it",
                                            "message_id": "<a3@mail.example.com>",
                                            "in_reply_to": "<a2@mail.example.com> <a1@mail.example.com>"])
        for id in [second, third] {
            let outcome = try f.desk.receive(documentID: id)
            #expect(outcome.action == .joined && outcome.joinedBy == "thread")
            #expect(outcome.caseReference == opened.caseReference)
        }
        let unrelated = try f.document(.email, text: "New question", fields: ["in_reply_to": "<zz@elsewhere>"])
        #expect(try f.desk.receive(documentID: unrelated).action == .opened)
    }

    @Test("receivePending files everything once; a second run writes nothing")
    func pendingIsIdempotent() throws {
        let f = try fixture()
        let letter = try f.document(.letter, text: "Problem z dostawą paczki.",
                                    fields: ["sender_name": "Jan Nowak", "sender_postcode": "31-042"])
        try f.document(.email, text: "Refund please", fields: ["sender_email": "mario.rossi@example.it"])
        try f.document(.coupon, fields: ["first_name": "Mario", "surname": "Rossi", "postcode": "00184"])
        let unfinished = DocumentRecord(sha256: String(repeating: "e", count: 64), path: "/x", size: 1, pageCount: 1,
                                        kind: .letter, state: .deferred, runID: f.runID)
        try f.database.persist(StoreBatch(documents: [DocumentWrite(document: unfinished)]))
        let first = try f.desk.receivePending()
        #expect(first.count == 3)
        #expect(first.map(\.action).filter { $0 == .opened }.count == 2)
        #expect(first.contains { $0.action == .linked && $0.customerID == "I-400" })
        let casesAfterFirst = try f.desk.cases().count
        let eventsAfterFirst = try f.desk.cases().map { try f.database.caseEvents(caseID: $0.id!).count }
        let second = try f.desk.receivePending()
        #expect(second.isEmpty)
        #expect(try f.desk.cases().count == casesAfterFirst)
        #expect(try f.desk.cases().map { try f.database.caseEvents(caseID: $0.id!).count } == eventsAfterFirst)
        #expect(try f.desk.receive(documentID: letter).action == .alreadyFiled)
        #expect(try f.desk.cases().count == casesAfterFirst)
    }

    @Test("a letter on a closed case reopens it; one on an archived case opens a new case")
    func closedAndArchived() throws {
        let f = try fixture()
        let first = try f.letterCase(from: "Jan Nowak", postcode: "31-042")
        try f.desk.close(first.reference, by: "ops")
        let again = try f.document(.letter, text: "Re \(first.reference): not solved.")
        #expect(try f.desk.receive(documentID: again).caseReference == first.reference)
        #expect(try f.desk.resolve(first.reference).state == "reopened")
        try f.desk.close(first.reference, by: "ops")
        try f.desk.archive(first.reference, by: "ops")
        let late = try f.document(.letter, text: "About \(first.reference) again.")
        let outcome = try f.desk.receive(documentID: late)
        #expect(outcome.action == .opened && outcome.caseReference != first.reference)
        let events = try f.database.caseEvents(caseID: try f.desk.resolve(outcome.caseReference!).id!)
        #expect(events.first?.text?.contains("follows archived case \(first.reference)") == true)
    }

    @Test("overdue and due soon follow the business calendar")
    func overdue() throws {
        let f = try fixture()
        let record = try f.letterCase(from: "Nobody Known", postcode: "99999", subject: "Question")
        // default rule: first response 16 business hours → Friday 2026-12-04 10:00.
        #expect(record.firstResponseDue == rome("2026-12-04 10:00"))
        #expect(try f.desk.overdue().isEmpty)
        f.clock.set(rome("2026-12-04 07:00"))
        #expect(try f.desk.dueSoon().map(\.reference) == [record.reference])
        f.clock.set(rome("2026-12-04 10:01"))
        #expect(try f.desk.overdue().map(\.reference) == [record.reference])
        #expect(f.desk.slaStatus(of: try f.desk.resolve(record.reference)).firstResponse == .overdue)
        try f.desk.assign(record.reference, to: "anna", by: "ops")
        try f.desk.reply(record.reference, text: "Sorry for the wait", by: "anna")
        let status = f.desk.slaStatus(of: try f.desk.resolve(record.reference))
        #expect(status.firstResponse == .metLate && status.resolution == .pending)
    }
}
