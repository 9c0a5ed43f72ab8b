import Foundation
import MailroomTestSupport
import Testing
@testable import MailroomMail

@Suite("HTML to text")
struct HTMLTextTests {
    @Test("paragraphs, line breaks, lists, entities, hidden parts")
    func conversion() {
        let html = """
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title>
            <style type="text/css">body { font: 12px }</style></head>
            <body><h1>Reso</h1><div>Gentile   cliente,
            grazie&nbsp;per la segnalazione.</div>
            <p>Il rimborso di 49,90&#8364; (&#x20AC;) &egrave; in corso.<br/>Tempi:&nbsp;5&ndash;7 giorni.</p>
            <ol><li>uno</li><li>due &amp; tre</li></ol>
            <table><tr><td>Ordine</td><td>4512</td></tr></table>
            <img src="x.png" alt="Logo"><!-- <p>hidden</p> --><script>var x = "<p>";</script>
            <p>Unknown &bogus; entity and a lone & sign &lt;ok&gt;</p></body></html>
            """
        #expect(HTMLText.plainText(html) == """
            Reso

            Gentile cliente, grazie per la segnalazione.

            Il rimborso di 49,90€ (€) è in corso.
            Tempi: 5–7 giorni.

            - uno
            - due & tre

            Ordine 4512

            [Logo]

            Unknown &bogus; entity and a lone & sign <ok>
            """)
    }

    @Test("blockquotes become > lines, so an HTML reply splits like a plain one")
    func blockquote() {
        let html = """
            <div dir="ltr">Grazie, tutto chiaro.</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">
            Il giorno lun 30 nov 2026 alle ore 09:00 Mailroom &lt;support@mailroom.example&gt; ha scritto:<br></div>
            <blockquote class="gmail_quote"><p>Gentile cliente,</p><p>il rimborso &egrave; in corso.</p>
            <blockquote>Ho ricevuto un pacco rotto.</blockquote></blockquote></div>
            """
        let text = HTMLText.plainText(html)
        #expect(text == """
            Grazie, tutto chiaro.

            Il giorno lun 30 nov 2026 alle ore 09:00 Mailroom <support@mailroom.example> ha scritto:

            > Gentile cliente,
            >
            > il rimborso è in corso.
            >
            >> Ho ricevuto un pacco rotto.
            """)
        let parts = ReplyText.split(text)
        #expect(parts.newText == "Grazie, tutto chiaro.")
        #expect(parts.quotedText.hasPrefix("Il giorno lun 30 nov 2026"))
        #expect(parts.quotedText.hasSuffix("> Ho ricevuto un pacco rotto."))
    }

    @Test("preformatted text keeps its line breaks")
    func pre() {
        #expect(HTMLText.plainText("<pre>a  b\nc</pre>") == "a  b\nc")
    }

    @Test("inline tags do not break words; broken markup does not crash")
    func inline() {
        #expect(HTMLText.plainText("<b>Zaż</b>ółć <i>gęślą</i>") == "Zażółć gęślą")
        #expect(HTMLText.plainText("text <unclosed") == "text")
        #expect(HTMLText.plainText("<script>never closed") == "")
        #expect(HTMLText.plainText("") == "")
    }

    @Test("an HTML part without a charset parameter uses its <meta> charset")
    func metaCharset() throws {
        var raw = Data("From: a@example.com\nContent-Type: text/html\n\n<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-2\"></head><body>".utf8)
        raw.append(contentsOf: [0xA3, 0xF3, 0x64, 0xBC])
        raw.append(Data("</body></html>".utf8))
        let mail = try MailParser.parse(raw, source: "x")
        #expect(mail.textBody == "Łódź")
        #expect(mail.textSource == .html)
    }
}

@Suite("Reply text: new text, quoted mail, signature")
struct ReplyTextTests {
    @Test("Italian attribution with the quote below")
    func italian() {
        let parts = ReplyText.split("""
            Va bene, grazie.

            Il giorno mar 1 dic 2026 alle ore 10:00 Mailroom <support@mailroom.example> ha scritto:
            > Gentile cliente,
            > il rimborso è in corso.
            """)
        #expect(parts.newText == "Va bene, grazie.")
        #expect(parts.quotedText == "Il giorno mar 1 dic 2026 alle ore 10:00 Mailroom <support@mailroom.example> ha scritto:\nGentile cliente,\nil rimborso è in corso.")
        #expect(parts.signature == "")
    }

    @Test("Polish attribution wrapped over two lines")
    func polishWrapped() {
        let parts = ReplyText.split("""
            Dziękuję.

            W dniu 1.12.2026 o 10:00, Mailroom
            <support@mailroom.example> pisze:
            > Szanowny Panie,
            """)
        #expect(parts.newText == "Dziękuję.")
        #expect(parts.quotedText.hasPrefix("W dniu 1.12.2026 o 10:00, Mailroom\n<support@mailroom.example> pisze:\nSzanowny Panie,"))
    }

    @Test("Outlook: everything after -----Original Message----- is quoted, signature before it")
    func outlook() {
        let parts = ReplyText.split("""
            Please see my answer.
            --
            Tom Baker
            Claims team

            -----Original Message-----
            From: Anna <anna@example.it>
            Sent: Monday, November 30, 2026 9:00 AM
            Subject: Question

            I have a question.
            """)
        #expect(parts.newText == "Please see my answer.")
        #expect(parts.signature == "Tom Baker\nClaims team")
        #expect(parts.quotedText.hasPrefix("-----Original Message-----\nFrom: Anna"))
        #expect(parts.quotedText.hasSuffix("I have a question."))
    }

    @Test("Italian Outlook header block without a separator line")
    func outlookItalian() {
        let parts = ReplyText.split("Ok.\n\nDa: Mario Rossi <mario@example.it>\nInviato: lunedì 30 novembre 2026 09:00\nA: support\nOggetto: domanda\n\nTesto")
        #expect(parts.newText == "Ok.")
        #expect(parts.quotedText.hasPrefix("Da: Mario Rossi"))
    }

    @Test("interleaved answers stay new text; mobile footers are signatures")
    func interleaved() {
        let parts = ReplyText.split("""
            On Mon, Nov 30, 2026 at 9:00 AM Anna <anna@example.it> wrote:
            > What is the order number?
            ORD-2026-004512.
            > And the postcode?
            20121.

            Sent from my iPhone
            """)
        #expect(parts.newText == "ORD-2026-004512.\n20121.")
        #expect(parts.quotedText.contains("What is the order number?\nAnd the postcode?"))
        #expect(parts.signature == "Sent from my iPhone")
    }

    @Test("an attribution followed by unprefixed text quotes the rest")
    func unprefixed() {
        let parts = ReplyText.split("Yes.\n\nOn Monday Anna wrote:\n\nIs it shipped?\n")
        #expect(parts.newText == "Yes.")
        #expect(parts.quotedText == "On Monday Anna wrote:\n\nIs it shipped?")
    }

    @Test("a body with no quote and no signature is all new text")
    func plain() {
        let parts = ReplyText.split("Hello,\nI wrote on Monday.\nThanks")
        #expect(parts.newText == "Hello,\nI wrote on Monday.\nThanks")
        #expect(parts.quotedText.isEmpty)
        #expect(parts.signature.isEmpty)
    }
}

@Suite("Content sniffing for the scanner")
struct SniffTests {
    @Test("every well-formed fixture looks like a message", arguments: [
        "plain-utf8.eml", "italian-qp-latin1.eml", "polish-latin2-base64.eml", "html-only-alternative.eml",
        "mixed-attachments.eml", "reply-thread.eml", "forwarded-rfc822.eml", "quirks-cp1250.eml",
    ])
    func fixtures(name: String) throws {
        let data = try Data(contentsOf: MailroomTestSupport.TestPaths.fixture("mail/\(name)"))
        #expect(MailParser.looksLikeMessage(data.prefix(512)))
    }

    @Test("other files do not", arguments: ["empty.eml", "no-headers.eml", "binary-junk.eml"])
    func others(name: String) throws {
        let data = try Data(contentsOf: MailroomTestSupport.TestPaths.fixture("mail/\(name)"))
        #expect(!MailParser.looksLikeMessage(data))
    }

    @Test("edge cases")
    func edges() {
        #expect(!MailParser.looksLikeMessage(Data("Note: call back\nTodo: refund\n".utf8)), "no mail header")
        #expect(!MailParser.looksLikeMessage(Data("Subject: only one\n".utf8)), "one field is not enough")
        #expect(!MailParser.looksLikeMessage(Data("%PDF-1.4\n%âãÏÓ\n".utf8)))
        #expect(MailParser.looksLikeMessage(Data("Received: from x\n\tby y\nMessage-ID: <a@b>\nX-Very-Long-Header: \(String(repeating: "z", count: 900))".utf8)), "the cut last line is ignored")
        #expect(MailParser.looksLikeMessage(Data("\u{FEFF}From: a@b.c\r\nTo: d@e.f\r\n".utf8)))
    }
}
