import Foundation

extension RunSummary {
    /// The summary for people, several lines.
    public var text: String {
        var lines: [String] = []
        let rate = String(format: "%.2f", documentsPerSecond)
        let wall = String(format: "%.1f", wallSeconds)
        lines.append("Run \(runID) \(status) in \(wall) s with \(jobs) jobs (\(rate) documents/s), database \(database)")
        lines.append("  found \(discovered) files: \(processed) read, \(skipped) already known, "
            + "\(deferred) deferred, \(quarantined) quarantined; \(ignored) sidecar files ignored")
        if split > 0 {
            lines.append("  split:       \(split) \(split == 1 ? "file" : "files") holding several documents (scans or mailboxes) "
                + "into \(parts) stored (quarantined ones counted above)")
        }
        if !byKind.isEmpty { lines.append("  by kind:     " + Self.list(byKind)) }
        if !byForm.isEmpty { lines.append("  by form:     " + Self.list(byForm)) }
        if !byDecision.isEmpty { lines.append("  fields:      " + Self.list(byDecision)) }
        if !cases.isEmpty { lines.append("  cases:       " + Self.list(cases)) }
        if let casesDeferred { lines.append("  cases deferred to the next run: \(casesDeferred)") }
        if flaggedFields > 0 {
            lines.append("  \(flaggedFields) fields flagged for review: no postcode data for their country")
        }
        if !retries.isEmpty { lines.append("  retries:     " + Self.list(retries)) }
        if !interruptedRuns.isEmpty {
            lines.append("  earlier runs marked interrupted (killed): "
                + interruptedRuns.map(String.init).joined(separator: ", "))
        }
        if let staleLockPID {
            lines.append("  the previous run (pid \(staleLockPID)) died holding the lock; its work was kept")
        }
        if !quarantine.isEmpty {
            lines.append("  quarantined:")
            for entry in quarantine {
                lines.append("    \(entry.path) [\(entry.stage)]: \(entry.reason)")
            }
            if quarantined > quarantine.count {
                lines.append("    … and \(quarantined - quarantine.count) more (see the quarantine table)")
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func list(_ counts: [String: Int]) -> String {
        counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }
}
