import Foundation
import MailroomPostcodes

/// Finds the sender block, date, references, subject and opening of a letter in its OCR text.
///
/// The layout of business letters is conventional but not fixed, so nothing here depends
/// on line positions: the sender is the first private address block (a line holding a
/// postcode and a town that the postcode directory confirms), the date is the first date
/// before the salutation, references are found by configurable patterns (repairing OCR
/// look-alikes such as O/0 only when exactly one repair fits), and the subject follows a
/// subject label in any of the supported languages.
public struct LetterExtractor: Sendable {
    public var postcodes: PostcodeDirectory?
    public var references: [ReferencePattern]
    /// Confidence (0–100) given to items read from a page of this mean confidence.
    public var acceptConfidence: Double

    public init(postcodes: PostcodeDirectory?, references: [ReferencePattern] = ReferencePattern.defaults,
                acceptConfidence: Double = 60) {
        self.postcodes = postcodes
        self.references = references
        self.acceptConfidence = acceptConfidence
    }

    /// Extracts everything from `text` (blocks separated by blank lines), read in `language`.
    public func extract(text: String, language: String, pageConfidence: Double = 90) -> LetterDetails {
        let lines = LetterLines(text)
        var details = LetterDetails()
        let salutation = lines.firstIndex { LetterVocabulary.starts($0, with: LetterVocabulary.salutations) != nil }
        let header = lines.prefix(salutation ?? min(lines.count, 25))

        let sender = findSender(in: lines, header: header.count, language: language)
        details.senderName = sender?.name
        details.senderStreet = sender?.street
        details.senderPostcode = sender?.check.postcode
        details.senderTown = sender?.check.town
        details.senderCountry = sender?.check.country
        details.date = header.lazy.compactMap(LetterDates.parse).first
        details.subject = header.lazy.compactMap(Self.subject).first
        details.summary = salutation.map { Self.summary(lines, after: $0) } ?? nil
        details.references = findReferences(in: lines.all)
        details.senderEmail = Self.firstEmail(in: lines.all.joined(separator: "\n"))
        details.senderPhone = Self.firstPhone(in: lines.all.joined(separator: "\n"))
        details.fields = fields(details, sender: sender, confidence: pageConfidence)
        details.correctedText = corrected(text, details: details, sender: sender)
        return details
    }

    /// The subject after a subject label ("Oggetto: …", "Re: …", "Dotyczy: …").
    static func subject(_ line: String) -> String? {
        guard let colon = line.firstIndex(where: { $0 == ":" }) else { return nil }
        let label = LetterVocabulary.fold(String(line[..<colon]))
        guard LetterVocabulary.subjectLabels.contains(label) else { return nil }
        let rest = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        return rest.isEmpty ? nil : rest
    }

    /// The first one or two sentences after the salutation, at most about 240 characters.
    static func summary(_ lines: LetterLines, after salutation: Int) -> String? {
        var body = ""
        for line in lines.all.dropFirst(salutation + 1).prefix(8) {
            if body.hasSuffix("-") { body.removeLast(); body += line } else { body += (body.isEmpty ? "" : " ") + line }
            if body.count > 400 { break }
        }
        var sentences: [String] = []
        var current = ""
        for character in body {
            current.append(character)
            if ".!?".contains(character) {
                sentences.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
                if sentences.joined(separator: " ").count > 120 { break }
            }
        }
        if sentences.isEmpty, !current.isEmpty { sentences.append(current.trimmingCharacters(in: .whitespaces)) }
        var summary = sentences.prefix(2).joined(separator: " ")
        if summary.count > 240 { summary = String(summary.prefix(239)) + "…" }
        return summary.isEmpty ? nil : summary
    }

    static func firstEmail(in text: String) -> String? {
        guard let range = text.range(of: #"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"#,
                                     options: .regularExpression) else { return nil }
        let address = EmailNormaliser.normalise(String(text[range]))
        return EmailNormaliser.isValid(address) ? address : nil
    }

    static func firstPhone(in text: String) -> String? {
        guard let range = text.range(of: #"\+\d{1,3}[ \d/\-]{7,15}\d"#, options: .regularExpression) else { return nil }
        let digits = text[range].filter { $0.isNumber || $0 == "+" }
        return digits.count >= 9 ? String(digits) : nil
    }
}
