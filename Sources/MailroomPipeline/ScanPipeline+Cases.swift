import Logging
import MailroomCases
import MailroomStore

/// What filing the read documents into customer cases did.
struct CaseFiling: Sendable {
    var counts: [String: Int] = [:]
    var deferral: String?
}

extension ScanPipeline {
    /// The last step: links every stored letter, e-mail and coupon not yet filed to a customer,
    /// and opens or joins cases for letters and e-mails.
    ///
    /// It runs over everything still unfiled, not only this run's documents, so a run killed
    /// before this step is caught up by the next one. Its failure policy is *deferred*: without
    /// usable routing rules the documents stay unfiled, the summary says why, and the next run
    /// (or `mailroom cases route`) files them; the scan itself still succeeds.
    func fileCases(_ database: MailroomDatabase) -> CaseFiling {
        var filing = CaseFiling()
        let rules: RoutingRules
        do {
            rules = try RoutingRules.load(explicit: options.rulesPath)
        } catch {
            filing.deferral = "\(error)"
            logger.warning("cases deferred", metadata: ["reason": "\(error)"])
            return filing
        }
        do {
            for outcome in try CaseDesk(database: database, rules: rules).receivePending() where outcome.action != .skipped {
                filing.counts[outcome.action.rawValue, default: 0] += 1
            }
        } catch {
            filing.deferral = "\(error)"
            logger.warning("cases deferred", metadata: ["reason": "\(error)"])
        }
        return filing
    }
}
