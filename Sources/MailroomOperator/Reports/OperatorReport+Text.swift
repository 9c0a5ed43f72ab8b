import Foundation

extension OperatorReport {
    /// The report as plain text for a terminal.
    public var text: String {
        var lines: [String] = []
        var scopeText = "all documents"
        if let run = scope.runID { scopeText = "run \(run)" }
        else if scope.from != nil || scope.to != nil { scopeText = "from \(scope.from ?? "the start") to \(scope.to ?? "now")" }
        lines.append("Mailroom report: \(scopeText)")
        lines.append("  documents:   \(documents.total) (\(Self.list(documents.byKind)))")
        lines.append("  by form:     \(Self.list(documents.byForm))")
        lines.append("  by state:    \(Self.list(documents.byState))")
        lines.append("  fields:      \(Self.list(documents.fieldsByDecision))")
        lines.append("  verified coupons: \(documents.verifiedCoupons)")
        var queueLine = "  review queue: \(reviewQueue.fields) field(s) in \(reviewQueue.documents) document(s)"
        if let oldest = reviewQueue.oldestAgeHours, let median = reviewQueue.medianAgeHours {
            queueLine += String(format: ", oldest %.1f h, median %.1f h", oldest, median)
        }
        lines.append(queueLine)
        lines.append("  quarantined: \(quarantined.count)")
        for entry in quarantined { lines.append("    run \(entry.runID) \(entry.path) [\(entry.stage)]: \(entry.reason)") }
        if !blank.isEmpty {
            lines.append("  blank files (stored, not read; a card fed the wrong side up needs its front scanned): \(blank.count)")
            for entry in blank { lines.append("    run \(entry.runID.map(String.init) ?? "?") \(entry.path)") }
        }
        lines.append("  operator decisions per field type:")
        if corrections.isEmpty { lines.append("    none") }
        for entry in corrections {
            lines.append("    \(entry.fieldType): accepted \(entry.accepted), corrected \(entry.corrected), picked \(entry.picked), "
                + "skipped \(entry.skipped), undone \(entry.undone) (\(entry.changed) value(s) changed)")
        }
        lines.append("  throughput:")
        if throughput.isEmpty { lines.append("    no runs") }
        for run in throughput {
            let rate = run.documentsPerSecond.map { String(format: "%.2f documents/s", $0) } ?? "no rate"
            let time = run.seconds.map { String(format: "%.1f s", $0) } ?? "not finished"
            lines.append("    run \(run.runID) \(run.startedAt) \(run.status): \(run.processed) processed in \(time), \(rate)")
        }
        lines.append("  cases: \(cases.isEmpty ? "no case queues yet" : cases.map { "\($0.queue) \($0.open) open, \($0.dueSoon) due soon, \($0.overdue) overdue" }.joined(separator: "; "))")
        return lines.joined(separator: "\n")
    }

    static func list(_ counts: [String: Int]) -> String {
        counts.isEmpty ? "none" : counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }
}
