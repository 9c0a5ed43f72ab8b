import Foundation

/// Slows password guessing: after `limit` failed logins for one name within `window`, that
/// name is refused until the window has passed, whatever the password.
///
/// Kept in memory: a restart forgets it, which costs an attacker a restart per few guesses
/// on a loopback station. Counting per name, not per address, because on loopback every
/// request comes from 127.0.0.1.
public final class LoginThrottle: @unchecked Sendable {
    public let limit: Int
    public let window: TimeInterval
    private let now: @Sendable () -> Date
    private var failures: [String: [Date]] = [:]
    private let lock = NSLock()

    public init(limit: Int = 5, window: TimeInterval = 15 * 60, now: @escaping @Sendable () -> Date = { Date() }) {
        self.limit = limit
        self.window = window
        self.now = now
    }

    /// Seconds until `name` may try again, or nil when it may try now.
    public func waitBeforeTrying(_ name: String) -> Int? {
        lock.withLock {
            let recent = prune(name)
            guard recent.count >= limit, let oldest = recent.first else { return nil }
            return max(1, Int((oldest.addingTimeInterval(window).timeIntervalSince(now())).rounded(.up)))
        }
    }

    /// Counts a failed login for `name`.
    public func failed(_ name: String) {
        lock.withLock { failures[Self.key(name), default: []].append(now()) }
    }

    /// Forgets the failures of `name` after a successful login.
    public func succeeded(_ name: String) {
        lock.withLock { _ = failures.removeValue(forKey: Self.key(name)) }
    }

    private func prune(_ name: String) -> [Date] {
        let key = Self.key(name)
        let cutoff = now().addingTimeInterval(-window)
        let recent = (failures[key] ?? []).filter { $0 > cutoff }
        failures[key] = recent.isEmpty ? nil : recent
        return recent
    }

    private static func key(_ name: String) -> String { name.lowercased() }
}
