import Foundation

/// One parsed e-mail: clean header values, the best readable text and the decoded attachments.
public struct MailMessage: Sendable, Hashable {
    /// Every header field of the top level, in order, unfolded, encoded-words decoded.
    public var headers: [MailHeader]
    /// The author (`From:`); `nil` when missing or unparsable.
    public var from: MailAddress?
    /// `Reply-To:` addresses, where replies should go instead of ``from``.
    public var replyTo: [MailAddress]
    public var to: [MailAddress]
    public var cc: [MailAddress]
    public var subject: String?
    /// `Date:` parsed per RFC 5322 (obsolete zones and two-digit years accepted); `nil` when unreadable.
    public var date: Date?
    /// The writer's offset from UTC in seconds as the `Date:` header states it (0 when unknown).
    public var dateOffset: Int?
    /// `Message-ID:` without the angle brackets, as written.
    public var messageID: String?
    /// The ids in `In-Reply-To:`, without angle brackets.
    public var inReplyTo: [String]
    /// The ids in `References:`, oldest first, without angle brackets.
    public var references: [String]
    /// The best text of the message: text/plain preferred, else text/html turned into plain text.
    public var textBody: String
    /// Where ``textBody`` came from.
    public var textSource: TextSource
    /// Every part that is not the text body: attachments, inline images, forwarded messages (as `.eml`).
    public var attachments: [MailAttachment]
    /// Messages attached as `message/rfc822` (forwarded mail), parsed; their bytes are also in ``attachments``.
    public var forwarded: [MailMessage]
    /// Language tags from `Content-Language:` of the message or of its text part, e.g. `["it"]`.
    public var languages: [String]
    /// Damage the parser tolerated (missing closing boundary, unknown charset…), for the operator to see.
    public var warnings: [MailWarning]

    /// The kind of part ``textBody`` was taken from.
    public enum TextSource: String, Sendable, Hashable {
        case plain, html, none
    }

    /// The ISO 8601 day the message was written on, in the writer's own zone (`2026-12-01`).
    public var sentDay: String? {
        date.map { MailDate.isoDay($0, offset: dateOffset ?? 0) }
    }

    /// The value of the first header named `name` (case-insensitive), decoded.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// Every value of the headers named `name` (case-insensitive), in order.
    public func headers(named name: String) -> [String] {
        headers.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }.map(\.value)
    }
}

/// One header field, unfolded.
public struct MailHeader: Sendable, Hashable {
    /// The field name as written (`Subject`, `X-Mailer`).
    public var name: String
    /// The value with RFC 2047 encoded-words decoded and surrounding whitespace trimmed.
    public var value: String
    /// The unfolded value before encoded-word decoding (addresses and ids are parsed from this).
    public var rawValue: String

    public init(name: String, value: String, rawValue: String) {
        self.name = name
        self.value = value
        self.rawValue = rawValue
    }
}

/// A mailbox: an optional display name and the address.
public struct MailAddress: Sendable, Hashable, CustomStringConvertible {
    /// The display name, decoded (`Zoë Kowalska`), or `nil`.
    public var name: String?
    /// The address as written, `local@domain`.
    public var address: String

    public init(name: String? = nil, address: String) {
        self.name = name
        self.address = address
    }

    public var description: String {
        guard let name, !name.isEmpty else { return address }
        return "\(name) <\(address)>"
    }
}

/// A decoded part that is not the message's text.
public struct MailAttachment: Sendable, Hashable {
    /// The file name (RFC 2231 and encoded-words decoded), or `nil` when the part names none.
    public var filename: String?
    /// The lower-cased media type, e.g. `image/png`.
    public var contentType: String
    /// The decoded bytes.
    public var data: Data
    /// `Content-ID:` without angle brackets (how HTML refers to inline images).
    public var contentID: String?
    /// True for parts shown inside the message (inline images) rather than offered as files.
    public var isInline: Bool

    public init(filename: String?, contentType: String, data: Data, contentID: String? = nil, isInline: Bool = false) {
        self.filename = filename
        self.contentType = contentType
        self.data = data
        self.contentID = contentID
        self.isInline = isInline
    }
}

extension MailAttachment {
    /// A name safe to create a file with: ``filename`` without directories, control characters,
    /// reserved characters or leading dots, at most 200 characters; `attachment.<ext>` when empty.
    ///
    /// A sender chooses ``filename`` freely (`../../etc/passwd`, `CON`, `a\u{0}b`): never write it to disk as it is.
    public var safeFilename: String {
        let base = (filename ?? "").split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let unsafe = CharacterSet(charactersIn: ":*?\"<>|").union(.controlCharacters)
        var cleaned = String(String.UnicodeScalarView(base.unicodeScalars.map { unsafe.contains($0) ? "_" : $0 }))
        cleaned = String(cleaned.drop(while: { $0 == "." || $0 == " " })).trimmingCharacters(in: .whitespaces)
        if cleaned.count > 200 {
            let ext = (cleaned as NSString).pathExtension
            cleaned = String(cleaned.prefix(200 - ext.count - 1)) + (ext.isEmpty ? "" : "." + ext)
        }
        return cleaned.isEmpty ? "attachment" + Self.fileExtension(for: contentType) : cleaned
    }

    private static func fileExtension(for contentType: String) -> String {
        let known = [
            "image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif", "image/tiff": ".tif", "application/pdf": ".pdf",
            "message/rfc822": ".eml", "text/plain": ".txt", "text/html": ".html", "text/calendar": ".ics",
        ]
        return known[contentType] ?? ".bin"
    }
}

/// A problem the parser got around, kept so nobody trusts a damaged message blindly.
public struct MailWarning: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// A multipart ended without its `--boundary--` line.
        case missingClosingBoundary
        /// A multipart Content-Type had no boundary parameter; the part was read as text.
        case missingBoundary
        /// A charset name not known to the parser; the text was read as UTF-8 or Windows-1252.
        case unknownCharset
        /// Bytes not valid in the declared charset were replaced by U+FFFD.
        case invalidCharacters
        /// Base64 content had stray characters or an incomplete last group.
        case malformedBase64
        /// A line in the header section was not a header field; the body was taken to start there.
        case malformedHeaderLine
        /// A `Date:` header was present but could not be read.
        case unreadableDate
        /// A forwarded message inside could not be parsed; it is kept only as an attachment.
        case unreadableForwardedMessage
        /// An unknown Content-Transfer-Encoding; the bytes were taken as they are.
        case unknownTransferEncoding
    }

    public var kind: Kind
    public var detail: String

    public init(_ kind: Kind, _ detail: String) {
        self.kind = kind
        self.detail = detail
    }

    public var description: String { "\(kind.rawValue): \(detail)" }
}
