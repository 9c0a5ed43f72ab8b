import Foundation
import Testing
@testable import MailroomMail

@Suite("Header values: encoded-words, parameters, addresses, dates, ids")
struct HeaderTests {
    @Test("RFC 2047 encoded-words", arguments: [
        ("=?UTF-8?B?xbvDs8WCdw==?=", "Żółw"),
        ("=?ISO-8859-2?Q?Pi=EA=E6_z=B3otych?=", "Pięć złotych"),
        ("=?iso-8859-1?q?perch=E9?= no", "perché no"),
        ("=?UTF-8?Q?a?= =?UTF-8?Q?b?=", "ab"),
        ("=?UTF-8?Q?a?=\t  =?UTF-8?Q?_b?=", "a b"),
        ("=?UTF-8?Q?a?= x =?UTF-8?Q?b?=", "a x b"),
        ("Re:=?utf-8?Q?=C3=A8?=", "Re:è"),
        ("=?UTF-8?B?xQ==?= =?UTF-8?B?gg==?=", "ł"),
        ("=?windows-1250?Q?=8Cwik?= i =?ISO-8859-2?B?o/NkvA==?=", "Świk i Łódź"),
        ("=?UTF-8*pl?Q?=C5=BC?=", "ż"),
        ("=?broken?X?abc?=", "=?broken?X?abc?="),
        ("=?UTF-8?Q?no end", "=?UTF-8?Q?no end"),
        ("plain =? text ?=", "plain =? text ?="),
    ])
    func encodedWords(raw: String, decoded: String) {
        #expect(EncodedWords.decode(raw) == decoded)
    }

    @Test("Content-Type and Content-Disposition parameters, RFC 2231 included")
    func parameters() {
        let type = HeaderParameters("Multipart/Mixed; boundary=\"----=_Part_0;x\" ; charset=UTF-8 (comment)")
        #expect(type.value == "multipart/mixed")
        #expect(type["boundary"] == "----=_Part_0;x")
        #expect(type["charset"] == "UTF-8")

        let extended = HeaderParameters("attachment; filename*=UTF-8''Faktura%20%C5%82%C3%B3d%C5%BA.pdf; filename=\"fallback.pdf\"")
        #expect(extended.value == "attachment")
        #expect(extended["filename"] == "Faktura łódź.pdf")

        let continued = HeaderParameters("attachment; filename*0*=iso-8859-2'pl'Za%BF%F3%B3%E6; filename*1=\" g\\\"e\"; filename*2*=%B6l%B1.txt")
        #expect(continued["filename"] == "Zażółć g\"eślą.txt")

        let encodedWord = HeaderParameters("application/pdf; name=\"=?UTF-8?B?UmVjbGFtbyDDqC5wZGY=?=\"")
        #expect(encodedWord["name"] == "Reclamo è.pdf")
    }

    @Test("address lists")
    func addresses() {
        #expect(AddressParser.parseList("\"Rossi, Anna\" <anna@example.it>, bob@example.com") == [
            MailAddress(name: "Rossi, Anna", address: "anna@example.it"), MailAddress(address: "bob@example.com")])
        #expect(AddressParser.parseList("=?UTF-8?Q?Jan_Kowalski?= <jan@example.pl>") == [MailAddress(name: "Jan Kowalski", address: "jan@example.pl")])
        #expect(AddressParser.parseList("=?UTF-8?Q?Zo=C3=AB?= Kowalska <z@example.pl>").first?.name == "Zoë Kowalska")
        #expect(AddressParser.parseList("John Q. Public <john.q.public@example.com>").first?.name == "John Q. Public")
        #expect(AddressParser.parseList("<@relay.example:user@example.com>") == [MailAddress(address: "user@example.com")])
        #expect(AddressParser.parseList("undisclosed-recipients:;").isEmpty)
        #expect(AddressParser.parseList("Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>") == [
            MailAddress(name: "Pete", address: "pete@silly.test")])
        #expect(AddressParser.parseList("\"a b\"@example.com").first?.address == "\"a b\"@example.com")
        #expect(AddressParser.parseList("not an address").isEmpty)
        #expect(AddressParser.parseList("").isEmpty)
    }

    @Test("dates", arguments: [
        ("Tue, 1 Dec 2026 10:00:00 +0100", "2026-12-01T09:00:00Z"),
        ("1 Dec 2026 10:00:00 -0000", "2026-12-01T10:00:00Z"),
        ("Tue, 01 Dec 2026 10:00:00 GMT", "2026-12-01T10:00:00Z"),
        ("Tue, 1 Dec 2026 10:00 EST", "2026-12-01T15:00:00Z"),
        ("Tue, 1 Dec 2026 10:00:00 PDT", "2026-12-01T17:00:00Z"),
        ("Tue, 1 Dec 26 10:00:00 UT", "2026-12-01T10:00:00Z"),
        ("Tue, 1 Dec 99 10:00:00 +0000", "1999-12-01T10:00:00Z"),
        ("Tue, 1 Dec 126 10:00:00 +0000", "2026-12-01T10:00:00Z"),
        ("Tue, 1 Dec 2026 10:00:00 Z", "2026-12-01T10:00:00Z"),
        ("Tue, 1 Dec 2026 10:00:00 K", "2026-12-01T10:00:00Z"),
        ("Tue,  1 Dec 2026 10:00:00 +0100 (CET)", "2026-12-01T09:00:00Z"),
        ("Tue, 1 Dec 2026 10:00:00 CEST", "2026-12-01T08:00:00Z"),
        ("tuesday, 1 december 2026 10:00:00 +05:30", "2026-12-01T04:30:00Z"),
        ("Dec 1 2026 10:00:00 +0000", "2026-12-01T10:00:00Z"),
        ("29 Feb 2028 23:59:60 +0000", "2028-02-29T23:59:59Z"),
        ("Mon, 1 Mar 2027 00:00:00 +1400", "2027-02-28T10:00:00Z"),
        ("2026-12-01T10:00:00Z", "2026-12-01T10:00:00Z"),
        ("1 Dec 2026 10:00:00", "2026-12-01T10:00:00Z"),
        ("01 Jan 2001 00:01+0100", "2000-12-31T23:01:00Z"),
    ])
    func dates(raw: String, expected: String) {
        #expect(MailDate.parse(raw) == ISO8601DateFormatter().date(from: expected))
    }

    @Test("the writer's day is taken in the writer's zone")
    func sentDay() throws {
        let late = try #require(MailDate.parseWithOffset("Mon, 30 Nov 2026 23:30:00 -0800"))
        #expect(late.offset == -28_800)
        #expect(MailDate.isoDay(late.date, offset: late.offset) == "2026-11-30")
        #expect(MailDate.isoDay(late.date, offset: 0) == "2026-12-01")
        #expect(MailDate.isoDay(Date(timeIntervalSince1970: -1), offset: 0) == "1969-12-31")
        #expect(MailDate.isoDay(utc(2028, 2, 29, 12, 0), offset: 0) == "2028-02-29")
        let mail = try MailParser.parse(Data("From: a@example.com\nDate: Tue, 1 Dec 2026 00:30:00 +0100\n\nx".utf8), source: "x")
        #expect(mail.sentDay == "2026-12-01")
        #expect(mail.date == utc(2026, 11, 30, 23, 30))
    }

    @Test("unreadable dates give nil and a warning on the message", arguments: ["", "yesterday", "32 Dec 2026 10:00 +0000", "1 Foo 2026 10:00 +0000", "1 Dec 2026 25:00 +0000"])
    func badDates(raw: String) throws {
        #expect(MailDate.parse(raw) == nil)
        let mail = try MailParser.parse(Data("From: a@example.com\nDate: \(raw)\n\nx".utf8), source: "x")
        #expect(mail.date == nil)
        #expect(mail.warnings.map(\.kind) == [.unreadableDate])
    }

    @Test("message ids: brackets removed, junk ignored, normalised for threading")
    func messageIDs() {
        #expect(AddressParser.messageIDs("<a@b.c> <d@E.F>\n\t<g@h>") == ["a@b.c", "d@E.F", "g@h"])
        #expect(AddressParser.messageIDs("Your message of Tue <x.1@y.z> (John)") == ["x.1@y.z"])
        #expect(AddressParser.messageIDs("x.1@y.z, w@v") == ["x.1@y.z", "w@v"])
        #expect(AddressParser.messageIDs("no ids here").isEmpty)
        #expect(MailMessage.normalizedMessageID(" <Abc.123@Mail.Example.COM> ") == "Abc.123@mail.example.com")
        #expect(MailMessage.normalizedMessageID("CAF+x=y@a@B") == "CAF+x=y@a@b")
        #expect(MailMessage.normalizedMessageID("no-at-sign") == "no-at-sign")
    }

    @Test("folding, CRLF, whitespace before the colon and repeated headers")
    func headerSection() throws {
        let raw = "From: a@example.com\r\nSubject : first\r\n  second\r\nTo: x@example.com\r\nTo: y@example.com\r\nReferences: <1@a>\r\nReferences: <2@a>\r\n\r\nbody\r\n"
        let mail = try MailParser.parse(Data(raw.utf8), source: "x")
        #expect(mail.subject == "first  second")
        #expect(mail.to.map(\.address) == ["x@example.com", "y@example.com"])
        #expect(mail.references == ["1@a", "2@a"])
        #expect(mail.textBody == "body")
        #expect(mail.headers.map(\.name) == ["From", "Subject", "To", "To", "References", "References"])
    }
}
