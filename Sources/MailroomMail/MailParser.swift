import Foundation

/// Parses RFC 5322 / MIME messages (`.eml` files) into ``MailMessage`` values.
///
/// Tolerant of what real mailers produce (LF or CRLF, missing closing boundaries, mislabelled
/// charsets), recording each repair in ``MailMessage/warnings``; strict about input that is not
/// mail at all, which throws a ``MailError`` naming the file. Never traps on outside input.
public enum MailParser {
    /// Limits that keep one hostile or broken file from exhausting the machine.
    public struct Options: Sendable, Hashable {
        /// Messages larger than this are refused with ``MailError/Code/tooLarge`` (default 50 MB).
        public var maxMessageBytes: Int
        /// MIME parts (including forwarded messages) nested deeper are refused (default 32).
        public var maxNestingDepth: Int

        public init(maxMessageBytes: Int = 50 * 1024 * 1024, maxNestingDepth: Int = 32) {
            self.maxMessageBytes = maxMessageBytes
            self.maxNestingDepth = maxNestingDepth
        }

        public static let `default` = Options()
    }

    /// Header names that only e-mail starts with; at least one must be present to call bytes a message.
    static let messageHeaderNames: Set<String> = [
        "from", "to", "cc", "subject", "date", "message-id", "mime-version", "received", "return-path",
        "sender", "reply-to", "delivered-to", "in-reply-to", "references", "content-type", "x-mailer",
        "user-agent", "dkim-signature", "arc-seal", "authentication-results", "x-original-to",
    ]

    /// Parses one message. `source` names the file in errors (a path or any label).
    public static func parse(_ data: Data, source: String, options: Options = .default) throws(MailError) -> MailMessage {
        if data.isEmpty { throw MailError(.empty, source: source, reason: "zero bytes") }
        if data.count > options.maxMessageBytes {
            throw MailError(.tooLarge, source: source, reason: "\(data.count) bytes is over the limit of \(options.maxMessageBytes) bytes")
        }
        if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            throw MailError(.notAMessage, source: source, reason: "this is an Outlook .msg file (OLE compound document), not an .eml")
        }
        var bytes = [UInt8](data)
        // Some Windows tools write a UTF-8 byte order mark before the headers.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        return try parse(bytes: bytes, source: source, options: options, depth: 0)
    }

    /// Reads and parses the file at `url`, checking its size before reading it.
    public static func parse(fileAt url: URL, options: Options = .default) throws(MailError) -> MailMessage {
        let source = url.path
        let size: Int
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: source)
            size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        } catch {
            throw MailError(.unreadable, source: source, reason: "cannot read the file (\(error.localizedDescription))")
        }
        if size > options.maxMessageBytes {
            throw MailError(.tooLarge, source: source, reason: "\(size) bytes is over the limit of \(options.maxMessageBytes) bytes")
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw MailError(.unreadable, source: source, reason: "cannot read the file (\(error.localizedDescription))")
        }
        return try parse(data, source: source, options: options)
    }

    static func parse(bytes: [UInt8], source: String, options: Options, depth: Int) throws(MailError) -> MailMessage {
        let header: HeaderSection
        do {
            header = try HeaderSection.parse(bytes, from: 0, to: bytes.count, topLevel: true)
        } catch .tooLong {
            throw MailError(.malformedHeader, source: source, reason: "the header section is longer than \(HeaderSection.maxHeaderBytes) bytes or \(HeaderSection.maxFields) fields")
        } catch {
            throw MailError(.notAMessage, source: source, reason: "the file does not start with header fields such as From: or Subject:")
        }
        guard header.fields.contains(where: { messageHeaderNames.contains($0.name.lowercased()) }) else {
            throw MailError(.notAMessage, source: source, reason: "none of the header fields is an e-mail header (From:, Date:, Subject:, Message-ID:…)")
        }
        let reader = MIMEReader(bytes: bytes, source: source, options: options)
        if let stray = header.strayLine {
            reader.warnings.append(MailWarning(.malformedHeaderLine, "the line \"\(stray.prefix(60))\" is not a header field; the body was taken to start there"))
        }
        let root = try reader.entity(0..<bytes.count, header: header, depth: depth, reachesEnd: true)
        return try MessageAssembler(reader: reader).message(root)
    }

    /// Content sniffing for the scanner: true when `prefix` (the first bytes of a file) starts like an e-mail.
    ///
    /// Requires the first line to be a header field (after an optional mbox `From ` line), every
    /// complete line up to the first empty one to be a field or a continuation, at least two
    /// fields, and at least one of them a mail header (From, Received, Message-ID, MIME-Version,
    /// Return-Path, Date, Subject…). Text files with a `Note:` line or binary files fail.
    public static func looksLikeMessage(_ prefix: Data) -> Bool {
        var bytes = [UInt8](prefix.prefix(16 * 1024))
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        // Only judge complete lines: the prefix may stop mid-line.
        if let lastNewline = bytes.lastIndex(of: 0x0A) { bytes = Array(bytes[...lastNewline]) } else { return false }
        guard let header = try? HeaderSection.parse(bytes, from: 0, to: bytes.count, topLevel: true), header.strayLine == nil else {
            return false
        }
        let names = header.fields.map { $0.name.lowercased() }
        let strong: Set<String> = ["from", "received", "message-id", "mime-version", "return-path", "date", "subject", "delivered-to", "to"]
        return names.count >= 2 && names.contains(where: strong.contains)
    }
}
