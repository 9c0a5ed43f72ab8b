import Foundation
import MailroomCapture
import MailroomStore

/// What a typed value would become, checked but not saved: the web station's check as you type.
public struct ValuePreview: Sendable, Equatable, Codable {
    /// The value as it would be stored (normalised by the form's rules).
    public var value: String
    /// Why the value would be refused; empty when it would be saved.
    public var errors: [String]
    /// Doubts that would not stop the decision (a postcode and town that do not match).
    public var warnings: [String]
    /// The directory's postcode/town pairs that fit what is typed, for postcode and town fields.
    public var candidates: [String]

    public var isValid: Bool { errors.isEmpty }
}

extension ReviewService {
    /// Checks `text` for a field exactly as ``set(documentID:field:value:operator:shown:)`` would,
    /// without saving anything.
    public func preview(documentID: Int64, field name: String, value text: String) throws(OperatorError) -> ValuePreview {
        let (document, field) = try load(documentID: documentID, field: name)
        do {
            let outcome = try checked(text, field: field, document: document)
            return ValuePreview(value: outcome.value, errors: [], warnings: outcome.warnings,
                                candidates: previewCandidates(text, field: field, document: document))
        } catch where error.code == .invalidValue {
            return ValuePreview(value: text, errors: [error.message], warnings: [],
                                candidates: previewCandidates(text, field: field, document: document))
        }
    }

    private func previewCandidates(_ text: String, field: FieldRecord, document: DocumentRecord) -> [String] {
        guard field.type == "postcode" || field.type == "town", let check = valueCheck(document) else { return [] }
        let fields = (try? database.fields(documentID: document.id ?? 0)) ?? []
        let postcode = field.type == "postcode" ? text : fields.first { $0.type == "postcode" }?.value
        let town = field.type == "town" ? text : fields.first { $0.type == "town" }?.value
        return Array(check.addressCandidates(postcode: postcode, town: town).prefix(9))
    }
}
