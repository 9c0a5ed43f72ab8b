import Foundation

/// Maps IANA charset names to decoders and turns bytes into text without ever failing.
///
/// Each supported name maps to a `String.Encoding` that swift-corelibs-foundation decodes on
/// Linux (checked by the tests), except ISO-8859-15 which uses a small table over Latin-1.
/// Wrong labels are common in mail, so decoding falls back instead of failing: see ``decode(_:charset:)``.
public enum MailCharset {
    /// The decoder behind an IANA charset name.
    enum Decoder: Equatable {
        case foundation(String.Encoding)
        case latin9
        case ascii
    }

    /// The decoder for a charset name (case-insensitive, IANA names and common aliases); `nil` when unknown.
    static func decoder(named raw: String) -> Decoder? {
        let name = raw.trimmingCharacters(in: CharacterSet(charactersIn: "\"' \t")).lowercased()
        switch name {
        case "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8":
            return .foundation(.utf8)
        case "us-ascii", "ascii", "ansi_x3.4-1968", "iso646-us", "us", "iso-ir-6", "cp367", "ibm367":
            return .ascii
        case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "cp819", "ibm819", "iso-ir-100":
            return .foundation(.isoLatin1)
        case "iso-8859-2", "iso8859-2", "iso_8859-2", "latin2", "latin-2", "l2", "iso-ir-101":
            return .foundation(.isoLatin2)
        case "windows-1250", "cp1250", "x-cp1250", "cp-1250":
            return .foundation(.windowsCP1250)
        case "windows-1252", "cp1252", "x-cp1252", "cp-1252", "x-ansi":
            return .foundation(.windowsCP1252)
        case "iso-8859-15", "iso8859-15", "iso_8859-15", "latin9", "latin-9", "l9":
            return .latin9
        case "utf-16": return .foundation(.utf16)
        case "utf-16le": return .foundation(.utf16LittleEndian)
        case "utf-16be": return .foundation(.utf16BigEndian)
        default:
            return nil
        }
    }

    /// The `String.Encoding` behind a charset name, when Foundation does the decoding.
    public static func encoding(named name: String) -> String.Encoding? {
        switch decoder(named: name) {
        case .foundation(let encoding): return encoding
        case .ascii: return .ascii
        case .latin9, nil: return nil
        }
    }

    /// True when the parser can decode text labelled with this charset name.
    public static func isSupported(_ name: String) -> Bool { decoder(named: name) != nil }

    /// Decodes `bytes` labelled `charset`, returning the text and a warning when it had to guess.
    ///
    /// - Unknown or missing label: UTF-8 if the bytes are valid UTF-8, else Windows-1252.
    /// - US-ASCII with 8-bit bytes (a frequent mislabel): UTF-8, else Windows-1252, silently.
    /// - ISO-8859-1 holding bytes 0x80–0x9F (really Windows-1252, as browsers assume): Windows-1252.
    /// - Bytes invalid in the declared charset: replaced by U+FFFD, with a warning.
    public static func decode(_ bytes: [UInt8], charset: String?) -> (text: String, warning: MailWarning?) {
        decode(Data(bytes), charset: charset)
    }

    /// Decodes `data` labelled `charset`, with the fallbacks described on the byte-array overload.
    public static func decode(_ data: Data, charset: String?) -> (text: String, warning: MailWarning?) {
        guard let charset, !charset.isEmpty else {
            return (guessed(data), nil)
        }
        guard let decoder = decoder(named: charset) else {
            if data.allSatisfy({ $0 < 0x80 }) { return (String(decoding: data, as: UTF8.self), nil) }
            return (guessed(data), MailWarning(.unknownCharset, "charset \"\(charset)\" is not supported; read as \(isUTF8(data) ? "UTF-8" : "Windows-1252")"))
        }
        switch decoder {
        case .ascii:
            return (guessed(data), nil)
        case .latin9:
            return (latin9(data), nil)
        case .foundation(.isoLatin1):
            if data.contains(where: { (0x80...0x9F).contains($0) }), let text = String(data: data, encoding: .windowsCP1252) {
                return (text, nil)
            }
            return (String(data: data, encoding: .isoLatin1) ?? latin1(data), nil)
        case .foundation(let encoding):
            if let text = String(data: data, encoding: encoding) { return (text, nil) }
            let text = encoding == .utf8 ? String(decoding: data, as: UTF8.self) : bytewise(data, encoding)
            return (text, MailWarning(.invalidCharacters, "bytes not valid in \(charset) were replaced by U+FFFD"))
        }
    }

    /// Text of header bytes, which RFC 6532 allows in UTF-8 and old clients send in Windows-1252.
    static func headerText(_ bytes: ArraySlice<UInt8>) -> String {
        guessed(Data(bytes))
    }

    static func isUTF8(_ data: Data) -> Bool {
        String(data: data, encoding: .utf8) != nil
    }

    private static func guessed(_ data: Data) -> String {
        if let text = String(data: data, encoding: .utf8) { return text }
        return String(data: data, encoding: .windowsCP1252) ?? latin1(data)
    }

    private static func latin1(_ data: Data) -> String {
        String(String.UnicodeScalarView(data.map { Unicode.Scalar($0) }))
    }

    /// Decodes a single-byte charset one byte at a time, so one undefined byte costs one U+FFFD.
    private static func bytewise(_ data: Data, _ encoding: String.Encoding) -> String {
        var result = ""
        for byte in data {
            result += String(data: Data([byte]), encoding: encoding) ?? "\u{FFFD}"
        }
        return result
    }

    /// ISO-8859-15: Latin-1 with eight positions changed (€, Š, š, Ž, ž, Œ, œ, Ÿ).
    private static func latin9(_ data: Data) -> String {
        let changed: [UInt8: Unicode.Scalar] = [
            0xA4: "\u{20AC}", 0xA6: "\u{0160}", 0xA8: "\u{0161}", 0xB4: "\u{017D}",
            0xB8: "\u{017E}", 0xBC: "\u{0152}", 0xBD: "\u{0153}", 0xBE: "\u{0178}",
        ]
        return String(String.UnicodeScalarView(data.map { changed[$0] ?? Unicode.Scalar($0) }))
    }
}
