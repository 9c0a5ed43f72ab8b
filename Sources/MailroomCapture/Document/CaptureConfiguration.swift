import Foundation
import MailroomImaging
import MailroomPostcodes

/// Everything a `DocumentReader` needs; shared read-only by all workers.
public struct CaptureConfiguration: Sendable {
    public var forms: FormLibrary
    /// `nil` runs without the postcode cross-check (fields are then flagged for review).
    public var postcodes: PostcodeDirectory?
    /// Languages letters may be written in, Tesseract codes.
    public var letterLanguages: [String]
    /// The tessdata folder; `nil` searches the usual places.
    public var tessdata: String?
    public var preprocessing: Preprocessor.Options
    public var thresholds: Thresholds
    /// Models that re-read free-text fields; a field is only accepted when a witness agrees.
    /// Empty turns the second reading off (faster, more fields to review).
    public var witnessLanguages: [[String]] = [["eng"], ["ita"]]
    /// Tesseract gives up on one recognition after this long, so a pathological image cannot
    /// hold a worker for ever; 0 means no limit.
    public var ocrDeadlineMilliseconds: Int = 60_000
    /// The most pages one letter of a multi-document file may have: a longer run of letter
    /// pages is cut into letters of this many, so that a worker never holds more pages than a
    /// file read at once may have (``ImageReader/Limits/maxPages``).
    public var maxLetterPages = 64
    /// The folder of trained hand-print models (`models/`), for fields that name a `reader`.
    public var models: URL?
    /// The reference numbers letters may quote (orders, customers, cases), by kind.
    public var references: [ReferencePattern] = ReferencePattern.defaults
    /// E-mail domains read with certainty on earlier coupons, shared by every worker; `nil`
    /// checks domains against the provider list only.
    public var learnedDomains: LearnedDomains? = LearnedDomains()

    public init(forms: FormLibrary, postcodes: PostcodeDirectory?, letterLanguages: [String] = ["eng", "ita", "pol"],
                tessdata: String? = nil, preprocessing: Preprocessor.Options = Preprocessor.Options(),
                thresholds: Thresholds = Thresholds()) {
        self.forms = forms
        self.postcodes = postcodes
        self.letterLanguages = letterLanguages
        self.tessdata = tessdata
        self.preprocessing = preprocessing
        self.thresholds = thresholds
    }

    /// The same configuration with every form field's `reader`, `witness` and `classifier`
    /// removed: the stock models read all.
    public func withStockReaders() -> CaptureConfiguration {
        var stock = mappingFields { field in
            field.reader = nil
            field.witness = nil
            field.classifier = nil
        }
        // A second reading of the same coupons must not count their domains twice.
        stock.learnedDomains = learnedDomains.map { _ in LearnedDomains() }
        return stock
    }

    /// The same configuration with `change` applied to every field of every form.
    public func mappingFields(_ change: (inout Form.Field) -> Void) -> CaptureConfiguration {
        var changed = self
        changed.forms = FormLibrary(forms: forms.forms.map { form in
            var copy = form
            copy.fields = form.fields.map { var field = $0; change(&field); return field }
            return copy
        }, directory: forms.directory)
        return changed
    }
}

/// The confidence levels that decide between accepting a field and sending it to review.
///
/// Tuned on `samples/` only; evaluation figures come from a separately generated set.
public struct Thresholds: Sendable, Hashable, Codable {
    /// Free-text fields (names, streets) below this mean confidence go to review.
    public var textConfidence: Double = 80
    /// Comb fields: any box below this goes to review.
    public var boxConfidence: Double = 60
    /// The same for boxes a box classifier read: its probabilities run high even on the
    /// digits it gets wrong (on the tuning coupons, phones with a box the classifier gave 60-75%
    /// were accepted wrong; levels from 75 to 97 decided those coupons alike).
    public var classifiedBoxConfidence: Double = 90

    /// A digit field's witness (the Tesseract line reading) is overruled where it disagrees
    /// only on boxes the classifier read at this level or above. On the tuning coupons the
    /// witness was wrong in 92 of 96 such disagreements; at 99 the rule accepted 73 right and
    /// 2 wrong fields (the classifier at 99.9 and wrong), and the font coupons 22 right, none wrong.
    public var classifierOverrulesWitness: Double = 99

    /// A phone, a digit field nothing else checks, goes to review when a box's second reading
    /// reaches this: the box's two readers (line model and classifier) then saw different
    /// digits, however sure the first. On the tuning coupons (seeds 12 and 14), 4 of the 5
    /// wrong phones accepted had such a box, and 37 of the 200 right ones.
    public var digitRunnerUp: Double = 60

    /// A second reading of a box under this does not second-guess a box classifier's digit the
    /// classifier is near-certain of (`classifierOverrulesWitness`).
    public var outweighedRunnerUp: Double = 97

    /// The level a box of `field` must reach, by who read it.
    func boxConfidence(for field: Form.Field) -> Double {
        field.classifier == nil ? boxConfidence : classifiedBoxConfidence
    }
    /// A postcode/town pair needs at least this town similarity to be accepted.
    public var townSimilarity: Double = 0.8
    /// Ink fraction inside a tick box above which it counts as ticked.
    public var tickInk: Double = 0.06
    /// Ink fraction below which a tick box counts as empty; in between is unclear.
    public var emptyInk: Double = 0.015
    /// An empty comb box holds less ink than this fraction.
    public var emptyBoxInk: Double = 0.02
    /// Free-text fields a trained hand-print model reads are also read by the stock model, and
    /// that reading becomes the field's when its confidence is higher by more than this margin
    /// (the hand-print model knows block capitals, the stock model joined-up and font-like
    /// writing). `nil`: the hand-print reading always stands and the stock one only witnesses.
    public var competingMargin: Double? = 0
    /// Whether a free line's character classifier reading is the field's (else the line
    /// models' reading is, and the classifier only witnesses and lends its alternatives).
    public var classifierLeadsLines = false
    /// Fields and the title are scaled down to this height (when taller by a quarter) before
    /// Tesseract reads them: on the tuning coupons 64 read as well as the full scan or better
    /// (all fields after the check 22.7% -> 21.5% wrong on seed 12, 25.7% -> 24.4% on seed 14,
    /// 32.0% -> 31.8% on the font coupons), and `bench/throughput` took 26% less time; 48 and
    /// 80-96 read worse.
    public var readingHeight: Int? = 64

    public init() {}
}
