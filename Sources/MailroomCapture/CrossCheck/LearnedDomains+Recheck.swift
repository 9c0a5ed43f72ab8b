extension LearnedDomains {
    /// The reason recorded when an address takes a domain the book learned after it was read.
    public static let laterCorrectionReason = "closest domain read on later coupons"

    /// `address` with its domain taken for the closest domain this book knows now, or nil when
    /// none is clearly closest, or the domain is a common provider's or known.
    ///
    /// The first coupons of a night that bring a new domain are read before the book knows it
    /// (`coupons` must give it first), so their misread domains stay as read while the ones
    /// after them are corrected. Once a run is over the book knows every domain the run read
    /// often enough: asked again, it corrects those first coupons the same way, for review.
    public func laterCorrection(of address: String) -> String? {
        guard let at = address.lastIndex(of: "@") else { return nil }
        let domain = String(address[address.index(after: at)...])
        guard !MailDomains.common.contains(domain),
              let learned = MailDomains.correction(for: domain, among: known, maximum: Self.maximumSlips) else { return nil }
        return String(address[...at]) + learned
    }
}

extension FieldResult {
    /// Takes the domain the book learned after this e-mail was read, when its domain was
    /// unfamiliar then and is a few slips from one known now; the field stays in review.
    /// Returns whether it changed.
    @discardableResult
    public mutating func takeLaterDomain(from book: LearnedDomains) -> Bool {
        guard type == .email, reasons.contains(.unfamiliarMailDomain), let corrected = book.laterCorrection(of: value) else { return false }
        corrections.append(Correction(from: value, to: corrected, reason: LearnedDomains.laterCorrectionReason))
        if !suggestions.contains(value) { suggestions.insert(value, at: 0) }
        value = corrected
        reasons.removeAll { $0 == .unfamiliarMailDomain }
        flag(.laterDomainGuessed)
        return true
    }
}
