import Foundation
import Hummingbird
import MailroomCases
import MailroomOperator
import MailroomStore

extension WebStation {
    func addDashboardRoutes(to router: Router<BasicRequestContext>) {
        router.get("/dashboard") { request, _ in
            switch try pageSession(request, needs: .seeDashboard) {
            case let .refused(answer): return answer
            case let .allowed(session): return try dashboardPage(session: session)
            }
        }
        router.get("/audit") { request, _ in
            switch try pageSession(request, needs: .seeAudit) {
            case let .refused(answer): return answer
            case let .allowed(session): return try auditPage(session: session)
            }
        }
    }

    /// Last night's run, the review backlog and the SLA standing of each queue, as charts.
    ///
    /// The figures are ``ReportBuilder``'s, the same as `mailroom report`. Quarantined file
    /// names are listed only for accounts that may see personal data.
    func dashboardPage(session: WebSessionRecord) throws -> Response {
        var builder = ReportBuilder(database: database)
        if let desk { builder.caseQueues = { (try? ReportBuilder.caseQueues(from: desk)) ?? [] } }
        let overall = try operatorCall { () throws(OperatorError) in try builder.build() }
        let lastRun = try storing { () throws(StoreError) in try database.latestRun() }
        var values: [String: Any] = [:]
        if let run = lastRun, let runID = run.id {
            let report = try operatorCall { () throws(OperatorError) in try builder.build(runID: runID) }
            let throughput = report.throughput.first
            values["run"] = [
                "id": String(runID), "status": run.status.rawValue, "started": Watermark.text(run.startedAt),
                "processed": String(run.processed), "skipped": String(run.skipped), "quarantined": String(run.quarantined),
                "deferred": String(run.deferred), "seconds": throughput?.seconds.map { BarChart.text($0) } ?? "–",
                "rate": throughput?.documentsPerSecond.map { String(format: "%.2f", $0) } ?? "–",
            ]
            let kinds = report.documents.byKind.sorted { $0.key < $1.key }
            values["kindChart"] = BarChart(title: "Documents of run \(runID) by kind",
                                           rows: kinds.map { .init(label: $0.key, segments: [.init(value: Double($0.value), kind: "count")]) }).view
            if try permissions(of: session).contains(.seePersonalData) {
                values["quarantine"] = report.quarantined.map { ["path": $0.path, "stage": $0.stage, "reason": $0.reason] }
            }
            if !report.quarantined.isEmpty { values["quarantineCount"] = String(report.quarantined.count) }
        }
        let runs = overall.throughput.suffix(10)
        values["rateChart"] = BarChart(title: "Documents per second, last \(runs.count) run(s)", rows: runs.map { run in
            .init(label: "run \(run.runID) \(run.startedAt.prefix(10))",
                  segments: [.init(value: run.documentsPerSecond ?? 0, kind: "rate")],
                  note: run.documentsPerSecond.map { String(format: "%.2f/s", $0) } ?? run.status)
        }).view
        let decisions = overall.documents.fieldsByDecision
        values["backlog"] = [
            "fields": String(overall.reviewQueue.fields), "documents": String(overall.reviewQueue.documents),
            "oldest": overall.reviewQueue.oldestAgeHours.map { String(format: "%.1f h", $0) } ?? "–",
        ]
        values["fieldChart"] = BarChart(title: "Fields by decision", rows: [
            .init(label: "all fields", segments: [
                .init(value: Double(decisions["accepted"] ?? 0), kind: "ok"),
                .init(value: Double(decisions["review"] ?? 0), kind: "late"),
            ]),
        ], legend: [("ok", "accepted"), ("late", "waiting for review")]).view
        if desk == nil {
            values["deskProblem"] = deskProblem ?? "no routing rules"
        } else {
            values["slaChart"] = BarChart(title: "Open cases per queue", rows: overall.cases.map { queue in
                .init(label: queue.queue, segments: [
                    .init(value: Double(max(0, queue.open - queue.dueSoon - queue.overdue)), kind: "ok"),
                    .init(value: Double(queue.dueSoon), kind: "soon"),
                    .init(value: Double(queue.overdue), kind: "late"),
                ], note: "\(queue.open) open, \(queue.overdue) overdue")
            }, legend: [("ok", "on time"), ("soon", "due soon"), ("late", "overdue")]).view
        }
        return page("dashboard", title: "Dashboard", session: session, values: values)
    }

    /// The last 200 entries of the audit log: who changed what, when.
    func auditPage(session: WebSessionRecord) throws -> Response {
        let entries = try storing { () throws(StoreError) in try database.auditLog(limit: 200) }
        return page("audit", title: "Audit log", session: session, values: [
            "entries": entries.map { entry in
                ["at": Watermark.text(entry.at), "operator": entry.operatorName, "action": entry.action, "target": entry.target]
            },
        ])
    }
}
