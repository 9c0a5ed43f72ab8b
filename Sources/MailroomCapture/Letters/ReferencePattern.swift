import Foundation

/// A kind of reference a letter may quote (an order, a customer number, a case), and how to find it.
///
/// Companies number things their own way, so the patterns are configuration: `references`
/// in the capture configuration, with ``defaults`` matching Mailroom's own case references
/// and the sample shop's order and customer numbers.
public struct ReferencePattern: Sendable, Hashable, Codable {
    /// `order`, `customer`, `account` or `case`: the field is stored as `reference_<kind>`.
    public var kind: String
    /// A regular expression for the whole reference, without anchors (`ORD-\d{4}-\d{6}`).
    public var pattern: String
    /// Folded words of labels that introduce this kind ("ORDER", "ORDINE", "ZAMOWIENIA").
    public var labels: [String]

    public init(kind: String, pattern: String, labels: [String] = []) {
        self.kind = kind
        self.pattern = pattern
        self.labels = labels
    }

    private enum CodingKeys: String, CodingKey { case kind, pattern, labels }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kind = try container.decode(String.self, forKey: .kind)
        pattern = try container.decode(String.self, forKey: .pattern)
        labels = try container.decodeIfPresent([String].self, forKey: .labels) ?? []
    }

    /// Order numbers `ORD-2026-033736` and `ZAM/2025/07899`, customer numbers `C-214371` and
    /// `K-123456`, and Mailroom case references `C-2026-000123`.
    public static let defaults: [ReferencePattern] = [
        ReferencePattern(kind: "case", pattern: #"C-\d{4}-\d{6}"#,
                         labels: ["CASE", "CASO", "PRATICA", "SPRAWA", "SPRAWY", "ZGLOSZENIE", "VORGANG"]),
        ReferencePattern(kind: "order", pattern: #"ORD-\d{4}-\d{6}"#,
                         labels: ["ORDER", "ORDINE", "ZAMOWIENIA", "ZAMOWIENIE", "BESTELLUNG", "COMMANDE"]),
        ReferencePattern(kind: "order", pattern: #"ZAM/\d{4}/\d{5}"#,
                         labels: ["ORDER", "ORDINE", "ZAMOWIENIA", "ZAMOWIENIE"]),
        ReferencePattern(kind: "customer", pattern: #"[CK]-\d{6}"#,
                         labels: ["CUSTOMER", "CLIENTE", "KLIENTA", "KUNDENNUMMER", "CLIENT"]),
        ReferencePattern(kind: "account", pattern: #"ACC-\d{8}"#,
                         labels: ["ACCOUNT", "CONTO", "KONTA", "KONTO"]),
    ]
}

/// A reference found in a letter.
public struct LetterReference: Sendable, Hashable, Codable {
    public var kind: String
    public var value: String
    /// What the OCR read, when the value had to be repaired to fit the pattern.
    public var read: String?
    /// When several repairs fit a labelled reference: each of them, for the operator. The
    /// ``value`` is then what was read, and the field goes to review.
    public var candidates: [String] = []
}
