import Foundation
import MailroomOCR
import MailroomPostcodes

/// The words e-mail domains are made of, for spelling a read domain label by label.
///
/// Past the common providers (`MailDomains`), a domain is mostly words: a provider's own name
/// (`libero`, `poczta`), a word of the customer's language or of English (`casella`, `inbox`).
/// Each label of a read domain is weighed, with its characters' alternatives, against the
/// street words of the form's country and the commoner ones of English, and the providers' labels as the
/// commonest of all; only a clear winner changes it. A label the reader ran into the next
/// (`caseliaexample`) is tried as two words. A domain no word list holds (a company's) stays as
/// read unless its characters' own alternatives spell a word.
struct DomainWords: Sendable {
    /// The key the merged words are kept under.
    static let vocabulary = "domain"
    /// The languages besides the country's own that domains are written in.
    static let lingua = ["GB", "US"]
    /// Labels shorter than this are left to the top-level-domain and provider checks.
    static let shortestLabel = 3
    /// English words of this class or rarer are left out (unless the country speaks English):
    /// the English in an Italian or Polish address is its common words (`post`, `web`, `home`),
    /// and the rare ones (`nail`, `malu`) only outbid the providers' labels for a misread
    /// `mail`. Keeps 4,907 of 30,246 words; tuning coupons 5 domains fixed, none broken.
    static let rarestForeignClass = 2
    /// How common a provider's label counts (the lexicon's top class).
    static let providerFrequency = 20

    let lexicon: NameLexicon
    /// The frequency class of each of the lexicon's words, folded and upper case.
    private let classes: [String: Int]

    /// A label as read and as the words spell it (`caseliaexample` -> `casella.example`).
    struct Respelling: Equatable, Sendable {
        var from: String
        var to: String
    }

    /// The common providers' labels that are words of their own (`libero`, `poczta`, `mail`).
    static var providerLabels: [String] {
        Array(Set(MailDomains.common.flatMap { $0.split(separator: ".").dropLast().map(String.init) }
            .filter { $0.count >= shortestLabel && $0.allSatisfy(\.isLetter) })).sorted()
    }

    /// The words of `country` and English in the word list at `url` with the providers' labels.
    init(contentsOf url: URL, country: String) throws(OCRError) {
        let countries = [country] + Self.lingua.filter { $0 != country }
        let words = try NameLexicon(contentsOf: url, countries: Set(countries))
        let foreign = Self.lingua.filter { $0 != country }.map { ($0, Self.rarestForeignClass) }
        lexicon = NameLexicon(merging: countries, of: words, commonerThan: Dictionary(uniqueKeysWithValues: foreign),
                              adding: Self.providerLabels, frequency: Self.providerFrequency, as: Self.vocabulary)
        classes = lexicon.frequencies(in: Self.vocabulary)
    }

    private static let cache = LoadedOnce<String, DomainWords>()

    /// The domain words for `country` from the list at `url`, built once per process.
    static func shared(_ url: URL, country: String) throws(OCRError) -> DomainWords {
        try cache.value(for: country + ":" + url.path) { () throws(OCRError) in try DomainWords(contentsOf: url, country: country) }
    }

    /// Whether `domain` is spelled in words: every label before its top-level domain that is
    /// long enough to weigh is one, and there is such a label (`casella.example.net`, not
    /// `exampie.it` nor `ab.it`).
    func spells(domain: String) -> Bool {
        commonness(of: domain) != nil
    }

    /// How common the words `domain` is spelled in are, or nil when it is not spelled in words:
    /// the sum of its weighed labels' frequency classes, each class a halving, so the sum
    /// stands for how often the words come together.
    func commonness(of domain: String) -> Int? {
        let labels = Self.weighedLabels(domain)
        guard !labels.isEmpty else { return nil }
        var sum = 0
        for label in labels {
            guard let frequency = classes[TextFolding.fold(label.uppercased())] else { return nil }
            sum += frequency
        }
        return sum
    }

    /// Classes of commonness by which one domain's words must outweigh a neighbour's for the
    /// neighbour to count as its misreading, however often each was read (16 times commoner:
    /// `mail` against `mal`, a word only in some languages).
    static let commonerBy = 4

    /// How two neighbouring domains stand by their words, before their counts: 1 when `domain`
    /// is spelled in words and `other` not, or in words far commoner; -1 the other way round;
    /// 0 when their words do not tell them apart.
    func standing(of domain: String, against other: String) -> Int {
        switch (commonness(of: domain), commonness(of: other)) {
        case (nil, nil): 0
        case (.some, nil): 1
        case (nil, .some): -1
        case let (mine?, theirs?): mine - theirs >= Self.commonerBy ? 1 : theirs - mine >= Self.commonerBy ? -1 : 0
        }
    }

    /// The domains of `known` a read `domain` may be taken for: all of them, or, when it is
    /// spelled in words, only those spelled in words not far rarer. A learned domain that is
    /// not words, or is far rarer ones, is likelier the reader's habitual misreading of these
    /// words (`exampie.it` of `example.it`; `mal.example` of `mail.example`).
    func candidates(for domain: String, among known: Set<String>) -> Set<String> {
        spells(domain: domain) ? known.filter { standing(of: $0, against: domain) >= 0 } : known
    }

    /// The labels of `domain` before its top-level domain that are long enough to weigh.
    private static func weighedLabels(_ domain: String) -> [String] {
        domain.split(separator: ".").map(String.init).dropLast().filter { $0.count >= shortestLabel }
    }

    /// The labels of the domain in `reading` (after its last `@`) that the words spell
    /// otherwise, lower case; empty when no `@` was read or every label stands.
    func respellings(of reading: TextReading) -> [Respelling] {
        guard let at = reading.characters.lastIndex(where: { $0.text == "@" }) else { return [] }
        let labels = reading.characters[(at + 1)...]
            .split(whereSeparator: { $0.text == "." || $0.text == "," })
            .map { label in label.map { character in
                var plain = character
                plain.startsWord = false
                return plain
            } }
        var respellings: [Respelling] = []
        for (index, label) in labels.enumerated() {
            let text = label.map(\.text).joined().lowercased()
            guard text.count >= Self.shortestLabel, text.allSatisfy(\.isLetter) else { continue }
            // A last label of a dotted domain is the top-level domain's: its own checks settle it.
            if index == labels.count - 1, labels.count > 1, text.count <= 4 || MailDomains.topLevel.contains(text) { continue }
            if let spelled = word(for: label) ?? (text.count >= 2 * Self.shortestLabel ? split(label) : nil), spelled != text {
                respellings.append(Respelling(from: text, to: spelled))
            }
        }
        return respellings
    }

    /// The one word a label clearly is, lower case.
    private func word(for label: [CharacterReading]) -> String? {
        switch lexicon.verdict(for: TextReading(characters: label), country: Self.vocabulary) {
        case .confirmed(let word), .corrected(let word): TextFolding.fold(word).lowercased()
        case .unsure: nil
        }
    }

    /// The label as two clear words with a dot between, split where the words cost least.
    private func split(_ label: [CharacterReading]) -> String? {
        var best: (spelled: String, cost: Double)?
        for cut in Self.shortestLabel...(label.count - Self.shortestLabel) {
            let left = Array(label[..<cut]), right = Array(label[cut...])
            guard let first = word(for: left), let second = word(for: right) else { continue }
            let cost = NameLexicon.cost(of: first, given: TextReading(characters: left))
                + NameLexicon.cost(of: second, given: TextReading(characters: right))
            if cost < best?.cost ?? .infinity { best = (first + "." + second, cost) }
        }
        return best?.spelled
    }
}
