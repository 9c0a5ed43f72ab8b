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
        /// The scan files deleted (with `deleteScans`).
        public var deletedScans: [String] = []
        /// The scan files still on disk: the database no longer knows them, so this list is
        /// the one place that says which files to delete.
        public var remainingScans: [String] = []
        /// Files that could not be deleted, with the reason.
        public var failedDeletions: [String] = []
        /// Batch files the documents were cut out of, with their pages: never deleted, since
        /// they hold other people's documents too.
        public var batchSources: [String] = []
    }

    /// Erases the customer's data; with `deleteScans`, also deletes the scanned files their
    /// documents were read from (those that still exist), after the database is done.
    public func forget(_ identifier: String, operator who: String, deleteScans: Bool = false) throws(OperatorError) -> Report {
        let trimmed = identifier.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw OperatorError(.usage, "name the customer by id or e-mail address") }
        let customer = try storing { () throws(StoreError) in try database.customer(id: trimmed) }
        let email = trimmed.contains("@") ? trimmed : customer?.email
        let owned = try storing { () throws(StoreError) in try database.personalRecords(customerID: customer?.id, email: email) }
        guard customer != nil || !owned.documents.isEmpty else {
            throw OperatorError(.documentNotFound, "no customer '\(trimmed)' and no document carrying that address; nothing was erased")
        }
        let paths = try storing { () throws(StoreError) in try database.documentPaths(owned.documents) }
        let batches = try storing { () throws(StoreError) in try database.batchSources(owned.documents) }
        let counts = try storing { () throws(StoreError) in
            try database.erasePersonalData(documentIDs: owned.documents, caseIDs: owned.cases, customerID: customer?.id)
        }
        var report = Report(customerID: customer?.id, documents: owned.documents, cases: owned.cases, counts: counts)
        report.batchSources = batches
        for path in paths where FileManager.default.fileExists(atPath: path) {
            guard deleteScans else { report.remainingScans.append(path); continue }
            do {
                try FileManager.default.removeItem(atPath: path)
                report.deletedScans.append(path)
            } catch {
                report.failedDeletions.append("\(path): \(error.localizedDescription)")
                report.remainingScans.append(path)
            }
        }
        let digest = SHA256.hash(data: Data(trimmed.lowercased().utf8)).map { String(format: "%02x", $0) }.joined()
        var details = String(decoding: (try? JSONEncoder().encode(counts)) ?? Data("{}".utf8), as: UTF8.self)
        details = String(details.dropLast()) + ",\"scans_deleted\":\(report.deletedScans.count)}"
        _ = try storing { () throws(StoreError) in
            try database.appendAudit(AuditRecord(at: now(), operatorName: who, action: "privacy.forget",
                                                 target: "customer sha256:" + digest.prefix(16), details: details))
        }
        return report
    }
}
