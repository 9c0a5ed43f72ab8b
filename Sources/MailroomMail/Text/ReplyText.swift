import Foundation

/// A mail body split into what the writer just wrote, the quoted earlier mail and the signature.
public struct ReplyText: Sendable, Hashable {
    /// The text written in this message, without quotes or signature.
    public var newText: String
    /// The quoted earlier messages, one `>` level removed, attribution lines included.
    public var quotedText: String
    /// The signature after a `-- ` line or a mobile footer (`Sent from my iPhone`), without the separator.
    public var signature: String

    /// Splits a plain-text body.
    ///
    /// Rules, line by line:
    /// - lines starting with `>` are quoted; an attribution line just before them is quoted too:
    ///   `On … wrote:`, `Il giorno … ha scritto:`, `W dniu … pisze:` / `napisał(a):`, `Am … schrieb …:`,
    ///   `Le … a écrit :`, `El … escribió:` (also wrapped over two lines);
    /// - a separator `-----Original Message-----`, `-------- Messaggio originale --------`,
    ///   `-----Wiadomość oryginalna-----`, `---------- Forwarded message ---------` and similar, or
    ///   an Outlook header block (`From:`/`Da:`/`Od:` followed by `Sent:`/`Inviato:`/`Wysłano:`/`Date:`),
    ///   makes everything after it quoted (Outlook never answers below the quote);
    /// - an attribution line followed by unprefixed text (some mobile clients) also starts quoting to the end;
    /// - in the new text, a line `-- ` (or `--`) starts the signature, as do mobile footers.
    public static func split(_ body: String) -> ReplyText {
        let lines = body.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var fresh: [String] = []
        var quoted: [String] = []
        var signature: [String] = []
        var inSignature = false
        var index = 0
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if isSeparator(trimmed) || isOutlookHeader(lines, at: index) {
                quoted += lines[index...].map(unquote)
                break
            }
            if let span = attributionSpan(lines, at: index) {
                let after = index + span
                let nextContent = lines[after...].first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
                quoted += lines[index..<after]
                if let nextContent, !nextContent.hasPrefix(">") {
                    quoted += lines[after...].map(unquote)
                    break
                }
                index = after
                continue
            }
            if line.hasPrefix(">") {
                quoted.append(unquote(line))
                inSignature = false
            } else if line == "-- " || trimmed == "--" || isMobileFooter(trimmed) {
                inSignature = true
                if isMobileFooter(trimmed) { signature.append(trimmed) }
            } else if inSignature {
                signature.append(line)
            } else {
                fresh.append(line)
            }
            index += 1
        }
        func join(_ lines: [String]) -> String {
            lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return ReplyText(newText: join(fresh), quotedText: join(quoted), signature: join(signature))
    }

    private static func unquote(_ line: String) -> String {
        guard line.hasPrefix(">") else { return line }
        let rest = line.dropFirst()
        return String(rest.first == " " ? rest.dropFirst() : rest)
    }

    /// How many lines (1 or 2) form an attribution at `index`, or `nil`.
    private static func attributionSpan(_ lines: [String], at index: Int) -> Int? {
        let first = lines[index].trimmingCharacters(in: .whitespaces)
        guard !first.isEmpty, !first.hasPrefix(">") else { return nil }
        if isAttribution(first) { return 1 }
        if index + 1 < lines.count {
            let second = lines[index + 1].trimmingCharacters(in: .whitespaces)
            if !second.isEmpty, !second.hasPrefix(">"), isAttribution(first + " " + second), startsAttribution(first) { return 2 }
        }
        return nil
    }

    private static let attributionPatterns: [(start: String, end: String)] = [
        ("on ", "wrote:"), ("il giorno ", "ha scritto:"), ("il ", "ha scritto:"), ("w dniu ", "pisze:"),
        ("w dniu ", "napisał:"), ("w dniu ", "napisała:"), ("w dniu ", "napisał(a):"), ("am ", "schrieb:"),
        ("le ", "a écrit :"), ("le ", "a écrit:"), ("el ", "escribió:"), ("op ", "geschreven:"),
    ]

    private static func isAttribution(_ line: String) -> Bool {
        let lower = line.lowercased()
        guard lower.count < 300 else { return false }
        if lower.hasPrefix("am "), lower.contains(" schrieb"), lower.hasSuffix(":") { return true }
        return attributionPatterns.contains { lower.hasPrefix($0.start) && lower.hasSuffix($0.end) }
    }

    private static func startsAttribution(_ line: String) -> Bool {
        let lower = line.lowercased()
        return attributionPatterns.contains { lower.hasPrefix($0.start) } && !lower.hasSuffix(".")
    }

    private static func isSeparator(_ line: String) -> Bool {
        guard line.hasPrefix("---") || line.hasPrefix("___") || line.hasPrefix("***") else { return false }
        let words = line.trimmingCharacters(in: CharacterSet(charactersIn: "-_* ")).lowercased()
        let known = [
            "original message", "messaggio originale", "messaggio inoltrato", "wiadomość oryginalna",
            "oryginalna wiadomość", "wiadomość przekazana", "forwarded message", "ursprüngliche nachricht",
            "message d'origine", "mensaje original", "message transféré",
        ]
        return known.contains { words.hasPrefix($0) }
    }

    /// An Outlook reply header: `From:` (or its translation) on this line and `Sent:`/`Date:` within the next two.
    private static func isOutlookHeader(_ lines: [String], at index: Int) -> Bool {
        let fromWords = ["from:", "da:", "od:", "von:", "de:"]
        let sentWords = ["sent:", "date:", "inviato:", "data:", "wysłano:", "wysłane:", "gesendet:", "envoyé:", "enviado:"]
        let lower = lines[index].trimmingCharacters(in: .whitespaces).lowercased()
        guard fromWords.contains(where: lower.hasPrefix) else { return false }
        for next in lines[(index + 1)..<min(lines.count, index + 3)] {
            let nextLower = next.trimmingCharacters(in: .whitespaces).lowercased()
            if sentWords.contains(where: nextLower.hasPrefix) { return true }
        }
        return false
    }

    private static func isMobileFooter(_ line: String) -> Bool {
        let lower = line.lowercased()
        return ["sent from my ", "inviato da ", "inviato dal mio ", "wysłane z ", "wysłano z mojego ", "von meinem "]
            .contains(where: lower.hasPrefix) && lower.count < 60
    }
}

extension MailMessage {
    /// ``textBody`` split into new text, quoted earlier mail and signature (see ``ReplyText/split(_:)``).
    public var replyText: ReplyText { ReplyText.split(textBody) }
}
