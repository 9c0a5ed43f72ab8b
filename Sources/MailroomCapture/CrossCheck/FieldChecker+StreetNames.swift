import MailroomOCR
import MailroomPostcodes

extension FieldChecker {
    /// A street's name as the country's list of streets spells it, and whether that is clear
    /// enough to accept.
    ///
    /// Word by word, a street's common words have many neighbours (ROSE, ROSA, ROSSE; DEI,
    /// DEL), so even a right reading stays in doubt; the whole name weighed against the
    /// streets a country has (DELLE ROSE is a street, DELLE ROSA none) settles it. The list
    /// (`models/lexicon/street-names.tsv.gz`) holds a few cities' streets per country, and many
    /// more exist: a name it does not clearly know is nil, left to the word check, and a change
    /// it suggests is accepted only where the word check alone would make it too.
    struct KnownStreetName: Equatable {
        var spelled: String
        var clear: Bool
    }

    /// `characters` (a street's name without its type and number) as a street the list knows.
    func knownStreetName(_ characters: [CharacterReading]) -> KnownStreetName? {
        guard let streetNames else { return nil }
        let reading = TextReading(characters: characters.filter { !$0.text.allSatisfy(\.isWhitespace) }).asOneWord
        guard reading.characters.filter({ $0.text.allSatisfy(\.isLetter) }).count >= 2 else { return nil }
        switch streetNames.verdict(for: reading, country: form.country, unknownCost: NameLexicon.unlistedNameCost) {
        case .confirmed(let spelled): return KnownStreetName(spelled: spelled, clear: true)
        case .corrected(let spelled):
            // The list lacks many real streets: a reading whose words are all known words may
            // be one of those (LEOPARDI is no street of the list, LEONARDI is), and is left to
            // the word check, unless each is among the language's rarest words
            // (`rareWordClass`: VENDI, COMA, DANZE are words, VERDI and ROMA
            // streets in every town). Another change is accepted only when it is one letter and
            // the words alone guess the same word (NAZLONALE: NAZIONALE both ways; ITANA is the
            // listed ITALA but to the words ITALIA, a street the list lacks).
            guard let lexicon = form.fields.first(where: { $0.type == .street })?.lexicon.flatMap({ lexicons[$0] }) else {
                return KnownStreetName(spelled: spelled, clear: false)
            }
            let words = Self.words(of: characters)
            let known = words.flatMap { $0.text.split(whereSeparator: { !$0.isLetter }) }
                .map { lexicon.frequency(of: String($0), country: form.country) }
            if known.allSatisfy({ $0 != nil }), known.contains(where: { ($0 ?? 0) > Self.rareWordClass }) { return nil }
            let oneSlip = Self.atMostOneLetterApart(reading.text, spelled.filter { $0 != " " })
            let spelledWords = spelled.split(separator: " ").map(String.init)
            let wordsAgree = spelledWords.count == words.count && zip(words, spelledWords).allSatisfy { word, spelledWord in
                if TextFolding.fold(word.text) == TextFolding.fold(spelledWord) { return true }
                switch lexicon.verdict(for: word, country: form.country) {
                case .corrected(let guess): return TextFolding.fold(guess) == TextFolding.fold(spelledWord)
                default: return false
                }
            }
            return KnownStreetName(spelled: spelled, clear: oneSlip && wordsAgree)
        case .unsure: return nil
        }
    }

    /// The frequency class of a street word so rare (wordfreq's rarest) that a listed street a
    /// slip away is likelier what was written.
    static let rareWordClass = 1

    /// Whether `read` and `known`, accents aside, are as long and differ in one letter at most.
    static func atMostOneLetterApart(_ read: String, _ known: String) -> Bool {
        let read = TextFolding.fold(read), known = TextFolding.fold(known)
        return read.count == known.count && zip(known, read).filter { $0 != $1 }.count <= 1
    }

    /// `characters` cut into words where a word starts, each one word's reading.
    static func words(of characters: [CharacterReading]) -> [TextReading] {
        tokens(TextReading(characters: characters)).map { TextReading(characters: $0).asOneWord }
    }

    /// A street type the reader ran into a name the list knows (`ULKOLEJOWA`, `VIAFIRENZE`):
    /// the type, a space and the name, shown for review; nil when no start of two to five
    /// letters is a type before a known name. Only for countries whose type leads the name.
    func gluedStreetName(_ characters: [CharacterReading]) -> KnownStreetName? {
        guard let streetTypes, streetTypes.position(in: form.country) == .lead else { return nil }
        let letters = characters.filter { !$0.text.allSatisfy(\.isWhitespace) }
        for length in 2...5 where letters.count - length >= 4 {
            var start = Array(letters[..<length])
            start[0].startsWord = false
            guard let type = streetTypes.type(of: TextReading(characters: start), country: form.country),
                  let name = knownStreetName(Array(letters[length...])) else { continue }
            return KnownStreetName(spelled: type + " " + name.spelled, clear: false)
        }
        return nil
    }

    /// The runs (token, run) of a street's name: every run from the first word that is not its
    /// type to the last, when no number stands among them; nil when there is no such stretch.
    static func nameSpan(_ tokens: [[[CharacterReading]]], wordRuns: [(Int, Int)],
                         type: (Int, Int)?) -> [(Int, Int)]? {
        let names = wordRuns.filter { run in type.map { $0 != run } ?? true }
        guard let first = names.first, let last = names.last else { return nil }
        let all = tokens.indices.flatMap { t in tokens[t].indices.map { (t, $0) } }
        guard let from = all.firstIndex(where: { $0 == first }), let to = all.firstIndex(where: { $0 == last }) else { return nil }
        let span = Array(all[from...to])
        let hasNumber = span.contains { tokens[$0.0][$0.1].contains { $0.text.contains(where: \.isNumber) } }
        let onlyWords = span.allSatisfy { run in
            tokens[run.0][run.1].allSatisfy { $0.text.allSatisfy { $0.isLetter || "'’`-".contains($0) } }
        }
        return hasNumber || !onlyWords ? nil : span
    }
}
