import Foundation

/// The header section of a message or body part, split from its body.
struct HeaderSection {
    /// One field: name and unfolded raw value bytes turned into text.
    struct Field {
        var name: String
        var raw: String
    }

    var fields: [Field]
    /// Index of the first body byte in the buffer.
    var bodyStart: Int
    /// A line that was not a header field ended the section early (no blank line before the body).
    var strayLine: String?

    /// The raw (unfolded, undecoded) value of the first field named `name`.
    func raw(_ name: String) -> String? {
        fields.first { $0.name.lowercased() == name }?.raw
    }

    /// Limits that protect against a header section built to exhaust memory.
    static let maxHeaderBytes = 1 << 20
    static let maxFields = 5_000

    enum Failure: Error {
        case noFields
        case tooLong
    }

    /// Splits `bytes[start..<end]` into header fields and the body start.
    ///
    /// Lines may end in CRLF or LF. At the top of a message (`topLevel`) a leading mbox `From ` line is skipped. A line starting with
    /// whitespace continues the previous field (unfolding removes only the line break). The first
    /// empty line ends the section; a line that is neither a field nor a continuation ends it too
    /// and is kept as the body's first line (``strayLine`` tells the caller).
    static func parse(_ bytes: [UInt8], from start: Int, to end: Int, topLevel: Bool = false) throws(Failure) -> HeaderSection {
        var fields: [(name: String, value: [UInt8])] = []
        var position = start
        var strayLine: String?
        var first = true
        while position < end {
            var lineEnd = position
            while lineEnd < end && bytes[lineEnd] != 0x0A { lineEnd += 1 }
            let next = lineEnd < end ? lineEnd + 1 : end
            var contentEnd = lineEnd
            if contentEnd > position && bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            if contentEnd == position {
                position = next
                return HeaderSection(fields: fields.map(Self.field), bodyStart: position, strayLine: nil)
            }
            let line = bytes[position..<contentEnd]
            defer { first = false }
            if first && topLevel && line.starts(with: Array("From ".utf8)) {
                position = next
                continue
            }
            if line.first == 0x20 || line.first == 0x09 {
                if fields.isEmpty { throw .noFields }
                if lineEnd - start > maxHeaderBytes { throw .tooLong }
                fields[fields.count - 1].value.append(contentsOf: line)
                position = next
                continue
            }
            if let colon = fieldNameEnd(line) {
                if lineEnd - start > maxHeaderBytes || fields.count >= maxFields { throw .tooLong }
                let name = String(decoding: bytes[position..<colon], as: UTF8.self)
                    .trimmingCharacters(in: [" ", "\t"])
                fields.append((name, Array(bytes[(colon + 1)..<contentEnd])))
                position = next
                continue
            }
            if fields.isEmpty { throw .noFields }
            strayLine = MailCharset.headerText(line)
            break
        }
        if fields.isEmpty { throw .noFields }
        return HeaderSection(fields: fields.map(Self.field), bodyStart: position, strayLine: strayLine)
    }

    /// The index of the colon when `line` starts with a field name (printable ASCII, no space or colon).
    static func fieldNameEnd(_ line: ArraySlice<UInt8>) -> Int? {
        var index = line.startIndex
        while index < line.endIndex {
            let byte = line[index]
            if byte == UInt8(ascii: ":") { return index > line.startIndex ? index : nil }
            if byte == 0x20 || byte == 0x09 {
                // Obsolete syntax allows whitespace before the colon: `Subject : x`.
                var after = index
                while after < line.endIndex && (line[after] == 0x20 || line[after] == 0x09) { after += 1 }
                return after < line.endIndex && line[after] == UInt8(ascii: ":") && index > line.startIndex ? after : nil
            }
            if byte < 33 || byte > 126 { return nil }
            index += 1
        }
        return nil
    }

    private static func field(_ pair: (name: String, value: [UInt8])) -> Field {
        Field(name: pair.name, raw: MailCharset.headerText(pair.value[...]).trimmingCharacters(in: .whitespaces))
    }
}
