import Foundation

/// Turns a MIME tree into a ``MailMessage``: header values, the chosen text, attachments, forwarded mail.
struct MessageAssembler {
    let reader: MIMEReader

    /// The text chosen from a subtree (the text leaves it consumed are collected separately).
    private struct Selection {
        var texts: [String]
        var source: MailMessage.TextSource
        var languages: [String]
    }

    func message(_ root: MIMEEntity) throws(MailError) -> MailMessage {
        let fields = root.header.fields
        let headers = fields.map { MailHeader(name: $0.name, value: EncodedWords.decode($0.raw), rawValue: $0.raw) }
        func raw(_ name: String) -> String? { root.header.raw(name) }
        func all(_ name: String) -> [String] { fields.filter { $0.name.lowercased() == name }.map(\.raw) }

        var used = Set<Int>()
        let selection = try select(root, used: &used)
        var attachments: [MailAttachment] = []
        var forwarded: [MailMessage] = []
        try collectAttachments(root, used: used, inRelated: false, into: &attachments, forwarded: &forwarded)

        var date: (date: Date, offset: Int)?
        if let rawDate = raw("date") {
            date = MailDate.parseWithOffset(rawDate)
            if date == nil { reader.warnings.append(MailWarning(.unreadableDate, "the Date: \"\(rawDate.prefix(60))\" could not be read")) }
        }
        let subject = raw("subject").map { EncodedWords.decode($0).trimmingCharacters(in: .whitespacesAndNewlines) }
        var languages = Self.languageTags(raw("content-language"))
        for tag in selection?.languages ?? [] where !languages.contains(tag) { languages.append(tag) }

        return MailMessage(
            headers: headers,
            from: raw("from").flatMap { AddressParser.parseList($0).first },
            replyTo: all("reply-to").flatMap(AddressParser.parseList),
            to: all("to").flatMap(AddressParser.parseList),
            cc: all("cc").flatMap(AddressParser.parseList),
            subject: subject,
            date: date?.date,
            dateOffset: date?.offset,
            messageID: raw("message-id").flatMap(Self.messageID),
            inReplyTo: raw("in-reply-to").map(AddressParser.messageIDs) ?? [],
            references: all("references").flatMap(AddressParser.messageIDs),
            textBody: Self.tidy(selection?.texts.filter { !$0.isEmpty }.joined(separator: "\n\n") ?? ""),
            textSource: selection?.source ?? .none,
            attachments: attachments,
            forwarded: forwarded,
            languages: languages,
            warnings: reader.warnings
        )
    }

    /// Chooses the readable text of a subtree, recording the text leaves it consumed in `used`.
    private func select(_ entity: MIMEEntity, used: inout Set<Int>) throws(MailError) -> Selection? {
        if !entity.isMultipart {
            guard isBodyText(entity) else { return nil }
            used.insert(entity.id)
            let text = try self.text(of: entity)
            let languages = Self.languageTags(entity.header.raw("content-language"))
            return Selection(texts: [text], source: entity.mediaType == "text/html" ? .html : .plain, languages: languages)
        }
        switch entity.mediaType {
        case "multipart/alternative":
            var options: [Selection] = []
            for child in entity.children {
                if let selection = try select(child, used: &used) { options.append(selection) }
            }
            func hasText(_ s: Selection) -> Bool { s.texts.contains { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty } }
            return options.first { $0.source == .plain && hasText($0) }
                ?? options.first { $0.source == .html && hasText($0) }
                ?? options.first
        case "multipart/related":
            let start = entity.contentType["start"].map { AddressParser.messageIDs($0).first ?? $0 }
            let root = entity.children.first { start != nil && $0.contentID == start } ?? entity.children.first
            guard let root else { return nil }
            return try select(root, used: &used)
        default:
            var combined: Selection?
            for child in entity.children {
                guard let selection = try select(child, used: &used) else { continue }
                if combined == nil {
                    combined = selection
                } else {
                    combined!.texts += selection.texts
                    combined!.languages += selection.languages
                }
            }
            return combined
        }
    }

    /// A text part meant to be read in the message rather than saved as a file: not marked
    /// `attachment`, and either explicitly `inline` or without a file name.
    private func isBodyText(_ entity: MIMEEntity) -> Bool {
        (entity.mediaType == "text/plain" || entity.mediaType == "text/html")
            && !entity.isAttachmentDisposition
            && (entity.disposition?.value == "inline" || entity.filename == nil)
    }

    /// Every leaf not used as text, depth first; `message/rfc822` leaves are also parsed into `forwarded`.
    private func collectAttachments(_ entity: MIMEEntity, used: Set<Int>, inRelated: Bool,
                                    into attachments: inout [MailAttachment], forwarded: inout [MailMessage]) throws(MailError) {
        if entity.isMultipart {
            let related = entity.mediaType == "multipart/related"
            for child in entity.children {
                try collectAttachments(child, used: used, inRelated: related, into: &attachments, forwarded: &forwarded)
            }
            return
        }
        guard !used.contains(entity.id) else { return }
        let data = try reader.decodedBody(entity)
        var filename = entity.filename
        if entity.mediaType == "message/rfc822" || entity.mediaType == "message/global" {
            do {
                let inner = try MailParser.parse(bytes: data, source: "\(reader.source) (forwarded message)",
                                                 options: reader.options, depth: entity.depth + 1)
                forwarded.append(inner)
                if filename == nil { filename = Self.emlName(inner.subject) }
            } catch {
                reader.warnings.append(MailWarning(.unreadableForwardedMessage, error.reason))
                if filename == nil { filename = "forwarded.eml" }
            }
        }
        if data.isEmpty && filename == nil { return }
        let inline = entity.disposition?.value == "inline" || (entity.disposition == nil && inRelated)
        attachments.append(MailAttachment(filename: filename, contentType: entity.mediaType, data: Data(data),
                                          contentID: entity.contentID, isInline: inline))
    }

    /// The decoded text of a text part, HTML turned into plain text and format=flowed rejoined.
    private func text(of entity: MIMEEntity) throws(MailError) -> String {
        let data = try reader.decodedBody(entity)
        var charset = entity.contentType["charset"]
        if charset == nil && entity.mediaType == "text/html" { charset = HTMLText.declaredCharset(data) }
        var (text, warning) = MailCharset.decode(data, charset: charset)
        if let warning { reader.warnings.append(warning) }
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        if entity.mediaType == "text/html" { return HTMLText.plainText(text) }
        if entity.contentType["format"]?.lowercased() == "flowed" {
            return FlowedText.unflow(text, deleteSpace: entity.contentType["delsp"]?.lowercased() == "yes")
        }
        return text
    }

    /// Normalises line endings and trims blank lines at both ends; keeps inner spacing.
    static func tidy(_ text: String) -> String {
        let unified = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        let lines = unified.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var line = Substring(line)
            while let last = line.last, last == " " || last == "\t" {
                // Keep the signature separator "-- " intact.
                if line == "-- " { break }
                line = line.dropLast()
            }
            return String(line)
        }
        return lines.joined(separator: "\n").trimmingCharacters(in: .newlines)
    }

    /// The id in a `Message-ID` value; a bare token without brackets or `@` is taken as it is.
    static func messageID(_ raw: String) -> String? {
        if let id = AddressParser.messageIDs(raw).first { return id }
        let token = raw.trimmingCharacters(in: .whitespaces)
        return token.isEmpty || token.contains(where: \.isWhitespace) ? nil : token
    }

    static func languageTags(_ raw: String?) -> [String] {
        guard let raw else { return [] }
        return raw.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// A file name for a forwarded message: its subject made safe, plus `.eml`.
    static func emlName(_ subject: String?) -> String {
        let unsafe = CharacterSet(charactersIn: "/\\:*?\"<>|").union(.controlCharacters)
        let cleaned = (subject ?? "").unicodeScalars.map { unsafe.contains($0) ? "_" : String($0) }.joined()
            .trimmingCharacters(in: .whitespaces)
        return (cleaned.isEmpty ? "forwarded" : String(cleaned.prefix(100))) + ".eml"
    }
}
