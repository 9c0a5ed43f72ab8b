import Foundation
import MailroomCases
import MailroomImaging
import MailroomOCR
import MailroomStore

/// Writes a closed case's archive bundle and then makes the case read-only.
///
/// The bundle is a folder that needs nothing from Mailroom to be read:
/// - `case.json`: the case, its customer, documents and timeline;
/// - `documents/NN-name.pdf`: each scanned letter as a searchable PDF (the scan, turned
///   upright, under Tesseract's invisible text layer), `documents/NN-name.eml` for e-mails;
/// - `replies/NN.txt` (or the attached file) for every written reply.
///
/// It is written under a temporary name and renamed when complete, and the case is archived
/// only after that, so a failure leaves the case as it was and no half bundle behind.
public struct CaseArchiver {
    public let desk: CaseDesk
    public let database: MailroomDatabase
    public var tessdata: String?

    public init(desk: CaseDesk, database: MailroomDatabase, tessdata: String? = nil) {
        self.desk = desk
        self.database = database
        self.tessdata = tessdata
    }

    /// Archives the case and returns the bundle folder (`folder/<reference>`).
    public func archive(_ caseRef: String, to folder: URL, by actor: String) throws -> URL {
        let detail = try desk.detail(caseRef)
        let state = CaseState(rawValue: detail.case.state) ?? .new
        guard CaseAction.legal(from: state).contains(.archive) else {
            throw CaseError.illegalTransition(reference: detail.case.reference, action: .archive, from: state,
                                              allowed: CaseAction.legal(from: state))
        }
        let contents = try desk.archiveContents(detail.case.id)
        let target = folder.appendingPathComponent(detail.case.reference)
        if FileManager.default.fileExists(atPath: target.path) {
            throw ArchiveError(path: target.path, reason: "already exists; move it away or choose another --to folder")
        }
        let staging = folder.appendingPathComponent(".\(detail.case.reference).partial-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: staging) }
        let documents = staging.appendingPathComponent("documents")
        let replies = staging.appendingPathComponent("replies")
        try FileManager.default.createDirectory(at: documents, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: replies, withIntermediateDirectories: true)

        // One engine per language set for the whole bundle, not one per letter.
        var engines: [String: Engine] = [:]
        for (index, document) in contents.documents.enumerated() {
            let base = String(format: "%02d-", index + 1) + URL(fileURLWithPath: document.path).deletingPathExtension().lastPathComponent
            switch document.kind {
            case .email:
                try FileManager.default.copyItem(at: URL(fileURLWithPath: document.path),
                                                 to: documents.appendingPathComponent(base + ".eml"))
            default:
                let language = document.language ?? "eng"
                let engine = try engines[language] ?? Engine(Engine.Configuration(
                    languages: language.split(separator: "+").map(String.init), tessdata: tessdata))
                engines[language] = engine
                try searchablePDF(document, with: engine, to: documents.appendingPathComponent(base + ".pdf"))
            }
        }
        for (index, reply) in contents.replies.enumerated() {
            let name = String(format: "%02d", index + 1)
            if let attachment = reply.attachmentPath {
                let source = URL(fileURLWithPath: attachment)
                try FileManager.default.copyItem(at: source, to: replies.appendingPathComponent(name + "-" + source.lastPathComponent))
            }
            if let text = reply.text, !text.isEmpty {
                try Data(text.utf8).write(to: replies.appendingPathComponent(name + ".txt"))
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        try encoder.encode(detail).write(to: staging.appendingPathComponent("case.json"))
        try FileManager.default.moveItem(at: staging, to: target)
        _ = try desk.archive(caseRef, by: actor)
        return target
    }

    /// The document's scan as a searchable PDF, each page turned upright as it was read.
    private func searchablePDF(_ document: DocumentRecord, with engine: Engine, to url: URL) throws {
        let paths = [document.path] + PageGroup.laterPages(of: document.path)
        var images: [Image] = []
        for path in paths { images += try ImageReader().read(URL(fileURLWithPath: path)) }
        let pages = try database.pages(documentID: document.id ?? 0)
        for (index, page) in pages.enumerated() where index < images.count {
            let degrees = page.orientationDegrees ?? 0
            if degrees != 0 { images[index] = try images[index].rotated(quarterTurns: (4 - degrees / 90 % 4) % 4) }
        }
        try engine.writeSearchablePDF(images, to: url, title: URL(fileURLWithPath: document.path).lastPathComponent)
    }
}

/// Why an archive bundle could not be written.
public struct ArchiveError: Error, Sendable, CustomStringConvertible, LocalizedError {
    public var path: String
    public var reason: String
    public var description: String { "\(path): \(reason)" }
    public var errorDescription: String? { description }
}
