import Foundation

/// One MIME entity (the message itself or a body part): its headers, body bytes and child parts.
struct MIMEEntity {
    var id: Int
    var header: HeaderSection
    var contentType: HeaderParameters
    var disposition: HeaderParameters?
    /// The byte range of the (still encoded) body within the shared buffer.
    var body: Range<Int>
    var children: [MIMEEntity]
    /// True when the body runs to the end of the file without being closed (a cut-off file shows here).
    var reachesEnd: Bool
    /// How deep the entity sits, counting forwarded messages around it.
    var depth: Int

    var mediaType: String { contentType.value }
    var isMultipart: Bool { mediaType.hasPrefix("multipart/") }
    var transferEncoding: String {
        (header.raw("content-transfer-encoding") ?? "7bit").trimmingCharacters(in: .whitespaces).lowercased()
    }
    var filename: String? {
        let name = disposition?["filename"] ?? contentType["name"]
        return name.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
    }
    var isAttachmentDisposition: Bool { disposition?.value == "attachment" }
    var contentID: String? {
        header.raw("content-id").flatMap { AddressParser.messageIDs($0).first ?? $0.trimmingCharacters(in: CharacterSet(charactersIn: "<> ")) }
    }
}

/// Builds the MIME tree over one buffer, collecting warnings.
final class MIMEReader {
    let bytes: [UInt8]
    let source: String
    let options: MailParser.Options
    var warnings: [MailWarning] = []
    private var nextID = 0

    init(bytes: [UInt8], source: String, options: MailParser.Options) {
        self.bytes = bytes
        self.source = source
        self.options = options
    }

    /// Parses the entity in `range`; `header` is given for the top level, parsed here for parts.
    func entity(_ range: Range<Int>, header given: HeaderSection? = nil, depth: Int,
                defaultType: String = "text/plain", reachesEnd: Bool) throws(MailError) -> MIMEEntity {
        guard depth <= options.maxNestingDepth else {
            throw MailError(.tooDeeplyNested, source: source, reason: "MIME parts nest more than \(options.maxNestingDepth) levels deep")
        }
        let header: HeaderSection
        if let given {
            header = given
        } else {
            do {
                header = try HeaderSection.parse(bytes, from: range.lowerBound, to: range.upperBound)
            } catch .tooLong {
                throw MailError(.malformedHeader, source: source, reason: "a body part's header section is too long")
            } catch {
                // A part without headers: all of it is body, with the defaults of RFC 2045.
                header = HeaderSection(fields: [], bodyStart: range.lowerBound, strayLine: nil)
            }
        }
        nextID += 1
        var entity = MIMEEntity(
            id: nextID, header: header,
            contentType: HeaderParameters(header.raw("content-type") ?? defaultType),
            disposition: header.raw("content-disposition").map(HeaderParameters.init),
            body: header.bodyStart..<range.upperBound, children: [], reachesEnd: reachesEnd, depth: depth
        )
        if entity.contentType.value.isEmpty || !entity.contentType.value.contains("/") {
            entity.contentType = HeaderParameters(defaultType)
        }
        guard entity.isMultipart else { return entity }
        guard let boundary = entity.contentType["boundary"], !boundary.isEmpty else {
            warnings.append(MailWarning(.missingBoundary, "\(entity.mediaType) without a boundary parameter; read as text"))
            entity.contentType = HeaderParameters("text/plain")
            return entity
        }
        let (parts, closed) = split(entity.body, boundary: Array(boundary.utf8))
        if parts.isEmpty {
            warnings.append(MailWarning(.missingBoundary, "no part starts with the boundary \"\(boundary)\"; read as text"))
            entity.contentType = HeaderParameters("text/plain")
            return entity
        }
        if !closed {
            warnings.append(MailWarning(.missingClosingBoundary, "\(entity.mediaType) has no closing --\(boundary)-- line; the last part runs to the end"))
        }
        let childType = entity.mediaType == "multipart/digest" ? "message/rfc822" : "text/plain"
        for (index, part) in parts.enumerated() {
            let last = index == parts.count - 1
            entity.children.append(try self.entity(part, depth: depth + 1, defaultType: childType,
                                                   reachesEnd: reachesEnd && last && !closed))
        }
        return entity
    }

    /// Splits a multipart body on `--boundary` lines; returns the part ranges and whether `--boundary--` was seen.
    ///
    /// A delimiter line starts with `--boundary`, then optional `--`, then only whitespace. The line
    /// break before a delimiter belongs to it, not to the part. Preamble and epilogue are dropped.
    func split(_ body: Range<Int>, boundary: [UInt8]) -> (parts: [Range<Int>], closed: Bool) {
        let delimiter = [UInt8(ascii: "-"), UInt8(ascii: "-")] + boundary
        var parts: [Range<Int>] = []
        var partStart: Int?
        var lineStart = body.lowerBound
        while lineStart < body.upperBound {
            var lineEnd = lineStart
            while lineEnd < body.upperBound && bytes[lineEnd] != 0x0A { lineEnd += 1 }
            let next = lineEnd < body.upperBound ? lineEnd + 1 : body.upperBound
            if bytes[lineStart] == UInt8(ascii: "-"), let closing = delimiterKind(lineStart..<lineEnd, delimiter) {
                if let start = partStart {
                    var end = lineStart
                    if end > start && bytes[end - 1] == 0x0A { end -= 1 }
                    if end > start && bytes[end - 1] == 0x0D { end -= 1 }
                    parts.append(start..<max(start, end))
                }
                if closing { return (parts, true) }
                partStart = next
            }
            lineStart = next
        }
        if let start = partStart { parts.append(start..<body.upperBound) }
        return (parts, false)
    }

    /// `nil` when the line is not a delimiter; `true` for the closing `--boundary--`.
    private func delimiterKind(_ line: Range<Int>, _ delimiter: [UInt8]) -> Bool? {
        guard line.count >= delimiter.count, bytes[line.lowerBound..<(line.lowerBound + delimiter.count)].elementsEqual(delimiter) else {
            return nil
        }
        var rest = bytes[(line.lowerBound + delimiter.count)..<line.upperBound]
        var closing = false
        if rest.starts(with: [UInt8(ascii: "-"), UInt8(ascii: "-")]) {
            closing = true
            rest = rest.dropFirst(2)
        }
        return rest.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D } ? closing : nil
    }

    /// The body bytes with the Content-Transfer-Encoding undone.
    func decodedBody(_ entity: MIMEEntity) throws(MailError) -> [UInt8] {
        let raw = bytes[entity.body]
        switch entity.transferEncoding {
        case "base64":
            let result = TransferEncoding.base64(raw)
            if result.incomplete {
                if entity.reachesEnd {
                    throw MailError(.truncated, source: source, reason: "the base64 content of a \(entity.mediaType) part stops in the middle of the data at the end of the file")
                }
                warnings.append(MailWarning(.malformedBase64, "the base64 content of a \(entity.mediaType) part ends with an incomplete group"))
            } else if result.skipped > 0 {
                warnings.append(MailWarning(.malformedBase64, "\(result.skipped) characters that are not base64 were skipped in a \(entity.mediaType) part"))
            }
            return result.bytes
        case "quoted-printable":
            return TransferEncoding.quotedPrintable(raw)
        case "7bit", "8bit", "binary", "":
            return Array(raw)
        default:
            warnings.append(MailWarning(.unknownTransferEncoding, "Content-Transfer-Encoding \"\(entity.transferEncoding)\" is not known; the bytes were kept as they are"))
            return Array(raw)
        }
    }
}
