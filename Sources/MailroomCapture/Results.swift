import MailroomImaging
import MailroomOCR

/// Whether a field can go straight into the database or needs a person.
public enum Decision: String, Sendable, Hashable, Codable {
    case accepted
    case review
}

/// Why a field needs a person; stored with the field and shown to the operator.
public enum ReviewReason: String, Sendable, Hashable, Codable, CaseIterable {
    case lowConfidence = "low confidence"
    case empty = "empty"
    case patternMismatch = "does not match the expected pattern"
    case unknownPostcode = "postcode not in the directory"
    case postcodeTownMismatch = "postcode and town do not match"
    case ambiguous = "several values are equally likely"
    case modelsDisagree = "the two OCR models read it differently"
    case checkDigit = "check digit fails"
    case invalidDate = "not a valid date"
    case invalidEmail = "not a valid e-mail address"
    case mailDomainGuessed = "e-mail domain corrected to a common provider"
    case unfamiliarMailDomain = "e-mail domain not a common provider"
    case learnedDomainGuessed = "e-mail domain corrected to one read on earlier coupons"
    case laterDomainGuessed = "e-mail domain corrected to one read on later coupons"
    case farDomainGuessed = "e-mail domain read too badly to correct: the nearest known domain is a guess"
    case unclearTick = "tick box unclear"
    case noPostcodeData = "no postcode data for the country"
    case unreadable = "could not be read"
    case unknownName = "not a name the lexicon knows well"
    case noHouseNumber = "no house number"
    case unusualHouseNumber = "house number of an unusual form"
    case strayMark = "a stop or dash between words, perhaps a speck of dust"
    case skippedBox = "a box left empty between written ones"
    case slashOrOne = "a slash or a 1 in the house number"
    case lookAlikeTopLevel = "top-level domain a look-alike of the country's own"
    case offPage = "not wholly on the scan: the card was cut off there"
}

/// One automatic change from what was read to what is stored, never silent.
public struct Correction: Sendable, Hashable, Codable {
    public var from: String
    public var to: String
    public var reason: String

    public init(from: String, to: String, reason: String) {
        self.from = from
        self.to = to
        self.reason = reason
    }
}

/// A read and checked coupon field.
public struct FieldResult: Sendable, Hashable, Codable {
    public var name: String
    public var type: FieldType
    /// Exactly what the OCR (or mark check) produced.
    public var raw: String
    /// The value after normalisation and cross-checks; what gets exported once accepted.
    public var value: String
    /// 0–100.
    public var confidence: Double
    /// The alternatives for each character position, best first.
    public var alternatives: [[Alternative]]
    public var corrections: [Correction]
    public var decision: Decision
    public var reasons: [ReviewReason]
    /// Where the field lies on the (deskewed) page, for review crops.
    public var box: PixelRect?
    /// Candidate values offered to the operator (postcode/town pairs, alternatives).
    public var suggestions: [String]

    public init(name: String, type: FieldType, raw: String, value: String, confidence: Double,
                alternatives: [[Alternative]] = [], corrections: [Correction] = [], decision: Decision = .accepted,
                reasons: [ReviewReason] = [], box: PixelRect? = nil, suggestions: [String] = []) {
        self.name = name
        self.type = type
        self.raw = raw
        self.value = value
        self.confidence = confidence
        self.alternatives = alternatives
        self.corrections = corrections
        self.decision = decision
        self.reasons = reasons
        self.box = box
        self.suggestions = suggestions
    }

    /// Marks the field for review, keeping every reason.
    public mutating func flag(_ reason: ReviewReason) {
        decision = .review
        if !reasons.contains(reason) { reasons.append(reason) }
    }
}

/// How well a scan was aligned to its form.
public struct RegistrationQuality: Sendable, Hashable, Codable {
    /// Root-mean-square anchor residual after alignment, in pixels.
    public var residualPixels: Double
    /// The residual relative to the anchor size: below about 0.25 is a good fit.
    public var relativeResidual: Double
    /// Scan pixels per form millimetre, horizontally and vertically.
    public var scale: Double
    public var rotationDegrees: Double
    /// How well the printed title read back, 0–1.
    public var titleSimilarity: Double
    /// How many of the form's registration marks were found on the scan: two when the card
    /// was cut off at one side (`Registration.twoMarkCandidates`); 0 when not recorded.
    public var marksMatched = 0
}

extension RegistrationQuality {
    private enum CodingKeys: String, CodingKey {
        case residualPixels, relativeResidual, scale, rotationDegrees, titleSimilarity, marksMatched
    }

    /// Readings saved before the marks were counted decode with `marksMatched` 0.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(residualPixels: try container.decode(Double.self, forKey: .residualPixels),
                  relativeResidual: try container.decode(Double.self, forKey: .relativeResidual),
                  scale: try container.decode(Double.self, forKey: .scale),
                  rotationDegrees: try container.decode(Double.self, forKey: .rotationDegrees),
                  titleSimilarity: try container.decode(Double.self, forKey: .titleSimilarity),
                  marksMatched: try container.decodeIfPresent(Int.self, forKey: .marksMatched) ?? 0)
    }
}

/// What capture made of a coupon.
public struct CouponReading: Sendable, Hashable, Codable {
    public var formID: String
    public var country: String
    public var registration: RegistrationQuality
    public var fields: [FieldResult]

    public func field(_ name: String) -> FieldResult? { fields.first { $0.name == name } }
    public var needsReview: Bool { fields.contains { $0.decision == .review } }
}

/// What capture made of a letter.
public struct LetterReading: Sendable, Hashable, Codable {
    public var language: String
    public var pages: [PageReading]
    /// The sender, date, references and subject found in the text, as checked fields.
    public var details: LetterDetails
    /// The OCR text of every page, exactly as read.
    public var rawText: String { pages.map(\.text).joined(separator: "\n\n") }
    /// The text to store and search: ``rawText`` with the checked corrections put back.
    public var text: String { details.correctedText.isEmpty ? rawText : details.correctedText }

    public init(language: String, pages: [PageReading], details: LetterDetails = LetterDetails()) {
        self.language = language
        self.pages = pages
        self.details = details
    }

    private enum CodingKeys: String, CodingKey { case language, pages, details }

    /// Readings saved before letters had details decode with empty details.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        language = try container.decode(String.self, forKey: .language)
        pages = try container.decode([PageReading].self, forKey: .pages)
        details = try container.decodeIfPresent(LetterDetails.self, forKey: .details) ?? LetterDetails()
    }
}

/// One page of a document as read.
public struct PageReading: Sendable, Hashable, Codable {
    public var number: Int
    public var width: Int
    public var height: Int
    public var resolution: Int
    public var skewDegrees: Double
    public var orientationDegrees: Int
    public var text: String
    public var confidence: Double
}

/// The outcome of reading one scanned document.
public enum DocumentReading: Sendable, Hashable, Codable {
    case coupon(CouponReading, pages: [PageReading])
    case letter(LetterReading)
    case email(EmailReading)
    /// A file whose every page is blank: the back of a card or sheet scanned into a file of
    /// its own, as scanners that save each side apart do. Stored, so a re-run skips it, and
    /// not read further: no fields, no case.
    case blank(pages: [PageReading])

    public var kind: String {
        switch self {
        case .coupon: "coupon"
        case .letter: "letter"
        case .email: "email"
        case .blank: "blank"
        }
    }

    public var pages: [PageReading] {
        switch self {
        case .coupon(_, let pages): pages
        case .letter(let letter): letter.pages
        case .email(let email): email.pages
        case .blank(let pages): pages
        }
    }
}
