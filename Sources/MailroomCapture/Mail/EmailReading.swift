import MailroomMail

/// What capture made of an e-mail: its checked details and the text of the message and of
/// every scanned attachment.
public struct EmailReading: Sendable, Hashable, Codable {
    public var language: String
    /// The sender's address, normalised (lower case).
    public var from: String?
    public var subject: String?
    /// The message and the OCR text of its image and PDF attachments, in that order.
    public var text: String
    /// The pages of scanned attachments, numbered across the message.
    public var pages: [PageReading]
    /// One line per attachment: its name and what became of it.
    public var attachments: [AttachmentNote]
    /// Sender, date, subject, references and threading ids, as fields.
    public var details: LetterDetails

    /// An attachment and what capture did with it.
    public struct AttachmentNote: Sendable, Hashable, Codable {
        public var name: String
        public var contentType: String
        public var pages: Int
        /// Why an attachment that looked like a scan could not be read; the mail is kept anyway.
        public var error: String?
    }
}
