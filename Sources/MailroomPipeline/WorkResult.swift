import Foundation
import MailroomCapture
import MailroomStore

/// A file to read, sent from discovery to the workers.
struct WorkItem: Sendable {
    var path: String
    var size: Int64
    /// The later pages of a letter scanned as several images (`X-2.png`…); `path` is page 1.
    var laterPages: [String] = []
    var paths: [String] { [path] + laterPages }
    /// Read from a stored path for `--reprocess` or a deferred document, not found by discovery:
    /// dropped when discovery already met the document.
    var fromStore = false
}

/// A document set aside, with the stage that gave up and why.
struct Quarantine: Sendable {
    var path: String
    var sha256: String?
    var size: Int64
    var stage: PipelineStage
    var reason: String
    var timings: [String: Double] = [:]
    /// The batch file (sha256) and pages a quarantined part was cut out of.
    var source: (sha256: String, pages: String)?
}

/// What a worker hands to the writer for one file.
enum WorkResult: Sendable {
    /// Read (state `done`) or deferred; `flagged` counts fields skipped and flagged.
    case stored(DocumentWrite, flagged: Int)
    case quarantined(Quarantine)
    /// Already known: only the path is recorded.
    case seen(documentID: Int64, path: String)
    /// Another copy of a document still in flight in this run.
    case duplicate(sha256: String, path: String)
    /// Nothing to save (a stored path whose document this run already read).
    case unchanged
    /// A batch file split into the documents it holds: the file's own row (kind `batch`) and
    /// each part's result, saved in one transaction so that a kill leaves all or none.
    indirect case split(DocumentWrite, parts: [WorkResult])

    /// The sha256s this result owns in the in-flight set, released after commit.
    var claimedHashes: [String] {
        switch self {
        case .stored(let write, _): [write.document.sha256]
        case .quarantined(let entry): entry.sha256.map { [$0] } ?? []
        case .split(let batch, let parts): [batch.document.sha256] + parts.flatMap(\.claimedHashes)
        case .seen, .duplicate, .unchanged: []
        }
    }
}

extension DocumentWrite {
    /// The rows for a read document.
    static func from(
        _ reading: DocumentReading, sha256: String, path: String, size: Int64, runID: Int64,
        state: DocumentState, error: String?, timings: [String: Double]
    ) -> DocumentWrite {
        var document = DocumentRecord(
            sha256: sha256, path: path, size: size, pageCount: reading.pages.count, kind: .unknown,
            state: state, runID: runID, timings: timings, error: error)
        var fields: [FieldRecord] = []
        switch reading {
        case let .coupon(coupon, _):
            document.kind = .coupon
            document.formID = coupon.formID
            fields = coupon.fields.map(FieldRecord.from)
        case let .letter(letter):
            document.kind = .letter
            document.language = letter.language
            document.text = letter.text
            fields = letter.details.fields.map(FieldRecord.from)
        case let .email(email):
            document.kind = .email
            document.language = email.language
            document.text = email.text
            fields = email.details.fields.map(FieldRecord.from)
        case .blank:
            document.kind = .blank
        }
        let pages = reading.pages.map { page in
            PageRecord(number: page.number, width: page.width, height: page.height, dpi: page.resolution,
                       skewDegrees: page.skewDegrees, orientationDegrees: page.orientationDegrees, text: page.text)
        }
        return DocumentWrite(document: document, pages: pages, fields: fields)
    }

    /// The document row of a quarantined file (no pages, no fields), so re-runs skip it.
    static func from(_ entry: Quarantine, runID: Int64) -> DocumentWrite? {
        guard let sha = entry.sha256 else { return nil }
        return DocumentWrite(document: DocumentRecord(
            sha256: sha, path: entry.path, size: entry.size, pageCount: 0, kind: .unknown, state: .quarantined,
            runID: runID, timings: entry.timings, error: "\(entry.stage.rawValue): \(entry.reason)",
            sourceSHA256: entry.source?.sha256, sourcePages: entry.source?.pages))
    }
}

extension FieldRecord {
    /// The row of one checked coupon field.
    static func from(_ field: FieldResult) -> FieldRecord {
        FieldRecord(
            name: field.name, type: field.type.rawValue, raw: field.raw, value: field.value,
            confidence: field.confidence,
            alternatives: field.suggestions.map { FieldAlternative(value: $0) },
            characterAlternatives: field.alternatives.map { $0.prefix(5).map { FieldAlternative(value: $0.text, confidence: $0.confidence) } },
            box: field.box.map { FieldBox(x: $0.x, y: $0.y, width: $0.width, height: $0.height) },
            corrections: field.corrections.map { FieldCorrection(from: $0.from, to: $0.to, reason: $0.reason) },
            decision: field.decision == .accepted ? .accepted : .review,
            reason: field.reasons.isEmpty ? nil : field.reasons.map(\.rawValue).joined(separator: "; "))
    }
}

extension WorkResult {
    /// Whether a letter was read and stored.
    var isLetter: Bool {
        if case .stored(let write, _) = self { return write.document.kind == .letter }
        return false
    }
}
