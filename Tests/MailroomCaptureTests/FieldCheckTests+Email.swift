import Foundation
@testable import MailroomCapture
import MailroomImaging
import MailroomOCR
import Testing

/// E-mail checks of the field-check suite: syntax, providers, the `@`, top-level domains, names.
extension FieldCheckTests {
    @Test("e-mail syntax is normalised and recorded, an address without @ goes to review")
    func email() {
        #expect(EmailNormaliser.normalise("ANNA.ROSSI @ EXAMPLE.C0M") == "anna.rossi@example.com")
        #expect(EmailNormaliser.isValid("anna.rossi@example.com"))
        #expect(!EmailNormaliser.isValid("anna.rossiexample.com"))
        #expect(!EmailNormaliser.isValid("a@@b.com"))
    }

    @Test("marks read side by side in a local part are one mark, the last", arguments: [
        ("GIUSEPPE._GRECO17@EXAMPLE.IT", "giuseppe_greco17@example.it"), ("A_.WOJCIK@EXAMPLE.PL", "a.wojcik@example.pl"),
        ("giulia-_ferrari8@posta.example.it", "giulia_ferrari8@posta.example.it"),
        // One mark, or marks in the domain, stay as read.
        ("anna.rossi@example.com", "anna.rossi@example.com"), ("anna_rossi@my-mail.example.com", "anna_rossi@my-mail.example.com"),
    ])
    func marksSideBySide(read: String, normalised: String) {
        #expect(EmailNormaliser.normalise(read) == normalised)
    }

    @Test("a 1 read as a letter before a last-century year's digits is the year's 1", arguments: [
        ("mmi996@example.it", "mm1996@example.it"), ("awl950@example.pl", "aw1950@example.pl"),
        ("anna.rossii985@example.it", "anna.rossi1985@example.it"),
    ])
    func yearMended(read: String, mended: String) {
        #expect(EmailNormaliser.yearMended(read) == mended)
    }

    @Test("letters before other numbers stay letters", arguments: [
        "anna.rossi85@example.it", "mario2005@example.it", "lisa.bianchi@example.it", "i985@example.it", "ali9850@example.it", "anna.l985@example.it",
    ])
    func yearNotMended(read: String) {
        #expect(EmailNormaliser.yearMended(read) == nil)
    }

    @Test("a domain a slip or two from one common provider becomes it, recorded and sent to review", arguments: [
        ("ANNA.ROSSI@GMAI1.COM", "anna.rossi@gmail.com"), ("jan.kowalski@interla.pl", "jan.kowalski@interia.pl"),
        ("m.bruno@llbero.it", "m.bruno@libero.it"), ("m.bruno@virgiiio.it", "m.bruno@virgilio.it"),
        // Two letters read as one, or one as two: `il` as `n`, `m` as `rn`.
        ("mario.rossi@gman.com", "mario.rossi@gmail.com"), ("a.nowak@hotrnail.com", "a.nowak@hotmail.com"),
    ])
    func mailProvider(read: String, expected: String) throws {
        let result = try checkedField(.email, reading: TextReading(text: read, confidence: 95, characters: []))
        #expect(result.value == expected)
        #expect(result.corrections.last?.reason == "closest common mail provider")
        #expect(result.decision == .review)
        #expect(result.reasons.contains(.mailDomainGuessed))
    }

    @Test("a sure address is accepted at a common provider only; another domain goes to a person")
    func unfamiliarDomain() throws {
        func checked(_ address: String) throws -> FieldResult {
            try checkedField(.email, reading: Material.boxes(address.map { [(String($0), 99)] }))
        }
        let provider = try checked("anna.rossi@libero.it")
        #expect(provider.decision == .accepted)
        let other = try checked("anna.rossi@exanple.net")
        #expect(other.value == "anna.rossi@exanple.net")
        #expect(other.decision == .review)
        #expect(other.reasons == [.unfamiliarMailDomain])
    }

    @Test("an address read without its @ takes it at the character that offers it most; sent to review")
    func likeliestAt() throws {
        // "anna" "q" (offering @) "example.it", all else sure.
        var positions: [[(String, Double)]] = "anna".map { [(String($0), 99)] }
        positions.append([("q", 60), ("@", 30), ("g", 9)])
        positions += "example.it".map { [(String($0), 99)] }
        positions[2] = [("n", 80), ("@", 2)]
        let result = try checkedField(.email, reading: Material.boxes(positions))
        #expect(result.value == "anna@example.it")
        #expect(result.corrections.contains { $0.reason == "the character likeliest to be the @" && $0.from == "annaqexample.it" })
        #expect(result.decision == .review)
        // No character offers an @: nothing is invented.
        let none = Material.boxes("annaqexample.it".map { [(String($0), 99)] })
        #expect(FieldChecker.likeliestAt(none) == nil)
    }

    @Test("an address read without its @, where no character offers one, takes it before what reads as a known domain; sent to review")
    func atBeforeDomain() throws {
        // The @ read as a B, with nothing else offered: the rest is a provider's domain.
        let read = Material.boxes("R.MANCINIBL1BERO.IT".map { [(String($0), 99)] })
        let result = try checkedField(.email, reading: read)
        #expect(result.value == "r.mancini@libero.it")
        #expect(result.corrections.contains { $0.reason == "the character before what reads as a known domain is the @" })
        #expect(result.decision == .review)
        // A learned domain counts as known; nothing near a known domain gets no @.
        let learned: Set<String> = ["posta.example.it"]
        let placed = FieldChecker.atBeforeDomain(Material.boxes("giuliarossiqposta.exanple.it".map { [(String($0), 99)] }), known: learned)
        #expect(placed?.text == "giuliarossi@posta.exanple.it")
        #expect(FieldChecker.atBeforeDomain(Material.boxes("giuliarossiqstudio.rossi.it".map { [(String($0), 99)] }), known: learned) == nil)
    }

    @Test("an address read with several @ keeps the one its domain follows; the others were the same @ or a letter; sent to review")
    func singleAt() throws {
        func checked(_ text: String, alternatives: [Int: [(String, Double)]] = [:]) throws -> FieldResult {
            let positions = text.enumerated().map { index, character in alternatives[index] ?? [(String(character), 99)] }
            return try checkedField(.email, reading: Material.boxes(positions))
        }
        for text in ["anna@@example.it", "anna@b@example.it", "anna@example.it@"] {
            let result = try checked(text)
            #expect(result.value == "anna@example.it", "\(text)")
            #expect(result.corrections.contains { $0.reason == "one @" }, "\(text)")
            #expect(result.decision == .review, "\(text)")
        }
        // An @ before a dot cannot start the domain: it is the letter its alternatives offer.
        let letter = try checked("e.cattaneo@exampl@.it", alternatives: [17: [("@", 60), ("e", 30)]])
        #expect(letter.value == "e.cattaneo@example.it")
        #expect(try checked("anna@example.it").corrections.allSatisfy { $0.reason != "one @" })
    }

    @Test("names still to be checked spell the e-mail too, which then goes to review with the reading as a choice")
    func emailFromUncheckedNames() throws {
        let box = PixelRect(x: 0, y: 0, width: 1, height: 1)
        func raws(nameConfidence: Double) -> [String: FieldReader.Raw] {
            ["first_name": .init(reading: TextReading(text: "GABRIELE", confidence: nameConfidence, characters: []), box: box),
             "surname": .init(reading: TextReading(text: "BARBIERI", confidence: nameConfidence, characters: []), box: box),
             "email": .init(reading: TextReading(text: "GABRIELE_BARBLERI@EXAMPLE.NET", confidence: 99, characters: []), box: box)]
        }
        let unsure = try #require(try checker().check(raws(nameConfidence: 40)).first { $0.type == .email })
        #expect(unsure.value == "gabriele_barbieri@example.net")
        #expect(unsure.decision == .review)
        #expect(unsure.suggestions.first == "gabriele_barbleri@example.net")
        let sure = try #require(try checker().check(raws(nameConfidence: 99)).first { $0.type == .email })
        #expect(sure.value == "gabriele_barbieri@example.net")
        #expect(sure.corrections.last?.reason == "spelled as the names on the coupon")
    }

    @Test("names never respell what the reader of a clear address was sure of; the names' spelling is offered for review")
    func sureCharactersKept() throws {
        let box = PixelRect(x: 0, y: 0, width: 1, height: 1)
        func checked(_ email: String, first: String, last: String, doubts: [Int: [(String, Double)]] = [:]) throws -> FieldResult {
            func sure(_ text: String) -> TextReading { Material.boxes(text.map { [(String($0), 99.0)] }) }
            let positions = email.enumerated().map { index, character in doubts[index] ?? [(String(character), 99.0)] }
            let raws: [String: FieldReader.Raw] = [
                "first_name": .init(reading: sure(first), box: box), "surname": .init(reading: sure(last), box: box),
                "email": .init(reading: Material.boxes(positions), box: box)]
            return try #require(try checker().check(raws).first { $0.type == .email })
        }
        // People write more than their names: a surname's variant, a stop before a number.
        for (email, first, last, spelled) in [("PAOLO.GALLI@GMAIL.COM", "PAOLO", "GALLO", "paolo.gallo@gmail.com"),
                                              ("ANNA.CONTE@GMAIL.COM", "ANNA", "CONTI", "anna.conti@gmail.com"),
                                              ("LUCABIANCHI.76@GMAIL.COM", "LUCA", "BIANCHI", "lucabianchi76@gmail.com")] {
            let result = try checked(email, first: first, last: last)
            #expect(result.value == email.lowercased())
            #expect(result.decision == .review)
            #expect(result.suggestions.contains(spelled))
        }
        // The same I read in doubt beside an O: the names settle it.
        let doubted = try checked("PAOLO.GALLI@GMAIL.COM", first: "PAOLO", last: "GALLO", doubts: [10: [("I", 60), ("O", 40)]])
        #expect(doubted.value == "paolo.gallo@gmail.com")
        #expect(doubted.corrections.last?.reason == "spelled as the names on the coupon")
    }

    @Test("a domain whose last label ends with a top-level domain gets its lost dot", arguments: [
        ("anna@examplenet", "anna@example.net"), ("anna@casella.examplenet", "anna@casella.example.net"),
        ("jan@wppl", "jan@wp.pl"), ("anna@exampleorg", "anna@example.org"),
    ])
    func dottingTopLevel(read: String, expected: String) {
        #expect(MailDomains.dottingTopLevel(address: read) == expected)
    }

    @Test("a domain ending with a top-level domain already, or too short to hold one more, is left", arguments: [
        "anna@example.net", "anna@mail.example", "anna@net", "anna@xnet", "anna", "anna@example.pl",
    ])
    func dottedAlready(address: String) {
        #expect(MailDomains.dottingTopLevel(address: address) == nil)
    }

    @Test("a last label one slip from exactly one top-level domain becomes it", arguments: [
        ("anna@example.nef", "anna@example.net"), ("anna@example.drg", "anna@example.org"), ("jan@wp.p1", "jan@wp.pl"),
    ])
    func correctingTopLevel(read: String, expected: String) {
        #expect(MailDomains.correctingTopLevel(address: read) == expected)
    }

    @Test("a top-level domain, a long last label, or one as near to two top-level domains is left", arguments: [
        "anna@example.net", "anna@mail.example", "anna@example.oro", "anna@examplenet", "anna.rossi",
    ])
    func topLevelLeft(address: String) {
        #expect(MailDomains.correctingTopLevel(address: address) == nil)
    }

    @Test("a label no country has, as near to several top-level domains, is the coupon's country's when that is one of them")
    func topLevelTiesGoHome() {
        #expect(MailDomains.correctingTopLevel(address: "anna@posta.example.jt") == nil)
        #expect(MailDomains.correctingTopLevel(address: "anna@posta.example.jt", home: "it") == "anna@posta.example.it")
        // Not when home is not among the nearest, nor when the label is a real country's (Mali).
        #expect(MailDomains.correctingTopLevel(address: "anna@posta.example.jt", home: "pl") == nil)
        #expect(MailDomains.correctingTopLevel(address: "jan@poczta.example.ml", home: "pl") == nil)
    }

    @Test("a provider's own domain, a company's and one as near to two providers are left as read", arguments: [
        "anna@gmail.com", "anna@firma-rossi.it", "anna@acme.example", "anna@op.pl", "anna@ox.pl",
    ])
    func mailDomainKept(address: String) {
        #expect(MailDomains.corrected(address: address) == nil)
    }
}
