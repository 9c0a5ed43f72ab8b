import Foundation
import MailroomCases
import MailroomPostcodes
import MailroomStore
import MailroomTestSupport

/// A mutable clock tests move by hand.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date) { current = start }

    var now: Date { lock.withLock { current } }

    func advance(hours: Double) { lock.withLock { current = current.addingTimeInterval(hours * 3600) } }

    func set(_ date: Date) { lock.withLock { current = date } }
}

/// `2026-12-02 10:00` in Europe/Rome (the default rules' time zone).
func rome(_ text: String) -> Date {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "Europe/Rome")
    formatter.dateFormat = "yyyy-MM-dd HH:mm"
    guard let date = formatter.date(from: text) else { preconditionFailure("bad test date \(text)") }
    return date
}

/// A fresh database in a temporary folder, a desk with the repository's default rules and a test clock.
struct Fixture {
    let folder: URL
    let database: MailroomDatabase
    let rules: RoutingRules
    let clock: TestClock
    let desk: CaseDesk
    let runID: Int64
    private static let counter = Counter()

    init(start: Date = rome("2026-12-02 10:00"), linker: ((MailroomDatabase) -> CustomerLinker)? = nil) throws {
        folder = try TestPaths.temporaryDirectory("cases")
        database = try MailroomDatabase.open(path: folder.appendingPathComponent("mailroom.sqlite").path)
        rules = try RoutingRules.load(from: TestPaths.root.appendingPathComponent("config/routing.yaml"))
        let clock = TestClock(start)
        self.clock = clock
        desk = CaseDesk(database: database, rules: rules, linker: linker?(database), clock: { clock.now })
        runID = try database.beginRun(jobs: 1, arguments: ["test"])
    }

    /// Saves customers built from `(id, name, postcode, email, vip, level)`.
    func customers(_ rows: [(String, String, String?, String?, Bool, String?)]) throws {
        try database.upsertCustomers(rows.map { id, name, postcode, email, vip, level in
            CustomerRecord(id: id, name: name, postcode: postcode, country: nil, email: email, contractLevel: level,
                           vip: vip, nameKey: NameMatching.key(name), postcodeKey: postcode.map(NameMatching.postcodeKey))
        })
    }

    /// Stores a finished document with these fields and returns its id.
    @discardableResult
    func document(
        _ kind: DocumentKind, text: String? = nil, language: String? = "eng", fields: [String: String] = [:],
        at date: Date? = nil
    ) throws -> Int64 {
        let number = Self.counter.next()
        let sha = String(format: "%064x", number)
        let record = DocumentRecord(
            sha256: sha, path: "/scans/\(kind.rawValue)-\(number)", size: 100, pageCount: 1, kind: kind,
            formID: kind == .coupon ? "it-fedelta" : nil, state: .done, runID: runID, language: language, text: text)
        let fieldRecords = fields.sorted { $0.key < $1.key }.map { name, value in
            FieldRecord(name: name, type: "text", raw: value, value: value, confidence: 0.9, decision: .accepted)
        }
        let saved = try database.persist(StoreBatch(documents: [DocumentWrite(document: record, fields: fieldRecords)]),
                                         now: date ?? clock.now)
        return saved[0].id!
    }

    /// A letter from a customer, received and filed; returns the case.
    func letterCase(
        from name: String = "Mario Rossi", postcode: String = "00184", subject: String = "Order 5512",
        text: String = "Please check my order."
    ) throws -> CaseRecord {
        let id = try document(.letter, text: text, fields: ["sender_name": name, "sender_postcode": postcode,
                                                            "subject": subject])
        let outcome = try desk.receive(documentID: id)
        return try desk.resolve(outcome.caseReference!)
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int { lock.withLock { value += 1; return value } }
}
