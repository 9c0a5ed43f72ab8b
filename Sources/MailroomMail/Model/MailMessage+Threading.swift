import Foundation

extension MailMessage {
    /// This message's id followed by the ids it answers (In-Reply-To, then References newest first), normalised and deduplicated.
    ///
    /// Two messages belong to the same thread when their `threadIDs` share an id. Normalisation
    /// (``normalizedMessageID(_:)``) removes angle brackets and whitespace and lower-cases the
    /// domain part after the last `@`; the local part keeps its case, as RFC 5322 compares it exactly.
    public var threadIDs: [String] {
        var seen = Set<String>()
        var result: [String] = []
        for id in [messageID].compactMap({ $0 }) + inReplyTo + references.reversed() {
            let normalized = Self.normalizedMessageID(id)
            if !normalized.isEmpty, seen.insert(normalized).inserted { result.append(normalized) }
        }
        return result
    }

    /// The normalised ids this message answers: ``threadIDs`` without its own id.
    public var answeredIDs: [String] {
        let own = messageID.map(Self.normalizedMessageID)
        return threadIDs.filter { $0 != own }
    }

    /// `<Abc.123@Mail.Example.COM>` → `Abc.123@mail.example.com`.
    public static func normalizedMessageID(_ id: String) -> String {
        let bare = id.filter { !$0.isWhitespace && $0 != "<" && $0 != ">" }
        guard let at = bare.lastIndex(of: "@") else { return bare }
        return bare[..<at] + bare[at...].lowercased()
    }
}
