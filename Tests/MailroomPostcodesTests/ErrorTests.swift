import Foundation
import Testing
@testable import MailroomPostcodes

@Suite("Errors")
struct ErrorTests {
    let directory = Fixtures.shared

    @Test("Unknown country")
    func unknownCountry() {
        #expect(throws: PostcodeError.unknownCountry("ZZ")) {
            try directory.localities(of: "12345", country: "ZZ")
        }
        #expect(throws: PostcodeError.self) { try directory.postcodes(of: "Milano", country: "XX") }
    }

    @Test("A listed country without data is .noLocalityData, distinct from unknown")
    func noLocalityData() throws {
        let empty = try #require(directory.countries.first { !$0.hasLocalities && $0.hasPostcodes })
        #expect(empty.postcodeCount == 0)
        let error = try #require(throws: PostcodeError.self) {
            try directory.contains(postcode: "12345", country: empty.code)
        }
        #expect(error.code == .noLocalityData)
        #expect(error.country == empty.code)
        #expect(error.description.contains("skip"))
        // Format checks still work without locality data.
        #expect(directory.country(empty.code) != nil)
    }

    @Test("Missing folder says how to fix it")
    func missingFolder() {
        let nowhere = URL(fileURLWithPath: "/nonexistent/postcodes")
        let error = #expect(throws: PostcodeError.self) { try PostcodeDirectory(directory: nowhere) }
        #expect(error?.code == .dataFolderMissing)
        #expect(error?.path == "/nonexistent/postcodes")
        #expect(error?.description.contains("MAILROOM_POSTCODES") == true)
    }

    @Test("A corrupt data file is reported with its path, once per load attempt")
    func corruptFile() throws {
        let folder = try Fixtures.temporaryCopy(dataFiles: ["IT"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("data/PL.tsv.gz")
        try Data("this is not gzip at all\n".utf8).write(to: file)
        let truncated = folder.appendingPathComponent("data/DE.tsv.gz")
        let original = try Data(contentsOf: Fixtures.postcodesFolder.appendingPathComponent("data/DE.tsv.gz"))
        try original.prefix(original.count / 2).write(to: truncated)

        let directory = try PostcodeDirectory(directory: folder)
        let error = try #require(throws: PostcodeError.self) { try directory.postcodes(of: "Kraków", country: "PL") }
        #expect(error.code == .corruptDataFile)
        #expect(error.path?.hasSuffix("data/PL.tsv.gz") == true)
        #expect(error.description.contains("PL.tsv.gz"))

        let cut = try #require(throws: PostcodeError.self) { try directory.contains(postcode: "10115", country: "DE") }
        #expect(cut.code == .corruptDataFile)
        #expect(cut.reason.contains("truncated"))

        // A file that is missing although countries.tsv promises data.
        let absent = try #require(throws: PostcodeError.self) { try directory.contains(postcode: "1010", country: "AT") }
        #expect(absent.code == .corruptDataFile)
        #expect(absent.path?.hasSuffix("data/AT.tsv.gz") == true)

        // The intact copy still works, and failures are not counted as loaded.
        #expect(try directory.contains(postcode: "20121", country: "IT"))
        #expect(directory.loadedCountries == ["IT"])
    }

    @Test("A malformed country list names the line")
    func malformedCountryList() throws {
        let folder = try Fixtures.temporaryCopy(dataFiles: [])
        defer { try? FileManager.default.removeItem(at: folder) }
        try "code\tname\tformat\tregex\tcodes\nIT\tItaly\t#####\n".write(
            to: folder.appendingPathComponent("countries.tsv"), atomically: true, encoding: .utf8)
        let error = #expect(throws: PostcodeError.self) { try PostcodeDirectory(directory: folder) }
        #expect(error?.code == .malformedCountryList)
        #expect(error?.description.contains("line 2") == true)
    }

    @Test("A broken regex falls back to the mask")
    func brokenRegex() throws {
        let folder = try Fixtures.temporaryCopy(dataFiles: [])
        defer { try? FileManager.default.removeItem(at: folder) }
        try "code\tname\tformat\tregex\tcodes\nQQ\tTestland\t##-@@\t^(\\d{2}\t0\nQR\tNoland\t\tnull\t0\n".write(
            to: folder.appendingPathComponent("countries.tsv"), atomically: true, encoding: .utf8)
        let directory = try PostcodeDirectory(directory: folder)
        #expect(directory.normalise("12ab", country: "QQ") == "12-AB")
        #expect(!directory.isValidFormat("1234", country: "QQ"))
        #expect(!directory.isValidFormat("1234", country: "QR"))
        #expect(directory.country("QR")?.regex == nil)
    }
}
