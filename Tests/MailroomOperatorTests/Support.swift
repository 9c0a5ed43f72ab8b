import Foundation
import MailroomCapture
import MailroomOperator
import MailroomPostcodes
import MailroomStore
import MailroomTestSupport

/// A database on disk built through the store's public API, with the repository's forms.
struct Fixture {
    let folder: URL
    let database: MailroomDatabase
    let forms: FormLibrary
    let postcodes: PostcodeDirectory
    let runID: Int64

    init(_ label: String) throws {
        folder = try TestPaths.temporaryDirectory(label)
        database = try MailroomDatabase.open(path: folder.appendingPathComponent("test.sqlite").path)
        forms = try FormLibrary(directory: TestPaths.forms)
        postcodes = try PostcodeDirectory(directory: TestPaths.postcodes)
        runID = try database.beginRun(jobs: 1, arguments: [], startedAt: Self.day(0))
    }

    /// A fixed time: 2026-11-01 plus `hours`.
    static func day(_ hours: Double) -> Date {
        Date(timeIntervalSince1970: 1_793_491_200 + hours * 3600)
    }

    func review(at hours: Double = 10) -> ReviewService {
        ReviewService(database: database, forms: forms, postcodes: postcodes, now: { Fixture.day(hours) })
    }

    func exporter(at hours: Double = 20) -> LoyaltyExporter {
        LoyaltyExporter(database: database, forms: forms, now: { Fixture.day(hours) })
    }

    /// Stores an Italian coupon; `values` override the defaults, `review` lists fields sent to review.
    @discardableResult
    func coupon(
        _ sha: String, values: [String: String] = [:], review: [String: String] = [:], at hours: Double = 1,
        path: String? = nil, run: Int64? = nil, alternatives: [String: [String]] = [:]
    ) throws -> Int64 {
        let defaults: [(String, String, String)] = [
            ("card", "card", "7800123456789012"), ("date", "date", "2026-10-05"), ("surname", "name", "ROSSI"),
            ("first_name", "name", "MARIO"), ("street", "street", "VIA ROMA 1"), ("postcode", "postcode", "10121"),
            ("town", "town", "TORINO"), ("email", "email", "mario@example.it"), ("phone", "phone", "3331234567"),
            ("consent", "tick", "true"),
        ]
        let fields = defaults.map { name, type, value in
            FieldRecord(name: name, type: type, raw: values[name] ?? value, value: values[name] ?? value, confidence: 85,
                        alternatives: (alternatives[name] ?? (name == "surname" ? ["RUSSI", "ROSSO"] : [])).map { FieldAlternative(value: $0) },
                        box: FieldBox(x: 10, y: 10, width: 60, height: 20),
                        decision: review[name] == nil ? .accepted : .review, reason: review[name])
        }
        let document = DocumentRecord(sha256: sha, path: path ?? "/scans/\(sha).png", size: 100, pageCount: 1, kind: .coupon,
                                      formID: "it-fedelta", state: .done, runID: run ?? runID)
        let saved = try database.persist(StoreBatch(documents: [DocumentWrite(document: document, pages: [PageRecord(number: 1, width: 100, height: 60)], fields: fields)]),
                                         now: Fixture.day(hours))
        return saved[0].id!
    }

    static func sha(_ n: Int) -> String { String(repeating: String(format: "%02x", n), count: 32) }
}
