import Testing
@testable import MailroomPostcodes

@Suite("Postcode lookups")
struct LookupTests {
    let directory = Fixtures.shared

    @Test("Country list")
    func countries() throws {
        let italy = try #require(directory.country("it"))
        #expect(italy.name == "Italy")
        #expect(italy.format == "#####")
        #expect(italy.hasLocalities)
        #expect(directory.country("UK")?.code == "GB")
        #expect(directory.country("ZZ") == nil)
        #expect(directory.countries.count == 250)
    }

    @Test("Localities of 20121 include Milano")
    func milanoPostcode() throws {
        let places = try directory.localities(of: "20121", country: "IT")
        #expect(places.contains(Locality(name: "Milano", region: "MI")))
        #expect(try directory.contains(postcode: "20121", country: "IT"))
        #expect(try directory.localities(of: "99999", country: "IT").isEmpty)
        #expect(try !directory.contains(postcode: "2012", country: "IT"))
    }

    @Test("Polish lookups accept any spelling")
    func krakowPostcode() throws {
        for spelling in ["31-042", "31042", "31 042"] {
            #expect(try directory.localities(of: spelling, country: "PL").map(\.name).contains("Kraków"))
        }
    }

    @Test("Coarse data: GB areas, CA FSAs, US ZIP+4")
    func districts() throws {
        #expect(try directory.contains(postcode: "SW1A 1AA", country: "GB"))
        #expect(try directory.resolvedPostcodes(of: "SW1A 1AA", country: "GB") == ["SW"])
        #expect(try directory.resolvedPostcodes(of: "B33 8TH", country: "GB") == ["B"])
        #expect(try directory.contains(postcode: "K1A 0B1", country: "CA"))
        #expect(try directory.contains(postcode: "10001-1234", country: "US"))
        #expect(try directory.localities(of: "10001-1234", country: "US").map(\.name).contains("New York"))
        #expect(try !directory.contains(postcode: "1000112", country: "US"))  // malformed, not a ZIP+4
    }

    @Test("allPostcodes uses the same spelling as normalise")
    func allPostcodes() throws {
        let polish = try directory.allPostcodes(country: "PL")
        #expect(polish.count == directory.country("PL")?.postcodeCount)
        #expect(polish.contains("31-042"))
        let candidate = try #require(directory.normalise("31 O42".replacingOccurrences(of: "O", with: "0"), country: "PL"))
        #expect(polish.contains(candidate))
        let czech = try directory.allPostcodes(country: "CZ")
        #expect(czech.contains("110 00"))
        #expect(try directory.allPostcodes(country: "US").contains("20001"))
    }
}
