import Foundation
import MailroomOperator
import MailroomStore
import Testing

@Suite struct ExportTests {
    @Test func marketingGetsOnlyConsentingCustomersAndOperationsGetsAll() throws {
        let fixture = try Fixture("export-consent")
        try fixture.coupon(Fixture.sha(1), values: ["email": "a@example.it"])
        try fixture.coupon(Fixture.sha(2), values: ["email": "b@example.it", "consent": "false"])
        try fixture.coupon(Fixture.sha(3), values: ["email": "c@example.it"], review: ["surname": "low confidence"])
        let exporter = fixture.exporter()
        let marketing = try exporter.select(purpose: .marketing, range: .all)
        #expect(marketing.rows.map(\.email) == ["a@example.it"])
        let operations = try exporter.select(purpose: .operations, range: .all)
        #expect(operations.rows.map(\.email) == ["a@example.it", "b@example.it"])
        #expect(operations.rows.map(\.consent) == [true, false])
    }

    @Test func customersMergeByEmailElseByNameAndPostcodeAndTheLatestCouponWins() throws {
        let fixture = try Fixture("export-merge")
        let a1 = try fixture.coupon(Fixture.sha(1), values: ["email": "anna@example.it", "date": "2026-03-01", "street": "VIA PO 2"])
        let a2 = try fixture.coupon(Fixture.sha(2), values: ["email": "anna@example.it", "date": "2026-06-01", "street": "VIA PO 9",
                                                             "consent": "false"])
        let a3 = try fixture.coupon(Fixture.sha(3), values: ["email": "anna@example.it", "date": "2026-01-15", "street": "VIA OLD"])
        let b1 = try fixture.coupon(Fixture.sha(4), values: ["email": "", "first_name": "LUCA", "surname": "BIANCHI", "date": "2026-02-02"])
        let b2 = try fixture.coupon(Fixture.sha(5), values: ["email": "", "first_name": "Luca", "surname": "Biànchi", "date": "2026-04-04"])
        let rows = try fixture.exporter().select(purpose: .operations, range: .all).rows
        #expect(rows.count == 2)
        let anna = try #require(rows.first { $0.customerKey == "email:anna@example.it" })
        #expect(anna.couponCount == 3)
        #expect(anna.firstDate == "2026-01-15" && anna.lastDate == "2026-06-01")
        #expect(anna.street == "VIA PO 9")
        #expect(anna.consent == false)  // the latest coupon withdrew it
        #expect(anna.documentIDs == [a1, a2, a3].sorted())
        let luca = try #require(rows.first { $0.customerKey == "name:LUCA|BIANCHI|10121" })
        #expect(luca.couponCount == 2 && luca.documentIDs == [b1, b2])
        #expect(luca.surname == "Biànchi")
        let marketing = try fixture.exporter().select(purpose: .marketing, range: .all).rows
        #expect(marketing.filter { $0.action == .add }.map(\.customerKey) == ["name:LUCA|BIANCHI|10121"])
        // Anna consented earlier and withdrew: marketing is told to delete her, and gets nothing else of hers.
        let withdrawn = try #require(marketing.first { $0.customerKey == "email:anna@example.it" })
        #expect(withdrawn.action == .withdraw && !withdrawn.consent)
        #expect([withdrawn.email, withdrawn.surname, withdrawn.street, withdrawn.phone, withdrawn.postcode].allSatisfy { $0.isEmpty })
    }

    @Test func couponsLinkedToOneCustomerAreOneRowWithTheCustomerID() throws {
        let fixture = try Fixture("export-linked")
        let a = try fixture.coupon(Fixture.sha(1), values: ["email": "anna@work.example.it", "date": "2026-03-01"])
        let b = try fixture.coupon(Fixture.sha(2), values: ["email": "anna@home.example.it", "date": "2026-05-01"])
        try fixture.coupon(Fixture.sha(3), values: ["email": "luca@example.it"])
        try fixture.database.upsertCustomers([CustomerRecord(id: "K-7", name: "Anna Rossi", nameKey: "ANNA ROSSI")])
        for document in [a, b] {
            try fixture.database.saveDocumentCustomer(DocumentCustomerRecord(
                documentID: document, customerID: "K-7", method: "email", score: 1, linkedAt: Fixture.day(2)))
        }
        let exporter = LoyaltyExporter(database: fixture.database, forms: fixture.forms,
                                       keying: try LinkedCustomerKey.load(from: fixture.database), now: { Fixture.day(20) })
        let rows = try exporter.select(purpose: .operations, range: .all).rows
        #expect(rows.count == 2)
        let anna = try #require(rows.first { $0.customerID == "K-7" })
        #expect(anna.customerKey == "customer:K-7")
        #expect(anna.couponCount == 2)
        #expect(anna.email == "anna@home.example.it")
        #expect(rows.first { $0.customerID.isEmpty }?.customerKey == "email:luca@example.it")
    }

    @Test func exportsAreIncrementalFromTheLastWatermark() throws {
        let fixture = try Fixture("export-incremental")
        let out = fixture.folder.appendingPathComponent("loyalty.csv")
        try fixture.coupon(Fixture.sha(1), values: ["email": "a@example.it"], at: 1)
        let pending = try fixture.coupon(Fixture.sha(2), values: ["email": "b@example.it"], review: ["surname": "low confidence"], at: 2)
        let first = try fixture.exporter().export(purpose: .marketing, format: .csv, range: .incremental, to: out, operator: "ada")
        #expect(first.log.rowCount == 1 && first.log.sinceWatermark == nil)
        #expect(first.log.untilWatermark == Watermark.text(Fixture.day(1)))

        let again = try fixture.exporter().export(purpose: .marketing, format: .csv, range: .incremental, to: out, operator: "ada")
        #expect(again.log.rowCount == 0)
        #expect(again.log.untilWatermark == first.log.untilWatermark)
        #expect(try String(contentsOf: out, encoding: .utf8) == CSVText.record(LoyaltyRow.columns))

        // An operator verifies the second coupon later: only that customer goes out next.
        try fixture.review(at: 30).accept(documentID: pending, field: "surname", operator: "ada")
        let third = try fixture.exporter().export(purpose: .marketing, format: .csv, range: .incremental, to: out, operator: "ada")
        #expect(third.selection.rows.map(\.email) == ["b@example.it"])
        #expect(third.log.untilWatermark == Watermark.text(Fixture.day(30)))
        // Another purpose keeps its own watermark; --since and --all override.
        #expect(try fixture.exporter().select(purpose: .operations, range: .incremental).rows.count == 2)
        #expect(try fixture.exporter().select(purpose: .marketing, range: .since(Fixture.day(1))).rows.count == 2)
        #expect(try fixture.exporter().select(purpose: .marketing, range: .since(Fixture.day(2))).rows.count == 1)
        #expect(try fixture.exporter().select(purpose: .marketing, range: .all).rows.count == 2)

        let log = try fixture.database.exports(kind: "loyalty")
        #expect(log.count == 3)
        #expect(log[0].documentIDs == [pending])
        #expect(try fixture.database.auditLog(actions: ["export.loyalty"]).count == 3)
    }

    @Test func aLaterCouponWithoutTheTickReachesMarketingAsAWithdrawalWithoutPersonalData() throws {
        let fixture = try Fixture("export-withdraw")
        let out = fixture.folder.appendingPathComponent("loyalty.csv")
        try fixture.coupon(Fixture.sha(1), values: ["email": "anna@example.it", "date": "2026-03-01"], at: 1)
        let first = try fixture.exporter().export(purpose: .marketing, format: .csv, range: .incremental, to: out, operator: "ada")
        #expect(first.selection.rows.map(\.action) == [.add])
        try fixture.coupon(Fixture.sha(2), values: ["email": "anna@example.it", "date": "2026-07-01", "consent": "false"], at: 40)
        let next = try fixture.exporter().export(purpose: .marketing, format: .csv, range: .incremental, to: out, operator: "ada")
        let row = try #require(next.selection.rows.first)
        #expect(next.selection.rows.count == 1)
        #expect(row.action == .withdraw && row.customerKey == "email:anna@example.it")
        let csv = try String(contentsOf: out, encoding: .utf8)
        #expect(csv.hasSuffix(",withdraw\r\n") || csv.hasSuffix(",withdraw\n"))
        #expect(!csv.contains("VIA") && !csv.contains(",ROSSI,"))
        // Someone who never consented is never mentioned to marketing.
        try fixture.coupon(Fixture.sha(3), values: ["email": "luca@example.it", "consent": "false"], at: 50)
        #expect(try fixture.exporter().select(purpose: .marketing, range: .incremental).rows.isEmpty)
    }

    @Test func theSameStateGivesByteIdenticalFilesInBothFormats() throws {
        let fixture = try Fixture("export-identical")
        try fixture.coupon(Fixture.sha(1), values: ["email": "a@example.it", "street": "VIA \"LUNGA\", 3"])
        try fixture.coupon(Fixture.sha(2), values: ["email": "", "first_name": "ZOE", "surname": "D'ARCO"])
        for format in LoyaltyExporter.Format.allCases {
            let one = fixture.folder.appendingPathComponent("one.\(format.rawValue)")
            let two = fixture.folder.appendingPathComponent("two.\(format.rawValue)")
            let a = try fixture.exporter(at: 20).export(purpose: .operations, format: format, range: .all, to: one, operator: "ada")
            let b = try fixture.exporter(at: 40).export(purpose: .operations, format: format, range: .all, to: two, operator: "bob")
            #expect(try Data(contentsOf: one) == Data(contentsOf: two))
            #expect(a.log.sha256 == b.log.sha256)
        }
        let csv = try String(contentsOf: fixture.folder.appendingPathComponent("one.csv"), encoding: .utf8)
        #expect(csv.contains("\"VIA \"\"LUNGA\"\", 3\""))
        #expect(csv.hasPrefix("schema_version,customer_key,customer_id,first_name"))
        let jsonl = try String(contentsOf: fixture.folder.appendingPathComponent("one.jsonl"), encoding: .utf8)
        let lines = jsonl.split(separator: "\n")
        #expect(lines.count == 2)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(object["schema_version"] as? Int == 2)
        #expect(object["action"] as? String == "add")
        #expect(object["coupon_count"] as? Int == 1)
    }

    @Test func watermarksRoundTripToTheMillisecond() {
        for ms in [Int64(1_796_139_670_664), 1_796_139_670_001, 1_796_139_670_999, 1_796_139_670_000] {
            #expect(Watermark.milliseconds(Watermark.text(milliseconds: ms)) == ms, "\(ms)")
        }
        #expect(Watermark.text(milliseconds: 1_796_139_670_664).hasSuffix(".664Z"))
    }

    @Test func csvQuotesOnlyWhereRFC4180Needs() {
        #expect(CSVText.field("plain") == "plain")
        #expect(CSVText.field("a,b") == "\"a,b\"")
        #expect(CSVText.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVText.field("two\nlines") == "\"two\nlines\"")
        #expect(CSVText.field("crlf\r\nend") == "\"crlf\r\nend\"")
        #expect(CSVText.field(" padded") == "\" padded\"")
        #expect(CSVText.field("Łódź") == "Łódź")
        #expect(CSVText.record(["a", "b,c", ""]) == "a,\"b,c\",\r\n")
    }

    @Test func aReaderPollingTheTargetNeverSeesAPartialFile() throws {
        let folder = try Fixture("export-atomic").folder
        let target = folder.appendingPathComponent("export.csv")
        let versions = (0..<40).map { n in Data((String(repeating: "row \(n) of a long export line\r\n", count: 2000) + "END\r\n").utf8) }
        try AtomicFile.write(versions[0], to: target)
        let state = ReaderState()
        let reader = Thread {
            while !state.stopped {
                guard let data = try? Data(contentsOf: target) else { continue }
                state.record(complete: versions.contains(data))
            }
            state.finish()
        }
        reader.start()
        while state.counts.reads == 0 { Thread.sleep(forTimeInterval: 0.001) }
        for version in versions.dropFirst() {
            try AtomicFile.write(version, to: target)
            let seen = state.counts.reads
            while state.counts.reads == seen { Thread.sleep(forTimeInterval: 0.0005) }
        }
        state.stop()
        while !state.finished { Thread.sleep(forTimeInterval: 0.001) }
        #expect(state.counts.reads >= versions.count)
        #expect(state.counts.partial == 0)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }
}

/// What the polling reader saw, shared with its thread.
final class ReaderState: @unchecked Sendable {
    private let lock = NSLock()
    private var reads = 0, partial = 0, stopFlag = false, doneFlag = false
    var counts: (reads: Int, partial: Int) { lock.withLock { (reads, partial) } }
    var stopped: Bool { lock.withLock { stopFlag } }
    var finished: Bool { lock.withLock { doneFlag } }
    func record(complete: Bool) { lock.withLock { reads += 1; if !complete { partial += 1 } } }
    func stop() { lock.withLock { stopFlag = true } }
    func finish() { lock.withLock { doneFlag = true } }
}
