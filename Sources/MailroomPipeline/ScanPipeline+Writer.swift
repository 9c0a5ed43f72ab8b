import Foundation
import Logging
import MailroomStore

/// The single writer: collects worker results and saves them in batched transactions.
final class BatchWriter {
    private let context: RunContext
    private var pending: [WorkResult] = []
    private var pendingDocuments = 0
    /// Copies of documents that were still in flight; recorded once the original is committed.
    private var duplicates: [(sha256: String, path: String)] = []
    private var lastFlush = Date()

    init(context: RunContext) {
        self.context = context
    }

    /// Drains the result queue until it is closed, flushing every `batchSize` documents or
    /// `batchInterval` seconds.
    func run() {
        let options = context.options
        while true {
            let wait = max(0.01, options.batchInterval - Date().timeIntervalSince(lastFlush))
            switch context.results.pop(timeout: wait) {
            case .item(let result):
                add(result)
                if pendingDocuments >= options.batchSize { flush() }
            case .timedOut:
                flush()
            case .finished:
                guard !context.isCancelled else { return }
                flush()
                // Duplicates whose original was in the last batch resolve now.
                if !duplicates.isEmpty { flush() }
                return
            }
            if Date().timeIntervalSince(lastFlush) >= options.batchInterval { flush() }
            if context.isCancelled { return }
        }
    }

    private func add(_ result: WorkResult) {
        if case let .duplicate(sha, path) = result {
            duplicates.append((sha, path))
        } else if case .unchanged = result {
            return
        } else {
            pending.append(result)
            pendingDocuments += 1
        }
    }

    /// Saves everything pending in one transaction, retrying while the database is busy.
    private func flush() {
        lastFlush = Date()
        let resolved = resolveDuplicates()
        guard !pending.isEmpty || !resolved.isEmpty else { return }
        var batch = StoreBatch(seenPaths: resolved)
        var change = Tally()
        for result in pending { collect(result, into: &batch, change: &change) }
        change.skipped += resolved.count
        do {
            try context.retrying { () throws(StoreError) in _ = try context.database.persist(batch) }
        } catch {
            context.fail(.store(error))
            return
        }
        context.inFlight.release(pending.flatMap(\.claimedHashes))
        context.logger.debug("batch committed", metadata: [
            "documents": "\(batch.documents.count)", "quarantine": "\(batch.quarantine.count)",
            "paths": "\(batch.seenPaths.count)"])
        pending.removeAll(keepingCapacity: true)
        pendingDocuments = 0
        context.updateTally { tally in
            tally.processed += change.processed
            tally.deferred += change.deferred
            tally.quarantined += change.quarantined
            tally.skipped += change.skipped
            tally.flaggedFields += change.flaggedFields
            tally.split += change.split
            tally.parts += change.parts
            tally.deferredParts += change.deferredParts
        }
    }

    /// Adds one result's rows to the transaction being built, and its counts to `change`.
    private func collect(_ result: WorkResult, into batch: inout StoreBatch, change: inout Tally) {
        let runID = context.runID
        switch result {
        case let .stored(write, flagged):
            batch.documents.append(write)
            if write.document.state == .deferred { change.deferred += 1 } else { change.processed += 1 }
            change.flaggedFields += flagged
        case let .quarantined(entry):
            batch.quarantine.append(QuarantineRecord(
                runID: runID, sha256: entry.sha256, path: entry.path, reason: entry.reason, stage: entry.stage.rawValue))
            if let write = DocumentWrite.from(entry, runID: runID) { batch.documents.append(write) }
            change.quarantined += 1
        case let .seen(documentID, path):
            batch.seenPaths.append(SeenPath(documentID: documentID, path: path))
            change.skipped += 1
        case let .split(file, parts):
            var partChange = Tally()
            for part in parts {
                if case let .duplicate(sha, path) = part { duplicates.append((sha, path)) }
                collect(part, into: &batch, change: &partChange)
            }
            // The file's own row last: a re-run skips the file only once every part is saved.
            batch.documents.append(file)
            change.processed += 1
            change.split += 1
            change.parts += partChange.processed + partChange.deferred
            change.deferredParts += partChange.deferred
            change.deferred += partChange.deferred
            change.quarantined += partChange.quarantined
            change.flaggedFields += partChange.flaggedFields
        case .duplicate, .unchanged:
            break
        }
    }

    /// Seen paths for duplicates whose original is now committed; the rest stay pending.
    private func resolveDuplicates() -> [SeenPath] {
        var seen: [SeenPath] = []
        var waiting: [(sha256: String, path: String)] = []
        for duplicate in duplicates {
            if context.inFlight.contains(duplicate.sha256) {
                waiting.append(duplicate)
                continue
            }
            do {
                let known = try context.retrying { () throws(StoreError) in
                    try context.database.knownDocument(sha256: duplicate.sha256)
                }
                if let id = known?.id {
                    seen.append(SeenPath(documentID: id, path: duplicate.path))
                } else {
                    context.logger.warning("copy of an unsaved document not recorded", metadata: ["path": "\(duplicate.path)"])
                }
            } catch {
                context.fail(.store(error))
                return []
            }
        }
        duplicates = waiting
        return seen
    }
}
