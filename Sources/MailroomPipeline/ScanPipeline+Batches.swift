import Crypto
import Foundation
import Logging
import MailroomCapture
import MailroomImaging
import MailroomStore

/// One document of a batch file, written to the parts folder.
struct WrittenPart: Sendable {
    var path: String
    var sha256: String
    var size: Int64
    /// Its pages in the batch, 0-based.
    var pages: Range<Int>
    /// For a card cut from a page holding several: its place on the page, 1-based.
    var card: Int?
    /// Its pages in the batch as people count them, 1-based: `3` or `3-4`.
    var span: String {
        pages.count == 1 ? "\(pages.lowerBound + 1)" : "\(pages.lowerBound + 1)-\(pages.upperBound)"
    }
    /// Its part file's name after the batch's: `-p3`, `-p3-4`, or `-p3-c2` for a page's second card.
    var suffix: String { "-p\(span)" + (card.map { "-c\($0)" } ?? "") }
}

/// Writes the documents of a multi-page file to the parts folder as they are separated, and
/// hands each written part on (`onWritten`) to be read by any worker.
///
/// The first document is held until a second one shows that the file holds several: a file
/// of one document is read as itself, with no part written.
struct PartWriter {
    /// How separating the file ended.
    enum Outcome {
        /// One document: its pages, to read as the file itself.
        case whole([Image])
        /// Several documents, each written and handed on.
        case several
        /// A part could not be written; the parts handed on belong to nothing.
        case failed(RunContext.ReadFailure)
    }

    let folder: URL
    let stem: String
    let onWritten: (WrittenPart) -> Void
    private var first: (document: DocumentSpan, images: [Image])?
    private(set) var written: [WrittenPart] = []
    private var failure: RunContext.ReadFailure?

    init(folder: URL, stem: String, onWritten: @escaping (WrittenPart) -> Void) {
        self.folder = folder
        self.stem = stem
        self.onWritten = onWritten
    }

    mutating func add(_ document: DocumentSpan, pages: [Image]) {
        guard failure == nil else { return }
        if written.isEmpty, first == nil {
            first = (document, pages)
            return
        }
        if let held = first {
            first = nil
            write(held.document, images: held.images)
        }
        write(document, images: pages)
    }

    /// Deletes part files of a file refused whole: they belong to nothing.
    static func discard(_ paths: [String], folder: URL) {
        for path in paths { try? FileManager.default.removeItem(atPath: path) }
        rmdir(folder.path)  // only when nothing else is in it
    }

    var outcome: Outcome {
        if let failure { return .failed(failure) }
        if written.isEmpty { return .whole(first?.images ?? []) }
        return .several
    }

    /// Writes one part as a lossless LZW TIFF (the same pages give the same bytes), hashes it
    /// and hands it on.
    private mutating func write(_ document: DocumentSpan, images: [Image]) {
        var part = WrittenPart(path: "", sha256: "", size: 0, pages: document.pages, card: document.card)
        let url = folder.appendingPathComponent("\(stem)\(part.suffix).tif")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            // LZW: writing a colour card with deflate cost more than reading it.
            let data = try Image.multipageTIFF(images, compression: .lzw)
            try data.write(to: url, options: .atomic)
            part.path = url.path
            part.sha256 = FileHasher.hex(SHA256.hash(data: data))
            part.size = Int64(data.count)
        } catch {
            // Nothing of the file is saved: the next run tries it whole again.
            failure = RunContext.ReadFailure(stage: .persist, reason: """
                holds several documents, but pages \(part.span) could not be written to \(url.path) \
                (\(error)); check --parts and the disk
                """)
            return
        }
        written.append(part)
        onWritten(part)
    }
}

/// A part of a batch file for a worker to read.
struct PartJob: Sendable {
    var part: WrittenPart
    /// Its place among the batch's parts.
    var index: Int
    var batch: BatchParts
}

/// The parts of one batch file as the workers read them: the last result in, once the file is
/// fully separated, makes the batch's result.
///
/// The batch's row and every part's rows are then saved in one transaction, so a kill leaves
/// all or none of them, however many workers read the parts.
final class BatchParts: @unchecked Sendable {
    let item: WorkItem
    let sha256: String
    let size: Int64
    /// The batch is read again (`--reprocess`): so are its known parts.
    let forced: Bool
    let folder: URL

    /// What a part's result or the end of separation left to do.
    enum Completion {
        case waiting
        /// Every part is in: the parts' results in order, and the batch's own timings.
        case finished([WorkResult], pages: Int, timings: [String: Double])
        /// The batch was given up on: the result belongs to nothing.
        case dropped
    }

    private let lock = NSLock()
    // Guarded by `lock`.
    private var parts: [WrittenPart] = []
    private var results: [Int: WorkResult] = [:]
    private var sealedTimings: [String: Double]?
    private var abandoned = false

    init(item: WorkItem, sha256: String, size: Int64, forced: Bool, folder: URL) {
        self.item = item
        self.sha256 = sha256
        self.size = size
        self.forced = forced
        self.folder = folder
    }

    /// Records a written part; returns its index, or nil when the batch was given up on (the
    /// part's file is then deleted at once).
    func add(_ part: WrittenPart) -> Int? {
        let index: Int? = lock.withLock {
            guard !abandoned else { return nil }
            parts.append(part)
            return parts.count - 1
        }
        if index == nil { try? FileManager.default.removeItem(atPath: part.path) }
        return index
    }

    var isAbandoned: Bool { lock.withLock { abandoned } }

    /// A part's result.
    func complete(_ index: Int, _ result: WorkResult) -> Completion {
        lock.withLock {
            guard !abandoned else { return .dropped }
            results[index] = result
            return finishedIfComplete()
        }
    }

    /// Separation is over: every part has been added.
    func seal(timings: [String: Double]) -> Completion {
        lock.withLock {
            guard !abandoned else { return .dropped }
            sealedTimings = timings
            return finishedIfComplete()
        }
    }

    /// Gives the batch up: deletes its part files and returns the results already in, whose
    /// claims must be released.
    func abandon() -> [WorkResult] {
        let (paths, given): ([String], [WorkResult]) = lock.withLock {
            guard !abandoned else { return ([], []) }
            abandoned = true
            let given = Array(results.values)
            results.removeAll()
            return (parts.map(\.path), given)
        }
        if !paths.isEmpty { PartWriter.discard(paths, folder: folder) }
        return given
    }

    private func finishedIfComplete() -> Completion {
        guard let timings = sealedTimings, results.count == parts.count else { return .waiting }
        let ordered = parts.indices.compactMap { results[$0] }
        results.removeAll()
        return .finished(ordered, pages: parts.map(\.pages.upperBound).max() ?? 0, timings: timings)
    }
}

extension RunContext {
    /// Hands a written part to the workers.
    func dispatch(_ part: WrittenPart, of batch: BatchParts) {
        guard let index = batch.add(part) else { return }
        outstanding.enter()
        if !work.push(part: PartJob(part: part, index: index, batch: batch)) { outstanding.leave() }
    }

    /// Takes what a part's result or the end of separation completed: the batch's result once
    /// every part is in.
    func settle(_ completion: BatchParts.Completion, of batch: BatchParts, releasing dropped: WorkResult? = nil) {
        switch completion {
        case .waiting:
            break
        case .dropped:
            if let dropped { inFlight.release(dropped.claimedHashes) }
        case .finished(let parts, let pages, let timings):
            results.push(splitResult(parts, batch: batch, pageCount: pages, timings: timings))
        }
    }

    /// Gives a batch up (its file is quarantined whole): its parts' results are dropped.
    func abandon(_ batch: BatchParts) {
        for result in batch.abandon() { inFlight.release(result.claimedHashes) }
    }

    /// Reads one part of a batch file, as an ordinary scan of its own; false when the watchdog
    /// gave up on it meanwhile (it then handed the part's quarantine to the batch).
    func process(_ job: PartJob, recognizer: any DocumentRecognizing, slot: WorkerSlot) -> Bool {
        let (part, batch) = (job.part, job.batch)
        func deliver(_ result: WorkResult) {
            settle(batch.complete(job.index, result), of: batch, releasing: result)
        }
        guard !batch.isAbandoned else { return true }
        if case .skip(let result) = claim(part.sha256, path: part.path, forced: batch.forced) {
            deliver(result ?? .unchanged)
            return true
        }
        let timer = StageTimer()
        let source = (sha256: batch.sha256, pages: part.span)
        var entry = Quarantine(path: part.path, sha256: part.sha256, size: part.size, stage: .recognise, reason: "",
                               source: source)
        slot.begin(entry) { [self] overdue in
            settle(batch.complete(job.index, .quarantined(overdue)), of: batch, releasing: .quarantined(overdue))
        }
        // A mailbox's message (`readMail`), else a batch scan's pages.
        let reading = Self.isMail(part.path)
            ? readMessage(at: part.path, recognizer: recognizer, lap: timer.lap)
            : readPages(at: part.path, recognizer: recognizer, lap: timer.lap)
        guard slot.end() else { return false }
        timer.addReaderSteps(recognizer.stepMilliseconds)
        let timings = timer.timings
        switch reading {
        case .success(let document):
            deliver(storedResult(document, sha256: part.sha256, path: part.path, size: part.size, timings: timings,
                                 source: source))
        case .failure(let failure):
            (entry.stage, entry.reason, entry.timings) = (failure.stage, failure.reason, timings)
            logger.warning("quarantined", metadata: [
                "path": "\(part.path)", "stage": "\(failure.stage.rawValue)", "reason": "\(failure.reason)"])
            deliver(.quarantined(entry))
        }
        return true
    }

    /// Decodes and reads the pages of one part file.
    private func readPages(at path: String, recognizer: any DocumentRecognizing,
                           lap: (String) -> Void) -> Result<DocumentReading, ReadFailure> {
        do {
            let pages = try imageReader.read(URL(fileURLWithPath: path))
            lap("decode")
            let reading = Result { () throws(CaptureError) in try recognizer.read(pages) }.mapError(Self.failure)
            lap("recognise")
            return reading
        } catch {
            return .failure(ReadFailure(stage: .decode, reason: "\(error.code.rawValue): \(error.reason)"))
        }
    }

    /// The result of a batch file whose parts are all read: each part is stored under its part
    /// file's hash, and the batch file as kind `batch`.
    ///
    /// A part is an ordinary scan from then on: the review crops, exports, archives and
    /// `--reprocess` open its file like any other, and it keeps the batch's hash and its pages
    /// in it (`source_sha256`, `source_pages`). A run killed before the batch's transaction
    /// saved nothing of it, and the next run cuts the same parts and stores each once.
    func splitResult(_ parts: [WorkResult], batch: BatchParts, pageCount: Int, timings: [String: Double]) -> WorkResult {
        let stored = parts.filter { if case .stored = $0 { true } else { false } }.count
        logger.info("split", metadata: ["path": "\(batch.item.path)", "documents": "\(parts.count)", "stored": "\(stored)",
                                        "parts": "\(batch.folder.path)"])
        let file = DocumentWrite(document: DocumentRecord(
            sha256: batch.sha256, path: batch.item.path, size: batch.size, pageCount: pageCount, kind: .batch, state: .done,
            runID: runID, timings: timings))
        return .split(file, parts: parts)
    }
}
