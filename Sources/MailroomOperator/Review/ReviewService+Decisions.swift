import Foundation
import MailroomCapture
import MailroomStore

extension ReviewService {
    /// Accepts the field's current value, after checking it as the scanner would.
    @discardableResult
    ///
    /// `shown` is the entry the operator looked at: when the field changed since (another
    /// operator decided it), nothing is written and ``OperatorError/Code/changedMeanwhile`` is thrown.
    public func accept(
        documentID: Int64, field name: String, operator who: String, shown: ReviewEntry? = nil
    ) throws(OperatorError) -> DecisionOutcome {
        let (document, field) = try load(documentID: documentID, field: name, shown: shown)
        let value = try checked(field.value ?? "", field: field, document: document)
        return try decide(document: document, field: field, value: value.value, action: .accept, warnings: value.warnings,
                          operator: who, batch: UUID().uuidString)
    }

    /// Accepts every doubtful field of a document; stops at the first that fails its checks.
    public func acceptAll(documentID: Int64, operator who: String) throws(OperatorError) -> [DecisionOutcome] {
        var outcomes: [DecisionOutcome] = []
        for entry in try entries(documentID: documentID) {
            outcomes.append(try accept(documentID: documentID, field: entry.field, operator: who))
        }
        return outcomes
    }

    /// Sets the field to a typed value, normalised and checked like a scanned one.
    ///
    /// A value that fails the checks is refused with ``OperatorError/Code/invalidValue``; a
    /// postcode and town that do not match each other are saved with a warning.
    @discardableResult
    public func set(
        documentID: Int64, field name: String, value: String, operator who: String, shown: ReviewEntry? = nil
    ) throws(OperatorError) -> DecisionOutcome {
        let (document, field) = try load(documentID: documentID, field: name, shown: shown)
        let outcome = try checked(value, field: field, document: document)
        return try decide(document: document, field: field, value: outcome.value, action: .correct,
                          warnings: outcome.warnings, operator: who, batch: UUID().uuidString)
    }

    /// Picks a numbered choice (1-based, as ``ReviewEntry/choices`` lists them).
    ///
    /// A "CODE TOWN" pair picked on a postcode or town field sets both fields, as one decision
    /// batch that a single undo reverts.
    @discardableResult
    public func pick(
        documentID: Int64, field name: String, choice number: Int, operator who: String, shown: ReviewEntry? = nil
    ) throws(OperatorError) -> DecisionOutcome {
        let (document, field) = try load(documentID: documentID, field: name, shown: shown)
        let choices = entry(document: document, field: field).choices
        guard number >= 1, number <= choices.count else {
            throw OperatorError(.noAlternative, choices.isEmpty
                ? "field '\(name)' has no alternatives to pick; type the value instead"
                : "field '\(name)' has alternatives 1 to \(choices.count); \(number) is not one of them")
        }
        let choice = choices[number - 1]
        let batch = UUID().uuidString
        if let pair = addressPair(choice, document: document, field: field) {
            var outcome: DecisionOutcome?
            for (target, value) in [(pair.postcode, pair.code), (pair.town, pair.name)] {
                let current = try load(documentID: documentID, field: target.name).1
                let checkedValue = try checked(value, field: current, document: document)
                let made = try decide(document: document, field: current, value: checkedValue.value, action: .pick,
                                      warnings: checkedValue.warnings, operator: who, batch: batch)
                if target.name == field.name { outcome = made }
            }
            if var outcome {
                outcome.documentVerified = try isVerified(documentID)
                return outcome
            }
        }
        let outcome = try checked(choice, field: field, document: document)
        return try decide(document: document, field: field, value: outcome.value, action: .pick,
                          warnings: outcome.warnings, operator: who, batch: batch)
    }

    /// Records that the operator passed over the field; it stays in review for a later session.
    @discardableResult
    public func skip(documentID: Int64, field name: String, operator who: String) throws(OperatorError) -> DecisionOutcome {
        let (document, field) = try load(documentID: documentID, field: name)
        let decision = FieldDecisionRecord(documentID: documentID, fieldName: name, operatorName: who, decidedAt: now(),
                                           oldValue: field.value, newValue: field.value, action: .skip)
        let details = DecisionDetails(oldValue: field.value, newValue: field.value, oldDecision: field.decision.rawValue,
                                      newDecision: field.decision.rawValue)
        let audit = AuditRecord(at: now(), operatorName: who, action: "review.skip", target: target(document, name),
                                documentID: documentID, details: details.json)
        _ = try storing { () throws(StoreError) in try database.recordDecision(decision, updatedField: nil, audit: audit) }
        return DecisionOutcome(documentID: documentID, field: name, action: .skip, oldValue: field.value,
                               newValue: field.value, warnings: [], documentVerified: try isVerified(documentID))
    }

    /// Reverts this operator's last accept, correction or pick not yet undone (with the rest
    /// of its batch): restores the old value and decision, recorded as `undo` decisions.
    /// Returns the reverted fields, the one decided last first.
    @discardableResult
    public func undo(operator who: String) throws(OperatorError) -> [DecisionOutcome] {
        let audits = try storing { () throws(StoreError) in
            try database.auditLog(operatorName: who, actions: ["review.accept", "review.correct", "review.pick", "review.undo"])
        }
        let undone = Set(audits.filter { $0.action == "review.undo" }.flatMap { DecisionDetails.parse($0.details)?.undoes ?? [] })
        guard let last = audits.first(where: { $0.action != "review.undo" && $0.decisionID.map { !undone.contains($0) } ?? false }),
              let lastDetails = DecisionDetails.parse(last.details) else {
            throw OperatorError(.nothingToUndo, "\(who) has no decision left to undo")
        }
        let group = audits.filter { entry in
            entry.action != "review.undo" && entry.decisionID.map { !undone.contains($0) } ?? false
                && lastDetails.batch != nil && DecisionDetails.parse(entry.details)?.batch == lastDetails.batch
        }
        let undoBatch = UUID().uuidString
        var outcomes: [DecisionOutcome] = []
        for entry in group.isEmpty ? [last] : group {
            guard let decisionID = entry.decisionID,
                  let decision = try storing({ () throws(StoreError) in try database.decision(id: decisionID) }),
                  let details = DecisionDetails.parse(entry.details) else { continue }
            let (document, field) = try load(documentID: decision.documentID, field: decision.fieldName)
            var restored = field
            restored.value = details.oldValue
            restored.decision = details.oldDecision.flatMap(FieldDecision.init(rawValue:)) ?? .review
            let record = FieldDecisionRecord(documentID: decision.documentID, fieldName: decision.fieldName, operatorName: who,
                                             decidedAt: now(), oldValue: field.value, newValue: restored.value, action: .undo)
            let undoDetails = DecisionDetails(oldValue: field.value, newValue: restored.value, oldDecision: field.decision.rawValue,
                                              newDecision: restored.decision.rawValue, undoes: [decisionID], batch: undoBatch)
            let audit = AuditRecord(at: now(), operatorName: who, action: "review.undo", target: target(document, field.name),
                                    documentID: decision.documentID, details: undoDetails.json)
            _ = try storing { () throws(StoreError) in try database.recordDecision(record, updatedField: restored, audit: audit) }
            outcomes.append(DecisionOutcome(documentID: decision.documentID, field: field.name, action: .undo,
                                            oldValue: field.value, newValue: restored.value, warnings: [],
                                            documentVerified: try isVerified(decision.documentID)))
        }
        return outcomes
    }

    /// Whether every field of the document is accepted.
    public func isVerified(_ documentID: Int64) throws(OperatorError) -> Bool {
        guard let document = try storing({ () throws(StoreError) in try database.document(id: documentID) }) else { return false }
        let fields = try storing { () throws(StoreError) in try database.fields(documentID: documentID) }
        return DocumentFields(document: document, fields: fields, lastDecisionAt: nil).isVerified
    }

    private func decide(
        document: DocumentRecord, field: FieldRecord, value: String, action: DecisionAction, warnings: [String],
        operator who: String, batch: String
    ) throws(OperatorError) -> DecisionOutcome {
        let documentID = document.id ?? 0
        var updated = field
        updated.value = value
        updated.decision = .accepted
        let decision = FieldDecisionRecord(documentID: documentID, fieldName: field.name, operatorName: who,
                                           decidedAt: now(), oldValue: field.value, newValue: value, action: action)
        let details = DecisionDetails(oldValue: field.value, newValue: value, oldDecision: field.decision.rawValue,
                                      newDecision: FieldDecision.accepted.rawValue,
                                      warnings: warnings.isEmpty ? nil : warnings, batch: batch)
        let audit = AuditRecord(at: now(), operatorName: who, action: "review.\(action.rawValue)",
                                target: target(document, field.name), documentID: documentID, details: details.json)
        _ = try storing { () throws(StoreError) in try database.recordDecision(decision, updatedField: updated, audit: audit) }
        return DecisionOutcome(documentID: documentID, field: field.name, action: action, oldValue: field.value,
                               newValue: value, warnings: warnings, documentVerified: try isVerified(documentID))
    }

    /// The value normalised by the form's rules, with the postcode/town agreement as a warning.
    func checked(
        _ text: String, field: FieldRecord, document: DocumentRecord
    ) throws(OperatorError) -> (value: String, warnings: [String]) {
        guard let check = valueCheck(document), let outcome = check.check(text, field: field.name) else {
            // No form to check against (letters, a removed form): store the text as typed.
            return (text.trimmingCharacters(in: .whitespacesAndNewlines), [])
        }
        guard outcome.isValid else {
            throw OperatorError(.invalidValue, "'\(text)' is not a valid \(field.type) for '\(field.name)': "
                + outcome.errors.map(\.rawValue).joined(separator: "; "))
        }
        var warnings = outcome.warnings.map(\.rawValue)
        if field.type == "postcode" || field.type == "town" {
            let fields = (try? database.fields(documentID: document.id ?? 0)) ?? []
            let postcode = field.type == "postcode" ? outcome.value : fields.first { $0.type == "postcode" }?.value ?? ""
            let town = field.type == "town" ? outcome.value : fields.first { $0.type == "town" }?.value ?? ""
            warnings += check.checkAddress(postcode: postcode, town: town).map(\.rawValue)
        }
        return (outcome.value, warnings)
    }

    /// A "CODE TOWN" choice on a postcode or town field, split into the two fields it sets.
    private func addressPair(
        _ choice: String, document: DocumentRecord, field: FieldRecord
    ) -> (postcode: FieldRecord, town: FieldRecord, code: String, name: String)? {
        guard field.type == "postcode" || field.type == "town", let check = valueCheck(document),
              let directory = check.postcodes else { return nil }
        let parts = choice.split(separator: " ", maxSplits: 1).map(String.init)
        guard parts.count == 2, let code = directory.normalise(parts[0], country: check.form.country) else { return nil }
        let fields = (try? database.fields(documentID: document.id ?? 0)) ?? []
        guard let postcode = fields.first(where: { $0.type == "postcode" }),
              let town = fields.first(where: { $0.type == "town" }) else { return nil }
        return (postcode, town, code, parts[1])
    }

    /// The field, refused when it no longer is what the operator was shown.
    private func load(
        documentID: Int64, field name: String, shown: ReviewEntry?
    ) throws(OperatorError) -> (DocumentRecord, FieldRecord) {
        let (document, field) = try load(documentID: documentID, field: name)
        if let shown, shown.suggestion != field.value || shown.decision != field.decision.rawValue {
            throw OperatorError(.changedMeanwhile, "field '\(name)' of document \(documentID) changed since it was shown "
                + "(now '\(field.value ?? "")', \(field.decision.rawValue)); look at it again")
        }
        return (document, field)
    }

    func target(_ document: DocumentRecord, _ field: String) -> String {
        "document \(document.id ?? 0) field \(field)"
    }
}
