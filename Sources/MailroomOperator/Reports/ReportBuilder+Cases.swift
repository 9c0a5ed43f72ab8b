import Foundation
import MailroomCases
import MailroomStore

extension ReportBuilder {
    /// The SLA status of the open cases, per queue: how many are open, due soon and overdue,
    /// judged now by the desk's business calendar.
    public static func caseQueues(from desk: CaseDesk, at now: Date = Date()) throws(CaseError) -> [OperatorReport.CaseQueue] {
        let open = CaseState.allCases.filter(\.isOpen).map(\.rawValue)
        var queues: [String: OperatorReport.CaseQueue] = [:]
        for record in try desk.cases(CaseQuery(states: open)) {
            let status = desk.slaStatus(of: record, at: now)
            var queue = queues[record.queue] ?? OperatorReport.CaseQueue(queue: record.queue, open: 0, overdue: 0)
            queue.open += 1
            if status.isOverdue { queue.overdue += 1 } else if status.isDueSoon { queue.dueSoon += 1 }
            queues[record.queue] = queue
        }
        return queues.values.sorted { $0.queue < $1.queue }
    }
}
