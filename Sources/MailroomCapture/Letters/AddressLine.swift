import Foundation
import MailroomPostcodes

/// A line that may hold a postcode and a town: "09071 Abbasanta", "38-247 Ołpiny",
/// "I-20144 Milano (MI)", "Austin, TX 78710".
struct AddressLine: Sendable, Hashable {
    /// The postcode as read, with look-alike letters already turned into digits.
    var postcode: String
    /// The postcode exactly as it appeared in the line.
    var postcodeAsRead: String
    var town: String
    /// Countries the line itself names (a prefix such as "PL-", a US state), tried first.
    var countryHints: [String]

    /// The ways `line` can be split into a postcode and a town; empty when it holds none.
    static func parse(_ line: String) -> [AddressLine] {
        let cleaned = line.replacing(#/[–—]/#, with: "-").trimmingCharacters(in: CharacterSet(charactersIn: " ,.;"))
        var found: [AddressLine] = []
        let code = #"[0-9OoIlSBZGD|]"#
        // Built per call: a Regex value is not shared between the reader's threads.
        let postcodeFirst = try? Regex(
            #"^(?:([A-Z]{1,2}) ?- ?)?("# + code + #"{2} ?- ?"# + code + #"{3}|"# + code + #"{4,5})[ ,]+(\p{L}[\p{L}\p{M} .'\-]*?)(?: ?\(([A-Z]{2})\)| ([A-Z]{2}))?$"#)
        if let postcodeFirst, let match = try? postcodeFirst.wholeMatch(in: cleaned) {
            let token = String(match.output[2].substring ?? "")
            let town = String(match.output[3].substring ?? "")
            let prefix = match.output[1].substring.map(String.init)
            if let digits = digits(token), hasEnoughDigits(token), !LetterVocabulary.isStreet(town) {
                let hints = prefix.flatMap { countryPrefixes[$0] }.map { [$0] } ?? []
                found.append(AddressLine(postcode: digits, postcodeAsRead: token, town: town, countryHints: hints))
            }
        }
        let american = try? Regex(#"^(\p{L}[\p{L} .'\-]*?),? ([A-Z]{2})\.? ("# + code + #"{5})(?:-\d{4})?$"#)
        if let american, let match = try? american.wholeMatch(in: cleaned) {
            let token = String(match.output[3].substring ?? "")
            if let digits = digits(token), hasEnoughDigits(token) {
                found.append(AddressLine(postcode: digits, postcodeAsRead: token,
                                         town: String(match.output[1].substring ?? ""), countryHints: ["US"]))
            }
        }
        return found
    }

    /// Country prefixes written before a postcode ("I-20144", "PL-00-950", "D-10115").
    static let countryPrefixes = ["I": "IT", "IT": "IT", "PL": "PL", "D": "DE", "DE": "DE", "F": "FR", "FR": "FR",
                                  "A": "AT", "AT": "AT", "CH": "CH", "E": "ES", "ES": "ES", "NL": "NL", "B": "BE"]

    /// Letters OCR confuses with digits, turned back into digits; `nil` if something else is left.
    static func digits(_ token: String) -> String? {
        let map: [Character: Character] = ["O": "0", "o": "0", "D": "0", "I": "1", "l": "1", "|": "1",
                                           "S": "5", "B": "8", "Z": "2", "G": "6"]
        var out = ""
        for character in token where character != " " {
            if character.isASCII, character.isNumber || character == "-" { out.append(character) }
            else if let digit = map[character] { out.append(digit) }
            else { return nil }
        }
        return out
    }

    /// A postcode read mostly as digits: at most one look-alike letter, so words never pass.
    private static func hasEnoughDigits(_ token: String) -> Bool {
        token.filter(\.isNumber).count >= token.filter { $0 != "-" && $0 != " " }.count - 1
    }
}
