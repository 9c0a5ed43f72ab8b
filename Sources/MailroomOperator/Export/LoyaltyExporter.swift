import Crypto
import Foundation
import MailroomCapture
import MailroomStore

/// Builds and writes the loyalty export: one row per customer from verified coupons.
///
/// Only coupons whose fields are all accepted go out. Customers are merged by
/// ``CustomerKeying``; the latest coupon (by its date field, then document id) gives the
/// values, and its consent tick decides: a later coupon without the tick withdraws consent.
/// Customers without consent go to `operations` exports only. A customer who consented on an
/// earlier coupon and withdrew on a later one reaches `marketing` as a `withdraw` row with no
/// personal data, so a list built from earlier exports can delete them.
public final class LoyaltyExporter: Sendable {
    public enum Purpose: String, Sendable, CaseIterable { case marketing, operations }
    public enum Format: String, Sendable, CaseIterable { case csv, jsonl }

    /// Which coupons an export looks at.
    public enum Range: Sendable, Equatable {
        /// Customers with a coupon that became ready after the last export of the same purpose.
        case incremental
        /// Customers with a coupon ready on or after this time.
        case since(Date)
        /// Every customer.
        case all
    }

    public static let kind = "loyalty"

    public let database: MailroomDatabase
    public let forms: FormLibrary
    public let keying: any CustomerKeying
    let now: @Sendable () -> Date

    public init(database: MailroomDatabase, forms: FormLibrary, keying: any CustomerKeying = CouponIdentityKey(),
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.forms = forms
        self.keying = keying
        self.now = now
    }

    /// What an export contains, before it is written.
    public struct Selection: Sendable, Equatable {
        public var rows: [LoyaltyRow]
        public var documentIDs: [Int64]
        public var sinceWatermark: String?
        public var untilWatermark: String?
    }

    /// The rows for `purpose` over `range`, sorted by customer key.
    public func select(purpose: Purpose, range: Range) throws(OperatorError) -> Selection {
        let coupons = try verifiedCoupons()
        let previous = try storing { () throws(StoreError) in try database.exports(kind: Self.kind, purpose: purpose.rawValue) }.first
        var since: Int64?
        var sinceText: String?
        var inclusive = false
        switch range {
        case .incremental:
            sinceText = previous?.untilWatermark
            since = sinceText.flatMap(Watermark.milliseconds)
        case .since(let date):
            since = Watermark.milliseconds(date)
            sinceText = Watermark.text(date)
            inclusive = true
        case .all:
            break
        }
        let changed = coupons.filter { coupon in
            guard let since else { return true }
            let ready = Watermark.milliseconds(coupon.readyAt)
            return inclusive ? ready >= since : ready > since
        }
        let keys = Set(changed.map(keying.key))
        let grouped = Dictionary(grouping: coupons.filter { keys.contains(keying.key(for: $0)) }, by: keying.key)
        var rows: [LoyaltyRow] = []
        for (key, group) in grouped {
            let row = merge(key: key, coupons: group)
            if purpose == .marketing && !row.consent {
                if group.contains(where: \.consent) { rows.append(.withdrawal(of: row)) }
                continue
            }
            rows.append(row)
        }
        rows.sort { $0.customerKey < $1.customerKey }
        let newest = changed.map { Watermark.milliseconds($0.readyAt) }.max()
        let previousMark = previous?.untilWatermark.flatMap(Watermark.milliseconds)
        let until = [newest, previousMark].compactMap { $0 }.max()
        return Selection(rows: rows, documentIDs: rows.flatMap(\.documentIDs).sorted(),
                         sinceWatermark: sinceText, untilWatermark: until.map(Watermark.text(milliseconds:)))
    }

    /// The file body: a CSV with a header row, or one JSON object per line. Deterministic:
    /// the same rows give the same bytes.
    public static func render(_ rows: [LoyaltyRow], format: Format) -> Data {
        switch format {
        case .csv:
            var text = CSVText.record(LoyaltyRow.columns)
            for row in rows { text += CSVText.record(row.csvValues) }
            return Data(text.utf8)
        case .jsonl:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            var data = Data()
            for row in rows {
                data.append((try? encoder.encode(row)) ?? Data("{}".utf8))
                data.append(0x0A)
            }
            return data
        }
    }

    /// What ``export(purpose:format:range:to:operator:)`` did.
    public struct Written: Sendable, Equatable {
        public var log: ExportLogRecord
        public var selection: Selection
    }

    /// Selects, writes `to` atomically, and records the export in `export_log` and `audit_log`.
    @discardableResult
    public func export(
        purpose: Purpose, format: Format, range: Range, to url: URL, operator who: String
    ) throws(OperatorError) -> Written {
        let selection = try select(purpose: purpose, range: range)
        let data = Self.render(selection.rows, format: format)
        try AtomicFile.write(data, to: url)
        let sha = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        let at = now()
        let log = ExportLogRecord(
            at: at, operatorName: who, kind: Self.kind, purpose: purpose.rawValue, format: format.rawValue,
            path: url.path, sinceWatermark: selection.sinceWatermark, untilWatermark: selection.untilWatermark,
            rowCount: selection.rows.count, sha256: sha, documentIDs: selection.documentIDs)
        let details = "{\"format\":\"\(format.rawValue)\",\"purpose\":\"\(purpose.rawValue)\",\"rows\":\(selection.rows.count),\"sha256\":\"\(sha)\"}"
        let audit = AuditRecord(at: at, operatorName: who, action: "export.loyalty", target: url.path, details: details)
        let saved = try storing { () throws(StoreError) in try database.recordExport(log, audit: audit) }
        return Written(log: saved, selection: selection)
    }

    /// Every coupon whose fields are all accepted, with the values the export needs.
    func verifiedCoupons() throws(OperatorError) -> [CouponValues] {
        let documents = try storing { () throws(StoreError) in try database.documentsWithFields(kind: .coupon) }
        return documents.filter(\.isVerified).map { item in
            var values: [String: String] = [:]
            for field in item.fields { values[field.name] = field.value ?? "" }
            let ready = [item.document.updatedAt, item.lastDecisionAt].compactMap { $0 }.max() ?? item.document.updatedAt
            let country = item.document.formID.flatMap { forms.form(id: $0)?.country } ?? ""
            return CouponValues(documentID: item.document.id ?? 0, country: country, values: values, readyAt: ready)
        }
    }

    /// One customer from their coupons: the latest coupon's non-empty values win, field by
    /// field; the latest coupon's tick alone decides consent.
    func merge(key: String, coupons: [CouponValues]) -> LoyaltyRow {
        let ordered = coupons.sorted { ($0.date, $0.documentID) < ($1.date, $1.documentID) }
        func latest(_ name: String) -> String {
            ordered.reversed().map { $0[name] }.first { !$0.isEmpty } ?? ""
        }
        let dates = ordered.map(\.date).filter { !$0.isEmpty }
        let last = ordered.last
        return LoyaltyRow(
            customerKey: key, customerID: keying.customerID(forKey: key),
            firstName: latest("first_name"), surname: latest("surname"), street: latest("street"),
            postcode: latest("postcode"), town: latest("town"), country: last?.country ?? "",
            email: latest("email"), phone: latest("phone"), card: latest("card"),
            consent: last?.consent ?? false, couponCount: ordered.count,
            firstDate: dates.min() ?? "", lastDate: dates.max() ?? "",
            documentIDs: ordered.map(\.documentID).sorted())
    }
}

/// Export watermarks: the time a coupon became ready, to the millisecond (as SQLite keeps
/// it), written as ISO 8601 UTC with milliseconds.
public enum Watermark {
    public static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    public static func milliseconds(_ text: String) -> Int64? {
        (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)).map(milliseconds)
    }

    public static func text(_ date: Date) -> String {
        text(milliseconds: milliseconds(date))
    }

    /// Built from whole seconds plus the milliseconds, so floating point never rounds it down.
    public static func text(milliseconds: Int64) -> String {
        let seconds = milliseconds.quotientAndRemainder(dividingBy: 1000)
        let whole = seconds.remainder < 0 ? seconds.quotient - 1 : seconds.quotient
        let fraction = seconds.remainder < 0 ? seconds.remainder + 1000 : seconds.remainder
        let stamp = Date(timeIntervalSince1970: Double(whole)).formatted(Date.ISO8601FormatStyle())
        return String(stamp.dropLast()) + String(format: ".%03dZ", Int(fraction))
    }
}
