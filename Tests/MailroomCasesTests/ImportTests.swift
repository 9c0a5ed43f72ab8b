import Foundation
import MailroomCases
import MailroomPostcodes
import MailroomStore
import MailroomTestSupport
import Testing

@Suite("Customer import")
struct ImportTests {
    func importer(_ fixture: Fixture) throws -> CustomerImporter {
        CustomerImporter(database: fixture.database, postcodes: try PostcodeDirectory(directory: TestPaths.postcodes),
                         contractLevels: fixture.rules.contractLevels)
    }

    @Test("bad rows are reported by line and reason; good rows import")
    func badRows() throws {
        let f = try Fixture()
        let csv = """
            id,name,street,postcode,town,country,email,phone,contract_level,vip
            K-1,Anna Kowalska,ul. Długa 5,31042,Kraków,PL,anna@example.pl,,gold,yes
            ,No Id,,,,,,,,
            K-2,Bad Mail,,,,,not-an-email,,,
            K-3,Bad Vip,,,,,,,,maybe
            K-4,Bad Level,,,,,,,diamond,
            K-5,Bad Postcode,,ABCDE,Kraków,PL,,,,
            K-1,Duplicate,,,,,,,,
            I-1,"Rossi, Mario",Via Roma 1,00184,Roma,IT,MARIO@example.it,+39 06 1234,Standard,0
            """
        let report = try importer(f).importText(csv, file: "customers.csv")
        #expect(report.imported == 2 && report.updated == 0)
        #expect(report.rejected.map(\.line) == [3, 4, 5, 6, 7, 8])
        let reasons = report.rejected.map(\.reason)
        #expect(reasons[0].contains("id is empty"))
        #expect(reasons[1].contains("not-an-email"))
        #expect(reasons[2].contains("vip 'maybe'"))
        #expect(reasons[3].contains("diamond"))
        #expect(reasons[4].contains("ABCDE") && reasons[4].contains("PL"))
        #expect(reasons[5].contains("duplicate id K-1 (first on line 2)"))
        let anna = try #require(try f.database.customer(id: "K-1"))
        #expect(anna.postcode == "31-042" && anna.vip && anna.contractLevel == "gold" && anna.country == "PL")
        let mario = try #require(try f.database.customer(id: "I-1"))
        #expect(mario.name == "Rossi, Mario" && mario.contractLevel == "standard" && !mario.vip)
        #expect(mario.nameKey == "MARIO ROSSI")
    }

    @Test("an unterminated quote and a wrong column count are typed errors; later rows still import")
    func malformed() throws {
        let f = try Fixture()
        let csv = """
            id,name,postcode,country,vip
            A-1,"Unclosed,00184,IT,no
            A-2,Fine Row,00185,IT,no
            A-3,Too,Many,Columns,IT,no
            A-4,"Multi
            line name",00186,IT,yes
            A-5,Last Row,00187,IT,no
            """
        let report = try importer(f).importText(csv, file: "/data/customers.csv")
        // The open quote on line 2 swallows nothing: line 2 is skipped and reading resumes on line 3.
        #expect(report.malformed.contains(.unterminatedQuote(file: "/data/customers.csv", line: 2)) ||
                report.malformed.contains { $0.line == 2 })
        #expect(report.malformed.contains(.columnCount(file: "/data/customers.csv", line: 4, expected: 5, found: 6)))
        #expect(report.rejected.map(\.line).contains(4))
        #expect(try f.database.customer(id: "A-2") != nil)
        #expect(try f.database.customer(id: "A-4")?.name == "Multi\nline name")
        #expect(try f.database.customer(id: "A-5") != nil)
        #expect(report.rejected.allSatisfy { $0.reason.contains("/data/customers.csv:") || $0.reason.contains("line") })
    }

    @Test("an unterminated quote at the end of the file names its line")
    func unterminatedAtEnd() throws {
        let f = try Fixture()
        let csv = "id,name\nB-1,Good\nB-2,\"Never closed\nB-3,Swallowed?\n"
        let report = try importer(f).importText(csv, file: "c.csv")
        #expect(report.malformed.first == .unterminatedQuote(file: "c.csv", line: 3))
        #expect(report.malformed.first?.description.contains("c.csv:3") == true)
        #expect(try f.database.customer(id: "B-1") != nil)
        #expect(try f.database.customer(id: "B-3") != nil)
    }

    @Test("importing again updates by id")
    func reimport() throws {
        let f = try Fixture()
        let first = try importer(f).importText("id,name,email\nC-1,Old Name,old@example.com\n", file: "a.csv")
        #expect(first.imported == 1)
        let second = try importer(f).importText("id,name,email\nC-1,New Name,new@example.com\nC-2,Other,\n", file: "b.csv")
        #expect(second.imported == 1 && second.updated == 1)
        #expect(try f.database.customer(id: "C-1")?.email == "new@example.com")
    }

    @Test("a file without id or name columns, or unreadable, is refused whole")
    func refused() throws {
        let f = try Fixture()
        #expect(throws: CustomerImportError.missingColumns(file: "x.csv", missing: ["name"])) {
            try importer(f).importText("id,fullname\n1,A\n", file: "x.csv")
        }
        #expect(throws: CustomerImportError.self) {
            try importer(f).importFile(URL(fileURLWithPath: "/nonexistent/customers.csv"))
        }
    }
}
