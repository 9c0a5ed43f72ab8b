import Foundation
import Logging
import MailroomCapture
import MailroomStore

/// The nightly batch: discovery → hash → skip known → decode → read → persist.
///
/// Discovery runs on the calling thread and feeds a bounded queue; `jobs` worker threads
/// each own one recogniser (Tesseract engines) for the whole run; one writer thread saves
/// results in batched transactions. Queues are bounded, so memory stays flat however many
/// files there are. See ``PipelineStage/policy`` for what happens when a step fails.
public final class ScanPipeline {
    public let options: ScanOptions
    let logger: Logger
    let progressMode: ProgressMode
    let recognizerFactory: RecognizerFactory?
    let router: (any DocumentRouting)?
    /// Busy-database retries before the threads start (opening, recording the run).
    var setupRetries = 0
    /// The e-mail domains of stored coupons, then of this run's, shared by the workers.
    public let learnedDomains = LearnedDomains()
    /// Each form's country, by form id, once the forms are loaded.
    var formCountries: [String: String] = [:]

    /// A pipeline for `options`; tests pass their own recogniser factory or router.
    public init(
        options: ScanOptions, logger: Logger = Logger(label: "mailroom.scan"), progress: ProgressMode = .automatic,
        recognizer: RecognizerFactory? = nil, router: (any DocumentRouting)? = nil
    ) {
        self.options = options
        self.logger = logger
        self.progressMode = progress
        self.recognizerFactory = recognizer
        self.router = router
    }

    /// Runs the scan and returns its summary; throws only when the run could not happen.
    ///
    /// Quarantined documents do not throw: the summary's `exitCode` is then 1.
    public func run() throws(ScanError) -> RunSummary {
        let started = Date()
        try options.validate()
        let factory: RecognizerFactory
        if let given = recognizerFactory { factory = given } else { factory = try makeDocumentReaderFactory() }
        let databasePath = URL(fileURLWithPath: options.databasePath).standardizedFileURL.path
        let lock: RunLock
        do {
            lock = try RunLock.acquire(databasePath: databasePath)
        } catch {
            throw .store(error)
        }
        defer { lock.release() }
        if let stale = lock.staleFrom {
            logger.warning("previous run died holding the lock", metadata: ["pid": "\(stale.pid)"])
        }
        let database = try openDatabase(databasePath)
        let prepared = try prepareRun(database)
        let context = RunContext(
            options: options, database: database, runID: prepared.runID, logger: logger, makeRecognizer: factory,
            router: router, progress: ProgressReporter(mode: progressMode, logger: logger, interval: options.progressInterval),
            forced: prepared.forced, reprocessAll: options.reprocessAll)
        logger.info("run started", metadata: [
            "run": "\(prepared.runID)", "jobs": "\(options.jobs)", "database": "\(databasePath)"])
        execute(context, excluding: [databasePath, databasePath + "-wal", databasePath + "-shm", lock.path,
                                     options.partsFolder.path])
        context.progress.finish()
        if context.fatalError == nil {
            recheckMailDomains(database, runIDs: [prepared.runID] + ((try? database.unfinishedRunsSinceLastCompleted()) ?? prepared.interrupted))
        }
        let filed = context.fatalError == nil ? fileCases(database) : CaseFiling()
        return try finish(context, started: started, prepared: prepared, staleLock: lock.staleFrom?.pid, cases: filed)
    }

    /// Runs the threads: workers and writer in the background, discovery here.
    private func execute(_ context: RunContext, excluding: [String]) {
        for _ in 0..<options.jobs { context.startWorker() }
        let writerDone = DispatchSemaphore(value: 0)
        let writer = Thread {
            BatchWriter(context: context).run()
            writerDone.signal()
        }
        writer.name = "mailroom-writer"
        writer.start()
        let finished = Flag()
        context.watch(until: { finished.isSet })
        discover(context, excluding: excluding)
        context.work.close()
        context.workers.wait()
        finished.set()
        context.results.close()
        writerDone.wait()
    }

    /// Streams files into the work queue, then the forced documents not met on the way.
    private func discover(_ context: RunContext, excluding: [String]) {
        for item in Discovery(roots: options.roots, excluding: excluding, groupPages: options.groupPages) {
            if context.isCancelled { return }
            switch item {
            case let .file(path, size):
                context.updateTally { $0.discovered += 1 }
                context.outstanding.enter()
                context.work.push(WorkItem(path: path, size: size))
            case let .pages(paths, size):
                context.updateTally { $0.discovered += 1 }
                context.outstanding.enter()
                context.work.push(WorkItem(path: paths[0], size: size, laterPages: Array(paths.dropFirst())))
            case let .ignored(path, reason):
                context.logger.debug("ignored", metadata: ["path": "\(path)", "reason": "\(reason)"])
                context.updateTally { $0.ignored += 1 }
            case let .problem(path, reason):
                context.updateTally { $0.discovered += 1 }
                context.results.push(.quarantined(Quarantine(path: path, sha256: nil, size: 0, stage: .discover, reason: reason)))
            }
        }
        // Forced documents met during discovery are taken by the workers; wait for them to be
        // through before reading the rest from their stored paths, so none is read twice.
        if !context.remainingForced().isEmpty {
            while context.outstanding.wait(timeout: .now() + 0.2) == .timedOut {
                if context.isCancelled { return }
            }
        }
        for sha in context.remainingForced() {
            guard !context.isCancelled else { return }
            guard let document = try? context.database.knownDocument(sha256: sha) else { continue }
            guard FileManager.default.fileExists(atPath: document.path) else {
                logger.warning("cannot reprocess: file gone", metadata: ["sha256": "\(sha)", "path": "\(document.path)"])
                continue
            }
            context.outstanding.enter()
            let pages = options.groupPages ? PageGroup.laterPages(of: document.path) : []
            context.work.push(WorkItem(path: document.path, size: document.size, laterPages: pages, fromStore: true))
        }
        context.updateTally { $0.discoveryFinished = true }
    }
}

/// A flag set once from one thread and read from another.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
