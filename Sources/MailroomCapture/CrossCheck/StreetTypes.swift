import Foundation
import MailroomOCR

/// The words that say what kind of street a street is (VIA, UL., STREET), per country.
///
/// A street's type is a closed list and sits at a known end of its name (VIA ROMA, MAIN
/// STREET), so that word can be read against a few dozen types rather than every word of the
/// language: VA or VLA in first place is VIA. The same holds for the few small words that join
/// a type to a name (DELLE in VIA DELLE ROSE, DES in RUE DES LILAS). The list is
/// `models/lexicon/street-types.tsv`, written by hand; a new country is one more line.
public struct StreetTypes: Sendable {
    /// Where a country's street type stands.
    public enum Position: String, Sendable { case lead, trail }

    let positions: [String: Position]
    let lexicon: [String: NameLexicon]
    let particles: [String: NameLexicon]

    /// What a first (or last) word that is no street type costs: a type is nearly always there.
    ///
    /// At 9 a type word read with two slips (`MA ROMA` for VIA when the M's alternatives offer a
    /// V, `PUZZA` for PIAZZA) is still the type. Tuning coupons: 5 streets mended, none broken; 14
    /// mends no more and turns `UIIPOWA` into the type ULICA (stop 52; 5 until then).
    static let unknownTypeCost = 9.0

    /// How many frequency classes commoner the type most of a country's streets have (`UL.*`,
    /// `VIA*`: a star in the list) is than each other type: about five to one
    /// (`NameLexicon.frequencyWeight`), a cautious share.
    ///
    /// Most Polish streets are an `ul.` and most Italian ones a `via`, so a first word one slip
    /// from several types (`OL.`: UL., AL. or PL.) is that type rather than a tie left as read.
    /// Tuning coupons (stop 58): 7 streets right that were wrong, none broken; at ten to one
    /// (12 classes) 9 right, and `PUZZA`, two slips from PIAZZA, stayed as read.
    static let usualTypeBoost = 8

    /// Loads `country TAB lead|trail TAB TYPE,TYPE,... [TAB PARTICLE,PARTICLE,...]` lines; `#`
    /// starts a comment.
    public init(contentsOf url: URL) throws(OCRError) {
        let file = url.lastPathComponent
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw OCRError(code: .modelMissing, reason: "Street types '\(file)' could not be read in \(url.deletingLastPathComponent().path). "
                + "It ships in the repository's models/lexicon/ folder (set MAILROOM_MODELS to point at models/).")
        }
        var positions: [String: Position] = [:], lexicon: [String: NameLexicon] = [:], particles: [String: NameLexicon] = [:]
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where !line.hasPrefix("#") && !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let parts = line.split(separator: "\t")
            guard parts.count == 3 || parts.count == 4, let position = Position(rawValue: String(parts[1])) else {
                throw OCRError(code: .initialisationFailed, reason: "Street types '\(file)' line \(number + 1) is not "
                    + "'COUNTRY<TAB>lead|trail<TAB>TYPE,TYPE,...[<TAB>PARTICLE,...]'. Fix the line or restore the file from the repository.")
            }
            let country = String(parts[0])
            positions[country] = position
            let types = parts[2].split(separator: ",").map { (name: String($0.hasSuffix("*") ? $0.dropLast() : $0), usual: $0.hasSuffix("*")) }
            lexicon[country] = NameLexicon(names: types.map(\.name), country: country,
                                           usual: Set(types.filter(\.usual).map(\.name)), usualBoost: Self.usualTypeBoost)
            if parts.count == 4 {
                particles[country] = NameLexicon(names: parts[3].split(separator: ",").map(String.init), country: country)
            }
        }
        self.positions = positions
        self.lexicon = lexicon
        self.particles = particles
    }

    private static let cache = LoadedOnce<URL, StreetTypes>()

    /// The types at `url`, loaded once per process.
    static func shared(_ url: URL) throws(OCRError) -> StreetTypes {
        try cache.value(for: url) { () throws(OCRError) in try StreetTypes(contentsOf: url) }
    }

    /// Where `country` puts its street type, if the list knows the country.
    public func position(in country: String) -> Position? { positions[country] }

    /// The street type a word most likely is, when it clearly is one.
    public func type(of word: TextReading, country: String) -> String? {
        switch lexicon[country]?.verdict(for: word, country: country, unknownCost: Self.unknownTypeCost) {
        case .confirmed(let spelled), .corrected(let spelled): spelled
        default: nil
        }
    }

    /// The joining word (DELLE, DEI) a short word before a street's name most likely is, and
    /// whether it was read as spelled; nil when it clearly is none.
    public func particle(of word: TextReading, country: String) -> (spelled: String, asRead: Bool)? {
        switch particles[country]?.verdict(for: word, country: country) {
        case .confirmed(let spelled): (spelled, true)
        case .corrected(let spelled): (spelled, false)
        default: nil
        }
    }
}
