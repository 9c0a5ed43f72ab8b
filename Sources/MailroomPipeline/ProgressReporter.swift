import Foundation
import Logging

/// How progress is shown while a scan runs.
public enum ProgressMode: Sendable {
    /// A live line on a terminal, periodic log lines otherwise (decided by `isatty(2)`).
    case automatic
    /// A live line on stderr, rewritten in place.
    case terminal
    /// An info log line every `ScanOptions.progressInterval` seconds.
    case log
    case none
}

/// The running tallies the writer publishes after each commit.
struct Tally: Sendable {
    var discovered = 0
    var discoveryFinished = false
    var processed = 0
    var skipped = 0
    var quarantined = 0
    var deferred = 0
    var ignored = 0
    var flaggedFields = 0
    var split = 0
    /// The stored documents of split files (`parts`), and those of them deferred.
    var parts = 0
    var deferredParts = 0

    var finished: Int { processed + skipped + quarantined + deferred }
    /// Documents read: a split file counts as the documents it held, not as one more.
    var read: Int { processed - split + parts - deferredParts + quarantined + deferred }
}

/// Shows progress with rate and ETA: a live line on a terminal, log lines for cron.
final class ProgressReporter: @unchecked Sendable {
    private let mode: ProgressMode
    private let logger: Logger
    private let interval: Double
    private let started = Date()
    private let lock = NSLock()
    // Guarded by `lock`.
    private var lastShown = Date.distantPast
    private var wroteLine = false

    init(mode: ProgressMode, logger: Logger, interval: Double) {
        switch mode {
        case .automatic: self.mode = isatty(2) == 1 ? .terminal : .log
        default: self.mode = mode
        }
        self.logger = logger
        self.interval = interval
    }

    /// Shows the tally if enough time passed since the last update.
    func update(_ tally: Tally) {
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        switch mode {
        case .terminal:
            guard now.timeIntervalSince(lastShown) >= 0.2 else { return }
            FileHandle.standardError.write(Data(("\r\u{1B}[2K" + line(tally, now: now)).utf8))
            wroteLine = true
        case .log:
            guard now.timeIntervalSince(lastShown) >= interval else { return }
            if lastShown == .distantPast { lastShown = now; return }
            logger.info("progress", metadata: [
                "done": "\(tally.finished)", "found": "\(tally.discovered)", "read": "\(tally.processed)",
                "skipped": "\(tally.skipped)", "quarantined": "\(tally.quarantined)", "summary": "\(line(tally, now: now))",
            ])
        case .automatic, .none:
            return
        }
        lastShown = now
    }

    /// Ends the live line so the summary starts on a fresh line.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if wroteLine { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
        wroteLine = false
    }

    private func line(_ tally: Tally, now: Date) -> String {
        let elapsed = max(0.001, now.timeIntervalSince(started))
        let rate = Double(tally.read) / elapsed
        let total = tally.discoveryFinished ? "\(tally.discovered)" : "\(tally.discovered)+"
        var text = "\(tally.finished)/\(total) files, \(tally.processed) read, \(tally.skipped) known, "
            + "\(tally.quarantined) quarantined, " + String(format: "%.2f doc/s", rate)
        let remaining = tally.discovered - tally.finished
        if rate > 0, remaining > 0 {
            let eta = Int(Double(remaining) / rate)
            text += ", ETA \(tally.discoveryFinished ? "" : "≥")\(eta / 60)m\(String(format: "%02d", eta % 60))s"
        }
        return text
    }
}
