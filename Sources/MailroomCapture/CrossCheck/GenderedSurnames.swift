import MailroomPostcodes

/// Surnames whose ending agrees with the bearer's gender, as Polish adjectival ones do.
///
/// KOWALSKI is a man's name and KOWALSKA a woman's; the readers often lose or confuse the last
/// letter (`ZAWADZK`, `MALINOWSKA` for MALINOWSKI), and a surname lexicon holds both forms, so
/// only the given name on the same card can tell which was written. Polish women's given names
/// end in A (ANNA, KATARZYNA), men's almost never do.
enum GenderedSurnames {
    /// Men's and women's endings of adjectival surnames, per country.
    static let endings: [String: [(masculine: String, feminine: String)]] = [
        "PL": [("SKI", "SKA"), ("CKI", "CKA"), ("DZKI", "DZKA")],
    ]

    /// Whether `givenName` is a woman's name in `country`, or nil where the name does not tell.
    static func isFeminine(givenName: String, country: String) -> Bool? {
        guard country == "PL" else { return nil }
        let letters = TextFolding.fold(givenName.uppercased()).filter(\.isLetter)
        guard letters.count >= 2, !givenName.contains(" ") else { return nil }
        return letters.hasSuffix("A")
    }

    /// `surname` with the ending of the other gender, when it has a gendered ending of the
    /// wrong one; nil when it agrees or has none.
    static func agreeing(_ surname: String, feminine: Bool, country: String) -> String? {
        for (masculine, womans) in endings[country] ?? [] {
            let (from, to) = feminine ? (masculine, womans) : (womans, masculine)
            if surname.hasSuffix(from), surname.count > from.count + 1 { return String(surname.dropLast(from.count)) + to }
        }
        return nil
    }
}
