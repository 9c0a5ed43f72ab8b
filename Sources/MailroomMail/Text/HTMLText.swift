import Foundation

/// Turns an HTML mail body into readable plain text.
public enum HTMLText {
    private static let blockTags: Set<String> = [
        "p", "div", "br", "tr", "li", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6",
        "blockquote", "pre", "hr", "section", "article", "header", "footer", "address", "dl", "dt", "dd",
    ]
    private static let paragraphTags: Set<String> = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "blockquote", "hr", "pre"]
    private static let skippedTags: Set<String> = ["script", "style", "head", "title", "template"]

    /// Plain text of `html`: tags stripped, entities decoded, whitespace collapsed as a browser
    /// would, `<br>` as a line break, paragraphs and headings separated by a blank line, list
    /// items as `- item`, `<blockquote>` lines prefixed with `> ` (so ``ReplyText`` can split HTML
    /// replies), and `<script>`, `<style>`, `<head>` and comments dropped.
    public static func plainText(_ html: String) -> String {
        var output = ""
        var pendingBreaks = 0
        var pendingSpace = false
        var inPre = 0
        var quoteDepth = 0
        var emittedDepth = 0
        var scalars = Substring(html)

        func breakLine(_ count: Int) {
            pendingBreaks = max(pendingBreaks, count)
            pendingSpace = false
        }
        func emit(_ text: String) {
            let marker = String(repeating: ">", count: quoteDepth)
            var lineStart = output.isEmpty
            if !output.isEmpty {
                if pendingBreaks > 0 {
                    // Blank lines inside a quote keep the `>` of the shallower side, so a quote reads as one block.
                    let blank = String(repeating: ">", count: min(quoteDepth, emittedDepth))
                    output += String(repeating: "\n" + blank, count: pendingBreaks - 1) + "\n"
                    lineStart = true
                } else if pendingSpace {
                    output += " "
                }
            }
            if lineStart && quoteDepth > 0 { output += marker + " " }
            pendingBreaks = 0
            pendingSpace = false
            emittedDepth = quoteDepth
            output += text
        }

        while let char = scalars.first {
            if char == "<" {
                if scalars.hasPrefix("<!--") {
                    scalars = scalars.range(of: "-->").map { scalars[$0.upperBound...] } ?? ""
                    continue
                }
                guard let close = scalars.firstIndex(of: ">") else { break }
                let tag = scalars[scalars.index(after: scalars.startIndex)..<close]
                scalars = scalars[scalars.index(after: close)...]
                let closing = tag.hasPrefix("/")
                let name = tag.drop(while: { $0 == "/" || $0 == "!" })
                    .prefix(while: { $0.isLetter || $0.isNumber }).lowercased()
                if skippedTags.contains(name) && !closing && !tag.hasSuffix("/") {
                    if let end = scalars.range(of: "</\(name)", options: .caseInsensitive) {
                        scalars = scalars[end.upperBound...]
                        scalars = scalars.firstIndex(of: ">").map { scalars[scalars.index(after: $0)...] } ?? ""
                    } else {
                        scalars = ""
                    }
                    continue
                }
                if name == "pre" { inPre += closing ? -1 : 1; inPre = max(0, inPre) }
                if name == "blockquote" {
                    breakLine(2)
                    quoteDepth = max(0, quoteDepth + (closing ? -1 : 1))
                    continue
                }
                if name == "br" {
                    pendingBreaks = min(2, pendingBreaks + 1)
                    pendingSpace = false
                } else if name == "li" && !closing {
                    breakLine(1)
                    emit("- ")
                    pendingSpace = false
                    continue
                } else if paragraphTags.contains(name) {
                    breakLine(2)
                } else if blockTags.contains(name) {
                    breakLine(1)
                } else if name == "td" || name == "th", !closing {
                    pendingSpace = true
                } else if name == "img", !closing, let alt = attribute("alt", in: tag), !alt.isEmpty {
                    emit("[\(decodeEntities(alt))]")
                }
                continue
            }
            let textEnd = scalars.firstIndex(of: "<") ?? scalars.endIndex
            let chunk = decodeEntities(String(scalars[..<textEnd]))
            scalars = scalars[textEnd...]
            if inPre > 0 {
                let lines = chunk.split(separator: "\n", omittingEmptySubsequences: false)
                for (index, line) in lines.enumerated() {
                    if index > 0 { breakLine(1) }
                    if !line.isEmpty { emit(String(line)) }
                }
                continue
            }
            let words = chunk.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" || $0 == "\u{0C}" })
            if chunk.first.map(isCollapsible) == true { pendingSpace = true }
            for (index, word) in words.enumerated() {
                if index > 0 { pendingSpace = true }
                emit(word.replacingOccurrences(of: "\u{00A0}", with: " "))
            }
            if chunk.last.map(isCollapsible) == true, !words.isEmpty { pendingSpace = true }
        }
        return output.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .joined(separator: "\n")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func isCollapsible(_ char: Character) -> Bool {
        char == " " || char == "\n" || char == "\t" || char == "\r"
    }

    /// The value of `name="…"` inside a tag.
    private static func attribute(_ name: String, in tag: Substring) -> String? {
        guard let range = tag.range(of: "\(name)=", options: .caseInsensitive) else { return nil }
        var rest = tag[range.upperBound...]
        if let quote = rest.first, quote == "\"" || quote == "'" {
            rest = rest.dropFirst()
            return String(rest.prefix(while: { $0 != quote }))
        }
        return String(rest.prefix(while: { !$0.isWhitespace && $0 != "/" }))
    }

    /// The charset an HTML document declares in a `<meta>` tag within its first 2 KB.
    static func declaredCharset(_ bytes: [UInt8]) -> String? {
        let head = String(decoding: bytes.prefix(2048), as: UTF8.self).lowercased()
        guard let range = head.range(of: "charset=") else { return nil }
        let value = head[range.upperBound...].drop(while: { $0 == "\"" || $0 == "'" || $0 == " " })
            .prefix(while: { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        return value.isEmpty ? nil : String(value)
    }

    /// Decodes `&amp;`, `&#233;`, `&#xE9;` and the named entities mail commonly uses.
    public static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var output = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            output += rest[..<amp]
            rest = rest[amp...]
            let body = rest.dropFirst().prefix(while: { $0.isLetter || $0.isNumber || $0 == "#" }).prefix(12)
            var decoded: String?
            if body.hasPrefix("#x") || body.hasPrefix("#X") {
                decoded = UInt32(body.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
            } else if body.hasPrefix("#") {
                decoded = UInt32(body.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
            } else {
                decoded = namedEntities[String(body)]
            }
            if let decoded, !body.isEmpty {
                output += decoded
                rest = rest.dropFirst(1 + body.count)
                if rest.first == ";" { rest = rest.dropFirst() }
            } else {
                output += "&"
                rest = rest.dropFirst()
            }
        }
        return output + rest
    }

    private static let namedEntities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}",
        "euro": "€", "pound": "£", "copy": "©", "reg": "®", "trade": "™", "deg": "°", "sect": "§",
        "hellip": "…", "mdash": "—", "ndash": "–", "lsquo": "‘", "rsquo": "’", "sbquo": "‚",
        "ldquo": "“", "rdquo": "”", "bdquo": "„", "laquo": "«", "raquo": "»", "bull": "•", "middot": "·",
        "agrave": "à", "aacute": "á", "acirc": "â", "auml": "ä", "egrave": "è", "eacute": "é", "ecirc": "ê",
        "euml": "ë", "igrave": "ì", "iacute": "í", "icirc": "î", "iuml": "ï", "ograve": "ò", "oacute": "ó",
        "ocirc": "ô", "ouml": "ö", "ugrave": "ù", "uacute": "ú", "ucirc": "û", "uuml": "ü", "ccedil": "ç",
        "ntilde": "ñ", "szlig": "ß", "Agrave": "À", "Aacute": "Á", "Egrave": "È", "Eacute": "É",
        "Igrave": "Ì", "Ograve": "Ò", "Oacute": "Ó", "Ugrave": "Ù", "Uuml": "Ü", "Ouml": "Ö", "Auml": "Ä",
        "Ccedil": "Ç", "aogon": "ą", "Aogon": "Ą", "cacute": "ć", "Cacute": "Ć", "eogon": "ę", "Eogon": "Ę",
        "lstrok": "ł", "Lstrok": "Ł", "nacute": "ń", "Nacute": "Ń", "sacute": "ś", "Sacute": "Ś",
        "zacute": "ź", "Zacute": "Ź", "zdot": "ż", "Zdot": "Ż", "shy": "", "zwnj": "", "zwj": "",
        "times": "×", "divide": "÷", "plusmn": "±", "frac12": "½", "iexcl": "¡", "iquest": "¿",
    ]
}
