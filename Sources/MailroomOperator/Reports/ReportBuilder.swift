import Foundation
import MailroomStore

/// Computes an ``OperatorReport`` from the database.
public struct ReportBuilder: Sendable {
    public let database: MailroomDatabase
    /// Where case SLA figures will come from once the case desk exists.
    public var caseQueues: @Sendable () -> [OperatorReport.CaseQueue] = { [] }

    public init(database: MailroomDatabase) {
        self.database = database
    }

    /// The report for one run, a period (`from..<to`), or everything when both are nil.
    public func build(runID: Int64? = nil, from: Date? = nil, to: Date? = nil, now: Date = Date()) throws(OperatorError) -> OperatorReport {
        let documents = try storing { () throws(StoreError) in
            try database.documentsWithFields(runID: runID, createdFrom: from, to: to)
        }
        let quarantine = try storing { () throws(StoreError) in
            try database.quarantineEntries(runID: runID, from: from, to: to)
        }
        let runs: [RunRecord] = try storing { () throws(StoreError) in
            if let runID { return try database.run(id: runID).map { [$0] } ?? [] }
            return try database.runs(startedFrom: from, to: to)
        }
        let documentIDs = Set(documents.compactMap(\.document.id))
        let decisions = try storing { () throws(StoreError) in try database.allDecisions() }
            .filter { documentIDs.contains($0.documentID) }

        var counts = OperatorReport.Documents()
        var waiting: [Date] = []
        var waitingDocuments = 0
        var confidence: [String: [Int]] = [:]
        var typeOf: [String: String] = [:]
        var blank: [OperatorReport.BlankFile] = []
        for item in documents {
            let document = item.document
            if document.kind == .blank { blank.append(.init(runID: document.runID, path: document.path)) }
            counts.total += 1
            counts.byKind[document.kind.rawValue, default: 0] += 1
            if let form = document.formID { counts.byForm[form, default: 0] += 1 }
            counts.byState[document.state.rawValue, default: 0] += 1
            if item.isVerified { counts.verifiedCoupons += 1 }
            var pending = false
            for field in item.fields {
                counts.fieldsByDecision[field.decision.rawValue, default: 0] += 1
                typeOf["\(field.documentID)/\(field.name)"] = field.type
                if field.decision == .review {
                    waiting.append(document.updatedAt)
                    pending = true
                }
                if let value = field.confidence {
                    let bucket = min(9, max(0, Int(value / 10)))
                    confidence[field.type, default: Array(repeating: 0, count: 10)][bucket] += 1
                }
            }
            if pending { waitingDocuments += 1 }
        }

        var queue = OperatorReport.ReviewQueue(fields: waiting.count, documents: waitingDocuments)
        let ages = waiting.map { now.timeIntervalSince($0) / 3600 }.sorted()
        if !ages.isEmpty {
            queue.oldestAgeHours = Self.rounded(ages.last!)
            queue.medianAgeHours = Self.rounded(ages.count % 2 == 1 ? ages[ages.count / 2]
                                                : (ages[ages.count / 2 - 1] + ages[ages.count / 2]) / 2)
        }

        var corrections: [String: OperatorReport.Corrections] = [:]
        for decision in decisions {
            let type = typeOf["\(decision.documentID)/\(decision.fieldName)"] ?? "unknown"
            var entry = corrections[type] ?? OperatorReport.Corrections(fieldType: type)
            switch decision.action {
            case .accept: entry.accepted += 1
            case .correct: entry.corrected += 1
            case .pick: entry.picked += 1
            case .skip: entry.skipped += 1
            case .undo: entry.undone += 1
            }
            if [.correct, .pick].contains(decision.action), decision.oldValue != decision.newValue { entry.changed += 1 }
            corrections[type] = entry
        }

        let throughput = runs.map { run -> OperatorReport.Throughput in
            let seconds = run.endedAt.map { $0.timeIntervalSince(run.startedAt) }
            let rate = seconds.flatMap { $0 > 0 ? Double(run.processed) / $0 : nil }
            return OperatorReport.Throughput(runID: run.id ?? 0, startedAt: Watermark.text(run.startedAt),
                                             status: run.status.rawValue, processed: run.processed,
                                             seconds: seconds.map(Self.rounded), documentsPerSecond: rate.map(Self.rounded))
        }

        return OperatorReport(
            scope: OperatorReport.Scope(runID: runID, from: from.map(Watermark.text), to: to.map(Watermark.text)),
            generatedAt: Watermark.text(now), documents: counts,
            quarantined: quarantine.map { .init(runID: $0.runID, path: $0.path, stage: $0.stage, reason: $0.reason) }, blank: blank,
            reviewQueue: queue, corrections: corrections.values.sorted { $0.fieldType < $1.fieldType },
            throughput: throughput,
            confidence: confidence.map { .init(fieldType: $0.key, buckets: $0.value) }.sorted { $0.fieldType < $1.fieldType },
            cases: caseQueues())
    }

    static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}
