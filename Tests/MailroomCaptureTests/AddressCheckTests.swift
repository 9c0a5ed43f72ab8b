import Foundation
@testable import MailroomCapture
import MailroomOCR
import MailroomPostcodes
import Testing

@Suite("Postcode and town cross-check")
struct AddressCheckTests {
    let thresholds = Thresholds()

    func check(_ reading: TextReading, town: String, country: String = "IT", witness: String? = nil) throws -> (FieldResult, FieldResult) {
        let directory = try #require(Material.directory)
        var postcode = Material.field("postcode", .postcode, raw: reading.text)
        var townField = Material.field("town", .town, raw: town)
        AddressCheck(directory: directory, country: country, thresholds: thresholds, boxConfidence: thresholds.boxConfidence, witness: witness)
            .check(postcode: &postcode, postcodeReading: reading, town: &townField)
        return (postcode, townField)
    }

    /// The boxes of 31-042 (Kraków), every box at 99 but the first, read as `firstBox`.
    static func krakow(firstBox: [(String, Double)]) -> TextReading {
        Material.boxes([firstBox, [("1", 99)], [("-", 100)], [("0", 99)], [("4", 99)], [("2", 99)]])
    }

    @Test("a confusion pair is repaired: 2O121 read with Milano becomes 20121")
    func confusionPair() throws {
        let reading = Material.boxes([[("2", 95)], [("O", 90)], [("1", 95)], [("2", 95)], [("1", 95)]])
        let (postcode, town) = try check(reading, town: "MILANO")
        #expect(postcode.value == "20121")
        #expect(postcode.corrections.contains { $0.from == "2O121" && $0.to == "20121" })
        #expect(town.value == "MILANO")
    }

    @Test("a big city's postcode read with every box near-certain is accepted; one box in doubt leaves its neighbours as likely")
    func bigCityPostcode() throws {
        // Torino has every code from 10121 to 10156: 10150's last box could be the 6 of 10156.
        func torino(lastBox: [(String, Double)]) -> TextReading {
            Material.boxes([[("1", 99.5)], [("0", 99.5)], [("1", 99.5)], [("5", 99.5)], lastBox])
        }
        let (sure, _) = try check(torino(lastBox: [("0", 99.5)]), town: "TORINO")
        #expect(sure.value == "10150")
        #expect(sure.decision == .accepted)
        let (doubtful, _) = try check(torino(lastBox: [("0", 70), ("6", 25)]), town: "TORINO")
        #expect(doubtful.value == "10150")
        #expect(doubtful.reasons.contains(.ambiguous))
    }

    @Test("a rival code of the same city is set aside when a second model read every box as the boxes were read",
          arguments: [(nil, false), ("10150", true), ("10156", false), ("1015", false)])
    func bigCityPostcodeWitnessed(witness: String?, accepted: Bool) throws {
        // Every box sure, the last less so than near-certain: 10156 stays a rival on the boxes alone.
        let reading = Material.boxes([[("1", 99.5)], [("0", 99.5)], [("1", 99.5)], [("5", 99.5)], [("0", 93), ("6", 6)]])
        let (postcode, _) = try check(reading, town: "TORINO", witness: witness)
        #expect(postcode.value == "10150")
        #expect(postcode.decision == (accepted ? .accepted : .review), "\(postcode.reasons)")
    }

    @Test("a box's own character outweighs a witness's alternative the line model was surer of")
    func ownCharacterFirst() throws {
        // Palermo has 90131 and 90151: the classifier read the fourth box 3, the line model 5
        // and surer. The box's own reading stands, for review.
        let reading = Material.boxes([[("9", 99.9)], [("0", 99.9)], [("1", 99.9)], [("3", 95.4), ("5", 98.5)], [("1", 99.9)]])
        let (postcode, town) = try check(reading, town: "PALERMO")
        #expect(postcode.value == "90131")
        #expect(postcode.reasons.contains(.ambiguous))
        #expect(town.value == "PALERMO")
    }

    @Test("a misspelled town takes the directory's spelling and the postcode confirms it")
    func townSpelling() throws {
        let reading = Material.boxes([[("3", 95)], [("1", 95)], [("-", 100)], [("0", 95)], [("4", 95)], [("2", 95)]])
        let (postcode, town) = try check(reading, town: "KRAKOV", country: "PL")
        #expect(postcode.value == "31-042")
        #expect(town.value == "KRAKÓW")
        #expect(town.corrections.first?.to == "KRAKÓW")
    }

    @Test("a confident postcode that exists but contradicts the town is flagged, not fixed")
    func contradiction() throws {
        // 00118 is Rome; the town says Milano. Every box was read with high confidence.
        let reading = Material.boxes([[("0", 99)], [("0", 99)], [("1", 99)], [("1", 99)], [("8", 99)]])
        let (postcode, town) = try check(reading, town: "MILANO")
        #expect(postcode.value == "00118")
        #expect(postcode.decision == .review)
        #expect(postcode.reasons.contains(.postcodeTownMismatch))
        #expect(town.decision == .review)
        #expect(postcode.corrections.isEmpty)
        #expect(town.value == "MILANO", "a town that is a real place elsewhere is kept for the operator")
    }

    @Test("a confident postcode one box from the code of the town read well is shown as that code, for review")
    func oneBoxFromTheTown() throws {
        // 95048 exists (Scordia); ROTONDA's code is 85048, one box away.
        let reading = Material.boxes([[("9", 99)], [("5", 99)], [("0", 99)], [("4", 99)], [("8", 99)]])
        let (postcode, town) = try check(reading, town: "ROTONDA")
        #expect(postcode.value == "85048")
        #expect(postcode.corrections.contains { $0.from == "95048" && $0.to == "85048" })
        #expect(postcode.decision == .review)
        #expect(postcode.reasons.contains(.postcodeTownMismatch))
        #expect(town.value == "ROTONDA")
        #expect(town.decision == .review)
        // A town misread beyond the directory's spelling threshold leaves the code as read.
        let (far, _) = try check(reading, town: "ROTXQXA")
        #expect(far.value == "95048")
    }

    @Test("a sure postcode spells a town read beyond recognition as its place; near-certain boxes carry both, less sure ones leave both for review",
          arguments: [(99.0, true), (95.0, false)])
    func garbledTownFromPostcode(firstBox: Double, accepted: Bool) throws {
        let reading = Self.krakow(firstBox: [("3", firstBox)])
        let (postcode, town) = try check(reading, town: "QXWZQ", country: "PL")
        #expect(postcode.value == "31-042")
        #expect(town.value == "KRAKÓW")
        #expect(town.corrections.contains { $0.from == "QXWZQ" && $0.to == "KRAKÓW" })
        // The garbled town neither backs nor contradicts the code: boxes read near-certain
        // carry it, and the one place it names is the town; a box less sure leaves both to a person.
        #expect(postcode.reasons.isEmpty == accepted, "\(postcode.reasons)")
        #expect(town.reasons.isEmpty == accepted, "\(town.reasons)")
        #expect(town.reasons.contains(.postcodeTownMismatch) != accepted)
    }

    @Test("a town spelled a little off is accepted when a sure postcode names it, and doubted beside an unsure one")
    func townVouchedByPostcode() throws {
        let misspelled = "KRKAUW"
        let similarity = PostcodeDirectory.similarity(misspelled, "Kraków")
        try #require(similarity >= thresholds.townSimilarity - 0.2 && similarity < thresholds.townSimilarity)
        let sure = Self.krakow(firstBox: [("3", 99)])
        let (_, town) = try check(sure, town: misspelled, country: "PL")
        #expect(town.value == "KRAKÓW")
        #expect(!town.reasons.contains(.lowConfidence))
        let unsure = Self.krakow(firstBox: [("3", 45), ("8", 40)])
        let (_, doubted) = try check(unsure, town: misspelled, country: "PL")
        #expect(doubted.decision == .review)
    }

    @Test("a town left empty stays empty beside a sure postcode")
    func emptyTownStaysEmpty() throws {
        let reading = Self.krakow(firstBox: [("3", 99)])
        let (_, town) = try check(reading, town: "", country: "PL")
        #expect(town.value == "")
        #expect(town.corrections.isEmpty)
    }

    @Test("a garbled town beside a doubtful postcode is left as read")
    func garbledTownDoubtfulPostcode() throws {
        let reading = Self.krakow(firstBox: [("3", 45), ("8", 40)])
        let (_, town) = try check(reading, town: "QXWZQ", country: "PL")
        #expect(town.value == "QXWZQ")
        #expect(town.decision == .review)
    }

    @Test("a reading that fits no postcode and no town goes to review")
    func nothingFits() throws {
        let reading = Material.boxes([[("9", 99)], [("9", 99)], [("9", 99)], [("9", 99)], [("9", 99)]])
        let (postcode, town) = try check(reading, town: "QQQQXX")
        #expect(postcode.decision == .review)
        #expect(town.decision == .review)
    }

    @Test("a form for a country without locality data flags the address instead of failing")
    func noLocalities() throws {
        var form = try #require(Material.forms?.form(id: "it-fedelta"))
        let directory = try #require(Material.directory)
        let empty = try #require(directory.countries.first { !$0.hasLocalities })
        form.country = empty.code
        let checker = FieldChecker(form: form, postcodes: directory, thresholds: thresholds)
        let reading = Material.boxes([[("1", 99)], [("2", 99)], [("3", 99)], [("4", 99)], [("5", 99)]])
        var raws: [String: FieldReader.Raw] = [:]
        for field in form.fields { raws[field.name] = FieldReader.Raw(reading: field.type == .postcode ? reading : .empty, box: .init(x: 0, y: 0, width: 1, height: 1), ink: 0) }
        let results = checker.check(raws)
        let postcode = try #require(results.first { $0.type == .postcode })
        #expect(postcode.reasons.contains(.noPostcodeData))
        #expect(postcode.value == "12345")
    }

    @Test("an unknown country code flags the address the same way")
    func unknownCountry() throws {
        var form = try #require(Material.forms?.form(id: "it-fedelta"))
        form.country = "XX"
        let checker = FieldChecker(form: form, postcodes: Material.directory, thresholds: thresholds)
        var raws: [String: FieldReader.Raw] = [:]
        for field in form.fields {
            let reading = field.type == .postcode ? Material.boxes([[("1", 99)], [("2", 99)]]) : TextReading.empty
            raws[field.name] = FieldReader.Raw(reading: reading, box: .init(x: 0, y: 0, width: 1, height: 1), ink: 0)
        }
        let postcode = try #require(checker.check(raws).first { $0.type == .postcode })
        #expect(postcode.reasons.contains(.noPostcodeData))
    }
}
