import Foundation
@testable import MailroomCapture
import MailroomImaging
import MailroomOCR
import Testing

@Suite("E-mail domains learned from earlier coupons")
struct LearnedDomainsTests {
    @Test("a domain read on two coupons is known, one read once is not")
    func twoCoupons() {
        let book = LearnedDomains()
        book.record(address: "anna@casella.example.net")
        #expect(book.known.isEmpty)
        book.record(address: "bruno@casella.example.net")
        book.record(address: "carla@posta.example.org")
        #expect(book.known == ["casella.example.net"])
        #expect(book.counts == ["casella.example.net": 2, "posta.example.org": 1])
    }

    @Test("a domain a slip away from one read four times as often is its misreading, not a domain of its own")
    func shadowedMisreading() {
        let book = LearnedDomains()
        for index in 0..<8 { book.record(address: "p\(index)@mail.example") }
        book.record(address: "a@mali.example")
        book.record(address: "b@mali.example")
        #expect(book.known == ["mail.example"])
        // Read as often as the other, it stands on its own: the two may both be real.
        for index in 0..<6 { book.record(address: "q\(index)@mali.example") }
        #expect(book.known == ["mail.example", "mali.example"])
    }

    @Test("only well-formed addresses away from the common providers teach the book", arguments: [
        "anna@gmail.com", "anna@libero.it", "anna.casella.example.net", "anna@@casella.net", "anna@c.example.net",
        "anna@casella.example.n3t", "anna@posta.example.jt", "",
    ])
    func unlearnable(address: String) {
        let book = LearnedDomains()
        book.record(address: address)
        book.record(address: address)
        #expect(book.counts.isEmpty)
    }

    @Test("a new top-level domain is learned like any other, and so is any country's")
    func newTopLevel() {
        let book = LearnedDomains()
        book.record(address: "anna@negozio.shop")
        book.record(address: "bruno@negozio.shop")
        book.record(address: "yuki@mail.example.jp")
        book.record(address: "kenji@mail.example.jp")
        #expect(book.known == ["negozio.shop", "mail.example.jp"])
    }

    @Test("stored counts add to the book, without what it may not learn")
    func storedCounts() {
        let book = LearnedDomains()
        book.record(address: "anna@casella.example.net")
        book.learn(domainCounts: ["casella.example.net": 1, "gmail.com": 40, "posta.example.org": 3, "bad domain": 5])
        #expect(book.counts == ["casella.example.net": 2, "posta.example.org": 3])
        #expect(book.known == ["casella.example.net", "posta.example.org"])
    }

    @Test("a domain spelled in words is not shadowed by a commoner misreading of one letter, and shadows it")
    func wordsOverMisreadings() throws {
        let words = try DomainWordsTests.italian.get()
        let book = LearnedDomains()
        for index in 0..<9 { book.record(address: "p\(index)@exampie.it") }
        for index in 0..<2 { book.record(address: "q\(index)@example.it") }
        // Counted alone, the misreading read four times as often casts the right one as its own.
        #expect(book.known == ["exampie.it"])
        #expect(book.laterCorrection(of: "anna@example.it", country: "IT") == "anna@exampie.it")
        // Weighed with the words, the domain spelled in words stands and takes the misreading.
        #expect(book.known(spelledIn: words, country: "IT") == ["example.it"])
        #expect(book.laterCorrection(of: "anna@exampie.it", country: "IT") == "anna@example.it")
        #expect(book.laterCorrection(of: "anna@example.it", country: "IT") == nil)
        // Between two domains both spelled in words, or neither, the counts still decide.
        for index in 0..<9 { book.record(address: "r\(index)@posta.example.org") }
        for index in 0..<2 { book.record(address: "s\(index)@pasta.example.org") }
        for index in 0..<9 { book.record(address: "t\(index)@qzkv.it") }
        for index in 0..<2 { book.record(address: "u\(index)@qzkw.it") }
        #expect(book.known(spelledIn: words, country: "IT") == ["example.it", "posta.example.org", "qzkv.it"])
    }

    @Test("a domain read as words is not taken for a learned one that is not, before the words' own domain is known")
    func wordsNotTakenForMisreading() throws {
        let words = try DomainWordsTests.italian.get()
        let book = LearnedDomains()
        for index in 0..<3 { book.record(address: "p\(index)@exampie.it") }
        book.record(address: "q@example.it")
        let known = book.known(spelledIn: words, country: "IT")
        #expect(known == ["exampie.it"])
        #expect(book.laterCorrection(of: "anna@example.it", country: "IT") == nil)
        #expect(book.laterCorrection(of: "anna@exanple.it", country: "IT") == "anna@exampie.it")
        let form = try #require(Material.forms?.form(id: "it-fedelta"))
        let field = try #require(form.fields.first { $0.type == .email })
        var checker = FieldChecker(form: form, postcodes: Material.directory, thresholds: Thresholds())
        checker.learnedDomains = known
        checker.domainWords = words
        func check(_ address: String) -> FieldResult {
            checker.check(field, FieldReader.Raw(reading: Material.boxes(address.map { [(String($0), 99)] }),
                                                 box: PixelRect(x: 0, y: 0, width: 1, height: 1)))
        }
        let right = check("anna@example.it")
        #expect(right.value == "anna@example.it")
        #expect(right.reasons.contains(.unfamiliarMailDomain))
        // Without the words the learned misreading takes it, as before.
        checker.domainWords = nil
        #expect(check("anna@example.it").value == "anna@exampie.it")
    }

    @Test("between two domains spelled in words, far commoner words shadow rarer ones however often each was read")
    func commonWordsOverRareOnes() throws {
        let words = try DomainWordsTests.italian.get()
        #expect(words.standing(of: "mail.example", against: "mal.example") == 1)
        #expect(words.standing(of: "mal.example", against: "mail.example") == -1)
        #expect(words.standing(of: "casella.example.net", against: "caselle.example.net") == 1, "classes 6 and 1")
        #expect(words.standing(of: "casello.example.net", against: "caselle.example.net") == 0, "both class 1")
        #expect(words.standing(of: "casello.example.net", against: "casellq.example.net") == 1, "words against none")
        let book = LearnedDomains()
        // A reader that takes MAIL for MAL on most coupons: counted alone, the misreading wins.
        for index in 0..<9 { book.record(address: "p\(index)@mal.example") }
        #expect(book.known(spelledIn: words, country: "IT") == ["mal.example"])
        // A domain read right is not taken for the learned one in rarer words...
        #expect(book.laterCorrection(of: "anna@mail.example", country: "IT") == nil)
        for index in 0..<2 { book.record(address: "q\(index)@mail.example") }
        // ...and once it is known, it casts the rarer words as its misreading.
        #expect(book.known == ["mal.example"])
        #expect(book.known(spelledIn: words, country: "IT") == ["mail.example"])
        #expect(book.laterCorrection(of: "anna@mal.example", country: "IT") == "anna@mail.example")
    }

    @Test("workers recording at once lose no coupon")
    func concurrentRecords() {
        let book = LearnedDomains()
        DispatchQueue.concurrentPerform(iterations: 400) { index in
            book.record(address: "c\(index)@casella.example.net")
            _ = book.known
        }
        #expect(book.counts["casella.example.net"] == 400)
    }

    func checked(_ address: String, learned: Set<String>, confidence: Double = 99, form id: String = "it-fedelta") throws -> FieldResult {
        let form = try #require(Material.forms?.form(id: id))
        let field = try #require(form.fields.first { $0.type == .email })
        var checker = FieldChecker(form: form, postcodes: Material.directory, thresholds: Thresholds())
        checker.learnedDomains = learned
        let reading = Material.boxes(address.map { [(String($0), confidence)] })
        return checker.check(field, FieldReader.Raw(reading: reading, box: PixelRect(x: 0, y: 0, width: 1, height: 1)))
    }

    @Test("a domain a few slips from a learned one becomes it, recorded and sent to review")
    func correctedToLearned() throws {
        let learned: Set<String> = ["casella.example.net", "mail.example", "skrzynka.example.org"]
        for (read, expected) in [("anna.rossi@caseila.example.net", "anna.rossi@casella.example.net"),
                                 ("anna.rossi@mall.example", "anna.rossi@mail.example"),
                                 ("anna.rossi@casellha.example.net", "anna.rossi@casella.example.net"),
                                 // Three slips from a long domain: more than a provider allows.
                                 ("anna.rossi@krzynkq.example.rg", "anna.rossi@skrzynka.example.org")] {
            let result = try checked(read, learned: learned)
            #expect(result.value == expected)
            #expect(result.corrections.last?.reason == "closest domain read on earlier coupons")
            #expect(result.reasons.contains(.learnedDomainGuessed))
            #expect(result.decision == .review)
        }
        // Three slips from a short learned domain, the top-level domain as read.
        let short: Set<String> = ["example.com", "example.pl", "example.org"]
        #expect(try checked("lucia.marino@qtkxample.com", learned: short).value == "lucia.marino@example.com")
        #expect(try checked("m.kozlowski@exkmre.pl", learned: short).value == "m.kozlowski@example.pl")
        // As far, but under another top-level domain: left as read; a mended one (`wet` is
        // `net`) is not mended a second time into a learned domain's.
        #expect(try checked("lucia.marino@qtkxample.net", learned: short).value == "lucia.marino@qtkxample.net")
        #expect(try checked("jozef.dudek@example.wet", learned: ["example.org"]).value == "jozef.dudek@example.net")
        // Nothing learned yet: the domain stays as read, for a person.
        let alone = try checked("anna.rossi@caseila.example.net", learned: [])
        #expect(alone.value == "anna.rossi@caseila.example.net")
        #expect(alone.reasons == [.unfamiliarMailDomain])
        // Far from every learned domain: left as read.
        let far = try checked("anna.rossi@studio-bianchi.it", learned: learned)
        #expect(far.value == "anna.rossi@studio-bianchi.it")
        #expect(far.reasons == [.unfamiliarMailDomain])
    }

    @Test("a sure address at a learned domain is accepted, as at a common provider; a common provider still comes first")
    func learnedIsFamiliar() throws {
        let sure = try checked("anna.rossi@casella.example.net", learned: ["casella.example.net"])
        #expect(sure.decision == .accepted)
        #expect(sure.reasons.isEmpty)
        let provider = try checked("anna.rossi@gmai1.com", learned: ["gmai.com"])
        #expect(provider.value == "anna.rossi@gmail.com")
        #expect(provider.reasons.contains(.mailDomainGuessed))
    }

    @Test("an e-mail read before the book knew its domain takes it afterwards, for review; others are left")
    func laterDomain() {
        let book = LearnedDomains()
        book.record(address: "bruno@casella.example.net")
        book.record(address: "carla@casella.example.net")
        func unfamiliar(_ address: String) -> FieldResult {
            FieldResult(name: "email", type: .email, raw: address, value: address, confidence: 90,
                        decision: .review, reasons: [.lowConfidence, .unfamiliarMailDomain])
        }
        var early = unfamiliar("anna@caselia.example.net")
        let taken = early.takeLaterDomain(from: book)
        #expect(taken)
        #expect(early.value == "anna@casella.example.net")
        #expect(early.decision == .review)
        #expect(early.reasons == [.lowConfidence, .laterDomainGuessed])
        #expect(early.corrections.last?.reason == LearnedDomains.laterCorrectionReason)
        #expect(early.suggestions.first == "anna@caselia.example.net")
        // An address made well formed by the domain taken is no longer flagged as invalid.
        var invalid = FieldResult(name: "email", type: .email, raw: "", value: "anna@casella.example.n", confidence: 90,
                                  decision: .review, reasons: [.invalidEmail, .unfamiliarMailDomain])
        invalid.takeLaterDomain(from: book)
        #expect(invalid.value == "anna@casella.example.net")
        #expect(invalid.reasons == [.laterDomainGuessed])
        // At a real top-level domain no known domain has, or never flagged: unchanged.
        var foreign = unfamiliar("anna@posta.example.org")
        let changed = foreign.takeLaterDomain(from: book)
        #expect(!changed)
        #expect(foreign.value == "anna@posta.example.org")
        var sure = FieldResult(name: "email", type: .email, raw: "", value: "anna@caselia.example.net", confidence: 90)
        let sureChanged = sure.takeLaterDomain(from: book)
        #expect(!sureChanged)
        #expect(sure.value == "anna@caselia.example.net")
    }

    @Test("a domain read too badly to correct takes the known domain clearly nearest it, for review; not when two are as near")
    func farDomain() {
        let book = LearnedDomains()
        for index in 0..<3 { book.record(address: "p\(index)@example.com") }
        for index in 0..<3 { book.record(address: "q\(index)@poczta.example.pl") }
        // The `@` read as two letters, and four more slips: too far for a correction.
        #expect(book.laterCorrection(of: "jakub.mazur@uuexanple.cen") == nil)
        var read = FieldResult(name: "email", type: .email, raw: "", value: "jakub.mazur@uuexanple.cen", confidence: 80,
                               decision: .review, reasons: [.lowConfidence, .unfamiliarMailDomain])
        let taken = read.takeLaterDomain(from: book)
        #expect(taken)
        #expect(read.value == "jakub.mazur@example.com")
        #expect(read.decision == .review)
        #expect(read.reasons == [.lowConfidence, .farDomainGuessed])
        #expect(read.corrections.last?.reason == LearnedDomains.farGuessReason)
        #expect(read.suggestions.first == "jakub.mazur@uuexanple.cen")
        #expect(book.farGuess(of: "a.wozniak@qbpoczta.exanpe.pl", country: "PL") == "a.wozniak@poczta.example.pl")
        // A common provider is a known domain too.
        #expect(book.farGuess(of: "anna@gmial.com") == "anna@gmail.com")
        // Nothing near, or two as near: left as read.
        #expect(book.farGuess(of: "anna@studio-legale-bianchi.net") == nil)
        book.record(address: "r1@exemple.com")
        book.record(address: "r2@exemple.com")
        #expect(book.farGuess(of: "anna@exbmple.com") == nil)
    }

    @Test("a real top-level domain is not taken for another country's: only for a look-alike, or the coupon's own country's")
    func topLevelKept() throws {
        let learned: Set<String> = ["example.it", "posta.example.it"]
        // Two slips from a learned domain, but both real: the Polish coupon keeps its own.
        let polish = try checked("jan.nowak@example.pl", learned: learned, form: "pl-karta")
        #expect(polish.value == "jan.nowak@example.pl")
        #expect(polish.reasons.contains(.unfamiliarMailDomain))
        #expect(!polish.reasons.contains(.learnedDomainGuessed))
        // `lt` is a look-alike of `it`; `at` is not, but the coupon is Italian.
        for read in ["anna@example.lt", "anna@example.at"] {
            let italian = try checked(read, learned: learned)
            #expect(italian.value == "anna@example.it")
            #expect(italian.reasons.contains(read.hasSuffix("lt") ? .lookAlikeTopLevel : .learnedDomainGuessed))
        }
        let austrian = try checked("jan.nowak@example.at", learned: learned, form: "pl-karta")
        #expect(austrian.value == "jan.nowak@example.at")
    }

    @Test("a foreign top-level domain that looks like the country's own is read as it, for review, though the run learnt the foreign one")
    func homeLookAlike() throws {
        // The batch had read the same misreading twice, so `example.lt` was a known domain.
        let misread = try checked("elena.ricci@example.lt", learned: ["example.lt"])
        #expect(misread.value == "elena.ricci@example.it")
        #expect(misread.decision == .review)
        #expect(misread.reasons.contains(.lookAlikeTopLevel))
        #expect(misread.suggestions.contains("elena.ricci@example.lt"))
        #expect(misread.corrections.last?.to == "elena.ricci@example.it")
        // Another country's coupon keeps it, as it keeps a top-level domain nothing like its own.
        let lithuanian = try checked("jan.nowak@example.lt", learned: ["example.lt"], form: "pl-karta")
        #expect(lithuanian.value == "jan.nowak@example.lt")
        #expect(lithuanian.decision == .accepted)
        let austrian = try checked("anna@example.at", learned: ["example.at"])
        #expect(austrian.value == "anna@example.at" && !austrian.reasons.contains(.lookAlikeTopLevel))
        // Mended, a misspelt domain is still taken for a learned one of the country's own.
        let spelt = try checked("anna@posta.exanple.lt", learned: ["posta.example.it", "example.lt"])
        #expect(spelt.value == "anna@posta.example.it")
    }

    @Test("afterwards too, a read country's domain is taken only for its look-alike or the coupon's country's")
    func laterTopLevel() {
        let book = LearnedDomains()
        for name in ["bruno", "carla"] { book.record(address: "\(name)@example.it") }
        #expect(book.laterCorrection(of: "jan@exanple.pl") == nil)
        #expect(book.laterCorrection(of: "jan@exanple.pl", country: "PL") == nil)
        #expect(book.laterCorrection(of: "anna@exanple.at") == nil)
        #expect(book.laterCorrection(of: "anna@exanple.at", country: "IT") == "anna@example.it")
        #expect(book.laterCorrection(of: "anna@exanple.lt") == "anna@example.it")
        var field = FieldResult(name: "email", type: .email, raw: "", value: "anna@exanple.at", confidence: 90,
                                decision: .review, reasons: [.unfamiliarMailDomain])
        let taken = field.takeLaterDomain(from: book, country: "IT")
        #expect(taken)
        #expect(field.value == "anna@example.it")
    }

    @Test("a last label that is no top-level domain is taken for the coupon's country's domain, or a generic one, before a nearer foreign one")
    func homeCountryFirst() throws {
        let learned: Set<String> = ["example.it", "example.pl"]
        // `i` is a slip from `it` and a slip and a half from `pl`.
        let polish = try checked("jan.nowak@example.i", learned: learned, form: "pl-karta")
        #expect(polish.value == "jan.nowak@example.pl")
        let italian = try checked("anna.rossi@example.i", learned: learned)
        #expect(italian.value == "anna.rossi@example.it")
        // A generic domain is as homely as the country's own: as near as a foreign one, it wins.
        let generic = try checked("jan.nowak@example.i", learned: ["example.it", "example.io"], form: "pl-karta")
        #expect(generic.value == "jan.nowak@example.io")
        // With none of its own near enough, the nearest foreign one is still taken.
        let foreign = try checked("jan.nowak@example.i", learned: ["example.it"], form: "pl-karta")
        #expect(foreign.value == "jan.nowak@example.it")
        // Unless the label, mended, is the country's own: `pi` is a look-alike slip from `pl`.
        let mended = try checked("jan.nowak@example.pi", learned: ["example.it"], form: "pl-karta")
        #expect(mended.value == "jan.nowak@example.pl")
        #expect(mended.reasons.contains(.unfamiliarMailDomain))
        // Nor when the label reads as near the country's own as the foreign one's, or nearer
        // (`p` and `gl` a slip from `pl`, two from `it`): it waits for the run to learn its own.
        for read in ["jan.nowak@example.p", "jan.nowak@example.gl", "jan.nowak@examplepi", "jan.nowak@example.b"] {
            let waiting = try checked(read, learned: ["example.it"], form: "pl-karta")
            #expect(!waiting.value.hasSuffix(".it"), "\(read) became \(waiting.value)")
        }
        // A domain under no country's label (`mail.example`) is no foreign country's.
        let unlabelled = try checked("jan.nowak@malexample", learned: ["mail.example"], form: "pl-karta")
        #expect(unlabelled.value == "jan.nowak@mail.example")
        // Afterwards too.
        let book = LearnedDomains()
        for name in ["bruno", "carla", "jan", "ewa"] { book.record(address: "\(name)@example.\(name.count == 5 ? "it" : "pl")") }
        #expect(book.laterCorrection(of: "piotr@example.i", country: "PL") == "piotr@example.pl")
        #expect(book.laterCorrection(of: "piotr@example.i", country: "IT") == "piotr@example.it")
    }
}
