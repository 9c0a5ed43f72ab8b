import Foundation

/// The ground truth written beside a sample scan as `X.truth.json`.
public struct Truth: Sendable, Decodable {
    public var kind: String
    public var form: String?
    /// Coupon fields: strings, or booleans for tick boxes.
    public var fields: [String: TruthValue]?
    public var language: String?
    public var sender: Sender?
    public var text: String?
    /// The reference the letter quotes (an order or customer number).
    public var reference: String?
    /// The letter's date, ISO 8601.
    public var date: String?
    /// How many pages the letter has.
    public var pagesCount: Int?
    /// How far the scan stands turned clockwise, in degrees (0, 90, 180 or 270).
    public var rotation: Int?

    private enum CodingKeys: String, CodingKey {
        case kind, form, fields, language, sender, text, reference, date, rotation
        case pagesCount = "pages"
    }

    public struct Sender: Sendable, Decodable {
        public var name: String?
        public var street: String?
        public var postcode: String?
        public var town: String?
        public var country: String?
    }

    /// Loads the truth file beside `image` (`X.png` → `X.truth.json`), or `nil` when there is none.
    public static func beside(_ image: URL) throws -> Truth? {
        let url = image.deletingPathExtension().appendingPathExtension("truth.json")
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        return try JSONDecoder().decode(Truth.self, from: Data(contentsOf: url))
    }
}

/// A truth value: text, or a tick box state.
public enum TruthValue: Sendable, Decodable, Equatable {
    case text(String)
    case tick(Bool)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) {
            self = .tick(flag)
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    /// Whether a stored value counts as this truth: equal after trimming, case-folding and
    /// whitespace normalisation; a tick box must match its state.
    public func matches(_ value: String) -> Bool {
        switch self {
        case .tick(let flag): return (value == "true") == flag
        case .text(let text): return Self.canonical(text) == Self.canonical(value)
        }
    }

    static func canonical(_ text: String) -> String {
        text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
