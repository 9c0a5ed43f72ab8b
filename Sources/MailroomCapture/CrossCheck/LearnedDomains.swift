import Synchronization

/// The e-mail domains this mailroom has read on earlier coupons, for checking domains that no
/// provider list holds.
///
/// A company's customers write the same few domains again and again: the big providers
/// (`MailDomains`), but also an employer's, a regional provider's, a school's. Misreadings of
/// a domain scatter (`caseila`, `casena`, `caselula`), while the domain as written comes back
/// coupon after coupon. So a domain read on `coupons` coupons is known, unless it is a slip
/// away from one read `dominance` times as often (`mali.example` beside `mail.example`), and a
/// read domain a few slips away from a known one is taken for it, for review, as a
/// provider's would be. One book is shared by every worker of a run; a scan starts it from the
/// e-mail addresses already stored.
public final class LearnedDomains: Sendable {
    /// Coupons that must give a domain before it corrects others.
    public static let coupons = 2
    /// How much more often a neighbouring domain must be read to cast one as its misreading.
    public static let dominance = 4
    /// The most edits a read domain may be from a known one to become it (and at most a fifth
    /// of the known domain's length). Learned domains run longer than the providers'
    /// (`skrzynka.example.org`), so they allow 3 where a provider allows 2: on the tuning
    /// coupons the 10 domains between 2 and 3 edits away all became the right domain.
    public static let maximumSlips = 3.0
    /// The share of a learned domain's length its misreading may differ by, up to
    /// `maximumSlips`: a third less a little, where a provider allows a fifth. Short learned
    /// domains (`example.com`) are read three slips off as often as long ones (`qtkxample.com`,
    /// `exkmre.pl`); beyond a fifth the top-level domain must be the one read
    /// (`MailDomains.correction`). Tuning coupons: 7 addresses right that were wrong, none
    /// broken (stop 39).
    public static let slipsPerCharacter = 0.3

    /// Counts, and for each domain read often enough its neighbours (a slip apart) among the
    /// others, so that which are known is weighed among neighbours only.
    private struct State {
        var counts: [String: Int] = [:]
        var neighbours: [String: [String]] = [:]
        /// The words each country's coupons spell their domains in, as their checks last gave them.
        var words: [String: DomainWords] = [:]

        mutating func add(_ domain: String, _ count: Int) {
            let before = counts[domain, default: 0]
            counts[domain] = before + count
            guard before + count >= LearnedDomains.coupons else { return }
            if before < LearnedDomains.coupons {
                let near = neighbours.keys.filter { other in
                    abs(other.count - domain.count) <= 2 && MailDomains.distance(domain, other) <= 1
                }
                neighbours[domain] = near
                for other in near { neighbours[other, default: []].append(domain) }
            }
        }

        /// The domains read often enough and not in the shadow of a neighbour read `dominance`
        /// times as often, where a domain the words stand above a neighbour (`standing`,
        /// `DomainWords.standing(of:against:)`) is never shadowed by it, and always shadows it.
        func known(standing: (String, String) -> Int = { _, _ in 0 }) -> Set<String> {
            var known = Set<String>()
            for (domain, near) in neighbours {
                let count = counts[domain, default: 0]
                let shadowed = near.contains { other in
                    let rank = standing(domain, other)
                    if rank != 0 { return rank < 0 }
                    return counts[other, default: 0] >= LearnedDomains.dominance * count
                }
                if !shadowed { known.insert(domain) }
            }
            return known
        }
    }

    private let state = Mutex(State())

    /// An empty book.
    public init() {}

    /// Counts each domain on as many more coupons as `domainCounts` says (a store's
    /// `emailDomainCounts`); domains the book may not learn are left out.
    public func learn(domainCounts: [String: Int]) {
        state.withLock { state in
            for (domain, count) in domainCounts where count > 0 && Self.learnable("x@" + domain) == domain {
                state.add(domain, count)
            }
        }
    }

    /// Counts the domain of `address`, as stored after the checks, when it can teach the book:
    /// a well-formed address (its top-level domain letters only) at no common provider. Any
    /// top-level domain may be learned: new ones (`.shop`, `.online`) keep coming; but not a
    /// two-letter one that no country has (`posta.example.jt`, learned from two misreadings,
    /// took the next address at `posta.example.it`).
    public func record(address: String) {
        guard let domain = Self.learnable(address) else { return }
        state.withLock { $0.add(domain, 1) }
    }

    /// Coupons per domain, for every domain recorded.
    public var counts: [String: Int] { state.withLock { $0.counts } }

    /// The domains read often enough, and not in the shadow of a commoner neighbour.
    public var known: Set<String> { state.withLock { $0.known() } }

    /// The known domains, where one spelled in `words` (the words of `country`) is never cast
    /// as the misreading of one that is not, or of one spelled in far rarer words, and always
    /// casts such a neighbour as its own.
    ///
    /// A reader can misread one letter of a domain the same way on most coupons: the hand-print
    /// model read `EXAMPLE` as `EXAMPIE` again and again, the book learned `exampie.it` as the
    /// commoner, and then took each `example.it` read right for its misreading. Between two
    /// neighbours, words are far likelier what a customer wrote, and common words likelier
    /// than rare ones: a model that read `MAIL` as `MAL` on most coupons made the book learn
    /// `mal.example` (a word in some languages) and rewrite every `mail.example`. Nor is a domain read as words
    /// taken for a learned one that is not (`FieldChecker.checkEmail`), so the words' own
    /// domain is counted until it is known. The book keeps `words` for `country`, for
    /// ``laterCorrection(of:country:)``.
    func known(spelledIn words: DomainWords?, country: String) -> Set<String> {
        guard let words else { return known }
        return state.withLock { state in
            state.words[country] = words
            return state.known(standing: words.standing(of:against:))
        }
    }

    /// The known domains as ``known(spelledIn:country:)`` sees them with the words `country`'s
    /// coupons last gave, or as they are counted when none did.
    func known(country: String?) -> Set<String> {
        state.withLock { state in
            guard let country, let words = state.words[country] else { return state.known() }
            return state.known(standing: words.standing(of:against:))
        }
    }

    /// The words `country`'s coupons last gave ``known(spelledIn:country:)``, if any.
    func words(of country: String) -> DomainWords? {
        state.withLock { $0.words[country] }
    }

    /// The domain of `address` when it may be learned, else nil.
    static func learnable(_ address: String) -> String? {
        guard EmailNormaliser.isValid(address), let at = address.lastIndex(of: "@") else { return nil }
        let domain = String(address[address.index(after: at)...])
        let labels = domain.split(separator: ".").map(String.init)
        guard !MailDomains.common.contains(domain), labels.allSatisfy({ $0.count >= 2 }),
              labels.last.map(MailDomains.couldBeTopLevel) == true else { return nil }
        return domain
    }
}
