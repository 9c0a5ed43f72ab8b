import MailroomCapture
import MailroomStore

extension ScanPipeline {
    /// Corrects the e-mail domains of the coupons of runs `runIDs` read before the run's domain
    /// book knew them (`LearnedDomains.recheck`); returns how many fields changed.
    ///
    /// The first coupons of a night that bring a new domain are read before the book knows it:
    /// once every coupon is stored, their e-mails still in review with an unfamiliar domain are
    /// checked again, before cases are filed and indexed. A run killed before this step left its
    /// coupons unchecked, so the next run checks those of every run marked interrupted as well
    /// (a field already corrected no longer holds the reason, and is not changed twice); a
    /// finished run's fields are left as the operator may have seen them. Each change is recorded as a
    /// correction, and the field stays in review. Its failure policy is *optional*: the fields
    /// keep the value they were stored with, and the scan still succeeds.
    @discardableResult
    func recheckMailDomains(_ database: MailroomDatabase, runIDs: [Int64]) -> Int {
        let unfamiliar = ReviewReason.unfamiliarMailDomain.rawValue
        do {
            var changed: [FieldRecord] = []
            let forms = try database.formIDs(runIDs: runIDs)
            for var field in try database.emailFieldsInReview(runIDs: runIDs, reasonContaining: unfamiliar) {
                let country = forms[field.documentID].flatMap { formCountries[$0] }
                guard let value = field.value, let later = learnedDomains.recheck(value, country: country) else { continue }
                field.corrections.append(FieldCorrection(from: value, to: later.address, reason: later.correction))
                if !field.alternatives.contains(where: { $0.value == value }) { field.alternatives.insert(FieldAlternative(value: value), at: 0) }
                field.value = later.address
                let settled = Set(later.settles.map(\.rawValue))
                let reasons = (field.reason ?? "").components(separatedBy: "; ").filter { !$0.isEmpty && !settled.contains($0) }
                field.reason = (reasons + [later.reason.rawValue]).joined(separator: "; ")
                changed.append(field)
            }
            let saved = try database.updateFields(changed)
            if saved > 0 {
                logger.info("e-mail domains corrected to ones the run read later", metadata: ["fields": "\(saved)"])
            }
            return saved
        } catch {
            logger.warning("e-mail domains not checked again", metadata: ["reason": "\(error)"])
            return 0
        }
    }
}
