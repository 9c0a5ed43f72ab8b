import Foundation
import MailroomOCR
import MailroomPostcodes

/// Given names known in each country, to confirm or correct a hand-printed first name.
///
/// A first name is a word from a short list far more often than not: like the town against
/// the postcode directory, the reading is weighed against every known name of the form's
/// country using each character's alternatives, and only a clear winner counts. The list is
/// `models/lexicon/first-names.tsv.gz`, built from Jörg Michael's dictionary by
/// `models/lexicon/build`.
public struct NameLexicon: Sendable {
    /// One known name: its spelling, its folded letters and how common it is in the country.
    struct Entry: Sendable {
        var spelled: String
        var folded: [Character]
        /// The dictionary's frequency class, 1 (rare) to 13 (very common).
        var frequency: Int
        /// `folded` as positions in the lexicon's `alphabet`.
        var codes: [Int] = []
    }

    private let byCountry: [String: [Entry]]
    /// Every folded letter the names use, numbered: the weighing looks letters up in arrays,
    /// not in dictionaries keyed by `Character` (hashing a `Character` is costly).
    private let alphabet: [Character: Int]
    /// The codes `alphabet` gives the `quietMarks` it holds.
    static func markCodes(in alphabet: [Character: Int]) -> [Int] {
        alphabet.filter { quietMarks.contains($0.key) }.map(\.value)
    }
    /// Every folded spelling per country with its highest frequency class, for `knows`.
    private let spellings: [String: [String: Int]]
    /// Whether the list lacks many real names (its file's first line says `# coverage=partial`):
    /// then it may improve a reading but not vouch for the change.
    public let isPartial: Bool

    /// Loads a lexicon file: lines of `Name TAB CC=F,CC=F`, gzip-compressed; only `countries`
    /// when given (a street-word list holds a quarter of a million words across countries); with
    /// `joiningWords`, names of several words are weighed without their spaces, against a reading
    /// made one word (a street's name, whose words a hand-printed line spaces unevenly).
    public init(contentsOf url: URL, countries: Set<String>? = nil, joiningWords: Bool = false) throws(OCRError) {
        let file = url.lastPathComponent
        let text: [UInt8]
        do {
            text = try Gunzip.decompress([UInt8](Data(contentsOf: url)))
        } catch let failure as Gunzip.Failure {
            throw OCRError(code: .initialisationFailed, reason: "Name lexicon '\(file)' is damaged: \(failure.detail). "
                + "Restore it from the repository or rebuild it with models/lexicon/build.")
        } catch {
            throw OCRError(code: .modelMissing, reason: "Name lexicon '\(file)' was not found in \(url.deletingLastPathComponent().path). "
                + "It ships in the repository's models/lexicon/ folder (set MAILROOM_MODELS to point at models/).")
        }
        let (byCountry, isPartial) = Self.entries(in: text, countries: countries, joiningWords: joiningWords)
        guard !byCountry.isEmpty || countries != nil else {
            throw OCRError(code: .initialisationFailed, reason: "Name lexicon '\(file)' holds no names. "
                + "Restore it from the repository or rebuild it with models/lexicon/build.")
        }
        (self.byCountry, self.alphabet) = Self.coded(byCountry)
        self.spellings = Self.spellings(byCountry)
        self.isPartial = isPartial
    }

    /// A lexicon of `names` for `country`, all equally common but those in `usual`, which are
    /// `usualBoost` classes commoner (a closed list such as street types); an abbreviation's full
    /// stop is part of its spelling, not of the letters read.
    init(names: [String], country: String, usual: Set<String> = [], usualBoost: Int = 0) {
        (byCountry, alphabet) = Self.coded([country: names.map { name in
            Entry(spelled: name.uppercased(), folded: Array(TextFolding.fold(name.uppercased())).filter { $0 != "." },
                  frequency: 13 + (usual.contains(name) ? usualBoost : 0))
        }])
        spellings = Self.spellings(byCountry)
        isPartial = false
    }

    /// One list made of `countries`' entries of `lexicon` (each word once, at its commonest; of
    /// a country in `commonerThan`, only its words above that class) and `extra` words at
    /// `frequency`, all under `key`: the words of several languages weighed as one vocabulary.
    init(merging countries: [String], of lexicon: NameLexicon, commonerThan rarest: [String: Int] = [:],
         adding extra: [String], frequency: Int, as key: String) {
        var merged: [String: Entry] = [:]
        for country in countries {
            let floor = rarest[country] ?? 0
            for entry in lexicon.byCountry[country] ?? [] where entry.frequency > floor
                && (merged[entry.spelled]?.frequency ?? 0) < entry.frequency {
                merged[entry.spelled] = Entry(spelled: entry.spelled, folded: entry.folded, frequency: entry.frequency)
            }
        }
        for word in extra.map({ $0.uppercased() }) where (merged[word]?.frequency ?? 0) < frequency {
            merged[word] = Entry(spelled: word, folded: Array(TextFolding.fold(word)), frequency: frequency)
        }
        let entries = merged.values.sorted { $0.spelled < $1.spelled }
        (byCountry, alphabet) = Self.coded([key: entries])
        spellings = Self.spellings(byCountry)
        isPartial = false
    }

    /// The entries with their letters numbered, and the numbering.
    private static func coded(_ byCountry: [String: [Entry]]) -> ([String: [Entry]], [Character: Int]) {
        var alphabet: [Character: Int] = [:]
        let coded = byCountry.mapValues { entries in
            entries.map { entry in
                var entry = entry
                entry.codes = entry.folded.map { letter in
                    if let code = alphabet[letter] { return code }
                    alphabet[letter] = alphabet.count
                    return alphabet.count - 1
                }
                return entry
            }
        }
        return (coded, alphabet)
    }

    private static func spellings(_ byCountry: [String: [Entry]]) -> [String: [String: Int]] {
        byCountry.mapValues { entries in
            entries.reduce(into: [:]) { classes, entry in
                classes[String(entry.folded)] = max(classes[String(entry.folded)] ?? 0, entry.frequency)
            }
        }
    }

    private static let cache = LoadedOnce<String, NameLexicon>()

    /// The lexicon at `url` for `country`, loaded once per process and shared by every worker.
    static func shared(_ url: URL, country: String, joiningWords: Bool = false) throws(OCRError) -> NameLexicon {
        try cache.value(for: country + (joiningWords ? "+joined:" : ":") + url.path) { () throws(OCRError) in
            try NameLexicon(contentsOf: url, countries: [country], joiningWords: joiningWords)
        }
    }

    /// Whether `word` is one of the lexicon's names in `country`, accents and case aside.
    public func knows(_ word: String, country: String) -> Bool {
        frequency(of: word, country: country) != nil
    }

    /// The highest frequency class of `word` in `country`, accents and case aside; nil when
    /// the lexicon does not know it.
    public func frequency(of word: String, country: String) -> Int? {
        spellings[country]?[TextFolding.fold(word.uppercased())]
    }

    /// Whether `word` is one of the lexicon's names in `country` and the only one spelled with
    /// its letters (not BAK when BĄK is a name too: a reading without accents cannot tell them).
    public func knowsAsOnlySpelling(_ word: String, country: String) -> Bool {
        let spelled = word.uppercased(), folded = Array(TextFolding.fold(spelled))
        let alike = byCountry[country]?.filter { $0.folded == folded } ?? []
        return !alike.isEmpty && alike.allSatisfy { $0.spelled == spelled }
    }

    /// The lexicon's spelling of `letters` (accents and all: BAK is BĄK) when it knows them
    /// under that one spelling only.
    public func onlySpelling(of letters: String, country: String) -> String? {
        let folded = Array(TextFolding.fold(letters.uppercased()))
        let alike = Set(byCountry[country]?.filter { $0.folded == folded }.map(\.spelled) ?? [])
        return alike.count == 1 ? alike.first : nil
    }

    /// How many names the lexicon knows in `country`.
    public func count(in country: String) -> Int { byCountry[country]?.count ?? 0 }

    /// Each folded spelling the lexicon knows in `country`, with its highest frequency class.
    func frequencies(in country: String) -> [String: Int] {
        spellings[country] ?? [:]
    }

    /// What the lexicon makes of a reading.
    public enum Verdict: Equatable, Sendable {
        /// The reading is a known name, well ahead of every other; with its usual spelling
        /// (accents and letters such as Ł a reader may not know).
        case confirmed(String)
        /// Another known name is clearly the likeliest, given the characters' alternatives.
        case corrected(String)
        /// No clear winner; the likeliest known name, if any, is a suggestion.
        case unsure(String?)
    }

    /// Odds (as a log ratio) a name must have over the next one to count as clear.
    static let margin = log(20.0)
    /// What a reading that is no known name costs: most first names are in the list.
    public static let unknownNameCost = 3.0
    /// What a reading that no name of a partial list spells costs: such a list (surnames) lacks
    /// many real names, so a reading it does not hold is less unlikely than with first names.
    public static let unlistedNameCost = 2.0
    /// What reading a character that is not there, or missing one that is, costs.
    static let gapCost = 4.0
    /// What a name's apostrophe, space or hyphen missing from the reading costs: a small mark
    /// the cutting loses, or the writer leaves out (DAMICO for D'AMICO, DESANTIS).
    static let markGapCost = 1.0
    /// The marks a reading may leave out of a name at `markGapCost`.
    static let quietMarks: Set<Character> = ["'", " ", "-"]
    /// How much each frequency class makes a name likelier (a log ratio).
    static let frequencyWeight = 0.2

    /// Weighs a one-word reading against the country's names; `unknownCost` is what a reading
    /// that is none of them costs (more for a closed list the word is nearly sure to be from).
    public func verdict(for reading: TextReading, country: String, unknownCost: Double = unknownNameCost) -> Verdict {
        guard let names = byCountry[country], !reading.characters.isEmpty,
              !reading.characters.contains(where: \.startsWord) else { return .unsure(nil) }
        let read = Array(TextFolding.fold(reading.text))
        let costs = Self.letterCosts(reading)
        let table = Self.table(costs, alphabet: alphabet)
        var weigher = Weigher(table: table, rows: costs.count, letters: alphabet.count, marks: Self.markCodes(in: alphabet))
        var best: (index: Int, cost: Double)?, runnerUp: Double = .infinity
        // Entries are visited by index, and told apart by their letter codes: copying an entry
        // or comparing `Character`s costs more than weighing most names.
        for index in names.indices where abs(names[index].codes.count - costs.count) * Int(Self.gapCost) < 16 {
            // A name that cannot come in under the runner-up changes neither of the top two.
            let bonus = Self.frequencyWeight * Double(names[index].frequency)
            let cost = weigher.cost(of: names[index].codes, giveUpAbove: runnerUp + bonus) - bonus
            if let current = best, cost >= current.cost {
                if names[index].codes != names[current.index].codes { runnerUp = min(runnerUp, cost) }
            } else {
                if let current = best, names[current.index].codes != names[index].codes { runnerUp = min(runnerUp, current.cost) }
                best = (index, cost)
            }
        }
        guard let best else { return .unsure(nil) }
        let winner = names[best.index]
        // Names spelled alike but for accents (BAK, BĄK) and about as common: the letters cannot tell.
        if names.contains(where: { $0.codes == winner.codes && $0.spelled != winner.spelled
            && $0.frequency + 1 >= winner.frequency }) { return .unsure(winner.spelled) }
        let clear = best.cost + Self.margin <= runnerUp
        if winner.folded == read { return clear ? .confirmed(winner.spelled) : .unsure(nil) }
        let asRead = costs.map { $0.values.min() ?? -log(Self.floor) }.reduce(0, +) + unknownCost
        return clear && best.cost <= asRead ? .corrected(winner.spelled) : .unsure(winner.spelled)
    }
}
