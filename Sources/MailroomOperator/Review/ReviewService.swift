import Foundation
import MailroomCapture
import MailroomPostcodes
import MailroomStore

/// The review queue and the operator's decisions on it.
///
/// The CLI and (later) the web station call this service; every decision is checked with
/// the scanner's own field rules (``FieldValueCheck``), stored in `field_decision` with the
/// field update, and written to `audit_log`, all in one transaction.
public final class ReviewService: Sendable {
    public let database: MailroomDatabase
    public let forms: FormLibrary
    public let postcodes: PostcodeDirectory?
    /// The time stamped on decisions (injected by tests).
    let now: @Sendable () -> Date

    public init(
        database: MailroomDatabase, forms: FormLibrary, postcodes: PostcodeDirectory?,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.database = database
        self.forms = forms
        self.postcodes = postcodes
        self.now = now
    }

    /// Doubtful fields, by run, then document, then the form's field order.
    ///
    /// The postcode directory's candidates cost a fuzzy town search each, so they are filled
    /// in only with `withCandidates` (``entry(documentID:field:)`` always fills them).
    public func queue(runID: Int64? = nil, withCandidates: Bool = false) throws(OperatorError) -> [ReviewEntry] {
        let items = try storing { () throws(StoreError) in try database.fieldsNeedingReview(runID: runID) }
        return items.map { entry(document: $0.document, field: $0.field, withCandidates: withCandidates) }
    }

    /// Every coupon with its review state, and every letter and e-mail with fields waiting,
    /// by run then document.
    public func documents() throws(OperatorError) -> [ReviewDocument] {
        let all = try storing { () throws(StoreError) in
            try database.documentsWithFields(kind: .coupon)
                + (try database.documentsWithFields(kind: .letter) + database.documentsWithFields(kind: .email))
                    .filter { $0.fields.contains { $0.decision == .review } }
        }
        return all.filter { $0.document.state == .done }
            .sorted { ($0.document.runID ?? 0, $0.document.id ?? 0) < ($1.document.runID ?? 0, $1.document.id ?? 0) }
            .map { item in
                ReviewDocument(
                    documentID: item.document.id ?? 0, sha256: item.document.sha256, path: item.document.path,
                    kind: item.document.kind.rawValue, formID: item.document.formID, runID: item.document.runID, fields: item.fields.count,
                    pending: item.fields.filter { $0.decision == .review }.count, verified: item.isVerified)
            }
    }

    /// The document a reference names: its id, or a unique prefix of its sha256 (4+ hex digits).
    public func resolve(_ reference: String) throws(OperatorError) -> DocumentRecord {
        let text = reference.trimmingCharacters(in: .whitespaces)
        if let id = Int64(text), let document = try storing({ () throws(StoreError) in try database.document(id: id) }) {
            return document
        }
        guard text.count >= 4, text.allSatisfy(\.isHexDigit) else {
            throw OperatorError(.documentNotFound, "no document \(reference): give a document id (see 'mailroom review list') or 4+ hex digits of its sha256")
        }
        let found = try storing { () throws(StoreError) in try database.documents(sha256Prefixes: [text]) }
        if found.count > 1 {
            throw OperatorError(.ambiguousDocument, "sha256 prefix \(reference) matches \(found.count) documents; give more digits")
        }
        guard let document = found.first else {
            throw OperatorError(.documentNotFound, "no document has id or sha256 prefix \(reference); see 'mailroom review list'")
        }
        return document
    }

    /// The entries of a document's fields: the doubtful ones, or all with `includeAccepted`.
    public func entries(documentID: Int64, includeAccepted: Bool = false) throws(OperatorError) -> [ReviewEntry] {
        guard let document = try storing({ () throws(StoreError) in try database.document(id: documentID) }) else {
            throw OperatorError(.documentNotFound, "no document \(documentID)")
        }
        let fields = try storing { () throws(StoreError) in try database.fields(documentID: documentID) }
        return fields.filter { includeAccepted || $0.decision == .review }.map { entry(document: document, field: $0) }
    }

    /// One field of a document as an entry, whatever its decision.
    public func entry(documentID: Int64, field name: String) throws(OperatorError) -> ReviewEntry {
        let (document, field) = try load(documentID: documentID, field: name)
        return entry(document: document, field: field)
    }

    func entry(document: DocumentRecord, field: FieldRecord, withCandidates: Bool = true) -> ReviewEntry {
        let address = withCandidates ? addressCandidates(document: document, field: field) : []
        let earlier = withCandidates && field.decision == .review ? earlierDecision(document: document, field: field) : nil
        var choices: [String] = []
        // A choice the field's own check would refuse (a witness's card number outside the
        // programme's range, a garbled e-mail) cannot be picked, so it is not offered. Postcode
        // and town choices are "CODE TOWN" pairs, checked as a pair when picked.
        let check = field.type == "postcode" || field.type == "town" ? nil : valueCheck(document)
        for option in [earlier].compactMap({ $0 }) + field.alternatives.map(\.value) + address
        where !option.isEmpty && option != field.value && check?.check(option, field: field.name)?.isValid != false {
            if !choices.contains(option) { choices.append(option) }
        }
        return ReviewEntry(
            documentID: document.id ?? 0, sha256: document.sha256, path: document.path, formID: document.formID,
            runID: document.runID, field: field.name, type: field.type, decision: field.decision.rawValue,
            reasons: field.reason.map { $0.components(separatedBy: "; ") } ?? [], raw: field.raw,
            suggestion: field.value, confidence: field.confidence, choices: Array(choices.prefix(9)),
            addressCandidates: address, box: field.box, earlierDecision: earlier, source: source(of: document))
    }

    /// Where a document cut out of a batch file came from (`pages 3-4 of PATH`), or nil for
    /// a document scanned on its own.
    func source(of document: DocumentRecord) -> String? {
        guard let batch = document.sourceSHA256, let pages = document.sourcePages else { return nil }
        let stored = try? database.knownDocument(sha256: batch)
        let name = stored?.path ?? "the batch file \(batch.prefix(12))"
        return "\(pages.contains("-") ? "pages" : "page") \(pages) of \(name)"
    }

    /// The value the last accept, correction, pick or undo on this field left, if any.
    func earlierDecision(document: DocumentRecord, field: FieldRecord) -> String? {
        let history = (try? database.decisions(documentID: document.id ?? 0)) ?? []
        return history.last { $0.fieldName == field.name && $0.action != .skip }
            .flatMap { $0.action == .undo ? nil : $0.newValue }
    }

    /// The directory's postcode/town pairs for a postcode or town field, from both fields' values.
    func addressCandidates(document: DocumentRecord, field: FieldRecord) -> [String] {
        guard field.type == "postcode" || field.type == "town", let check = valueCheck(document) else { return [] }
        let fields = (try? database.fields(documentID: document.id ?? 0)) ?? []
        let postcode = fields.first { $0.type == "postcode" }
        let town = fields.first { $0.type == "town" }
        return check.addressCandidates(postcode: postcode?.value ?? postcode?.raw, town: town?.value ?? town?.raw)
    }

    func valueCheck(_ document: DocumentRecord) -> FieldValueCheck? {
        if let id = document.formID, let form = forms.form(id: id) { return FieldValueCheck(form: form, postcodes: postcodes) }
        // Letters and e-mails: checked in the sender's country, when it is known.
        guard document.kind == .letter || document.kind == .email,
              let country = try? database.field(documentID: document.id ?? 0, name: "sender_country")?.value,
              !country.isEmpty else { return nil }
        return FieldValueCheck(form: .correspondence(country: country), postcodes: postcodes)
    }

    func load(documentID: Int64, field name: String) throws(OperatorError) -> (DocumentRecord, FieldRecord) {
        guard let document = try storing({ () throws(StoreError) in try database.document(id: documentID) }) else {
            throw OperatorError(.documentNotFound, "no document \(documentID)")
        }
        guard let field = try storing({ () throws(StoreError) in try database.field(documentID: documentID, name: name) }) else {
            let names = (try? database.fields(documentID: documentID).map(\.name)) ?? []
            throw OperatorError(.fieldNotFound, "document \(documentID) has no field '\(name)'; its fields are: \(names.joined(separator: ", "))")
        }
        return (document, field)
    }
}
