import Foundation
import MailroomImaging
import MailroomMail

extension DocumentReader {
    /// Reads an e-mail: its text, its scanned attachments (OCR'd like letters), and the fields
    /// a case needs: sender, subject, day, references and the ids that thread it.
    ///
    /// A damaged attachment never costs the message: it is noted and the rest is kept.
    public func read(mail: MailMessage, imageReader: ImageReader = ImageReader()) -> DocumentReading {
        timings = StepClock()
        var pages: [PageReading] = []
        var notes: [EmailReading.AttachmentNote] = []
        var scannedText: [String] = []
        for attachment in mail.attachments {
            let name = attachment.filename ?? attachment.safeFilename
            var note = EmailReading.AttachmentNote(name: name, contentType: attachment.contentType, pages: 0)
            if Self.isScan(attachment) {
                do {
                    var images = try timings.time("decode attachment") { try imageReader.decode(attachment.data, path: name) }
                    let scan = try readLetter(&images)
                    note.pages = scan.pages.count
                    for var page in scan.pages {
                        page.number = pages.count + 1
                        pages.append(page)
                    }
                    if case .letter(let letter) = scan { scannedText.append(letter.rawText) }
                } catch {
                    note.error = "\(error)"
                }
            }
            notes.append(note)
        }
        return .email(EmailReader(configuration: configuration).reading(of: mail, pages: pages, scannedText: scannedText, attachments: notes))
    }

    static func isScan(_ attachment: MailAttachment) -> Bool {
        let type = attachment.contentType.lowercased()
        return type.hasPrefix("image/") || type == "application/pdf"
            || ImageReader.recognises(attachment.data)
    }
}

/// Builds an ``EmailReading`` from a parsed message, with or without OCR'd attachments.
public struct EmailReader: Sendable {
    public var configuration: CaptureConfiguration

    public init(configuration: CaptureConfiguration) { self.configuration = configuration }

    public func reading(of mail: MailMessage, pages: [PageReading] = [], scannedText: [String] = [],
                        attachments: [EmailReading.AttachmentNote] = []) -> EmailReading {
        let reply = mail.replyText
        let body = reply.newText.isEmpty ? mail.textBody : reply.newText
        let text = ([mail.textBody] + scannedText).filter { !$0.isEmpty }.joined(separator: "\n\n")
        let language = LanguageGuess.guess(body + "\n" + scannedText.joined(separator: "\n"), among: configuration.letterLanguages)
            ?? configuration.letterLanguages.first ?? "eng"
        let extractor = LetterExtractor(postcodes: configuration.postcodes, references: configuration.references)
        // The sender's postal address, when the body or signature gives one.
        let found = extractor.extract(text: body + "\n\n" + reply.signature + "\n\n" + scannedText.joined(separator: "\n\n"),
                                      language: language)
        var details = LetterDetails()
        details.senderName = mail.from?.name ?? found.senderName
        details.senderEmail = mail.from.map { $0.address.lowercased() } ?? found.senderEmail
        details.subject = mail.subject
        details.date = mail.sentDay
        let bodyLines = LetterLines(body)
        let salutation = bodyLines.firstIndex { LetterVocabulary.starts($0, with: LetterVocabulary.salutations) != nil }
        details.summary = LetterExtractor.summary(bodyLines, after: salutation.map { $0 } ?? -1)
        details.references = extractor.findReferences(in: ([mail.subject ?? ""] + LetterLines(text).all))
        details.senderPhone = found.senderPhone
        if found.senderPostcode != nil, found.fields.first(where: { $0.name == LetterField.senderPostcode.rawValue })?.decision == .accepted {
            details.senderStreet = found.senderStreet
            details.senderPostcode = found.senderPostcode
            details.senderTown = found.senderTown
            details.senderCountry = found.senderCountry
        }
        details.correctedText = text
        details.fields = fields(details, mail: mail)
        return EmailReading(language: language, from: details.senderEmail, subject: mail.subject, text: text,
                            pages: pages, attachments: attachments, details: details)
    }

    /// A mail's fields: what the headers say is certain; nothing is required, since a mail
    /// without a postal address is normal.
    private func fields(_ details: LetterDetails, mail: MailMessage) -> [FieldResult] {
        var fields: [FieldResult] = []
        func add(_ name: LetterField, _ type: FieldType, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            fields.append(FieldResult(name: name.rawValue, type: type, raw: value, value: value, confidence: 100))
        }
        add(.senderName, .name, details.senderName)
        add(.senderEmail, .email, details.senderEmail)
        add(.senderPhone, .phone, details.senderPhone)
        add(.senderStreet, .street, details.senderStreet)
        add(.senderPostcode, .postcode, details.senderPostcode)
        add(.senderTown, .town, details.senderTown)
        add(.senderCountry, .text, details.senderCountry)
        add(.letterDate, .date, details.date)
        add(.subject, .text, details.subject)
        add(.summary, .text, details.summary)
        add(.messageID, .text, mail.messageID.map(MailMessage.normalizedMessageID))
        add(.inReplyTo, .text, mail.answeredIDs.isEmpty ? nil : mail.answeredIDs.joined(separator: " "))
        for reference in details.references {
            if let name = LetterField(rawValue: "reference_" + reference.kind) { add(name, .text, reference.value) }
        }
        return fields
    }
}
