import Foundation

/// A blocking FIFO with a fixed capacity: a full queue makes producers wait (backpressure).
final class BoundedQueue<Element: Sendable>: @unchecked Sendable {
    /// What a pop returned.
    enum Popped {
        case item(Element)
        case timedOut
        /// Closed and drained, or cancelled.
        case finished
    }

    private let capacity: Int
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var items = Fifo<Element>()
    private var closed = false
    private var cancelled = false

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Adds an element, waiting while the queue is full; false when the queue was cancelled.
    @discardableResult
    func push(_ element: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity && !cancelled { condition.wait() }
        if cancelled || closed { return false }
        items.append(element)
        condition.broadcast()
        return true
    }

    /// Takes the oldest element, waiting up to `timeout` seconds (forever when nil).
    func pop(timeout: Double? = nil) -> Popped {
        condition.lock()
        defer { condition.unlock() }
        let deadline = timeout.map { Date(timeIntervalSinceNow: $0) }
        while items.isEmpty && !closed && !cancelled {
            if let deadline {
                if !condition.wait(until: deadline) && items.isEmpty { return .timedOut }
            } else {
                condition.wait()
            }
        }
        guard !cancelled, let element = items.popFirst() else { return .finished }
        condition.broadcast()
        return .item(element)
    }

    /// No more pushes: consumers drain what is left, then see `.finished`.
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
        items.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}

/// A first-in first-out buffer that lets go of taken elements in chunks, not one by one.
struct Fifo<Element> {
    private var items: [Element] = []
    private var head = 0

    var count: Int { items.count - head }
    var isEmpty: Bool { count == 0 }

    mutating func append(_ element: Element) { items.append(element) }

    mutating func popFirst() -> Element? {
        guard head < items.count else { return nil }
        let element = items[head]
        head += 1
        if head > 64 && head * 2 > items.count {
            items.removeFirst(head)
            head = 0
        }
        return element
    }

    mutating func removeAll() {
        items.removeAll()
        head = 0
    }
}

/// The sha256 of documents being processed and not yet committed, so two copies of one
/// file in the same run are read once: memory is bounded by the documents in flight.
final class InFlightSet: @unchecked Sendable {
    private let lock = NSLock()
    private var hashes: Set<String> = []

    /// True when the caller now owns `sha256`; false when another worker has it.
    func claim(_ sha256: String) -> Bool {
        lock.withLock { hashes.insert(sha256).inserted }
    }

    /// Gives up ownership once the document is committed (or needs no write).
    func release<S: Sequence<String>>(_ shas: S) {
        lock.withLock { for sha in shas { hashes.remove(sha) } }
    }

    func contains(_ sha256: String) -> Bool {
        lock.withLock { hashes.contains(sha256) }
    }
}
