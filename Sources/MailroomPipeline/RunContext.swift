import Foundation
import Logging
import MailroomCapture
import MailroomImaging
import MailroomStore

/// The state shared by the threads of one run: queues, counters and the stop flag.
final class RunContext: @unchecked Sendable {
    let options: ScanOptions
    let database: MailroomDatabase
    let runID: Int64
    let logger: Logger
    let makeRecognizer: RecognizerFactory
    let router: (any DocumentRouting)?
    let imageReader: ImageReader
    let progress: ProgressReporter
    let work: WorkQueue
    let results: BoundedQueue<WorkResult>
    let inFlight = InFlightSet()
    let workers = DispatchGroup()
    /// Work items pushed and not yet through a worker.
    let outstanding = DispatchGroup()
    let reprocessAll: Bool

    private let lock = NSLock()
    // Guarded by `lock`.
    private var tallyValue = Tally()
    private var retryCounts: [String: Int] = [:]
    private var failure: ScanError?
    /// Documents to read even though they are known (reprocess, deferred) and not yet read this run.
    private var forced: Set<String>
    private var slots: [WorkerSlot] = []

    init(options: ScanOptions, database: MailroomDatabase, runID: Int64, logger: Logger,
         makeRecognizer: @escaping RecognizerFactory, router: (any DocumentRouting)?, progress: ProgressReporter,
         forced: Set<String>, reprocessAll: Bool) {
        self.options = options
        self.database = database
        self.runID = runID
        self.logger = logger
        self.makeRecognizer = makeRecognizer
        self.router = router
        self.imageReader = ImageReader(limits: .init(maxPixels: options.maxPixels))
        self.progress = progress
        self.work = WorkQueue(capacity: options.jobs * 2)
        self.results = BoundedQueue(capacity: max(options.batchSize * 2, options.jobs * 2))
        self.forced = forced
        self.reprocessAll = reprocessAll
    }

    // MARK: Stopping

    /// The error that stopped the run, if any.
    var fatalError: ScanError? { lock.withLock { failure } }

    var isCancelled: Bool { lock.withLock { failure != nil } }

    /// Stops the run: queues are emptied and every thread winds down.
    func fail(_ error: ScanError) {
        let first: Bool = lock.withLock {
            guard failure == nil else { return false }
            failure = error
            return true
        }
        guard first else { return }
        logger.error("run stopped", metadata: ["reason": "\(error.reason)"])
        work.cancel()
        results.cancel()
    }

    // MARK: Counters

    var tally: Tally { lock.withLock { tallyValue } }

    func updateTally(_ change: (inout Tally) -> Void) {
        let snapshot: Tally = lock.withLock {
            change(&tallyValue)
            return tallyValue
        }
        progress.update(snapshot)
    }

    var retries: [String: Int] { lock.withLock { retryCounts } }

    func countRetry(_ stage: PipelineStage) {
        lock.withLock { retryCounts[stage.rawValue, default: 0] += 1 }
    }

    // MARK: Forced documents

    /// Whether a known document must be read again; consumes it from the forced set.
    func takeForced(_ sha256: String, state: DocumentState) -> Bool {
        lock.withLock {
            let listed = forced.remove(sha256) != nil
            // An erased document is never read again: that would bring the personal data back.
            if state == .erased { return false }
            return listed || reprocessAll || state == .deferred
        }
    }

    /// Whether the document is still waiting to be read again this run.
    func isForced(_ sha256: String) -> Bool {
        lock.withLock { forced.contains(sha256) }
    }

    /// Forced documents not met during discovery, to read from their last known path.
    func remainingForced() -> [String] {
        lock.withLock { Array(forced).sorted() }
    }

    // MARK: Worker slots

    func register(_ slot: WorkerSlot) {
        lock.withLock { slots.append(slot) }
    }

    var workerSlots: [WorkerSlot] { lock.withLock { slots } }

    /// Runs a store call under the persist stage's retry policy, counting retries.
    func retrying<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        try withRetry(PipelineStage.persist.policy, shouldRetry: Self.isBusy, onRetry: { error, attempt in
            countRetry(.persist)
            logger.warning("database busy, retrying", metadata: ["attempt": "\(attempt)", "error": "\(error)"])
        }, body)
    }

    static func isBusy(_ error: StoreError) -> Bool {
        if case .busy = error { return true }
        return false
    }
}

/// What one worker thread is doing, so the watchdog can give up on a document that hangs.
final class WorkerSlot: @unchecked Sendable {
    /// What the watchdog does with a document it gave up on, instead of quarantining it alone.
    typealias Abandonment = @Sendable (Quarantine) -> Void

    private let lock = NSLock()
    // Guarded by `lock`.
    private var current: Quarantine?
    private var onAbandon: Abandonment?
    private var started: Date?
    private var abandoned = false

    /// Starts timing a document; `entry` is what gets quarantined if it overruns, handed to
    /// `onAbandon` when given (a batch's part goes to its batch).
    func begin(_ entry: Quarantine, onAbandon: Abandonment? = nil) {
        lock.withLock {
            current = entry
            self.onAbandon = onAbandon
            started = Date()
        }
    }

    /// Starts the clock again for the next page of a batch file, unless already given up on.
    func rearm() {
        lock.withLock {
            if current != nil, !abandoned { started = Date() }
        }
    }

    /// Stops timing; false when the watchdog already gave up on this document (drop the result).
    func end() -> Bool {
        lock.withLock {
            current = nil
            onAbandon = nil
            started = nil
            return !abandoned
        }
    }

    /// Gives up on the document if it ran longer than `timeout`; returns its quarantine entry
    /// and what to do with it instead of quarantining it alone, if anything.
    func abandonIfOverdue(timeout: Double, now: Date = Date()) -> (entry: Quarantine, onAbandon: Abandonment?)? {
        lock.withLock {
            guard !abandoned, var entry = current, let started, now.timeIntervalSince(started) > timeout else { return nil }
            abandoned = true
            entry.reason = String(format: "reading took longer than the %.0f s timeout; the scan may be pathological", timeout)
            entry.timings["total"] = now.timeIntervalSince(started) * 1000
            return (entry, onAbandon)
        }
    }

    var isAbandoned: Bool { lock.withLock { abandoned } }
}
