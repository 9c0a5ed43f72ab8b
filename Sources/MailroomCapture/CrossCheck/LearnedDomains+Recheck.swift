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
    ///
    /// `country` is the coupon's (its form's), for ``candidates(for:among:country:)``, and
    /// names the words its coupons gave the book (``known(spelledIn:country:)``): with them, a
    /// domain read as words is only taken for a known domain that is words too.
    public func laterCorrection(of address: String, country: String? = nil) -> String? {
        guard let at = address.lastIndex(of: "@") else { return nil }
        let domain = String(address[address.index(after: at)...])
        guard !MailDomains.common.contains(domain) else { return nil }
        var known = known(country: country)
        if let words = country.flatMap(words(of:)) { known = words.candidates(for: domain, among: known) }
        guard let learned = Self.correction(for: domain, among: known, country: country) else { return nil }
        return String(address[...at]) + learned
    }
}

extension LearnedDomains {
    /// The known domain a read `domain` was most likely meant to be, or nil when none is near
    /// enough or clearly nearest (`MailDomains.correction` over `candidates(for:among:country:)`).
    ///
    /// A last label that is no real top-level domain (`example.i`, `exampleli`), or one only
    /// guessed from such a label (`anyTopLevel`), says nothing of the country. The coupon's
    /// country then decides between neighbours: a domain of its own country or a generic one
    /// is taken when one is near enough, and only then another country's, when the label was
    /// not mended to the country's own and reads nearer that country's than its own. On a
    /// Polish coupon `example.i` is `example.pl`, though `example.it` is a slip nearer.
    static func correction(for domain: String, among known: Set<String>, country: String?, anyTopLevel: Bool = false) -> String? {
        func nearest(among domains: Set<String>) -> String? {
            MailDomains.correction(for: domain, among: domains, maximum: maximumSlips, share: slipsPerCharacter)
        }
        let readsRealTopLevel = MailDomains.topLevel(of: domain).map(MailDomains.topLevel.contains) ?? false
        if readsRealTopLevel && !anyTopLevel {
            return nearest(among: candidates(for: domain, among: known, country: country))
        }
        if let home = country.map(Self.topLevel(ofCountry:)) {
            let homely = known.filter { other in
                MailDomains.topLevel(of: other).map { $0 == home || MailDomains.genericTopLevel.contains($0) } ?? false
            }
            if let found = nearest(among: homely) { return found }
            // A label mended to the country's own (`pi`, a slip from `pl`, on a Polish coupon)
            // names it: no foreign domain takes it, however near (`example.it`, before the run
            // had read `example.pl` often enough to know it).
            if MailDomains.topLevel(of: domain) == home { return nil }
            // Nor one whose label, read, is at least as near the country's own as the foreign
            // one's (`example.p`, `example.gl`, `examplepi` on a Polish coupon are not
            // `example.it`): the first coupons of a country come before the book knows its
            // domain, and the recheck after the run finds it (`laterCorrection(of:country:)`).
            let label = MailDomains.topLevel(of: domain) ?? String(domain.suffix(2))
            return nearest(among: known.filter { other in
                guard let own = MailDomains.topLevel(of: other), own != home, own.count == 2,
                      !MailDomains.genericTopLevel.contains(own) else { return true }
                return MailDomains.distance(label, own) < MailDomains.distance(label, home)
            })
        }
        return nearest(among: known)
    }

    /// A country's top-level domain (`uk` for `GB`).
    static func topLevel(ofCountry country: String) -> String {
        country == "GB" ? "uk" : country.lowercased()
    }

    /// The known domains a read `domain` may be a misreading of: all of them, unless its last
    /// label is a real top-level domain, then those whose own is that one or a look-alike of it
    /// (`lt` of `it`, `pi` of `pl`), or the country's of the coupon (`country`, `IT`).
    ///
    /// `example.pl` is two slips from `example.it`, but both are real: a company with Italian
    /// and Polish customers reads both, and the Italian one, read first and more often, took
    /// every Polish address that came after it (and was learned again from each). A foreign
    /// country's domain read on a coupon may still be a misreading of a domain of its own country
    /// (`example.at` on an Italian coupon).
    static func candidates(for domain: String, among known: Set<String>, country: String? = nil) -> Set<String> {
        guard let read = MailDomains.topLevel(of: domain), MailDomains.topLevel.contains(read) else { return known }
        let home = country.map(topLevel(ofCountry:))
        return known.filter { other in
            guard let own = MailDomains.topLevel(of: other) else { return false }
            return own == home || MailDomains.distance(read, own) <= 0.5
        }
    }
}

extension FieldResult {
    /// Takes the domain the book learned after this e-mail was read, when its domain was
    /// unfamiliar then and is a few slips from one known now, or else the known domain clearly
    /// nearest it (``LearnedDomains/recheck(_:country:)``); the field stays in review. Returns
    /// whether it changed.
    @discardableResult
    public mutating func takeLaterDomain(from book: LearnedDomains, country: String? = nil) -> Bool {
        guard type == .email, reasons.contains(.unfamiliarMailDomain),
              let later = book.recheck(value, country: country) else { return false }
        corrections.append(Correction(from: value, to: later.address, reason: later.correction))
        if !suggestions.contains(value) { suggestions.insert(value, at: 0) }
        value = later.address
        let settled = later.settles
        reasons.removeAll { settled.contains($0) }
        flag(later.reason)
        return true
    }
}
