/// A printed coupon form, declared in one YAML or JSON file in `forms/`.
///
/// All coordinates are relative to the printed page (x of its width, y of its height, origin
/// top-left), so a form file never depends on the scan resolution. A new coupon form needs only
/// a new file: registration, classification and field reading all work from this description.
public struct Form: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var name: String
    /// Tesseract language codes for the printed and written text, for example `["pol", "eng"]`.
    public var languages: [String]
    /// The ISO country whose postcode directory checks the address.
    public var country: String
    public var sizeMM: Size
    public var anchors: Anchors
    public var title: Title
    public var fields: [Field]

    enum CodingKeys: String, CodingKey {
        case id, name, languages, country, anchors, title, fields
        case sizeMM = "size_mm"
    }

    /// The printed size in millimetres.
    public struct Size: Sendable, Hashable, Codable {
        public var width: Double
        public var height: Double
    }

    /// Solid black squares printed on every copy, used to register a scan onto the form.
    public struct Anchors: Sendable, Hashable, Codable {
        /// Side length, relative to the page width.
        public var size: Double
        /// Centres, as `[x, y]` relative to the page.
        public var points: [[Double]]
    }

    /// The printed title that identifies the form.
    public struct Title: Sendable, Hashable, Codable {
        public var text: String
        public var zone: Zone
    }

    /// A rectangle relative to the page.
    public struct Zone: Sendable, Hashable, Codable {
        public var x: Double
        public var y: Double
        public var w: Double
        public var h: Double
    }

    /// One field to read.
    public struct Field: Sendable, Hashable, Codable {
        public var name: String
        public var label: String?
        public var type: FieldType
        public var zone: Zone
        /// A comb field: this many equal character boxes across the zone.
        public var boxes: Int?
        /// Boxes that hold a pre-printed character (for example the dash of a Polish postcode), by index.
        public var printed: [Int: String]?
        public var whitelist: String?
        /// A regular expression the value must match.
        public var pattern: String?
        /// A check-digit scheme, for card numbers: `luhn`.
        public var check: String?
        /// For dates: how the boxes spell it, such as `DDMMYYYY` or `DD.MM.YYYY`.
        public var format: String?
        /// Which model reads the field: a trained hand-print model (`handprint-digits`, a file
        /// in `models/`), or the form's stock language model when absent.
        public var reader: String?
        /// Which model reads the field a second time, as a check on the reader: a model in
        /// `models/`, or the form's stock language model when absent.
        public var witness: String?
        /// A box classifier (`models/NAME.boxnet`) that reads each box of a comb field on its
        /// own; the reader's line reading then becomes its witness.
        public var classifier: String?
        /// A box classifier of digits alone (`models/NAME.boxnet`) that weighs the digits among
        /// the alternatives of each character the field's `classifier` cut from a free line (the
        /// shipped forms name it on the e-mail, whose number the line model reads as letters).
        public var digits: String?
        /// A list of known values (`models/lexicon/NAME.tsv.gz`) the reading is checked
        /// against: `first-names` on given-name fields; on an e-mail field, the words its
        /// domain's labels are spelled with (with English's and the mail providers').
        public var lexicon: String?
    }
}

/// What a field holds; it decides how it is read and checked.
public enum FieldType: String, Sendable, Hashable, Codable, CaseIterable {
    case text, name, street, postcode, town, email, phone, date, card, tick
}
