import Foundation

/// Why a file could not be read as an e-mail, naming the file and what to do about it.
///
/// Every public entry point of `MailroomMail` throws only `MailError`. Compare ``code`` to
/// react to a kind of failure (`error.code == .tooLarge`); ``description`` is for people.
public struct MailError: Error, Sendable, Hashable {
    /// The kind of failure, stable for callers to match on.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// The file holds no bytes at all.
        case empty
        /// The bytes do not start with RFC 5322 header fields (binary junk, plain text, another format).
        case notAMessage
        /// The message ends before its encoded content does: the file was cut off.
        case truncated
        /// The message is bigger than ``MailParser/Options/maxMessageBytes``.
        case tooLarge
        /// The header section is absurdly long (over 1 MB or 5000 fields): damaged or hostile.
        case malformedHeader
        /// MIME parts nest deeper than ``MailParser/Options/maxNestingDepth``.
        case tooDeeplyNested
        /// The file could not be read from disk.
        case unreadable
    }

    /// The kind of failure.
    public var code: Code
    /// The file (or other origin) the bytes came from, as given to the parser.
    public var source: String
    /// What exactly went wrong, in a few words.
    public var reason: String

    public init(_ code: Code, source: String, reason: String) {
        self.code = code
        self.source = source
        self.reason = reason
    }
}

extension MailError {
    /// True when the file could not be read at all (its environment, not its content): a retry may work.
    public var isCouldNotRun: Bool { code == .unreadable }
}

extension MailError: CustomStringConvertible, LocalizedError {
    public var description: String {
        "\(source): \(reason); \(advice)"
    }

    public var errorDescription: String? { description }

    /// What the operator can do about this kind of failure.
    public var advice: String {
        switch code {
        case .empty:
            return "the file is empty: export the e-mail again from the mail client"
        case .notAMessage:
            return "this is not an e-mail (.eml / RFC 5322) file: check the file, or save the mail as .eml from the client"
        case .truncated:
            return "the file was cut off (incomplete copy or download): export the e-mail again"
        case .tooLarge:
            return "split out the attachments or raise the size limit if the message is legitimate"
        case .malformedHeader:
            return "the header section is damaged: open the file in a text editor or export the e-mail again"
        case .tooDeeplyNested:
            return "the message nests attachments unreasonably deep; handle it by hand"
        case .unreadable:
            return "check that the file exists and is readable"
        }
    }
}
