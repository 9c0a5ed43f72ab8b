import Crypto
import Foundation
import Logging
import MailroomCapture
import MailroomImaging
import MailroomStore

/// One document of a batch file, written to the parts folder.
struct WrittenPart {
    var document: SeparatedDocument
    var path: String
    var sha256: String
    var size: Int64
    /// Its pages in the batch, 1-based: `3` or `3-4`.
    var span: String
}

/// Writes the documents of a multi-page file to the parts folder as they are separated.
///
/// The first document is held until a second one shows that the file holds several: a file
/// of one document is stored as itself, with no part written.
struct PartWriter {
    let folder: URL
    let stem: String
    private var first: (document: SeparatedDocument, pages: [Image])?
    private(set) var written: [WrittenPart] = []
    private var failure: RunContext.ReadFailure?

    init(folder: URL, stem: String) {
        self.folder = folder
        self.stem = stem
    }

    mutating func add(_ document: SeparatedDocument, pages: [Image]) {
        guard failure == nil else { return }
        if written.isEmpty, first == nil {
            first = (document, pages)
            return
        }
        if let held = first {
            first = nil
            write(held.document, pages: held.pages)
        }
        write(document, pages: pages)
    }

    /// Deletes the parts written so far: the file is refused whole, so they belong to nothing.
    func discard() {
        for part in written { try? FileManager.default.removeItem(atPath: part.path) }
        rmdir(folder.path)  // only when nothing else is in it
    }

    /// One document as read, the parts written, or why the file could not be split.
    var outcome: RunContext.ReadOutcome {
        if let failure { return .one(.failure(failure)) }
        if written.isEmpty, let only = first { return .one(only.document.reading.mapError(RunContext.failure)) }
        return .several(written)
    }

    /// Writes one part as a lossless LZW TIFF (the same pages give the same bytes) and hashes it.
    private mutating func write(_ document: SeparatedDocument, pages: [Image]) {
        let span = document.pages.count == 1 ? "\(document.pages.lowerBound + 1)"
            : "\(document.pages.lowerBound + 1)-\(document.pages.upperBound)"
        let url = folder.appendingPathComponent("\(stem)-p\(span).tif")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            // LZW: writing a colour card with deflate cost more than reading it.
            let data = try Image.multipageTIFF(pages, compression: .lzw)
            try data.write(to: url, options: .atomic)
            let sha = FileHasher.hex(SHA256.hash(data: data))
            written.append(WrittenPart(document: document, path: url.path, sha256: sha, size: Int64(data.count), span: span))
        } catch {
            // Nothing of the file is saved: the next run tries it whole again.
            failure = RunContext.ReadFailure(stage: .persist, reason: """
                holds several documents, but pages \(span) could not be written to \(url.path) \
                (\(error)); check --parts and the disk
                """)
        }
    }
}

extension RunContext {
    /// The results of a batch file: each document it holds, already written to the parts
    /// folder, is stored under its part file's hash; the batch file is stored as kind `batch`.
    ///
    /// A part is an ordinary scan from then on: the review crops, exports, archives and
    /// `--reprocess` open its file like any other, and it keeps the batch's hash and its pages
    /// in it (`source_sha256`, `source_pages`). A run killed before the batch's transaction
    /// saved nothing of it, and the next run cuts the same parts and stores each once.
    func splitResult(_ parts: [WrittenPart], item: WorkItem, sha256 sha: String, size: Int64,
                     timings: [String: Double], forced: Bool) -> WorkResult {
        let results = parts.map { part in
            partResult(part.document, path: part.path, sha256: part.sha256, size: part.size,
                       source: (sha, part.span), timings: timings, batchForced: forced)
        }
        let stored = results.filter { if case .stored = $0 { true } else { false } }.count
        logger.info("split", metadata: ["path": "\(item.path)", "documents": "\(parts.count)", "stored": "\(stored)",
                                        "parts": "\(parts.first.map { URL(fileURLWithPath: $0.path).deletingLastPathComponent().path } ?? "")"])
        let pageCount = parts.map(\.document.pages.upperBound).max() ?? 0
        let file = DocumentWrite(document: DocumentRecord(
            sha256: sha, path: item.path, size: size, pageCount: pageCount, kind: .batch, state: .done,
            runID: runID, timings: timings))
        return .split(file, parts: results)
    }

    /// One part's result: known already, a copy of one in flight, stored, or quarantined.
    ///
    /// A known part is read again when it is itself to be reprocessed or when its batch is
    /// (`--reprocess` with the batch's hash), never once erased.
    private func partResult(_ part: SeparatedDocument, path: String, sha256 sha: String, size: Int64,
                            source: (sha256: String, pages: String), timings: [String: Double],
                            batchForced: Bool) -> WorkResult {
        if case .skip(let result) = claim(sha, path: path, forced: batchForced) { return result ?? .unchanged }
        var timings = timings.filter { !$0.key.hasPrefix("read: ") }
        for (step, milliseconds) in part.stepMilliseconds { timings["read: " + step] = milliseconds.rounded() }
        switch part.reading {
        case .success(let reading):
            return storedResult(reading, sha256: sha, path: path, size: size, timings: timings, source: source)
        case .failure(let error):
            let failure = Self.failure(error)
            logger.warning("quarantined", metadata: [
                "path": "\(path)", "stage": "\(failure.stage.rawValue)", "reason": "\(failure.reason)"])
            return .quarantined(Quarantine(path: path, sha256: sha, size: size, stage: failure.stage, reason: failure.reason,
                                           timings: timings, source: source))
        }
    }
}
