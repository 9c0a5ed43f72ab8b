import Foundation

/// The workers' queue: files from discovery, bounded (backpressure), and the parts of batch
/// files, which go first.
///
/// A worker that separates a batch file hands each document it cuts out to the others as it
/// goes, so a tray of 200 cards in one file is read on every core. Parts skip the bound: the
/// worker pushing them must never wait on the workers that read them. Since working on a job
/// may add parts, a closed queue tells its workers it is finished only once no job taken from
/// it is still being worked on (`done`).
final class WorkQueue: @unchecked Sendable {
    /// What a worker takes.
    enum Job: Sendable {
        case file(WorkItem)
        case part(PartJob)
    }

    private let capacity: Int
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var files = Fifo<WorkItem>()
    private var parts = Fifo<PartJob>()
    private var working = 0
    private var closed = false
    private var cancelled = false

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Adds a file, waiting while the file lane is full; false when the queue was cancelled or closed.
    @discardableResult
    func push(_ item: WorkItem) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while files.count >= capacity && !cancelled { condition.wait() }
        if cancelled || closed { return false }
        files.append(item)
        condition.broadcast()
        return true
    }

    /// Adds a batch file's part ahead of every file, without waiting; false when cancelled.
    @discardableResult
    func push(part: PartJob) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        if cancelled { return false }
        parts.append(part)
        condition.broadcast()
        return true
    }

    /// Takes a part if one waits, else the oldest file; nil once the queue is closed, empty and
    /// no job is being worked on, or cancelled. Each job taken must be given back with `done`.
    func pop() -> Job? {
        condition.lock()
        defer { condition.unlock() }
        while !cancelled && parts.isEmpty && files.isEmpty && !(closed && working == 0) {
            condition.wait()
        }
        if cancelled { return nil }
        let job: Job
        if let part = parts.popFirst() {
            job = .part(part)
        } else if let file = files.popFirst() {
            job = .file(file)
        } else {
            return nil
        }
        working += 1
        condition.broadcast()
        return job
    }

    /// A job taken with `pop` is finished, with every part it added already pushed.
    func done() {
        condition.lock()
        working -= 1
        condition.broadcast()
        condition.unlock()
    }

    /// No more files: workers drain what is left, then `pop` returns nil.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// Drops everything and wakes every waiter: used when the run must stop.
    func cancel() {
        condition.lock()
        cancelled = true
        files.removeAll()
        parts.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}
