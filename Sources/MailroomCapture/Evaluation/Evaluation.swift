import Foundation

/// Accuracy figures for a set of scans with ground truth, as `mailroom eval` prints them.
public struct EvaluationReport: Sendable, Codable {
    public var documents = 0
    public var documentsMisclassified = 0
    public var seconds = 0.0
    public var total = FieldStats()
    public var perField: [String: FieldStats] = [:]
    public var letters = LetterStats()
    /// Comb fields read box by box: characters the truth has, and boxes read wrong, missed or extra.
    public var combCharacters = 0
    public var combCharacterErrors = 0
    /// Issue 8's measure of the hand-print readers: raw comb readings, before any check.
    public var combCharacterErrorRate: Double { ratio(combCharacterErrors, combCharacters) }

    public init() {}

    /// Counts for one group of fields.
    public struct FieldStats: Sendable, Codable {
        public var type = ""
        public var total = 0
        public var wrongRaw = 0
        public var wrong = 0
        public var accepted = 0
        public var acceptedWrong = 0
        /// Fields the stock models alone misread, from a second run with every `reader` ignored;
        /// `nil` when no such run was made.
        public var wrongRawStock: Int?

        public var errorRateRaw: Double { ratio(wrongRaw, total) }
        public var errorRateRawStock: Double? { wrongRawStock.map { ratio($0, total) } }
        public var errorRate: Double { ratio(wrong, total) }
        public var autoAcceptRate: Double { ratio(accepted, total) }
        public var autoAcceptedErrorRate: Double { ratio(acceptedWrong, accepted) }
        public var reviewRate: Double { ratio(total - accepted, total) }

        mutating func add(rawCorrect: Bool, correct: Bool, accepted isAccepted: Bool) {
            total += 1
            if !rawCorrect { wrongRaw += 1 }
            if !correct { wrong += 1 }
            if isAccepted {
                accepted += 1
                if !correct { acceptedWrong += 1 }
            }
        }
    }

    /// Letter figures: sender address, references and text character error.
    public struct LetterStats: Sendable, Codable {
        public var letters = 0
        public var senderPostcodeCorrect = 0
        public var senderTownCorrect = 0
        public var referencesTotal = 0
        public var referencesCorrect = 0
        public var characters = 0
        public var characterErrors = 0
        public var characterErrorsRaw = 0
        /// Pages with text whose truth says how far they were turned, and those turned upright.
        public var pagesTurned = 0
        public var pagesUpright = 0
        public var orientationAccuracy: Double { ratio(pagesUpright, pagesTurned) }
        public var characterErrorRate: Double { ratio(characterErrors, characters) }
        public var characterErrorRateRaw: Double { ratio(characterErrorsRaw, characters) }
        public var senderPostcodeAccuracy: Double { ratio(senderPostcodeCorrect, letters) }
        public var senderTownAccuracy: Double { ratio(senderTownCorrect, letters) }
        public var referenceAccuracy: Double { ratio(referencesCorrect, referencesTotal) }
    }

    public var documentsPerSecond: Double { seconds > 0 ? Double(documents) / seconds : 0 }

    /// Takes each field's raw error with the stock models from `stock`, a run over the same scans
    /// with every field's `reader` ignored, so the two readers' raw errors show side by side.
    public mutating func setStockBaseline(_ stock: EvaluationReport) {
        total.wrongRawStock = stock.total.wrongRaw
        for name in perField.keys { perField[name]?.wrongRawStock = stock.perField[name]?.wrongRaw }
    }

    /// The figures with the keys the issue names, for `--json`.
    public func summary() -> [String: Any] {
        func figures(_ s: FieldStats) -> [String: Any] {
            var out: [String: Any] = [
                "type": s.type, "fields_total": s.total, "field_error_rate_raw": s.errorRateRaw, "field_error_rate": s.errorRate,
                "auto_accept_rate": s.autoAcceptRate, "auto_accepted_error_rate": s.autoAcceptedErrorRate, "review_rate": s.reviewRate]
            if let stock = s.errorRateRawStock { out["field_error_rate_raw_stock"] = stock }
            return out
        }
        var out = figures(total)
        out.removeValue(forKey: "type")
        out["documents_per_second"] = documentsPerSecond
        out["documents"] = documents
        out["documents_misclassified"] = documentsMisclassified
        out["per_field"] = perField.mapValues(figures)
        out["letters_total"] = letters.letters
        if combCharacters > 0 {
            out["comb_characters"] = combCharacters
            out["comb_character_error_rate"] = combCharacterErrorRate
        }
        if letters.letters > 0 {
            out["sender_postcode_accuracy"] = letters.senderPostcodeAccuracy
            out["sender_town_accuracy"] = letters.senderTownAccuracy
            out["reference_accuracy"] = letters.referenceAccuracy
            out["text_cer"] = letters.characterErrorRate
            out["text_cer_raw"] = letters.characterErrorRateRaw
            if letters.pagesTurned > 0 { out["orientation_accuracy"] = letters.orientationAccuracy }
        }
        return out
    }
}

private func ratio(_ a: Int, _ b: Int) -> Double { b > 0 ? Double(a) / Double(b) : 0 }

extension EvaluationReport {
    /// Scores one coupon reading against its truth. A misclassified coupon gets every field wrong.
    public mutating func score(coupon reading: CouponReading?, truth: Truth, form: Form?) {
        documents += 1
        guard let fields = truth.fields else { return }
        if reading?.formID != truth.form { documentsMisclassified += 1 }
        for (name, expected) in fields.sorted(by: { $0.key < $1.key }) {
            let result = reading?.formID == truth.form ? reading?.field(name) : nil
            let value = result?.value ?? ""
            let rawValue = result?.corrections.first?.from ?? value
            let correct = result != nil && expected.matches(value)
            let rawCorrect = result != nil && expected.matches(result?.type == .tick ? value : rawValue)
            let accepted = result?.decision == .accepted
            let field = form?.fields.first { $0.name == name }
            total.add(rawCorrect: rawCorrect, correct: correct, accepted: accepted)
            perField[name, default: FieldStats()].type = (field?.type ?? .text).rawValue
            perField[name, default: FieldStats()].add(rawCorrect: rawCorrect, correct: correct, accepted: accepted)
            if let field, (field.boxes ?? 0) > 1,
               case .text(let text) = expected, let boxes = Self.boxes(of: text, in: field) {
                let read = Array((result?.raw ?? "").uppercased().filter { $0.isLetter || $0.isNumber })
                combCharacters += boxes.count
                combCharacterErrors += min(max(boxes.count, read.count), EditDistance.levenshtein(boxes, read))
            }
        }
    }

    /// The characters a comb field's boxes should hold for a truth value, printed ones included;
    /// a date's truth (ISO 8601) is spelled in the field's box format (`DDMMYYYY`).
    static func boxes(of truth: String, in field: Form.Field) -> [Character]? {
        var text = truth
        if field.type == .date, let format = field.format {
            let parts = truth.split(separator: "-")
            guard parts.count == 3 else { return nil }
            text = format.replacingOccurrences(of: "YYYY", with: parts[0]).replacingOccurrences(of: "MM", with: parts[1])
                .replacingOccurrences(of: "DD", with: parts[2])
        }
        return Array(text.uppercased().filter { $0.isLetter || $0.isNumber })
    }

    /// Scores one letter: the sender's postcode and town, the quoted reference, and the
    /// text by character edit distance, both as stored and as the OCR read it.
    public mutating func score(letter: LetterReading?, truth: Truth) {
        documents += 1
        letters.letters += 1
        let details = letter?.details
        if let sender = truth.sender {
            let postcode = details?.senderPostcode ?? ""
            if let expected = sender.postcode, Self.sameText(postcode, expected) { letters.senderPostcodeCorrect += 1 }
            if let expected = sender.town, let town = details?.senderTown, Self.sameText(town, expected) { letters.senderTownCorrect += 1 }
        }
        if let expected = truth.reference {
            letters.referencesTotal += 1
            let found = details?.references ?? []
            // Exact: the quoted reference is found, and no misread variant of it beside it.
            if found.contains(where: { $0.value == expected }),
               !found.contains(where: { $0.value != expected && Self.sameShape($0.value, expected) }) {
                letters.referencesCorrect += 1
            }
        }
        if let rotation = truth.rotation {
            // The scanner turned every page of the letter the same way.
            let read = (letter?.pages ?? []).filter { !$0.text.isEmpty }
            letters.pagesTurned += max(read.count, 1)
            letters.pagesUpright += read.filter { $0.orientationDegrees == rotation }.count
        }
        guard let expected = truth.text else { return }
        let a = Array(TruthValue.canonical(expected))
        letters.characters += a.count
        letters.characterErrors += min(a.count, EditDistance.levenshtein(a, Array(TruthValue.canonical(letter?.text ?? ""))))
        letters.characterErrorsRaw += min(a.count, EditDistance.levenshtein(a, Array(TruthValue.canonical(letter?.rawText ?? ""))))
    }

    /// Equal after case-folding, accent removal and whitespace normalisation.
    public static func sameText(_ a: String, _ b: String) -> Bool {
        func fold(_ s: String) -> String {
            s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
                .replacingOccurrences(of: "ł", with: "l").replacingOccurrences(of: "Ł", with: "l")
                .lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        return fold(a) == fold(b)
    }

    private static func sameShape(_ a: String, _ b: String) -> Bool {
        a.count == b.count && a.prefix(3) == b.prefix(3)
    }
}

/// Levenshtein distance over arrays, in O(n·m) time and O(m) memory.
enum EditDistance {
    static func levenshtein<T: Equatable>(_ a: [T], _ b: [T]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
