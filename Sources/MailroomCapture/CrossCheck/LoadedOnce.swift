import MailroomOCR
import Synchronization

/// Values loaded once per process by key and shared by every worker: the lexicons, street
/// types and domain words a coupon check needs, which cost a file parse each.
///
/// Loads run one at a time: workers starting together on the same country's coupons would
/// otherwise each parse the same multi-megabyte list, and the one that loses throws its
/// work away. A worker that finds a load under way waits for it.
final class LoadedOnce<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let loaded = Mutex<[Key: Value]>([:])
    private let loading = Mutex<Void>(())

    /// The value for `key`, loaded by `load` the first time it is asked for.
    func value(for key: Key, load: () throws(OCRError) -> Value) throws(OCRError) -> Value {
        if let value = loaded.withLock({ $0[key] }) { return value }
        return try loading.withLock { _ throws(OCRError) -> Value in
            if let value = loaded.withLock({ $0[key] }) { return value }
            let value = try load()
            loaded.withLock { $0[key] = value }
            return value
        }
    }
}
