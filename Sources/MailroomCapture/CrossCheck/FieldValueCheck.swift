import Foundation
import MailroomPostcodes

/// Checks a value a person typed with the rules the scanner applies to what it read.
///
/// The operator's correction goes through the same normalisation (upper-case names, ISO
/// dates, Luhn card numbers, e-mail syntax, postcode spelling) as a machine reading, so a
/// value from review is indistinguishable from one the scanner accepted.
public struct FieldValueCheck: Sendable {
    public let form: Form
    public let postcodes: PostcodeDirectory?
    /// A town is taken to match a postcode's locality from this similarity on.
    public var townSimilarity: Double = Thresholds().townSimilarity

    public init(form: Form, postcodes: PostcodeDirectory?) {
        self.form = form
        self.postcodes = postcodes
    }

    /// A checked value: `errors` make it unusable, `warnings` only need a second look.
    public struct Outcome: Sendable, Hashable {
        public var value: String
        public var errors: [ReviewReason]
        public var warnings: [ReviewReason]
        public var isValid: Bool { errors.isEmpty }
    }

    /// Normalises and checks `text` as a value of the form's field `name` (nil when the form has none).
    public func check(_ text: String, field name: String) -> Outcome? {
        guard let field = form.fields.first(where: { $0.name == name }) else { return nil }
        return check(text, field: field)
    }

    public func check(_ text: String, field: Form.Field) -> Outcome {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        var outcome = Outcome(value: trimmed, errors: [], warnings: [])
        let checker = FieldChecker(form: form, postcodes: postcodes, thresholds: Thresholds())
        if trimmed.isEmpty, field.type != .tick {
            outcome.value = ""
            if FieldChecker.required.contains(field.type) { outcome.errors.append(.empty) }
            return outcome
        }
        switch field.type {
        case .name, .street, .town, .text:
            outcome.value = Normalise.words(trimmed)
        case .email:
            outcome.value = EmailNormaliser.normalise(trimmed)
            if !EmailNormaliser.isValid(outcome.value) { outcome.errors.append(.invalidEmail) }
        case .phone:
            outcome.value = trimmed.filter(\.isNumber)
            let pattern = FieldChecker.bare(field.pattern) ?? "[0-9]+"
            if !checker.matches(outcome.value, pattern) { outcome.errors.append(.patternMismatch) }
        case .card:
            outcome.value = trimmed.filter(\.isNumber)
            let pattern = FieldChecker.bare(field.pattern) ?? "[0-9]+"
            if !checker.matches(outcome.value, pattern) {
                outcome.errors.append(.patternMismatch)
            } else if field.check == "luhn", !FieldChecker.luhn(outcome.value) {
                outcome.errors.append(.checkDigit)
            }
        case .date:
            // ISO as the database stores it, or the form's own spelling of the boxes.
            let isISO = trimmed.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) != nil
            if isISO, let iso = FieldChecker.isoDate(trimmed, format: "YYYYMMDD") {
                outcome.value = iso
            } else if let iso = FieldChecker.isoDate(trimmed, format: field.format ?? "DDMMYYYY") {
                outcome.value = iso
            } else {
                outcome.errors.append(.invalidDate)
            }
        case .postcode:
            outcome.value = trimmed.uppercased().filter { !$0.isWhitespace }
            if let directory = postcodes {
                if let spelled = directory.normalise(trimmed, country: form.country) { outcome.value = spelled }
                if let pattern = FieldChecker.bare(field.pattern), !checker.matches(outcome.value, pattern) {
                    outcome.errors.append(.patternMismatch)
                } else if directory.country(form.country)?.hasLocalities == true,
                          (try? directory.contains(postcode: outcome.value, country: form.country)) != true {
                    outcome.warnings.append(.unknownPostcode)
                }
            } else if let pattern = FieldChecker.bare(field.pattern), !checker.matches(outcome.value, pattern) {
                outcome.errors.append(.patternMismatch)
            }
        case .tick:
            switch trimmed.lowercased() {
            case "true", "yes", "y", "1", "x", "ticked", "t": outcome.value = "true"
            case "false", "no", "n", "0", "", "empty", "f": outcome.value = "false"
            default: outcome.errors.append(.unclearTick)
            }
        }
        return outcome
    }

    /// `[.postcodeTownMismatch]` when the town is not a locality of the postcode (accent- and
    /// case-insensitive, with small misspellings allowed); empty when they agree or cannot be checked.
    public func checkAddress(postcode: String, town: String) -> [ReviewReason] {
        guard let directory = postcodes, directory.country(form.country)?.hasLocalities == true,
              !postcode.isEmpty, !town.isEmpty,
              let localities = try? directory.localities(of: postcode, country: form.country) else { return [] }
        if localities.isEmpty { return [] }
        let best = localities.map { PostcodeDirectory.similarity(town, $0.name) }.max() ?? 0
        return best >= townSimilarity ? [] : [.postcodeTownMismatch]
    }

    /// Postcode and town pairs from the directory for the form's country, as "CODE TOWN":
    /// the localities of the postcode, then the postcodes of towns resembling `town`.
    public func addressCandidates(postcode: String?, town: String?, limit: Int = 8) -> [String] {
        guard let directory = postcodes, directory.country(form.country)?.hasLocalities == true else { return [] }
        var out: [String] = []
        func add(_ code: String, _ name: String) {
            let entry = "\(code) \(name.uppercased())"
            if !out.contains(entry) { out.append(entry) }
        }
        if let postcode, !postcode.isEmpty, let code = directory.normalise(postcode, country: form.country),
           let localities = try? directory.localities(of: code, country: form.country) {
            for locality in localities { add(code, locality.name) }
        }
        if let town, !town.isEmpty,
           let matches = try? directory.postcodes(of: town, country: form.country, minimumScore: 0.6, limit: limit * 4) {
            for match in matches { add(match.postcode, match.locality.name) }
        }
        return Array(out.prefix(limit))
    }
}
