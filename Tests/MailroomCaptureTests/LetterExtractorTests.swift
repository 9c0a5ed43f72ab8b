import Testing
@testable import MailroomCapture
import MailroomPostcodes

@Suite("Letter extraction")
struct LetterExtractorTests {
    let extractor = LetterExtractor(postcodes: Material.directory)

    static let italian = """
        Francesca Esposito
        Via Mazzini 36/C
        09071 Abbasanta

        Abbasanta, 16 giugno 2026

        Bottega Aurora S.p.A.
        Servizio Clienti
        Via Tortona 27
        20144 Milano

        Rif. ordine: ORD-2026-033736
        Oggetto: Mancata consegna dell'ordine ORD-2026-033736

        Spettabile Servizio Clienti,
        il 22/04/2026 ho effettuato l'ordine ORD-2026-033736 per un frullatore a immersione,
        con consegna prevista entro cinque giorni lavorativi. Sono trascorse ormai tre settimane.
        Cordiali saluti
        Francesca Esposito
        """

    @Test("an Italian letter gives its sender, date, reference, subject and opening")
    func italianLetter() throws {
        let details = extractor.extract(text: Self.italian, language: "ita")
        #expect(details.senderName == "Francesca Esposito")
        #expect(details.senderStreet == "Via Mazzini 36/C")
        #expect(details.senderPostcode == "09071")
        #expect(details.senderTown == "Abbasanta")
        #expect(details.senderCountry == "IT")
        #expect(details.date == "2026-06-16")
        #expect(details.reference("order") == "ORD-2026-033736")
        #expect(details.subject == "Mancata consegna dell'ordine ORD-2026-033736")
        #expect(details.summary?.hasPrefix("il 22/04/2026 ho effettuato") == true)
        let postcode = try #require(details.fields.first { $0.name == "sender_postcode" })
        #expect(postcode.decision == .accepted)
    }

    @Test("the company's own address block is never taken for the sender")
    func recipientIsNotSender() {
        let text = """
            Bottega Aurora S.p.A.
            Via Tortona 27
            20144 Milano

            Marco Bruno
            Via Garibaldi 21
            70123 Bari

            Oggetto: reclamo
            Spettabile Servizio Clienti,
            il prodotto non funziona.
            """
        let details = extractor.extract(text: text, language: "ita")
        #expect(details.senderName == "Marco Bruno")
        #expect(details.senderTown == "Bari")
    }

    @Test("OCR look-alikes in the postcode and a misspelt town are repaired, and recorded")
    func repairsAddress() throws {
        let text = Self.italian.replacingOccurrences(of: "09071 Abbasanta\n", with: "O9071 Abbasanla\n")
        let details = extractor.extract(text: text, language: "ita")
        #expect(details.senderPostcode == "09071")
        #expect(details.senderTown == "Abbasanta")
        let town = try #require(details.fields.first { $0.name == "sender_town" })
        #expect(town.raw == "Abbasanla")
        #expect(town.corrections.map(\.to) == ["Abbasanta"])
        #expect(details.correctedText.contains("09071 Abbasanta"))
    }

    @Test("a postcode one digit off is corrected only when the town has exactly one postcode that close")
    func oneDigitPostcode() {
        let text = Self.italian.replacingOccurrences(of: "09071 Abbasanta\n", with: "09074 Abbasanta\n")
        #expect(extractor.extract(text: text, language: "ita").senderPostcode == "09071")
        // Szczecin has dozens of postcodes: a wrong one can not be told from a right one.
        let polish = "Michał Stępień\nul. Ogrodowa 43\n70-499 Szczecin\n\nSzanowni Państwo,\ntekst."
        let details = extractor.extract(text: polish, language: "pol")
        #expect(details.senderPostcode == "70-499")
        #expect(details.fields.first { $0.name == "sender_postcode" }?.decision == .review)
    }

    @Test("a town the postcode serves is kept as written, never swapped for another locality of it")
    func keepsValidTown() {
        let text = "Hans Meier\nDorfstraße 3\n18230 Biendorf\nDEUTSCHLAND\n\nSehr geehrte Damen und Herren,\nText."
        let details = extractor.extract(text: text, language: "deu")
        #expect(details.senderCountry == "DE")
        #expect(details.senderTown == "Biendorf")
        #expect(details.fields.first { $0.name == "sender_town" }?.corrections.isEmpty == true)
    }

    @Test("accents the OCR lost come back from the directory's spelling")
    func restoresAccents() {
        let text = "Emily Smith\nul. Sienkiewicza 66\n38-247 Olpiny\nPOLAND\n\n6 September 2026\n\nDear Sir or Madam,\nText."
        let details = extractor.extract(text: text, language: "eng")
        #expect(details.senderTown == "Ołpiny")
        #expect(details.senderCountry == "PL")
        #expect(details.date == "2026-09-06")
    }

    @Test("an American sender block with a state and the country line")
    func americanAddress() {
        let text = "Michael Brown\n544 Elm Street\nAustin, TX 78710\nUSA\n\nJune 6, 2025\n\nCustomer no.: C-214371\nRe: Request to erase my personal data\nDear Customer Service team,\nPlease erase my data."
        let details = extractor.extract(text: text, language: "eng")
        #expect(details.senderPostcode == "78710")
        #expect(details.senderTown == "Austin")
        #expect(details.senderCountry == "US")
        #expect(details.date == "2025-06-06")
        #expect(details.reference("customer") == "C-214371")
        #expect(details.subject == "Request to erase my personal data")
    }

    @Test("references: a look-alike is repaired when one repair fits, a labelled one wins, junk is ignored")
    func references() {
        let text = "Nr zamówienia: ZAM/2O25/07899\nDotyczy: zwrot\nSzanowni Państwo,\nzamówienie ZAM/2025/07899 z dnia 27.08.2025 oraz 12345."
        let details = extractor.extract(text: text, language: "pol")
        #expect(details.references == [LetterReference(kind: "order", value: "ZAM/2025/07899", read: "ZAM/2O25/07899")])
        #expect(LetterExtractor.repair("ORD-2026-03373", toFit: try! Regex("^ORD-\\d{4}-\\d{6}$")) == nil)
    }

    @Test("a labelled reference with two possible repairs goes to review with both, never a guess")
    func ambiguousReference() throws {
        let details = extractor.extract(text: "Nr klienta: K-12229g\nSzanowni Państwo,\ntekst.", language: "pol")
        let field = try #require(details.fields.first { $0.name == "reference_customer" })
        #expect(field.decision == .review)
        #expect(field.reasons.contains(.ambiguous))
        #expect(field.suggestions == ["K-122298", "K-122299"])
        // The same look-alike with one way to fit is repaired.
        #expect(extractor.extract(text: "Nr klienta: K-12229q\nTekst.", language: "pol").reference("customer") == "K-122299")
    }

    @Test("dates in each language and format", arguments: [
        ("Szczecin, 3 listopada 2025 r.", "2025-11-03"), ("Bari, 21 settembre 2025", "2025-09-21"),
        ("6 June 2025", "2025-06-06"), ("June 6, 2025", "2025-06-06"), ("16.06.2026", "2026-06-16"),
        ("2026-06-16", "2026-06-16"), ("Wojcieszków, 18 wrzesnia 2025 r.", "2025-09-18"), ("31 febbraio 2025", nil),
    ])
    func dates(line: String, expected: String?) {
        #expect(LetterDates.parse(line) == expected)
    }

    @Test("without a readable address the sender fields are empty and go to review")
    func noAddress() {
        let details = extractor.extract(text: "Dear Sir,\nmy toaster broke.\nJohn", language: "eng")
        #expect(details.senderPostcode == nil)
        let fields = details.fields.filter { $0.name.hasPrefix("sender_") }
        #expect(!fields.isEmpty && fields.allSatisfy { $0.decision == .review })
    }
}
