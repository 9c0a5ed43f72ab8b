import Foundation

/// A structured header value such as `Content-Type` or `Content-Disposition`: a main value and parameters.
struct HeaderParameters {
    /// The main value, lower-cased and trimmed (`multipart/mixed`, `attachment`).
    var value: String
    /// Parameters by lower-cased name, decoded (RFC 2231 sections and charsets, quoted strings, encoded-words).
    var parameters: [String: String]

    subscript(_ name: String) -> String? { parameters[name] }

    /// Parses `type/subtype; name="value"; name*=utf-8''%C4%85; name*0*=…; name*1=…`.
    init(_ raw: String) {
        let pieces = Self.splitOutsideQuotes(raw)
        value = Self.stripComments(pieces.first ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        var plain: [String: String] = [:]
        var sections: [String: [(index: Int, extended: Bool, text: String)]] = [:]
        for piece in pieces.dropFirst() {
            guard let equals = piece.firstIndex(of: "=") else { continue }
            let key = piece[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let text = Self.unquote(piece[piece.index(after: equals)...].trimmingCharacters(in: .whitespaces))
            guard !key.isEmpty else { continue }
            guard key.contains("*") else {
                if plain[key] == nil { plain[key] = text }
                continue
            }
            let parts = key.split(separator: "*", omittingEmptySubsequences: false)
            let base = String(parts[0])
            // `name*` (one extended section) or `name*N` / `name*N*` (continuations).
            if parts.count == 2 && parts[1].isEmpty {
                sections[base, default: []].append((0, true, text))
            } else if let index = Int(parts[1]) {
                sections[base, default: []].append((index, parts.count == 3, text))
            }
        }
        var result = plain.mapValues { EncodedWords.decode($0) }
        for (name, list) in sections {
            result[name] = Self.joinSections(list.sorted { $0.index < $1.index })
        }
        parameters = result
    }

    /// Joins RFC 2231 sections: the first extended one names the charset (`utf-8'pl'…`).
    private static func joinSections(_ list: [(index: Int, extended: Bool, text: String)]) -> String {
        var charset: String?
        var bytes: [UInt8] = []
        for (position, section) in list.enumerated() {
            var text = Substring(section.text)
            if section.extended && position == 0 {
                let quoteParts = text.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                if quoteParts.count == 3 {
                    charset = quoteParts[0].isEmpty ? nil : String(quoteParts[0])
                    text = quoteParts[2]
                }
            }
            bytes += section.extended ? percentDecoded(text) : Array(text.utf8)
        }
        return MailCharset.decode(bytes, charset: charset ?? "utf-8").text
    }

    private static func percentDecoded(_ text: Substring) -> [UInt8] {
        let utf8 = Array(text.utf8)
        var output: [UInt8] = []
        var i = 0
        while i < utf8.count {
            if utf8[i] == UInt8(ascii: "%"), i + 2 < utf8.count,
               let high = TransferEncoding.hexValue(utf8[i + 1]), let low = TransferEncoding.hexValue(utf8[i + 2]) {
                output.append(high << 4 | low)
                i += 3
            } else {
                output.append(utf8[i])
                i += 1
            }
        }
        return output
    }

    /// Splits on `;` outside quoted strings.
    static func splitOutsideQuotes(_ raw: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        var quoted = false
        var escaped = false
        for char in raw {
            if escaped { current.append(char); escaped = false; continue }
            if char == "\\" && quoted { current.append(char); escaped = true; continue }
            if char == "\"" { quoted.toggle() }
            if char == ";" && !quoted {
                pieces.append(current)
                current = ""
                continue
            }
            current.append(char)
        }
        pieces.append(current)
        return pieces
    }

    /// Removes a quoted string's quotes and backslash escapes; a token is returned as it is.
    static func unquote(_ text: String) -> String {
        guard text.hasPrefix("\"") else { return stripComments(text).trimmingCharacters(in: .whitespaces) }
        var result = ""
        var escaped = false
        for char in text.dropFirst() {
            if escaped { result.append(char); escaped = false; continue }
            if char == "\\" { escaped = true; continue }
            if char == "\"" { break }
            result.append(char)
        }
        return result
    }

    /// Drops `(comments)` from a token such as `text/plain (plain text)`.
    private static func stripComments(_ text: String) -> String {
        guard text.contains("(") else { return text }
        var depth = 0
        return String(text.filter { char in
            if char == "(" { depth += 1; return false }
            if char == ")" { depth = max(0, depth - 1); return false }
            return depth == 0
        })
    }
}
