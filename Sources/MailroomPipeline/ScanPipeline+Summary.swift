import Foundation
import Logging
import MailroomStore

extension ScanPipeline {
    /// Records the end of the run and builds its summary; throws when the run was stopped.
    func finish(_ context: RunContext, started: Date, prepared: PreparedRun, staleLock: Int32?,
                cases: CaseFiling) throws(ScanError) -> RunSummary {
        let tally = context.tally
        let database = context.database
        let runID = prepared.runID
        let counts = RunCounts(discovered: tally.discovered, processed: tally.processed, skipped: tally.skipped,
                               quarantined: tally.quarantined, deferred: tally.deferred)
        if let failure = context.fatalError {
            try? database.finishRun(id: runID, status: .failed, counts: counts, summary: nil)
            throw failure
        }
        var summary: RunSummary
        do {
            let quarantine = try database.quarantine(runID: runID).prefix(RunSummary.quarantineListLimit).map {
                RunSummary.QuarantinedFile(path: $0.path, sha256: $0.sha256, stage: $0.stage, reason: $0.reason)
            }
            var retries = context.retries
            if setupRetries > 0 { retries[PipelineStage.persist.rawValue, default: 0] += setupRetries }
            let wall = Date().timeIntervalSince(started)
            summary = RunSummary(
                runID: runID, database: database.path, status: RunStatus.completed.rawValue,
                exitCode: tally.quarantined > 0 ? ScanExitCode.quarantined.rawValue : ScanExitCode.success.rawValue,
                jobs: options.jobs, wallSeconds: (wall * 1000).rounded() / 1000,
                documentsPerSecond: (Double(tally.read) / max(wall, 0.001) * 100).rounded() / 100,
                discovered: tally.discovered, processed: tally.processed, skipped: tally.skipped,
                quarantined: tally.quarantined, deferred: tally.deferred, ignored: tally.ignored,
                flaggedFields: tally.flaggedFields,
                byKind: Self.keyed(try database.countsByKind(runID: runID)),
                byForm: try database.countsByForm(runID: runID),
                byDecision: Self.keyed(try database.countsByDecision(runID: runID)),
                quarantine: Array(quarantine), retries: retries, policies: PipelineStage.policyTable,
                interruptedRuns: prepared.interrupted, staleLockPID: staleLock)
            summary.split = tally.split
            summary.parts = tally.parts
            summary.cases = cases.counts
            summary.casesDeferred = cases.deferral
            let json = summary.json()
            try context.retrying { () throws(StoreError) in
                try database.finishRun(id: runID, status: .completed, counts: counts, summary: json)
            }
        } catch {
            throw .store(error)
        }
        logger.info("run finished", metadata: [
            "run": "\(runID)", "read": "\(summary.processed)", "skipped": "\(summary.skipped)",
            "quarantined": "\(summary.quarantined)", "deferred": "\(summary.deferred)",
            "seconds": "\(summary.wallSeconds)"])
        return summary
    }

    private static func keyed<Key: RawRepresentable>(_ counts: [Key: Int]) -> [String: Int] where Key.RawValue == String {
        Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) })
    }
}
