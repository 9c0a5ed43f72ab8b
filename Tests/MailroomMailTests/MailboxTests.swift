import Foundation
import MailroomMail
import Testing

@Suite("Splitting an mbox into its messages")
struct MailboxTests {
    func messages(_ text: String) -> [String] {
        let data = Data(text.utf8)
        return Mailbox.messageRanges(in: data).map { String(decoding: data[$0], as: UTF8.self) }
    }

    @Test("messages start at envelope lines after an empty line, each keeping its own")
    func split() {
        let mbox = "From a@x.example Sat Dec  5 10:00:00 2026\nFrom: a@x.example\nSubject: one\n\nBody one.\n\n"
            + "From b@x.example Sat Dec  5 11:00:00 2026\nFrom: b@x.example\nSubject: two\n\nBody two.\n"
        let found = messages(mbox)
        #expect(found.count == 2)
        #expect(found[0].hasPrefix("From a@x.example") && found[0].hasSuffix("Body one.\n\n"))
        #expect(found[1].hasPrefix("From b@x.example") && found[1].hasSuffix("Body two.\n"))
        #expect(found.joined() == mbox, "nothing lost between them")
    }

    @Test("CRLF lines, a byte order mark and an envelope with a time zone split the same way")
    func crlf() {
        let text = "\u{FEFF}From a@x.example Sat Dec 05 10:00:00 +0000 2026\r\nFrom: a@x.example\r\n\r\nOne.\r\n\r\n"
            + "From MAILER-DAEMON Sat Dec  5 11:00 2026\r\nFrom: b@x.example\r\n\r\nTwo.\r\n"
        #expect(messages(text).count == 2)
    }

    @Test("a body line starting From without a time, a From: header and a plain .eml split nothing")
    func noSplit() {
        let mbox = "From a@x.example Sat Dec  5 10:00:00 2026\nFrom: a@x.example\n\nHi.\n\nFrom the desk of A.\n\nFrom now on, thanks.\n"
        #expect(messages(mbox).count == 1)
        let eml = "From: a@x.example\nSubject: one\n\nBody.\n\nFrom b@x.example Sat Dec  5 11:00:00 2026\n"
        #expect(messages(eml) == [eml], "an .eml is one message whatever its body says")
        #expect(messages("") == [""])
    }
}
