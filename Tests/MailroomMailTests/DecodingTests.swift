import Foundation
import Testing
@testable import MailroomMail

@Suite("Charsets and transfer encodings")
struct DecodingTests {
    /// Polish and Western letters in each single-byte charset, as the standards define them.
    @Test("Foundation on this machine decodes each supported charset", arguments: [
        ("iso-8859-2", [0xB1, 0xE6, 0xEA, 0xB3, 0xF1, 0xF3, 0xB6, 0xBC, 0xBF, 0xA1, 0xA3, 0xAF] as [UInt8], "ąćęłńóśźżĄŁŻ"),
        ("windows-1250", [0xB9, 0xE6, 0xEA, 0xB3, 0xF1, 0xF3, 0x9C, 0x9F, 0xBF, 0xA5, 0xA3, 0x8C], "ąćęłńóśźżĄŁŚ"),
        ("windows-1252", [0x80, 0xE8, 0x93, 0x94, 0x85, 0x96, 0x9C], "€è“”…–œ"),
        ("iso-8859-1", [0xE0, 0xE8, 0xE9, 0xEC, 0xF2, 0xF9, 0xA3], "àèéìòù£"),
        ("us-ascii", Array("plain".utf8), "plain"),
        ("utf-8", Array("zażółć ✉".utf8), "zażółć ✉"),
        ("iso-8859-15", [0xA4, 0xBD, 0xE8], "€œè"),
        ("UTF8", Array("è".utf8), "è"),
        ("\"Latin2\"", [0xB3], "ł"),
        ("cp1250", [0xB9], "ą"),
    ])
    func charsets(name: String, bytes: [UInt8], expected: String) {
        let (text, warning) = MailCharset.decode(bytes, charset: name)
        #expect(text == expected)
        #expect(warning == nil)
        #expect(MailCharset.isSupported(name))
    }

    @Test("String.Encoding mapping uses Foundation's own encodings")
    func encodingMapping() {
        #expect(MailCharset.encoding(named: "ISO-8859-2") == .isoLatin2)
        #expect(MailCharset.encoding(named: "windows-1250") == .windowsCP1250)
        #expect(MailCharset.encoding(named: "Windows-1252") == .windowsCP1252)
        #expect(MailCharset.encoding(named: "iso-8859-1") == .isoLatin1)
        #expect(MailCharset.encoding(named: "US-ASCII") == .ascii)
        #expect(MailCharset.encoding(named: "utf-8") == .utf8)
        #expect(MailCharset.encoding(named: "koi8-r") == nil)
    }

    @Test("mislabelled and unknown charsets fall back without failing")
    func fallbacks() {
        // UTF-8 bytes labelled US-ASCII: read as UTF-8.
        #expect(MailCharset.decode(Array("città".utf8), charset: "us-ascii").text == "città")
        // Windows-1252 quotes labelled ISO-8859-1: read as Windows-1252.
        #expect(MailCharset.decode([0x93, 0x41, 0x94], charset: "iso-8859-1").text == "“A”")
        // Unknown label: UTF-8 when valid, with a warning.
        let unknown = MailCharset.decode(Array("é".utf8), charset: "x-mac-klingon")
        #expect(unknown.text == "é")
        #expect(unknown.warning?.kind == .unknownCharset)
        #expect(MailCharset.decode([0xE9], charset: "x-unknown").text == "é")
        // Invalid UTF-8: replaced, with a warning.
        let invalid = MailCharset.decode([0x61, 0xFF, 0x62], charset: "utf-8")
        #expect(invalid.text == "a\u{FFFD}b")
        #expect(invalid.warning?.kind == .invalidCharacters)
        // No label at all: UTF-8, else Windows-1252.
        #expect(MailCharset.decode([0xE8], charset: nil).text == "è")
    }

    @Test("quoted-printable: escapes, soft breaks, CRLF, trailing blanks, lone equals signs")
    func quotedPrintable() {
        func qp(_ s: String) -> String { String(decoding: TransferEncoding.quotedPrintable(Array(s.utf8)), as: UTF8.self) }
        #expect(qp("caf=C3=A9 =3D ok") == "café = ok")
        #expect(qp("soft=\r\nbreak\r\nhard") == "softbreak\nhard")
        #expect(qp("soft=  \nbreak") == "softbreak")
        #expect(qp("trailing   \nx") == "trailing\nx")
        #expect(qp("lone = sign and =ZZ and end=") == "lone = sign and =ZZ and end")
        #expect(qp("lower =c3=a8") == "lower è")
        #expect(qp("=E") == "=E")
    }

    @Test("base64: line breaks, junk whitespace, padding in the middle, URL-safe alphabet, truncation")
    func base64() {
        let spread = TransferEncoding.base64(Array("SGVs\r\nbG8g\n  d29y bGQ=\n".utf8))
        #expect(String(decoding: spread.bytes, as: UTF8.self) == "Hello world")
        #expect(spread.incomplete == false)
        #expect(spread.skipped == 0)
        let junk = TransferEncoding.base64(Array("SGVs!bG8=".utf8))
        #expect(String(decoding: junk.bytes, as: UTF8.self) == "Hello")
        #expect(junk.skipped == 1)
        let glued = TransferEncoding.base64(Array("SGk=SGk=".utf8))
        #expect(String(decoding: glued.bytes, as: UTF8.self) == "HiHi")
        #expect(TransferEncoding.base64(Array("_-8".utf8)).bytes == [0xFF, 0xEF])
        #expect(TransferEncoding.base64(Array("SGVsbG".utf8)).incomplete)
        #expect(TransferEncoding.base64(Array("SGVsb".utf8)).incomplete)
        #expect(TransferEncoding.base64([]).bytes.isEmpty)
    }

    @Test("RFC 3676 format=flowed text is rejoined")
    func flowed() throws {
        let raw = "From: a@example.com\nContent-Type: text/plain; charset=utf-8; format=flowed; delsp=no\n\nThis is a long \nparagraph.\n> quoted \n> more\n-- \nsig\n"
        let mail = try MailParser.parse(Data(raw.utf8), source: "x")
        #expect(mail.textBody == "This is a long paragraph.\n> quoted more\n-- \nsig")
        #expect(FlowedText.unflow("a \nb", deleteSpace: true) == "ab")
    }
}
