import Foundation
import MailroomPostcodes
import MailroomStore

/// How a document was matched to a customer.
public enum LinkMethod: String, Codable, Sendable, CaseIterable {
    case reference
    case email
    case namePostcode = "name-postcode"
    case none
}

/// What a document tells about its sender, gathered from its fields.
public struct LinkQuery: Sendable, Equatable {
    /// `reference_customer` / `reference_account` values.
    public var customerReferences: [String] = []
    /// `reference_case` values and case references found in the subject or text.
    public var caseReferences: [String] = []
    public var email: String?
    public var name: String?
    public var postcode: String?
    /// Only used to tell apart namesakes at one postcode.
    public var street: String?

    public init(customerReferences: [String] = [], caseReferences: [String] = [], email: String? = nil,
                name: String? = nil, postcode: String? = nil, street: String? = nil) {
        self.customerReferences = customerReferences
        self.caseReferences = caseReferences
        self.email = email
        self.name = name
        self.postcode = postcode
        self.street = street
    }

    /// The query of a document of `kind` with these field values (name → value).
    ///
    /// Letters and e-mails carry `CorrespondenceField`s (`sender_name`, `sender_postcode`…);
    /// coupons carry `first_name` + `surname` (or `name`), `postcode`, `email`.
    public static func from(fields: [String: String], kind: DocumentKind, caseReferences: [String]) -> LinkQuery {
        var query = LinkQuery(caseReferences: caseReferences)
        query.customerReferences = [CorrespondenceField.referenceCustomer, .referenceAccount]
            .compactMap { fields[$0.rawValue] }
        if kind == .coupon {
            let parts = [fields["first_name"], fields["surname"]].compactMap { $0 }
            query.name = parts.isEmpty ? fields["name"] : parts.joined(separator: " ")
            query.postcode = fields["postcode"]
            query.email = fields["email"]
            query.street = fields["street"]
        } else {
            query.name = fields[CorrespondenceField.senderName.rawValue]
            query.postcode = fields[CorrespondenceField.senderPostcode.rawValue]
            query.email = fields[CorrespondenceField.senderEmail.rawValue]
            query.street = fields[CorrespondenceField.senderStreet.rawValue]
        }
        return query
    }
}

/// The linking outcome: the customer (or none), how, how sure, and who else was close.
public struct LinkOutcome: Sendable, Equatable, Codable {
    public var customerID: String?
    public var method: LinkMethod
    public var score: Double?
    /// The best candidates when matching by name, best first (kept even when one was accepted).
    public var candidates: [LinkCandidate]
}

/// Matches a document to the customer list, surely or not at all.
///
/// In order: an explicit reference (a customer id in `reference_customer`/`reference_account`,
/// or a case reference of a case that has a customer); else the e-mail address (exact, any
/// case); else the name among the customers with the same postcode (compared after folding,
/// in any word order). A name match is accepted only when its score reaches ``threshold``
/// AND beats the runner-up by ``margin``, and, when the runner-up is itself plausible
/// (≥ ``contestedLevel``: "Giuseppe" vs "Giuseppina" at one address), only when the best is
/// (almost) exact (≥ ``exactLevel``). When the name alone can not decide and the document
/// gives a street, namesakes that pass the threshold are told apart by street: exactly one
/// of them must match it (≥ 0.8) and beat every other's street by 0.15. Otherwise the
/// document stays unlinked and the candidates are kept for the operator. Nothing is guessed
/// below the threshold.
public struct CustomerLinker: Sendable {
    /// Lowest name similarity accepted (0…1).
    public var threshold: Double
    /// How far the best name must be ahead of the second best.
    public var margin: Double
    /// A runner-up at least this similar makes the match contested.
    public var contestedLevel: Double
    /// What a contested match needs to be accepted.
    public var exactLevel: Double
    public let database: MailroomDatabase

    public static let defaultThreshold = 0.82
    public static let defaultMargin = 0.06

    public init(
        database: MailroomDatabase, threshold: Double = defaultThreshold, margin: Double = defaultMargin,
        contestedLevel: Double = 0.8, exactLevel: Double = 0.97
    ) {
        self.database = database
        self.threshold = threshold
        self.margin = margin
        self.contestedLevel = contestedLevel
        self.exactLevel = exactLevel
    }

    public func link(_ query: LinkQuery) throws(StoreError) -> LinkOutcome {
        for reference in query.customerReferences {
            let id = reference.trimmingCharacters(in: .whitespacesAndNewlines)
            if id.isEmpty { continue }
            var customer = try database.customer(id: id)
            if customer == nil, id.uppercased() != id { customer = try database.customer(id: id.uppercased()) }
            if let customer {
                return LinkOutcome(customerID: customer.id, method: .reference, score: 1, candidates: [])
            }
        }
        for reference in query.caseReferences {
            if let found = try database.caseRecord(reference: reference), let customer = found.customerID {
                return LinkOutcome(customerID: customer, method: .reference, score: 1, candidates: [])
            }
        }
        var pool: [CustomerRecord] = []
        if let email = query.email?.trimmingCharacters(in: .whitespacesAndNewlines), email.contains("@") {
            let owners = try database.customers(email: email)
            if owners.count == 1 {
                return LinkOutcome(customerID: owners[0].id, method: .email, score: 1, candidates: [])
            }
            pool = owners
        }
        guard let name = query.name, !name.isEmpty else {
            return LinkOutcome(customerID: nil, method: .none, score: nil, candidates: [])
        }
        if let postcode = query.postcode, !postcode.isEmpty {
            let key = NameMatching.postcodeKey(postcode)
            let local = try database.customers(postcodeKey: key)
            // Customers sharing the e-mail are only narrowed by name when they also share the postcode.
            pool = pool.isEmpty ? local : pool.filter { $0.postcodeKey == key }
        } else if pool.count < 2 {
            return LinkOutcome(customerID: nil, method: .none, score: nil, candidates: [])
        }
        return decide(name: name, street: query.street, among: pool)
    }

    /// Scores `name` against `pool` and accepts the best only when sure.
    func decide(name: String, street: String?, among pool: [CustomerRecord]) -> LinkOutcome {
        let scored = pool.map { LinkCandidate(customerID: $0.id, name: $0.name, score: NameMatching.similarity(name, $0.name)) }
            .sorted { $0.score != $1.score ? $0.score > $1.score : $0.customerID < $1.customerID }
        let candidates = Array(scored.prefix(3))
        guard let best = scored.first else {
            return LinkOutcome(customerID: nil, method: .none, score: nil, candidates: [])
        }
        let runnerUp = scored.dropFirst().first?.score ?? 0
        let contested = runnerUp >= contestedLevel && best.score < exactLevel
        if best.score >= threshold && best.score - runnerUp >= margin && !contested {
            return LinkOutcome(customerID: best.customerID, method: .namePostcode, score: best.score, candidates: candidates)
        }
        if let street, !street.isEmpty, let byStreet = decideByStreet(street, scored: scored, pool: pool) {
            return LinkOutcome(customerID: byStreet.customerID, method: .namePostcode, score: byStreet.score,
                               candidates: candidates)
        }
        return LinkOutcome(customerID: nil, method: .none, score: best.score, candidates: candidates)
    }

    /// The one namesake whose street clearly matches, among those whose name passes the threshold.
    private func decideByStreet(_ street: String, scored: [LinkCandidate], pool: [CustomerRecord]) -> LinkCandidate? {
        let streets = Dictionary(pool.map { ($0.id, $0.street ?? "") }, uniquingKeysWith: { first, _ in first })
        let plausible = scored.filter { $0.score >= threshold }
        guard plausible.count > 1 else { return nil }
        let ranked = plausible.map { ($0, NameMatching.streetSimilarity(street, streets[$0.customerID] ?? "")) }
            .sorted { $0.1 > $1.1 }
        guard let first = ranked.first, first.1 >= 0.8 else { return nil }
        let second = ranked.dropFirst().first?.1 ?? 0
        return first.1 - second >= 0.15 ? first.0 : nil
    }
}
