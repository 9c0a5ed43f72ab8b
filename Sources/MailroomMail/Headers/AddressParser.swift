import Foundation

/// Parses RFC 5322 address lists: display names, quoted strings, comments, groups, bare addresses.
enum AddressParser {
    private enum Token: Equatable {
        case word(String)
        case quoted(String)
        case comment(String)
        case special(Character)
    }

    /// The mailboxes of an address-list header value (raw, before encoded-word decoding).
    ///
    /// Groups (`Team: a@x, b@y;`) contribute their members; empty groups (`undisclosed-recipients:;`)
    /// nothing. Old style `addr (Name)` takes the comment as the name. Entries without an `@`
    /// that were not in angle brackets are skipped.
    static func parseList(_ raw: String) -> [MailAddress] {
        var result: [MailAddress] = []
        var phrase: [Token] = []
        var angle: String?
        var tokens = tokenize(raw)[...]

        func finish() {
            defer { phrase = []; angle = nil }
            let comments = phrase.compactMap { if case .comment(let c) = $0 { c } else { nil } }
            let words = phrase.compactMap { token -> String? in
                switch token {
                case .word(let w), .quoted(let w): return w
                default: return nil
                }
            }
            if let angle {
                let address = angle.trimmingCharacters(in: .whitespaces)
                guard !address.isEmpty else { return }
                result.append(MailAddress(name: displayName(phrase), address: address))
                return
            }
            // No angle brackets: the words are the address (`john@example.com (John)`).
            let address = phrase.compactMap { token -> String? in
                switch token {
                case .word(let w): return w
                case .quoted(let w): return "\"\(w)\""
                case .special("@"): return "@"
                default: return nil
                }
            }.joined()
            guard address.contains("@"), !words.isEmpty else { return }
            let name = comments.last.map { EncodedWords.decode($0).trimmingCharacters(in: .whitespaces) }
            result.append(MailAddress(name: name?.isEmpty == false ? name : nil, address: address))
        }

        while let token = tokens.popFirst() {
            switch token {
            case .special(","), .special(";"):
                finish()
            case .special(":") where angle == nil:
                phrase = [] // a group name
            case .special("<"):
                var address = ""
                while let inner = tokens.popFirst(), inner != .special(">") {
                    switch inner {
                    case .word(let w): address += w
                    case .quoted(let w): address += "\"\(w)\""
                    case .special(":"): address = "" // obsolete route `<@relay:user@host>`
                    case .special("@"): address += "@"
                    case .special(let c) where c != ",": address.append(c)
                    default: break
                    }
                }
                angle = address
            default:
                phrase.append(token)
            }
        }
        finish()
        return result
    }

    /// The display name of a phrase: words joined by spaces, encoded-words decoded, quotes removed.
    private static func displayName(_ phrase: [Token]) -> String? {
        let words = phrase.compactMap { token -> String? in
            switch token {
            case .word(let w): return w
            case .quoted(let w): return w
            case .special(let c): return String(c)
            case .comment: return nil
            }
        }
        var name = EncodedWords.decode(words.joined(separator: " "))
        name = name.replacingOccurrences(of: " @ ", with: "@")
        name = name.trimmingCharacters(in: .whitespaces)
        if name.isEmpty, case .comment(let comment)? = phrase.first(where: { if case .comment = $0 { true } else { false } }) {
            name = EncodedWords.decode(comment)
        }
        return name.isEmpty ? nil : name
    }

    private static func tokenize(_ raw: String) -> [Token] {
        var tokens: [Token] = []
        var word = ""
        var chars = raw[...]
        func flush() {
            if !word.isEmpty { tokens.append(.word(word)); word = "" }
        }
        while let char = chars.popFirst() {
            switch char {
            case " ", "\t", "\r", "\n":
                flush()
            case "\"":
                flush()
                var text = ""
                while let inner = chars.popFirst(), inner != "\"" {
                    if inner == "\\", let escaped = chars.popFirst() { text.append(escaped) } else { text.append(inner) }
                }
                tokens.append(.quoted(text))
            case "(":
                flush()
                var depth = 1
                var text = ""
                while let inner = chars.popFirst() {
                    if inner == "\\", let escaped = chars.popFirst() { text.append(escaped); continue }
                    if inner == "(" { depth += 1 }
                    if inner == ")" { depth -= 1; if depth == 0 { break } }
                    text.append(inner)
                }
                tokens.append(.comment(text))
            case "<", ">", ",", ":", ";", "@":
                flush()
                tokens.append(.special(char))
            default:
                word.append(char)
            }
        }
        flush()
        return tokens
    }

    /// The message ids in an `In-Reply-To`, `References` or `Message-ID` value, without angle brackets.
    ///
    /// Ids in brackets are taken in order; text outside brackets (comments, `Your message of …`)
    /// is ignored. A value with no brackets at all is split on whitespace and commas, keeping words with `@`.
    static func messageIDs(_ raw: String) -> [String] {
        var ids: [String] = []
        var rest = raw[...]
        while let open = rest.firstIndex(of: "<") {
            guard let close = rest[open...].firstIndex(of: ">") else { break }
            let id = rest[rest.index(after: open)..<close].filter { !$0.isWhitespace }
            if !id.isEmpty { ids.append(String(id)) }
            rest = rest[rest.index(after: close)...]
        }
        if ids.isEmpty {
            ids = raw.split(whereSeparator: { $0.isWhitespace || $0 == "," })
                .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "<>")) }
                .filter { $0.contains("@") }
        }
        return ids
    }
}
