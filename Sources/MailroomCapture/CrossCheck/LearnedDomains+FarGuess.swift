extension LearnedDomains {
    /// A domain the recheck after a run gives an e-mail still in review with an unfamiliar one.
    public struct Recheck: Sendable, Hashable {
        /// The address with the domain taken.
        public let address: String
        /// The reason recorded with the correction.
        public let correction: String
        /// The review reason that replaces `unfamiliarMailDomain`.
        public let reason: ReviewReason

        /// The review reasons the new address no longer has: the unfamiliar domain, and the
        /// invalid address when the domain taken makes it well formed (`example.i` was none).
        public var settles: Set<ReviewReason> {
            EmailNormaliser.isValid(address) ? [.unfamiliarMailDomain, .invalidEmail] : [.unfamiliarMailDomain]
        }
    }

    /// The reason recorded when an address takes the known domain clearly nearest a domain read
    /// too badly for any correction.
    public static let farGuessReason = "the known domain nearest the one read, though far from it"

    /// The share of a known domain's length a read domain may differ by to be guessed as it
    /// (``farGuess(of:country:)``): edits per character of the known domain.
    public static let farShare = 0.5
    /// How many edits per character nearer than any other the guessed domain must be: a
    /// short domain (`onet.pl`) is a few edits from anything, a long one is not.
    public static let farMargin = 0.05

    /// `address` with the domain the book knows now when its read domain is a few slips from
    /// one (``laterCorrection(of:country:)``), else with the known domain or common provider
    /// clearly nearest it (``farGuess(of:country:)``); nil when neither.
    public func recheck(_ address: String, country: String? = nil) -> Recheck? {
        if let later = laterCorrection(of: address, country: country) {
            return Recheck(address: later, correction: Self.laterCorrectionReason, reason: .laterDomainGuessed)
        }
        if let far = farGuess(of: address, country: country) {
            return Recheck(address: far, correction: Self.farGuessReason, reason: .farDomainGuessed)
        }
        return nil
    }

    /// `address` with its domain taken for the known domain (or common provider) nearest it,
    /// edits counted per character of the known domain, when that is at most `farShare` and
    /// `farMargin` less than any other's; nil otherwise, or when the domain is known already.
    ///
    /// A hand-printed domain is often read too badly for any correction that may be accepted
    /// (`exaryle.pl`, `uuexanple.cen`, where the `@` was read as letters). The field goes to a
    /// person either way, and then the likeliest domain is worth more than the misreading:
    /// the nearest of the few domains a mailroom's customers write, when it stands out. The
    /// domain as read stays among the suggestions.
    public func farGuess(of address: String, country: String? = nil) -> String? {
        guard let at = address.lastIndex(of: "@") else { return nil }
        let domain = String(address[address.index(after: at)...])
        guard domain.count >= 4 else { return nil }
        var pool = known(country: country).union(MailDomains.common)
        guard !pool.contains(domain) else { return nil }
        if let words = country.flatMap(words(of:)) { pool = words.candidates(for: domain, among: pool) }
        pool = Self.candidates(for: domain, among: pool, country: country)
        let scored = pool.map { (domain: $0, cost: MailDomains.distance(domain, $0) / Double($0.count)) }
            .sorted { ($0.cost, $0.domain) < ($1.cost, $1.domain) }
        guard let best = scored.first, best.cost <= Self.farShare else { return nil }
        if let next = scored.dropFirst().first, next.cost < best.cost + Self.farMargin { return nil }
        return String(address[...at]) + best.domain
    }
}
