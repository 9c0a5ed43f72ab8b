import CMalloc
import Foundation
import Logging
import MailroomCapture
import MailroomImaging
import MailroomMail
import MailroomStore

extension RunContext {
    /// Starts one worker thread; it makes its own recogniser and reads until the queue ends.
    func startWorker() {
        let slot = WorkerSlot()
        register(slot)
        workers.enter()
        let thread = Thread { [self] in
            workerLoop(slot)
        }
        thread.stackSize = 16 << 20
        thread.name = "mailroom-worker"
        thread.start()
    }

    private func workerLoop(_ slot: WorkerSlot) {
        let recognizer: any DocumentRecognizing
        do {
            recognizer = try makeRecognizer()
        } catch {
            fail(.configuration("cannot start the OCR engine: \(error)"))
            workers.leave()
            return
        }
        while let job = work.pop() {
            switch job {
            case .file(let item):
                switch process(item, recognizer: recognizer, slot: slot) {
                case .result(let result):
                    if result.isLetter { Self.returnFreedHeap() }
                    results.push(result)
                case .handedOn:
                    break
                case .abandoned:
                    // The watchdog quarantined this document, gave the job back for us and started a replacement.
                    return
                }
            case .part(let part):
                guard process(part, recognizer: recognizer, slot: slot) else { return }
            }
            outstanding.leave()
            work.done()
        }
        workers.leave()
    }

    /// Gives the heap memory freed since the last call back to the system.
    ///
    /// Tesseract reads a full letter page in 50–100 MB of small blocks from the worker's own
    /// malloc arena; freed, they stay resident in that arena for the coupons that follow, which
    /// never need them. Trimming after each letter took a mixed scan (120 coupons, 40 letters,
    /// 2 jobs) from 555 to 487 MB; after every coupon too it gained nothing measurable.
    static func returnFreedHeap() {
        _ = malloc_trim(0)
    }

    /// What a worker made of one file.
    enum Processed {
        case result(WorkResult)
        /// A batch file whose parts went to the workers: its result comes with its last part.
        case handedOn
        /// The watchdog gave up on it meanwhile.
        case abandoned
    }

    /// Takes one file through hash, identity check, decode, recognition and routing.
    func process(_ item: WorkItem, recognizer: any DocumentRecognizing, slot: WorkerSlot) -> Processed {
        let timer = StageTimer()
        let sha: String, size: Int64
        do {
            (sha, size) = try FileHasher.sha256(paths: item.paths)
        } catch {
            return .result(.quarantined(Quarantine(path: item.path, sha256: nil, size: item.size, stage: .hash, reason: error.reason)))
        }
        timer.lap("hash")
        if item.fromStore && !isForced(sha) { return .result(.unchanged) }
        let known: DocumentRecord?
        switch claim(sha, path: item.path) {
        case .read(let found): known = found
        case .skip(let result): return .result(result ?? .unchanged)
        }
        var entry = Quarantine(path: item.path, sha256: sha, size: size, stage: .recognise, reason: "")
        let batch = BatchParts(item: item, sha256: sha, size: size, forced: known != nil,
                               folder: options.partsFolder.appendingPathComponent(String(sha.prefix(16)), isDirectory: true))
        slot.begin(entry) { [self] overdue in
            // A batch file is quarantined whole: the parts it was cut into belong to nothing.
            abandon(batch)
            results.push(.quarantined(overdue))
        }
        let outcome = read(item.paths, batch: batch, recognizer: recognizer, slot: slot, lap: timer.lap)
        guard slot.end() else { return .abandoned }
        if case .one = outcome { timer.addReaderSteps(recognizer.stepMilliseconds) }
        let timings = timer.timings
        entry.timings = timings
        switch outcome {
        case .several:
            settle(batch.seal(timings: timings), of: batch)
            return .handedOn
        case .one(.failure(let failure)):
            abandon(batch)
            entry.stage = failure.stage
            entry.reason = failure.reason
            logger.warning("quarantined", metadata: [
                "path": "\(item.path)", "stage": "\(failure.stage.rawValue)", "reason": "\(failure.reason)"])
            return .result(.quarantined(entry))
        case .one(.success(let reading)):
            return .result(storedResult(reading, sha256: sha, path: item.path, size: size, timings: timings))
        }
    }

    /// Whether the bytes `sha` are to be read by this worker now, or what to record instead.
    enum Claim {
        /// Claimed in flight; `known` is the stored document when it is read again.
        case read(known: DocumentRecord?)
        /// Another copy in flight, already known, or nil when the store failed (the run stops).
        case skip(WorkResult?)
    }

    /// Claims `sha` for reading unless another worker has it or it is stored and not to be read
    /// again: reprocessing asked for it (`--reprocess`, a deferred step), or `forced` (its batch
    /// is reprocessed). An erased document is never read again.
    func claim(_ sha: String, path: String, forced: Bool = false) -> Claim {
        guard inFlight.claim(sha) else { return .skip(.duplicate(sha256: sha, path: path)) }
        let known: DocumentRecord?
        do {
            known = try retrying { () throws(StoreError) in try database.knownDocument(sha256: sha) }
        } catch {
            inFlight.release([sha])
            fail(.store(error))
            return .skip(nil)
        }
        if let known, let id = known.id {
            let listed = takeForced(sha, state: known.state)
            if known.state == .erased || !(listed || forced) {
                inFlight.release([sha])
                return .skip(.seen(documentID: id, path: path))
            }
        }
        return .read(known: known)
    }

    /// A read document's rows, after handing it to the router (deferred if that fails).
    func storedResult(_ reading: DocumentReading, sha256 sha: String, path: String, size: Int64,
                      timings: [String: Double], source: (sha256: String, pages: String)? = nil) -> WorkResult {
        var timings = timings
        var state = DocumentState.done
        var deferral: String?
        if let router {
            let started = Date()
            do {
                try router.route(reading, sha256: sha)
            } catch {
                state = .deferred
                deferral = "\(PipelineStage.route.rawValue): \(error.reason)"
                logger.notice("deferred", metadata: ["path": "\(path)", "reason": "\(error.reason)"])
            }
            timings["route"] = (Date().timeIntervalSince(started) * 1000).rounded()
        }
        if case .blank = reading {
            logger.notice("blank: nothing to read, stored as a blank page", metadata: ["path": "\(path)"])
        }
        var write = DocumentWrite.from(reading, sha256: sha, path: path, size: size, runID: runID,
                                       state: state, error: deferral, timings: timings)
        write.document.sourceSHA256 = source?.sha256
        write.document.sourcePages = source?.pages
        return .stored(write, flagged: Self.flaggedFields(reading))
    }

    /// Why a document could not be read: the stage and a reason for the operator.
    struct ReadFailure: Error {
        var stage: PipelineStage
        var reason: String
    }

    /// What reading a file gave: one document, or the several documents of a batch file.
    enum ReadOutcome {
        case one(Result<DocumentReading, ReadFailure>)
        /// The parts, each written to the parts folder and handed to the workers.
        case several
    }

    /// Decodes and recognises the file; the images never leave this thread.
    ///
    /// A file of several pages is separated into the documents it holds first; when there are
    /// several, each is written to the parts folder and handed to the workers (`dispatch`) as
    /// soon as it is cut out, so a tray of cards in one file is read on every core.
    private func read(_ paths: [String], batch: BatchParts, recognizer: any DocumentRecognizing, slot: WorkerSlot,
                      lap: (String) -> Void) -> ReadOutcome {
        if paths.count == 1, Self.isMail(paths[0]) { return readMail(paths[0], batch: batch, recognizer: recognizer, lap: lap) }
        // A TIFF's pages come one at a time: a batch of cards in one file never holds all its
        // pages at once. The first two are decoded now, to tell a multi-page file.
        var queue: [Image] = []
        var stream: PageStream?
        do {
            if paths.count == 1 {
                let opened = try imageReader.stream(URL(fileURLWithPath: paths[0]))
                stream = opened
                for _ in 0..<2 { if let page = try opened.next() { queue.append(page) } }
            } else {
                for path in paths { queue += try imageReader.read(URL(fileURLWithPath: path)) }
            }
        } catch {
            return .one(.failure(ReadFailure(stage: .decode, reason: "\(error.code.rawValue): \(error.reason)")))
        }
        lap("decode")
        // A file of several pages (or a page group) may hold several documents: a batch of
        // cards, a letter with a coupon enclosed. Each page gets the full timeout.
        func separated() -> ReadOutcome? {
            var parts = PartWriter(folder: batch.folder, stem: URL(fileURLWithPath: paths[0]).deletingPathExtension().lastPathComponent) {
                [self] part in dispatch(part, of: batch)
            }
            do {
                try recognizer.separate(next: { () throws(ImagingError) -> Image? in
                    if !queue.isEmpty { return queue.removeFirst() }
                    return try stream?.next()
                }, onPage: { _ in slot.rearm() }, onDocument: { document, pages in parts.add(document, pages: pages) })
            } catch {
                return .one(.failure(ReadFailure(stage: .decode, reason: "\(error.code.rawValue): \(error.reason)")))
            }
            switch parts.outcome {
            case .several:
                lap("separate")
                return .several
            case .failed(let failure):
                return .one(.failure(failure))
            case .whole(let pages):
                queue = pages
                slot.rearm()
                return nil
            }
        }
        if queue.count > 1, let outcome = separated() { return outcome }
        let single = queue.count == 1 ? queue.first : nil
        // Handed over, not copied: a reader lets a letter's pages go as it turns them grey.
        var pages: [Image] = []
        swap(&pages, &queue)
        do {
            let reading = try recognizer.read(consume pages)
            lap("recognise")
            return .one(.success(reading))
        } catch where error.code == .severalCards && single != nil {
            // Cards laid side by side on one page: cut apart like the documents of a batch file.
            queue = [single!]
            if let outcome = separated() { return outcome }
            return .one(.failure(Self.failure(error)))
        } catch {
            return .one(.failure(Self.failure(error)))
        }
    }

    /// The stage that gave up, by the reader's error.
    static func failure(_ error: CaptureError) -> ReadFailure {
        let stage: PipelineStage = switch error.code {
        case .unknownForm, .noContent, .severalCoupons, .severalCards: .classify
        case .noPages: .decode
        case .imaging, .ocr: .recognise
        }
        return ReadFailure(stage: stage, reason: "\(error.code.rawValue): \(error.reason)")
    }

    /// Whether the file is an e-mail message (`.eml`), judged by its first bytes.
    static func isMail(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let prefix = (try? handle.read(upToCount: 4096)) ?? Data()
        return MailParser.looksLikeMessage(prefix)
    }

    /// Fields flagged because a check had no data to run with (skip-and-flag policy).
    static func flaggedFields(_ reading: DocumentReading) -> Int {
        guard case let .coupon(coupon, _) = reading else { return 0 }
        return coupon.fields.filter { $0.reasons.contains(.noPostcodeData) }.count
    }

    /// Gives up on documents running past the timeout, quarantining them and replacing their worker.
    func watch(until finished: @escaping @Sendable () -> Bool) {
        let thread = Thread { [self] in
            while !finished() {
                Thread.sleep(forTimeInterval: min(0.2, options.timeout / 4))
                for slot in workerSlots {
                    guard let (entry, onAbandon) = slot.abandonIfOverdue(timeout: options.timeout) else { continue }
                    logger.warning("timed out", metadata: ["path": "\(entry.path)", "timeout": "\(options.timeout)"])
                    if let onAbandon { onAbandon(entry) } else { results.push(.quarantined(entry)) }
                    outstanding.leave()
                    startWorker()
                    work.done()
                    workers.leave()
                }
            }
        }
        thread.name = "mailroom-watchdog"
        thread.start()
    }
}
