import Foundation
import MailroomCases
import MailroomStore
import Testing

@Suite("Customer linking")
struct LinkingTests {
    func fixture() throws -> Fixture {
        let fixture = try Fixture()
        try fixture.customers([
            ("K-100", "Anna Kowalska", "31-042", "anna.k@example.pl", false, nil),
            ("K-200", "Anna Kowalska", "00-950", nil, false, nil),
            ("I-300", "Giuseppe Conti", "20121", "g.conti@example.it", false, "gold"),
            ("I-301", "Giuseppina Conti", "20121", nil, false, nil),
            ("I-400", "Mario Rossi", "00184", "MARIO.ROSSI@Example.IT", true, nil),
        ])
        return fixture
    }

    func link(_ fixture: Fixture, _ query: LinkQuery) throws -> LinkOutcome {
        try fixture.desk.linker.link(query)
    }

    @Test("an explicit customer reference wins over everything else")
    func byReference() throws {
        let f = try fixture()
        let outcome = try link(f, LinkQuery(customerReferences: ["K-200"], email: "anna.k@example.pl",
                                            name: "Anna Kowalska", postcode: "31-042"))
        #expect(outcome.customerID == "K-200" && outcome.method == .reference)
    }

    @Test("a case reference links to the case's customer")
    func byCaseReference() throws {
        let f = try fixture()
        let first = try f.letterCase(from: "Mario Rossi", postcode: "00184")
        #expect(first.customerID == "I-400")
        let outcome = try link(f, LinkQuery(caseReferences: [first.reference], name: "Someone Else"))
        #expect(outcome.customerID == "I-400" && outcome.method == .reference)
    }

    @Test("e-mail matches exactly, ignoring case")
    func byEmail() throws {
        let f = try fixture()
        let outcome = try link(f, LinkQuery(email: "mario.rossi@example.it"))
        #expect(outcome.customerID == "I-400" && outcome.method == .email)
        let near = try link(f, LinkQuery(email: "mario.rosi@example.it"))
        #expect(near.customerID == nil && near.method == .none)
    }

    @Test("name and postcode: word order, accents and separators do not matter")
    func byNamePostcode() throws {
        let f = try fixture()
        let outcome = try link(f, LinkQuery(name: "KOWALSKA, Anna", postcode: "31042"))
        #expect(outcome.customerID == "K-100" && outcome.method == .namePostcode)
        #expect((outcome.score ?? 0) > 0.99)
        let other = try link(f, LinkQuery(name: "Anna Kowalska", postcode: "00 950"))
        #expect(other.customerID == "K-200")
    }

    @Test("two Anna Kowalska: without a postcode nothing is linked")
    func sameNameNoPostcode() throws {
        let f = try fixture()
        let outcome = try link(f, LinkQuery(name: "Anna Kowalska"))
        #expect(outcome.customerID == nil && outcome.method == .none)
    }

    @Test("Giuseppe vs Giuseppina at one postcode: exact name links, a doubtful one does not")
    func nearDuplicates() throws {
        let f = try fixture()
        let exact = try link(f, LinkQuery(name: "Giuseppe Conti", postcode: "20121"))
        #expect(exact.customerID == "I-300")
        let exactOther = try link(f, LinkQuery(name: "Conti Giuseppina", postcode: "20121"))
        #expect(exactOther.customerID == "I-301")
        for doubtful in ["Giuseppi Conti", "Giusepp Conti", "G. Conti", "Conti"] {
            let outcome = try link(f, LinkQuery(name: doubtful, postcode: "20121"))
            #expect(outcome.customerID == nil, "\(doubtful) must not be linked silently")
            #expect(outcome.method == .none)
            #expect(Set(outcome.candidates.map(\.customerID)) == ["I-300", "I-301"], "\(doubtful): candidates kept")
        }
    }

    @Test("namesakes at one postcode are told apart by street, and only by a clear street match")
    func namesakesByStreet() throws {
        let f = try Fixture()
        try f.database.upsertCustomers([
            CustomerRecord(id: "A", name: "Anna Nowak", street: "ul. Długa 5", postcode: "31-042",
                           nameKey: NameMatching.key("Anna Nowak"), postcodeKey: "31042"),
            CustomerRecord(id: "B", name: "Anna Nowak", street: "ul. Krótka 12", postcode: "31-042",
                           nameKey: NameMatching.key("Anna Nowak"), postcodeKey: "31042"),
            CustomerRecord(id: "C", name: "Giuseppe Conti", street: "Via Roma 1", postcode: "20121",
                           nameKey: NameMatching.key("Giuseppe Conti"), postcodeKey: "20121"),
            CustomerRecord(id: "D", name: "Giuseppina Conti", street: "Via Roma 1", postcode: "20121",
                           nameKey: NameMatching.key("Giuseppina Conti"), postcodeKey: "20121"),
        ])
        let linker = f.desk.linker
        #expect(try linker.link(LinkQuery(name: "Anna Nowak", postcode: "31042")).customerID == nil)
        #expect(try linker.link(LinkQuery(name: "Anna Nowak", postcode: "31042", street: "Dluga 5")).customerID == "A")
        #expect(try linker.link(LinkQuery(name: "ANNA NOWAK", postcode: "31042", street: "UL KROTKA 12")).customerID == "B")
        #expect(try linker.link(LinkQuery(name: "Anna Nowak", postcode: "31042", street: "Polna 3")).customerID == nil)
        // Same address: the street can not help, so a doubtful name still links nobody.
        #expect(try linker.link(LinkQuery(name: "Giusepp Conti", postcode: "20121", street: "Via Roma 1")).customerID == nil)
    }

    @Test("a name at the wrong postcode is not linked, even when it is exact")
    func postcodeMustMatch() throws {
        let f = try fixture()
        let outcome = try link(f, LinkQuery(name: "Mario Rossi", postcode: "00185"))
        #expect(outcome.customerID == nil)
    }

    @Test("coupons link by first name + surname and postcode, and the outcome is stored")
    func coupon() throws {
        let f = try fixture()
        let id = try f.document(.coupon, fields: ["first_name": "Anna", "surname": "Kowalska", "postcode": "00-950"])
        let outcome = try f.desk.receive(documentID: id)
        #expect(outcome.action == .linked && outcome.customerID == "K-200")
        let stored = try #require(try f.database.documentCustomer(documentID: id))
        #expect(stored.customerID == "K-200" && stored.method == "name-postcode")
        #expect(try f.database.caseDocument(documentID: id) == nil)
        let unsure = try f.document(.coupon, fields: ["name": "Giusepp Conti", "postcode": "20121"])
        _ = try f.desk.receive(documentID: unsure)
        let kept = try #require(try f.database.documentCustomer(documentID: unsure))
        #expect(kept.customerID == nil && kept.method == "none" && kept.candidates.count == 2)
    }
}
