import Foundation
import MailroomPostcodes
import MailroomStore

/// The customer-case desk: files incoming letters, e-mails and coupons, and runs the case workflow.
///
/// It owns the database, the routing rules (which hold the business calendar) and a clock,
/// which tests replace to move time. Every change to a case is saved with the timeline line
/// that says who did it, when and why, in one transaction.
public final class CaseDesk: Sendable {
    public let database: MailroomDatabase
    public let rules: RoutingRules
    public let linker: CustomerLinker
    public let searchIndex: SearchIndex
    let clock: @Sendable () -> Date

    /// The actor name used for what the desk does by itself (filing, routing).
    public static let systemActor = "mailroom"

    public init(
        database: MailroomDatabase, rules: RoutingRules, linker: CustomerLinker? = nil,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.database = database
        self.rules = rules
        self.linker = linker ?? CustomerLinker(database: database)
        self.searchIndex = SearchIndex(database: database)
        self.clock = clock
    }

    /// The current time by the desk's clock.
    public var now: Date { clock() }

    /// The case named by a numeric id or a reference (`C-2026-000123`, any case).
    public func resolve(_ idOrReference: String) throws(CaseError) -> CaseRecord {
        let text = idOrReference.trimmingCharacters(in: .whitespaces)
        if let id = Int64(text), let found = try storing({ () throws(StoreError) in try database.caseRecord(id: id) }) {
            return found
        }
        if let found = try storing({ () throws(StoreError) in try database.caseRecord(reference: text) }) {
            return found
        }
        throw .notFound("case \(idOrReference)")
    }

    /// Cases matching the query, newest first.
    public func cases(_ query: CaseQuery = CaseQuery()) throws(CaseError) -> [CaseRecord] {
        try storing { () throws(StoreError) in try database.cases(query) }
    }

    /// Everything an archive bundle needs: the case, its documents, timeline and replies.
    ///
    /// The hook for the archive exporter (PDF bundle), which is built elsewhere.
    public func archiveContents(_ caseID: Int64) throws(CaseError) -> CaseArchiveContents {
        guard let record = try storing({ () throws(StoreError) in try database.caseRecord(id: caseID) }) else {
            throw .notFound("case \(caseID)")
        }
        return try storing { () throws(StoreError) in
            let links = try database.caseDocuments(caseID: caseID)
            let documents = try database.documents(ids: links.map(\.documentID))
            let events = try database.caseEvents(caseID: caseID)
            return CaseArchiveContents(case: record, documents: documents, events: events,
                                       replies: events.filter { $0.kind == CaseEventKind.reply.rawValue })
        }
    }
}

/// What an archive of one case holds.
public struct CaseArchiveContents: Sendable, Equatable {
    public var `case`: CaseRecord
    public var documents: [DocumentRecord]
    public var events: [CaseEventRecord]
    /// The reply events, with their text or attachment path.
    public var replies: [CaseEventRecord]
}

/// The kinds of timeline lines.
public enum CaseEventKind: String, Codable, Sendable, CaseIterable {
    case transition
    case note
    case reply
    case forward
    case unitAnswer = "unit-answer"
    case document
    case assign
}
