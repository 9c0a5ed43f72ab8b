import Crypto
import Foundation
import MailroomStore

/// Erases one customer's personal data on request (GDPR article 17), keeping anonymous counts.
///
/// The customer is named by their id in the customer list or by an e-mail address. What
/// belongs to them: documents linked to the id, documents carrying the address in an e-mail
/// field, the cases of either, and every letter and e-mail in those cases. The erasure is one
/// transaction (``MailroomDatabase/erasePersonalData(documentIDs:caseIDs:customerID:)``); the
/// audit log records it under a hash of the identifier, so the log itself names nobody.
public struct CustomerForgetting: Sendable {
    public let database: MailroomDatabase
    let now: @Sendable () -> Date

    public init(database: MailroomDatabase, now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.now = now
    }

    /// What `forget` removed.
    public struct Report: Sendable, Equatable, Codable {
        public var customerID: String?
        public var documents: [Int64]
        public var cases: [Int64]
        public var counts: ErasureCounts
    }

    public func forget(_ identifier: String, operator who: String) throws(OperatorError) -> Report {
        let trimmed = identifier.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw OperatorError(.usage, "name the customer by id or e-mail address") }
        let customer = try storing { () throws(StoreError) in try database.customer(id: trimmed) }
        let email = trimmed.contains("@") ? trimmed : customer?.email
        let owned = try storing { () throws(StoreError) in try database.personalRecords(customerID: customer?.id, email: email) }
        guard customer != nil || !owned.documents.isEmpty else {
            throw OperatorError(.documentNotFound, "no customer '\(trimmed)' and no document carrying that address; nothing was erased")
        }
        let counts = try storing { () throws(StoreError) in
            try database.erasePersonalData(documentIDs: owned.documents, caseIDs: owned.cases, customerID: customer?.id)
        }
        let digest = SHA256.hash(data: Data(trimmed.lowercased().utf8)).map { String(format: "%02x", $0) }.joined()
        let details = String(decoding: (try? JSONEncoder().encode(counts)) ?? Data("{}".utf8), as: UTF8.self)
        _ = try storing { () throws(StoreError) in
            try database.appendAudit(AuditRecord(at: now(), operatorName: who, action: "privacy.forget",
                                                 target: "customer sha256:" + digest.prefix(16), details: details))
        }
        return Report(customerID: customer?.id, documents: owned.documents, cases: owned.cases, counts: counts)
    }
}
