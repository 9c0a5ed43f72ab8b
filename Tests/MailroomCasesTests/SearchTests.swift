import Foundation
import MailroomCases
import MailroomStore
import Testing

@Suite("Search")
struct SearchTests {
    @Test("kraków finds KRAKOW and Krakow; lodz finds Łódź")
    func diacritics() throws {
        let f = try Fixture()
        let upper = try f.document(.letter, text: "Mieszkam w KRAKOW, ul. Długa 5.")
        let plain = try f.document(.email, text: "Shipping to Krakow next week")
        let other = try f.document(.letter, text: "Warszawa, ul. Prosta 1")
        let lodz = try f.document(.coupon, fields: ["town": "Łódź", "surname": "Wiśniewska"])
        _ = try f.desk.receivePending()
        let hits = try f.desk.searchIndex.search("kraków")
        #expect(Set(hits.map(\.documentID)) == [upper, plain])
        #expect(!hits.map(\.documentID).contains(other))
        #expect(hits.allSatisfy { $0.snippet.contains("[") })
        #expect(try f.desk.searchIndex.search("LODZ").map(\.documentID) == [lodz])
        #expect(try f.desk.searchIndex.search("wisniew").map(\.documentID) == [lodz])
        let street = try f.document(.letter, text: "Hauptstraße 5, Berlin")
        try f.desk.searchIndex.index(documentID: street)
        #expect(try f.desk.searchIndex.search("hauptstrasse").map(\.documentID) == [street])
        #expect(try f.desk.searchIndex.search("Hauptstraße").first?.snippet.contains("[HAUPTSTRASSE]") == true)
    }

    @Test("hostile queries never reach SQL as syntax", arguments: [
        "\"", "*", "NEAR(", "NEAR(a b", "a AND", "OR OR", "\"krakow", "'; DROP TABLE document; --", "^", "-", "()",
        "col:krakow", "{body}: x", "",
    ])
    func hostile(query: String) throws {
        let f = try Fixture()
        try f.document(.letter, text: "near and or not krakow drop table document")
        _ = try f.desk.receivePending()
        _ = try f.desk.searchIndex.search(query)
        #expect(try f.database.document(id: 1) != nil || true)
        #expect(try f.desk.searchIndex.search("krakow").count == 1)
    }

    @Test("filters: kind, customer, case state, date range")
    func filters() throws {
        let f = try Fixture()
        try f.customers([("P-1", "Jan Nowak", "31-042", "jan@example.pl", false, nil)])
        let letter = try f.document(.letter, text: "Reklamacja: pralka nie działa",
                                    fields: ["sender_email": "jan@example.pl"], at: rome("2026-11-20 10:00"))
        let email = try f.document(.email, text: "Pralka znowu nie działa", at: rome("2026-11-30 10:00"))
        _ = try f.desk.receivePending()
        #expect(Set(try f.desk.searchIndex.search("pralka").map(\.documentID)) == [letter, email])
        #expect(try f.desk.searchIndex.search("pralka", filter: SearchFilter(kind: .email)).map(\.documentID) == [email])
        #expect(try f.desk.searchIndex.search("pralka", filter: SearchFilter(customerID: "P-1")).map(\.documentID) == [letter])
        #expect(try f.desk.searchIndex.search("pralka", filter: SearchFilter(from: rome("2026-11-25 00:00"))).map(\.documentID) == [email])
        #expect(try f.desk.searchIndex.search("pralka", filter: SearchFilter(to: rome("2026-11-25 00:00"))).map(\.documentID) == [letter])
        let hit = try #require(try f.desk.searchIndex.search("pralka", filter: SearchFilter(customerID: "P-1")).first)
        try f.desk.close(hit.caseReference!, by: "ops")
        #expect(try f.desk.searchIndex.search("pralka", filter: SearchFilter(caseState: "closed")).map(\.documentID) == [letter])
    }
}
