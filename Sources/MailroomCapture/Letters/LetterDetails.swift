/// What a letter says about who sent it and what it is about, checked where it can be.
public struct LetterDetails: Sendable, Hashable, Codable {
    public var senderName: String?
    public var senderStreet: String?
    public var senderPostcode: String?
    public var senderTown: String?
    /// ISO 3166 alpha-2.
    public var senderCountry: String?
    public var senderEmail: String?
    public var senderPhone: String?
    /// ISO 8601 day.
    public var date: String?
    public var subject: String?
    public var summary: String?
    public var references: [LetterReference] = []
    /// Every item as a field with its decision, named as `CorrespondenceField` names them.
    public var fields: [FieldResult] = []
    /// The page text with the checked references, postcode and town put back where they
    /// were misread, and typographic quotes made plain.
    public var correctedText: String = ""

    public init() {}

    public func reference(_ kind: String) -> String? { references.first { $0.kind == kind }?.value }
}
