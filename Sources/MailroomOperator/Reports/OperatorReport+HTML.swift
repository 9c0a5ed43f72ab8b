import Foundation

extension OperatorReport {
    /// One self-contained HTML page: tables plus inline SVG charts (throughput per run,
    /// decision mix, confidence distribution per field type). No scripts, no external files.
    public var html: String {
        var body = "<h1>Mailroom report</h1>\n<p>Generated \(Self.escape(generatedAt))"
        if let run = scope.runID { body += " for run \(run)" }
        if scope.from != nil || scope.to != nil { body += " from \(Self.escape(scope.from ?? "the start")) to \(Self.escape(scope.to ?? "now"))" }
        body += ".</p>\n"
        body += "<h2>Documents</h2>\n" + Self.table(["", "count"], [["total", "\(documents.total)"], ["verified coupons", "\(documents.verifiedCoupons)"]]
            + documents.byKind.sorted { $0.key < $1.key }.map { ["kind \($0.key)", "\($0.value)"] }
            + documents.byForm.sorted { $0.key < $1.key }.map { ["form \($0.key)", "\($0.value)"] }
            + documents.byState.sorted { $0.key < $1.key }.map { ["state \($0.key)", "\($0.value)"] })
        body += "<h2>Decision mix</h2>\n" + Self.bars(documents.fieldsByDecision.sorted { $0.key < $1.key }.map { ($0.key, Double($0.value)) }, unit: "fields")
        body += "<h2>Review queue</h2>\n<p>\(reviewQueue.fields) field(s) in \(reviewQueue.documents) document(s)"
        if let oldest = reviewQueue.oldestAgeHours { body += String(format: "; oldest %.1f h", oldest) }
        if let median = reviewQueue.medianAgeHours { body += String(format: ", median %.1f h", median) }
        body += ".</p>\n<h2>Quarantined</h2>\n" + Self.table(["run", "path", "stage", "reason"],
                                                           quarantined.map { ["\($0.runID)", $0.path, $0.stage, $0.reason] })
        if !blank.isEmpty {
            body += "<h2>Blank files</h2>\n<p>Stored, not read: a back scanned on its own, or a card fed the wrong side up.</p>\n"
                + Self.table(["run", "path"], blank.map { [$0.runID.map(String.init) ?? "", $0.path] })
        }
        body += "<h2>Operator decisions per field type</h2>\n" + Self.table(
            ["field type", "accepted", "corrected", "picked", "skipped", "undone", "changed"],
            corrections.map { [$0.fieldType, "\($0.accepted)", "\($0.corrected)", "\($0.picked)", "\($0.skipped)", "\($0.undone)", "\($0.changed)"] })
        body += "<h2>Throughput</h2>\n" + Self.bars(throughput.map { ("run \($0.runID) \($0.startedAt.prefix(10))", $0.documentsPerSecond ?? 0) }, unit: "documents/s")
        body += Self.table(["run", "started", "status", "processed", "seconds", "documents/s"], throughput.map {
            ["\($0.runID)", $0.startedAt, $0.status, "\($0.processed)", $0.seconds.map { String(format: "%.1f", $0) } ?? "",
             $0.documentsPerSecond.map { String(format: "%.2f", $0) } ?? ""]
        })
        body += "<h2>Confidence per field type</h2>\n"
        for entry in confidence {
            body += "<h3>\(Self.escape(entry.fieldType))</h3>\n"
            body += Self.bars(entry.buckets.enumerated().map { ("\($0.offset * 10)–\($0.offset * 10 + 10)", Double($0.element)) }, unit: "fields")
        }
        body += "<h2>Cases</h2>\n" + (cases.isEmpty ? "<p>No case queues yet.</p>\n"
            : Self.table(["queue", "open", "due soon", "overdue"], cases.map { [$0.queue, "\($0.open)", "\($0.dueSoon)", "\($0.overdue)"] }))
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Mailroom report</title>
            <style>body{font-family:sans-serif;margin:2em;max-width:60em}table{border-collapse:collapse;margin:.5em 0}\
            td,th{border:1px solid #ccc;padding:.2em .6em;text-align:left}svg text{font-size:12px;font-family:sans-serif}</style>
            </head><body>
            \(body)</body></html>

            """
    }

    /// A horizontal bar chart as inline SVG.
    static func bars(_ items: [(String, Double)], unit: String) -> String {
        guard !items.isEmpty else { return "<p>No data.</p>\n" }
        let maximum = max(items.map(\.1).max() ?? 0, 1e-9)
        let rowHeight = 22, labelWidth = 170, barWidth = 360
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"\(escape(unit))\" "
            + "width=\"\(labelWidth + barWidth + 80)\" height=\"\(items.count * rowHeight + 4)\">\n"
        for (index, item) in items.enumerated() {
            let y = index * rowHeight + 2
            let width = Int((item.1 / maximum * Double(barWidth)).rounded())
            let value = item.1 == item.1.rounded() ? String(Int(item.1)) : String(format: "%.2f", item.1)
            svg += "<text x=\"0\" y=\"\(y + 15)\">\(escape(item.0))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(width)\" height=\"\(rowHeight - 6)\" fill=\"#4a7ab5\"/>"
            svg += "<text x=\"\(labelWidth + width + 6)\" y=\"\(y + 15)\">\(value)</text>\n"
        }
        return svg + "</svg>\n"
    }

    static func table(_ header: [String], _ rows: [[String]]) -> String {
        guard !rows.isEmpty else { return "<p>None.</p>\n" }
        var html = "<table><tr>" + header.map { "<th>\(escape($0))</th>" }.joined() + "</tr>\n"
        for row in rows { html += "<tr>" + row.map { "<td>\(escape($0))</td>" }.joined() + "</tr>\n" }
        return html + "</table>\n"
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
