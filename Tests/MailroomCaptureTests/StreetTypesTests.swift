import Foundation
@testable import MailroomCapture
import MailroomOCR
import Testing

@Suite("Street types: the country's usual type is the likelier reading")
struct StreetTypesTests {
    typealias Words = StreetAndSurnameTests

    @Test("a first word one slip from several types is the type most streets have, the correction recorded")
    func usualType() throws {
        let (checker, field) = try StreetAndSurnameTests().streetCheck(country: "PL")
        // The O's alternatives lean to U, but not twenty to one over A: the letters alone leave
        // UL. and AL. in doubt, the country decides.
        let read = Words.words("OL. LIPOWA 5", alternatives: [0: [("O", 50), ("U", 40), ("A", 6)]])
        let result = checker.check(field, StreetAndSurnameTests().raw(read, witness: "OL. LIPOWA 5"))
        #expect(result.value == "UL. LIPOWA 5")
        #expect(result.corrections.contains { $0.from.hasPrefix("OL") })
    }

    @Test("another type read surely stays that type")
    func otherTypeKept() throws {
        let (checker, field) = try StreetAndSurnameTests().streetCheck(country: "PL")
        let read = Words.words("AL. LIPOWA 5")
        #expect(checker.check(field, StreetAndSurnameTests().raw(read, witness: "AL. LIPOWA 5")).value == "AL. LIPOWA 5")
        let (italian, street) = try StreetAndSurnameTests().streetCheck(country: "IT")
        let piazza = Words.words("PIAZZA GARIBALDI 5")
        #expect(italian.check(street, StreetAndSurnameTests().raw(piazza, witness: "PIAZZA GARIBALDI 5")).value == "PIAZZA GARIBALDI 5")
    }

    @Test("the star that marks the usual type is no part of its spelling")
    func starStripped() throws {
        let types = try StreetTypes(contentsOf: StreetAndSurnameTests.types)
        #expect(types.type(of: Words.words("UL."), country: "PL") == "UL.")
        #expect(types.type(of: Words.words("VIA"), country: "IT") == "VIA")
        #expect(types.type(of: Words.words("VIA*"), country: "IT") != "VIA*")
    }
}
