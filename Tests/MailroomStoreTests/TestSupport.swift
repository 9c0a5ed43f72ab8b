import Foundation
@testable import MailroomStore

/// A fresh directory under the system temp dir, removed when the value goes away.
final class TemporaryDirectory: Sendable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("mailroom-store-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    func path(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }

    /// The path of a database file inside the directory.
    var databasePath: String { path("mailroom.sqlite") }
}

/// A 64-hex-digit sha256 built from a short seed, so tests can name documents readably.
func sha(_ seed: String) -> String {
    let hex = seed.unicodeScalars.map { String($0.value, radix: 16) }.joined()
    return String((hex + String(repeating: "0", count: 64)).prefix(64))
}

func field(
    _ name: String, _ value: String?, decision: FieldDecision = .accepted, confidence: Double = 0.9
) -> FieldRecord {
    FieldRecord(
        name: name, type: "text", raw: value, value: value, confidence: confidence,
        alternatives: [FieldAlternative(value: (value ?? "") + "?", confidence: 0.1)],
        characterAlternatives: (value ?? "").map { [FieldAlternative(value: String($0), confidence: 90),
                                                    FieldAlternative(value: "0", confidence: 5)] },
        box: FieldBox(x: 10, y: 20, width: 300, height: 40),
        corrections: [FieldCorrection(from: "O", to: "0", reason: "digit field")],
        decision: decision, reason: decision == .review ? "low confidence" : nil)
}

func documentWrite(
    _ sha256: String, runID: Int64, path: String? = nil, kind: DocumentKind = .coupon,
    formID: String? = "coupon-a", state: DocumentState = .done,
    fields: [FieldRecord] = [field("name", "Ada"), field("postcode", "1234")], pageCount: Int = 1
) -> DocumentWrite {
    let document = DocumentRecord(
        sha256: sha256, path: path ?? "/scans/\(sha256.prefix(8)).png", size: 1234, pageCount: pageCount,
        kind: kind, formID: formID, state: state, runID: runID,
        timings: ["imaging": 12.5, "ocr": 230], language: "de")
    let pages = (1...max(pageCount, 1)).map { number in
        PageRecord(number: number, width: 2480, height: 3508, dpi: 300, skewDegrees: 0.4,
                   orientationDegrees: 0, text: "page \(number)")
    }
    return DocumentWrite(document: document, pages: pages, fields: fields)
}

/// Opens a fresh database in `dir` and begins a run.
func openWithRun(_ dir: TemporaryDirectory) throws -> (MailroomDatabase, Int64) {
    let database = try MailroomDatabase.open(path: dir.databasePath)
    let runID = try database.beginRun(jobs: 2, arguments: ["scan", "/scans"])
    return (database, runID)
}
