import Foundation

/// A value guarded by a lock, so an immutable `Sendable` type can hold a small mutable cache.
///
/// Used instead of `Synchronization.Mutex` because the package still supports macOS 14.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    /// Runs `body` with exclusive access to the value.
    func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
