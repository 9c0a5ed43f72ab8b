import Foundation
import MailroomTestSupport
import Testing
@testable import MailroomMail

/// The code of the `MailError` thrown by `body`, or `nil` when it does not throw.
func errorCode(_ body: () throws(MailError) -> MailMessage) -> MailError.Code? {
    do {
        _ = try body()
        return nil
    } catch {
        return error.code
    }
}

@Suite("Malformed and hostile input")
struct MalformedTests {
    @Test("a zero-byte file is .empty and the message names the file and what to do")
    func empty() throws {
        let path = TestPaths.fixture("mail/empty.eml").path
        #expect(errorCode { () throws(MailError) in try fixture("empty.eml") } == .empty)
        do {
            _ = try fixture("empty.eml")
        } catch {
            #expect(error.source == path)
            #expect(error.description.hasPrefix("\(path): zero bytes; "))
            #expect(error.description.contains("export the e-mail again"))
        }
    }

    @Test("text without headers and a PNG renamed to .eml are .notAMessage")
    func notAMessage() {
        #expect(errorCode { () throws(MailError) in try fixture("no-headers.eml") } == .notAMessage)
        #expect(errorCode { () throws(MailError) in try fixture("binary-junk.eml") } == .notAMessage)
        let noteOnly = Data("Note: call the customer back\nTodo: refund\n\nbody\n".utf8)
        #expect(errorCode { () throws(MailError) in try MailParser.parse(noteOnly, source: "note.txt") } == .notAMessage)
        let continuationFirst = Data(" folded: nothing before\nFrom: a@b.c\n\nx".utf8)
        #expect(errorCode { () throws(MailError) in try MailParser.parse(continuationFirst, source: "x") } == .notAMessage)
    }

    @Test("an Outlook .msg file is named as such; a byte order mark before the headers is skipped")
    func outlookAndBOM() throws {
        let msg = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504))
        do {
            _ = try MailParser.parse(msg, source: "letter.msg")
            Issue.record("a .msg file parsed")
        } catch {
            #expect(error.code == .notAMessage)
            #expect(error.reason.contains("Outlook .msg"))
        }
        let bom = Data([0xEF, 0xBB, 0xBF] + Array("From: a@example.com\nSubject: BOM\nContent-Type: text/plain; charset=utf-8\n\n\u{FEFF}Testo".utf8))
        let mail = try MailParser.parse(bom, source: "bom.eml")
        #expect(mail.subject == "BOM")
        #expect(mail.textBody == "Testo")
    }

    @Test("random bytes never crash the parser")
    func randomJunk() {
        var generator = SplitMix(seed: 42)
        for length in [1, 2, 7, 100, 4096] {
            let junk = Data((0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) })
            #expect(errorCode { () throws(MailError) in try MailParser.parse(junk, source: "junk") } != nil)
        }
    }

    @Test("every prefix of a real message parses or throws a MailError, never traps")
    func everyPrefix() throws {
        let data = try Data(contentsOf: TestPaths.fixture("mail/mixed-attachments.eml"))
        var outcomes: [MailError.Code?] = []
        for length in stride(from: 1, through: data.count, by: 37) {
            outcomes.append(errorCode { () throws(MailError) in try MailParser.parse(data.prefix(length), source: "prefix") })
        }
        #expect(outcomes.contains(.truncated))
        #expect(outcomes.contains(nil))
    }

    @Test("thousands of mutated fixtures parse or throw a MailError, never trap")
    func mutations() throws {
        var generator = SplitMix(seed: 7)
        let interesting = Array("=?-\n\r:<>;\"*'%_ \t@(),".utf8) + [0x00, 0xFF, 0xC5, 0x80]
        var parsed = 0
        var refused = 0
        for name in ["mixed-attachments.eml", "forwarded-rfc822.eml", "quirks-cp1250.eml", "html-only-alternative.eml"] {
            let original = [UInt8](try Data(contentsOf: TestPaths.fixture("mail/\(name)")))
            for _ in 0..<400 {
                var bytes = original
                for _ in 0..<Int.random(in: 1...8, using: &generator) {
                    let at = Int.random(in: 0..<bytes.count, using: &generator)
                    switch Int.random(in: 0..<4, using: &generator) {
                    case 0: bytes[at] = interesting.randomElement(using: &generator)!
                    case 1: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...40, using: &generator)))
                    case 2: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + 30)], at: at)
                    default: bytes.insert(interesting.randomElement(using: &generator)!, at: at)
                    }
                    if bytes.isEmpty { bytes = [0x41] }
                }
                if errorCode({ () throws(MailError) in try MailParser.parse(Data(bytes), source: name) }) == nil {
                    parsed += 1
                } else {
                    refused += 1
                }
            }
        }
        #expect(parsed + refused == 1600)
        #expect(parsed > 800, "most small damage is tolerated")
    }

    @Test("hostile headers stay fast: unterminated encoded-words, one huge line")
    func hostileHeaders() {
        let words = String(repeating: "=?a?Q?x", count: 100_000)
        let start = Date()
        let mail = try? MailParser.parse(Data("From: a@example.com\nSubject: \(words)\n\nx".utf8), source: "hostile")
        #expect(mail?.subject?.count == words.count)
        #expect(Date().timeIntervalSince(start) < 20)
        let longLine = "From: a@example.com\nX-Long: " + String(repeating: "y", count: 2 << 20) + "\n\nx"
        #expect(errorCode { () throws(MailError) in try MailParser.parse(Data(longLine.utf8), source: "long") } == .malformedHeader)
    }

    @Test("base64 cut off at the end of the file is .truncated")
    func truncatedBase64() {
        #expect(errorCode { () throws(MailError) in try fixture("truncated-base64.eml") } == .truncated)
        let single = Data("From: a@example.com\nSubject: x\nContent-Type: image/png\nContent-Transfer-Encoding: base64\n\niVBORw0KGgoAAAANSUhEU".utf8)
        #expect(errorCode { () throws(MailError) in try MailParser.parse(single, source: "cut.eml") } == .truncated)
    }

    @Test("base64 with an incomplete group inside a closed part is kept with a warning")
    func damagedBase64InClosedPart() throws {
        let text = """
            From: a@example.com
            Subject: x
            Content-Type: multipart/mixed; boundary=b

            --b
            Content-Type: text/plain

            hello
            --b
            Content-Type: application/octet-stream
            Content-Transfer-Encoding: base64

            AAEC*AwQ
            --b--

            """
        let mail = try MailParser.parse(Data(text.utf8), source: "x")
        #expect(mail.attachments.first?.data == Data([0, 1, 2, 3, 4]))
        #expect(mail.warnings.map(\.kind) == [.malformedBase64])
    }

    @Test("a missing closing boundary is tolerated with a warning; the last part runs to the end")
    func missingClosingBoundary() throws {
        let mail = try fixture("missing-closing-boundary.eml")
        #expect(mail.textBody == "Treść wiadomości bez końcowej granicy.")
        #expect(mail.attachments.map(\.filename) == ["notatka.txt"])
        #expect(String(decoding: mail.attachments[0].data, as: UTF8.self) == "Notatka w załączniku.\n")
        #expect(mail.warnings.map(\.kind) == [.missingClosingBoundary])
        #expect(mail.date == utc(2026, 12, 5, 11, 0))
    }

    @Test("a 60 MB message is refused as .tooLarge before it is read; a raised limit accepts it")
    func tooLarge() throws {
        let dir = try TestPaths.temporaryDirectory("mail-large")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("huge.eml")
        var data = Data("From: a@example.com\nSubject: huge\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n".utf8)
        let headerBytes = data.count
        let line = Data((String(repeating: "QUJD", count: 19) + "\n").utf8)
        data.reserveCapacity(60 * 1024 * 1024 + line.count)
        while data.count < 60 * 1024 * 1024 { data.append(line) }
        try data.write(to: url)
        #expect(errorCode { () throws(MailError) in try MailParser.parse(fileAt: url) } == .tooLarge)
        #expect(errorCode { () throws(MailError) in try MailParser.parse(data, source: "huge") } == .tooLarge)
        let small = MailParser.Options(maxMessageBytes: 1000)
        let plain = try Data(contentsOf: TestPaths.fixture("mail/mixed-attachments.eml"))
        #expect(errorCode { () throws(MailError) in try MailParser.parse(plain, source: "m", options: small) } == .tooLarge)
        let roomy = MailParser.Options(maxMessageBytes: 100 * 1024 * 1024)
        let mail = try MailParser.parse(fileAt: url, options: roomy)
        #expect(mail.attachments.first?.data.prefix(6) == Data("ABCABC".utf8))
        #expect(mail.attachments.first?.data.count == (data.count - headerBytes) / line.count * 57)
    }

    @Test("a missing file is .unreadable")
    func missingFile() {
        let url = URL(fileURLWithPath: "/nonexistent/mail.eml")
        #expect(errorCode { () throws(MailError) in try MailParser.parse(fileAt: url) } == .unreadable)
        #expect(MailError(.unreadable, source: url.path, reason: "x").isCouldNotRun)
        #expect(!MailError(.truncated, source: url.path, reason: "x").isCouldNotRun)
    }

    @Test("nesting beyond the limit is .tooDeeplyNested, not a stack overflow")
    func deepNesting() {
        var text = "From: a@example.com\nSubject: deep\nContent-Type: multipart/mixed; boundary=b0\n\n"
        for level in 0..<200 {
            text += "--b\(level)\nContent-Type: multipart/mixed; boundary=b\(level + 1)\n\n"
        }
        #expect(errorCode { () throws(MailError) in try MailParser.parse(Data(text.utf8), source: "deep") } == .tooDeeplyNested)
    }

    @Test("a header section of more than a megabyte is .malformedHeader")
    func hugeHeader() {
        var text = "From: a@example.com\n"
        for index in 0..<30_000 { text += "X-Junk-\(index): \(String(repeating: "x", count: 40))\n" }
        #expect(errorCode { () throws(MailError) in try MailParser.parse(Data(text.utf8), source: "junk") } == .malformedHeader)
    }

    @Test("a stray line in the header section ends it, with a warning")
    func strayHeaderLine() throws {
        let mail = try MailParser.parse(Data("From: a@example.com\nSubject: hi\nthis is body text\nmore\n".utf8), source: "x")
        #expect(mail.subject == "hi")
        #expect(mail.textBody == "this is body text\nmore")
        #expect(mail.warnings.map(\.kind) == [.malformedHeaderLine])
    }

    @Test("multipart without a boundary parameter is read as text, with a warning")
    func missingBoundary() throws {
        let mail = try MailParser.parse(Data("From: a@example.com\nContent-Type: multipart/mixed\n\njust text\n".utf8), source: "x")
        #expect(mail.textBody == "just text")
        #expect(mail.warnings.map(\.kind) == [.missingBoundary])
    }
}

/// A small deterministic random generator for junk input.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
