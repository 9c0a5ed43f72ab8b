import Foundation
import MailroomStore

/// What receiving one document did.
public struct ReceiveOutcome: Sendable, Equatable, Codable {
    public enum Action: String, Sendable, Codable {
        /// A new case was opened for the document.
        case opened
        /// The document joined an existing case.
        case joined
        /// A coupon was linked (or found unlinkable); coupons open no case.
        case linked
        /// Already filed by an earlier run: nothing was written.
        case alreadyFiled = "already-filed"
        /// Not a finished letter, e-mail or coupon.
        case skipped
    }

    public var documentID: Int64
    public var kind: String
    public var action: Action
    public var customerID: String?
    public var linkMethod: LinkMethod?
    public var linkScore: Double?
    public var caseReference: String?
    /// How the case was found: new, reference, customer-topic or thread.
    public var joinedBy: String?
    public var topic: String?
}

extension CaseDesk {
    /// A case reference as people write it: `C-2026-000123`.
    static let referencePattern = #"\bC-\d{4}-\d{6}\b"#

    /// Files every finished letter and e-mail not yet in a case, and links every coupon not yet
    /// linked. Safe to run again: what is filed stays filed, so a killed run catches up.
    public func receivePending() throws(CaseError) -> [ReceiveOutcome] {
        let pending = try storing { () throws(StoreError) in try database.documentsAwaitingCases() }
        var outcomes: [ReceiveOutcome] = []
        for id in pending { outcomes.append(try receive(documentID: id)) }
        return outcomes
    }

    /// Links a document to its customer and files it in a case (letters, e-mails), indexing it
    /// for search. A document already filed is left alone.
    ///
    /// The case is, in order: the one whose reference the document quotes (`reference_case`
    /// or `C-YYYY-NNNNNN` in subject or text); else an open case of the same customer on the
    /// same topic; else, for an e-mail, the case holding a message it replies to
    /// (`in_reply_to`); else a new case, routed by the rules. An archived case is never
    /// joined: a new case opens and notes the old reference.
    @discardableResult
    public func receive(documentID: Int64) throws(CaseError) -> ReceiveOutcome {
        guard let document = try storing({ () throws(StoreError) in try database.document(id: documentID) }) else {
            throw .notFound("document \(documentID)")
        }
        var outcome = ReceiveOutcome(documentID: documentID, kind: document.kind.rawValue, action: .skipped)
        guard document.state == .done, [.letter, .email, .coupon].contains(document.kind) else { return outcome }
        if let filed = try storing({ () throws(StoreError) in try database.caseDocument(documentID: documentID) }) {
            outcome.action = .alreadyFiled
            outcome.caseReference = try storing { () throws(StoreError) in
                try database.caseRecord(id: filed.caseID)?.reference
            }
            return outcome
        }
        let fields = try storing { () throws(StoreError) in try database.fields(documentID: documentID) }
        var values: [String: String] = [:]
        for field in fields {
            if let value = (field.value ?? field.raw)?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty {
                values[field.name] = value
            }
        }
        let subject = values[CorrespondenceField.subject.rawValue]
        let caseReferences = Self.caseReferences(in: [values[CorrespondenceField.referenceCase.rawValue], subject,
                                                      document.text])
        let query = LinkQuery.from(fields: values, kind: document.kind, caseReferences: caseReferences)
        let link = try storing { () throws(StoreError) in try linker.link(query) }
        outcome.customerID = link.customerID
        outcome.linkMethod = link.method
        outcome.linkScore = link.score
        let now = self.now
        let linkRecord = DocumentCustomerRecord(documentID: documentID, customerID: link.customerID,
                                                method: link.method.rawValue, score: link.score,
                                                candidates: link.candidates, linkedAt: now)
        try searchIndex.index(document: document, fields: fields)

        if document.kind == .coupon {
            if try storing({ () throws(StoreError) in try database.documentCustomer(documentID: documentID) }) != nil {
                outcome.action = .alreadyFiled
                return outcome
            }
            try storing { () throws(StoreError) in try database.saveDocumentCustomer(linkRecord) }
            outcome.action = .linked
            return outcome
        }

        let topic = rules.topics.detect(subject: subject, text: document.text)
        outcome.topic = topic
        let (target, method, events, readAt) = try chooseCase(
            document: document, values: values, subject: subject, topic: topic, caseReferences: caseReferences,
            customerID: link.customerID, now: now)
        let intake = CaseIntake(documentID: documentID, link: linkRecord, target: target, linkMethod: method,
                                events: events, expectedUpdatedAt: readAt)
        let saved = try storing { () throws(StoreError) in try database.fileIntake(intake) }
        guard let saved else {
            outcome.action = .alreadyFiled
            return outcome
        }
        if case .new = target { outcome.action = .opened } else { outcome.action = .joined }
        outcome.caseReference = saved.reference
        outcome.joinedBy = method
        return outcome
    }

    static func caseReferences(in texts: [String?]) -> [String] {
        var found: [String] = []
        for text in texts.compactMap({ $0 }) {
            var searchRange = text.startIndex..<text.endIndex
            while let range = text.range(of: referencePattern, options: [.regularExpression, .caseInsensitive],
                                         range: searchRange) {
                let reference = text[range].uppercased()
                if !found.contains(reference) { found.append(reference) }
                searchRange = range.upperBound..<text.endIndex
            }
        }
        return found
    }

    private func chooseCase(
        document: DocumentRecord, values: [String: String], subject: String?, topic: String,
        caseReferences: [String], customerID: String?, now: Date
    ) throws(CaseError) -> (CaseIntake.Target, String, [CaseEventRecord], Date?) {
        let documentID = document.id ?? 0
        var archivedReference: String?
        for reference in caseReferences {
            if let found = try storing({ () throws(StoreError) in try database.caseRecord(reference: reference) }) {
                if found.state == CaseState.archived.rawValue {
                    archivedReference = found.reference
                    continue
                }
                return try join(found, document: document, customerID: customerID, method: "reference", now: now)
            }
        }
        if let customerID {
            let open = try storing { () throws(StoreError) in
                try database.cases(CaseQuery(states: CaseState.allCases.filter(\.isOpen).map(\.rawValue),
                                             customerID: customerID, topic: topic, limit: 1))
            }
            if let found = open.first {
                return try join(found, document: document, customerID: customerID, method: "customer-topic", now: now)
            }
        }
        if document.kind == .email, let replyTo = values[CorrespondenceField.inReplyTo.rawValue] {
            let ids = replyTo.split(whereSeparator: \.isWhitespace).map(String.init)
            if let caseID = try storing({ () throws(StoreError) in try database.caseID(holdingMessageIDs: ids) }),
               let found = try storing({ () throws(StoreError) in try database.caseRecord(id: caseID) }),
               found.state != CaseState.archived.rawValue {
                return try join(found, document: document, customerID: customerID, method: "thread", now: now)
            }
        }
        let customer = try customerID.flatMap { id throws(CaseError) in
            try storing { () throws(StoreError) in try database.customer(id: id) }
        }
        let decision = rules.route(RoutingFacts(
            contractLevel: customer?.contractLevel, vip: customer?.vip ?? false, topic: topic,
            language: document.language, channel: document.kind.rawValue))
        let received = document.createdAt
        let record = CaseRecord(
            customerID: customerID, subject: Self.subjectLine(subject: subject, values: values, text: document.text),
            topic: topic, language: document.language, priority: decision.priority, queue: decision.queue,
            state: CaseState.new.rawValue, channels: [document.kind.rawValue], createdAt: received,
            firstResponseDue: rules.calendar.adding(hours: decision.firstResponseHours, to: received),
            resolutionDue: rules.calendar.adding(hours: decision.resolutionHours, to: received),
            routingRule: decision.rule, updatedAt: now)
        var text = "opened from \(document.kind.rawValue) #\(documentID); topic \(topic); rule \(decision.rule): "
            + "queue \(decision.queue), priority \(decision.priority)"
        if let archivedReference { text += "; follows archived case \(archivedReference)" }
        let events = [
            CaseEventRecord(at: now, actor: Self.systemActor, kind: CaseEventKind.transition.rawValue,
                            toState: CaseState.new.rawValue, text: text, documentID: documentID),
        ]
        return (.new(record), "new", events, nil)
    }

    private func join(
        _ found: CaseRecord, document: DocumentRecord, customerID: String?, method: String, now: Date
    ) throws(CaseError) -> (CaseIntake.Target, String, [CaseEventRecord], Date?) {
        var record = found
        let state = try Self.state(of: record)
        let target = CaseAction.receive.target(from: state) ?? state
        if !record.channels.contains(document.kind.rawValue) { record.channels.append(document.kind.rawValue) }
        if record.customerID == nil { record.customerID = customerID }
        record.updatedAt = now
        var events = [CaseEventRecord(
            at: now, actor: Self.systemActor, kind: CaseEventKind.document.rawValue,
            text: "\(document.kind.rawValue) #\(document.id ?? 0) joined by \(method)", documentID: document.id)]
        if target != state {
            record.state = target.rawValue
            if target == .reopened { record.resolvedAt = nil }
            events.append(CaseEventRecord(
                at: now, actor: Self.systemActor, kind: CaseEventKind.transition.rawValue, fromState: state.rawValue,
                toState: target.rawValue, text: "the customer wrote again", documentID: document.id))
        }
        return (.existing(record), method, events, found.updatedAt)
    }

    static func subjectLine(subject: String?, values: [String: String], text: String?) -> String {
        let candidates = [subject, values[CorrespondenceField.summary.rawValue],
                          text?.split(whereSeparator: \.isNewline).first.map(String.init)]
        let line = candidates.compactMap { $0?.trimmingCharacters(in: .whitespacesAndNewlines) }
            .first { !$0.isEmpty } ?? "(no subject)"
        return line.count > 120 ? String(line.prefix(119)) + "…" : line
    }
}
