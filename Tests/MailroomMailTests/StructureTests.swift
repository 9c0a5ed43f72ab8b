import Foundation
import Testing
@testable import MailroomMail

@Suite("MIME structure")
struct StructureTests {
    func parse(_ text: String) throws(MailError) -> MailMessage {
        try MailParser.parse(Data(text.utf8), source: "inline.eml")
    }

    @Test("a boundary that is a prefix of the inner one; transport padding after delimiters")
    func boundaryPrefix() throws {
        let mail = try parse("""
            From: a@example.com
            Content-Type: multipart/mixed; boundary="b"

            preamble
            --b \t
            Content-Type: multipart/alternative; boundary="b2"

            --b2
            Content-Type: text/plain

            inner plain
            --b2
            Content-Type: text/html

            <p>inner html</p>
            --b2--
            --b
            Content-Type: text/csv; name="orders.csv"

            id;amount
            1;49,90
            --b--  
            epilogue

            """)
        #expect(mail.textBody == "inner plain")
        #expect(mail.attachments.map(\.filename) == ["orders.csv"])
        #expect(String(decoding: mail.attachments[0].data, as: UTF8.self) == "id;amount\n1;49,90")
        #expect(mail.warnings.isEmpty)
    }

    @Test("related with a start parameter picks that root; digest parts default to message/rfc822")
    func relatedAndDigest() throws {
        let related = try parse("""
            From: a@example.com
            Content-Type: multipart/related; boundary=r; start="<root@x>"

            --r
            Content-Type: image/gif
            Content-ID: <pic@x>
            Content-Transfer-Encoding: base64

            R0lGODlhAQABAAAAACw=
            --r
            Content-Type: text/html; charset=utf-8
            Content-ID: <root@x>

            <p>Zobacz <img src="cid:pic@x"></p>
            --r--
            """)
        #expect(related.textBody == "Zobacz")
        #expect(related.attachments.count == 1)
        #expect(related.attachments[0].isInline)
        #expect(related.attachments[0].contentID == "pic@x")
        #expect(related.attachments[0].data.starts(with: Array("GIF89a".utf8)))

        let digest = try parse("""
            From: list@example.com
            Subject: Digest
            Content-Type: multipart/digest; boundary=d

            --d

            From: one@example.com
            Subject: First

            one
            --d

            From: two@example.com
            Subject: Second

            two
            --d--
            """)
        #expect(digest.forwarded.map(\.subject) == ["First", "Second"])
        #expect(digest.attachments.map(\.filename) == ["First.eml", "Second.eml"])
        #expect(digest.forwarded.map(\.textBody) == ["one", "two"])
    }

    @Test("several inline text parts are joined; a text attachment with a name stays an attachment")
    func mixedTexts() throws {
        let mail = try parse("""
            From: a@example.com
            Content-Type: multipart/mixed; boundary=m

            --m
            Content-Type: text/plain; charset=iso-8859-1
            Content-Transfer-Encoding: quoted-printable

            Il pacco =E8 arrivato.
            --m
            Content-Type: text/plain; charset=utf-8; name=log.txt
            Content-Disposition: attachment

            log line
            --m
            Content-Type: text/plain; charset=utf-8
            Content-Disposition: inline

            -- 
            Footer of the list
            --m--
            """)
        #expect(mail.textBody == "Il pacco è arrivato.\n\n-- \nFooter of the list")
        #expect(mail.attachments.map(\.filename) == ["log.txt"])
        #expect(mail.replyText.newText == "Il pacco è arrivato.")
        #expect(mail.replyText.signature == "Footer of the list")
    }

    @Test("a text part marked inline counts as text even with a file name (old mailers name body parts)")
    func inlineNamedText() throws {
        let mail = try parse("""
            From: a@example.com
            Content-Type: multipart/mixed; boundary=n

            --n
            Content-Type: text/plain
            Content-Disposition: inline; filename="msg.txt"

            a simple kind of mirror
            --n
            Content-Type: text/plain; name="notes.txt"

            kept as a file
            --n--
            """)
        #expect(mail.textBody == "a simple kind of mirror")
        #expect(mail.attachments.map(\.filename) == ["notes.txt"])
    }

    @Test("forwarded messages nested beyond the limit are kept as attachments with a warning")
    func deepForwards() throws {
        var inner = "From: z@example.com\nSubject: core\n\ncore text\n"
        for level in 0..<40 {
            inner = "From: f\(level)@example.com\nSubject: level \(level)\nContent-Type: message/rfc822\n\n" + inner
        }
        let mail = try parse(inner)
        #expect(mail.subject == "level 39")
        var depth = 0
        var current = mail
        while let next = current.forwarded.first { current = next; depth += 1 }
        #expect(depth > 5 && depth < 40)
        #expect(current.warnings.contains { $0.kind == .unreadableForwardedMessage })
        #expect(current.attachments.first?.filename == "forwarded.eml")
    }

    @Test("a body part without headers keeps a first line starting with From")
    func headerlessPart() throws {
        let mail = try parse("From: a@example.com\nContent-Type: multipart/mixed; boundary=h\n\n--h\nFrom here on, the text.\n--h--\n")
        #expect(mail.textBody == "From here on, the text.")
    }

    @Test("attachment names are made safe for the disk")
    func safeNames() {
        func safe(_ name: String?, _ type: String = "application/pdf") -> String {
            MailAttachment(filename: name, contentType: type, data: Data()).safeFilename
        }
        #expect(safe("../../etc/passwd") == "passwd")
        #expect(safe("C:\\Windows\\evil.exe") == "evil.exe")
        #expect(safe("..hidden") == "hidden")
        #expect(safe("a\u{0}b:c?.pdf") == "a_b_c_.pdf")
        #expect(safe("Fattura łódź №12 (è).pdf") == "Fattura łódź №12 (è).pdf")
        #expect(safe(nil) == "attachment.pdf")
        #expect(safe("..", "image/png") == "attachment.png")
        #expect(safe(String(repeating: "x", count: 300) + ".pdf").count == 200)
        #expect(safe(String(repeating: "x", count: 300) + ".pdf").hasSuffix("x.pdf"))
    }

    @Test("a Message-ID without brackets is still read")
    func bareMessageID() throws {
        #expect(try parse("From: a@example.com\nMessage-ID: 12345.local\n\nx").messageID == "12345.local")
        #expect(try parse("From: a@example.com\nMessage-ID:   \n\nx").messageID == nil)
    }

    @Test("a message with headers only and no body")
    func headersOnly() throws {
        let mail = try parse("From: a@example.com\nSubject: nothing else")
        #expect(mail.subject == "nothing else")
        #expect(mail.textBody == "")
        #expect(mail.textSource == .plain)
    }

    @Test("an unknown transfer encoding keeps the bytes with a warning")
    func unknownEncoding() throws {
        let mail = try parse("From: a@example.com\nContent-Transfer-Encoding: x-uuencode\n\nbegin 644 x\n")
        #expect(mail.textBody == "begin 644 x")
        #expect(mail.warnings.map(\.kind) == [.unknownTransferEncoding])
    }
}
