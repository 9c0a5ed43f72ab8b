import Foundation
import MailroomTestSupport
import Testing
@testable import MailroomMail

/// Parses a fixture from `Tests/Fixtures/mail` (written by its `make` script with Python's `email`).
func fixture(_ name: String) throws(MailError) -> MailMessage {
    try MailParser.parse(fileAt: TestPaths.fixture("mail/\(name)"))
}

func original(_ name: String) throws -> Data {
    try Data(contentsOf: TestPaths.fixture("mail/originals/\(name)"))
}

func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int = 0) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second))!
}

@Suite("Fixtures written by Python's email package")
struct FixtureTests {
    @Test("plain UTF-8 with LF endings: addresses, folded encoded subject, date, id, body")
    func plainUTF8() throws {
        let mail = try fixture("plain-utf8.eml")
        #expect(mail.from == MailAddress(name: "Zoë Müller", address: "zoe.mueller@example.de"))
        #expect(mail.to == [MailAddress(name: "Mailroom Support", address: "support@mailroom.example"),
                            MailAddress(address: "claims@mailroom.example")])
        #expect(mail.cc == [MailAddress(name: "Kowalski, Jan", address: "jan.kowalski@example.pl")])
        #expect(mail.subject == "Ordine ORD-2026-004512: consegna in ritardo ✉ — grazie per l’aiuto")
        #expect(mail.date == utc(2026, 12, 1, 8, 15))
        #expect(mail.messageID == "plain.0001@Mail.Example.DE")
        #expect(mail.textBody == "Hello,\n\nmy order ORD-2026-004512 has not arrived yet.\nCould you check where it is? Grüße ✉\n\nZoë")
        #expect(mail.textSource == .plain)
        #expect(mail.attachments.isEmpty)
        #expect(mail.languages == ["en"])
        #expect(mail.warnings.isEmpty)
        #expect(mail.header("content-transfer-encoding") == "8bit")
        #expect(mail.headers.first?.name == "From")
        #expect(mail.headers.first?.value == "Zoë Müller <zoe.mueller@example.de>")
        #expect(mail.headers.first?.rawValue == "=?utf-8?q?Zo=C3=AB_M=C3=BCller?= <zoe.mueller@example.de>")
    }

    @Test("Italian complaint: quoted-printable ISO-8859-1 body, Q-encoded subject, CRLF, comment after the date")
    func italian() throws {
        let mail = try fixture("italian-qp-latin1.eml")
        #expect(mail.subject == "Reclamo: il pacco è arrivato già aperto, perché?")
        #expect(mail.from == MailAddress(name: "Niccolò Ferrè", address: "niccolo.ferre@example.it"))
        #expect(mail.date == utc(2026, 11, 30, 17, 42, 7))
        #expect(mail.dateOffset == 3600)
        #expect(mail.sentDay == "2026-11-30")
        #expect(mail.textBody.hasPrefix("Buongiorno,\n\nil pacco è arrivato danneggiato e la confezione era già aperta. Perché nessuno"))
        #expect(mail.textBody.contains("entro quindici giorni. La città di consegna è Forlì, via dell'Università 3."))
        #expect(mail.textBody.hasSuffix("Cordiali saluti,\nNiccolò Ferrè"))
        #expect(!mail.textBody.contains("\r"))
        #expect(mail.languages == ["it"])
        #expect(mail.warnings.isEmpty)
    }

    @Test("Polish: base64 ISO-8859-2 body and B-encoded subject split over two encoded-words")
    func polish() throws {
        let mail = try fixture("polish-latin2-base64.eml")
        #expect(mail.subject == "Reklamacja zamówienia 4512: zażółć gęślą jaźń ąćęłńóśźż")
        #expect(mail.from?.name == "Łukasz Wąsik")
        #expect(mail.textBody.contains("Zażółć gęślą jaźń: ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ."))
        #expect(mail.textBody.hasSuffix("Z poważaniem\nŁukasz Wąsik\nul. Źródlana 5, 90-001 Łódź"))
        #expect(mail.languages == ["pl"])
        #expect(mail.date == utc(2026, 12, 2, 7, 5, 59))
    }

    @Test("multipart/alternative with an empty text/plain: the Windows-1252 HTML gives the text")
    func htmlOnly() throws {
        let mail = try fixture("html-only-alternative.eml")
        #expect(mail.textSource == .html)
        #expect(mail.textBody == """
            Dear Mailroom,

            the invoice shows €120 instead of €100 – please fix it.
            Details:

            - Order: ORD-2026-004513
            - Customer: K-123456

            Thanks & regards,
            Margaret “Maggie” Wilson
            """)
        #expect(!mail.textBody.contains("color"))
        #expect(!mail.textBody.contains("alert"))
        #expect(!mail.textBody.contains("Ignored"))
        #expect(mail.attachments.isEmpty, "the unused alternative is not an attachment")
        #expect(mail.date == utc(2026, 12, 3, 14, 0))
    }

    @Test("multipart/mixed: plain text chosen, PNG and PDF decoded byte for byte, inline logo kept, RFC 2231 name")
    func attachments() throws {
        let mail = try fixture("mixed-attachments.eml")
        #expect(mail.textSource == .plain)
        #expect(mail.textBody == "Buongiorno,\nin allegato la scansione del coupon e la fattura.\nAnna")
        #expect(mail.attachments.map(\.filename) == [nil, "coupon-scan.png", "Fattura łódź №12 (è).pdf"])
        #expect(mail.attachments.map(\.contentType) == ["image/png", "image/png", "application/pdf"])
        let logo = mail.attachments[0]
        #expect(logo.isInline)
        #expect(logo.contentID == "logo@example.it")
        #expect(logo.data == (try original("logo.png")))
        #expect(mail.attachments[1].data == (try original("scan.png")))
        #expect(mail.attachments[1].isInline == false)
        #expect(mail.attachments[2].data == (try original("invoice.pdf")))
        #expect(mail.attachments[2].data.starts(with: Array("%PDF-1.4".utf8)))
        #expect(mail.warnings.isEmpty)
    }

    @Test("a reply: In-Reply-To, folded References, quoted text and signature split off")
    func reply() throws {
        let mail = try fixture("reply-thread.eml")
        #expect(mail.inReplyTo == ["answer.77@Mailroom.Example"])
        #expect(mail.answeredIDs == ["answer.77@mailroom.example", "first-answer.76@mailroom.example", "plain.0001@mail.example.de"])
        #expect(mail.references == ["plain.0001@Mail.Example.DE", "first-answer.76@Mailroom.Example", "answer.77@Mailroom.Example"])
        #expect(mail.threadIDs == ["reply.0002@mail.example.de", "answer.77@mailroom.example",
                                   "first-answer.76@mailroom.example", "plain.0001@mail.example.de"])
        let original = try fixture("plain-utf8.eml")
        #expect(Set(original.threadIDs).isSubset(of: Set(mail.threadIDs)))
        let parts = mail.replyText
        #expect(parts.newText == "Thank you, the parcel arrived this afternoon.\nEverything is fine.")
        #expect(parts.quotedText == """
            On Tue, 1 Dec 2026 at 11:02, Mailroom Support <support@mailroom.example> wrote:
            Dear Zoë,
            your parcel left our depot today.

            > my order ORD-2026-004512 has not arrived yet.
            """)
        #expect(parts.signature == "Zoë Müller\nBerlin")
    }

    @Test("a forwarded message/rfc822 is an .eml attachment and is parsed into `forwarded`")
    func forwarded() throws {
        let mail = try fixture("forwarded-rfc822.eml")
        #expect(mail.subject == "Fwd: Reclamo: il pacco è arrivato già aperto, perché?")
        #expect(mail.textBody == "Please open a case for the complaint below.")
        #expect(mail.date == utc(2026, 12, 1, 13, 0))
        #expect(mail.attachments.count == 1)
        #expect(mail.attachments.first?.contentType == "message/rfc822")
        #expect(mail.attachments.first?.filename == "Reclamo_ il pacco è arrivato già aperto, perché_.eml")
        #expect(mail.forwarded.count == 1)
        let inner = try #require(mail.forwarded.first)
        #expect(inner.from?.address == "niccolo.ferre@example.it")
        #expect(inner.messageID == "reclamo-7781@posta.example.it")
        #expect(inner.textBody.contains("La città di consegna è Forlì"))
        let reparsed = try MailParser.parse(mail.attachments[0].data, source: "saved.eml")
        #expect(reparsed == inner.withWarnings([]))
    }

    @Test("quirks: mbox From line, Windows-1250 QP body, split UTF-8 encoded-words, groups, obsolete date")
    func quirks() throws {
        let mail = try fixture("quirks-cp1250.eml")
        #expect(mail.from == MailAddress(name: "Małgorzata Świk", address: "m.swik@example.pl"))
        #expect(mail.to == [MailAddress(name: "O'Brien, Pat", address: "pat@example.ie"),
                            MailAddress(name: "Frank Smith", address: "frank@example.com"),
                            MailAddress(address: "a@example.pl"), MailAddress(address: "b@example.pl")])
        #expect(mail.subject == "Zażółć łódź plain tail")
        #expect(mail.date == utc(2026, 12, 5, 15, 0))
        #expect(mail.messageID == "Quirks.1@Example.PL")
        #expect(mail.inReplyTo == ["orig.9@example.pl"])
        #expect(mail.headers.first?.name == "Return-Path")
        #expect(mail.headers(named: "received").first == "from mx.example.pl (mx.example.pl [192.0.2.1])\tby mailroom.example; Sat, 5 Dec 26 10:00:00 EST")
        #expect(mail.textBody == "Dzień dobry, proszę o kontakt w sprawie zamówienia. Łódź, ul. Świętokrzyska 9, tel. 123 456 789.\n\nMałgorzata Świk")
    }
}

extension MailMessage {
    func withWarnings(_ warnings: [MailWarning]) -> MailMessage {
        var copy = self
        copy.warnings = warnings
        return copy
    }
}
