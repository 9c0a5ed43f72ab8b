import MailroomPostcodes

/// How names and postcodes are compared when a document is matched to the customer list.
public enum NameMatching {
    /// The folded name with its words sorted: "Kowalska, Anna" and "ANNA KOWALSKA" → "ANNA KOWALSKA".
    public static func key(_ name: String) -> String {
        PostcodeDirectory.fold(name).split(separator: " ").sorted().joined(separator: " ")
    }

    /// The postcode with case, spaces and separators removed: "31-042" → "31042", "sw1a 1aa" → "SW1A1AA".
    public static func postcodeKey(_ postcode: String) -> String {
        PostcodeDirectory.fold(postcode).replacingOccurrences(of: " ", with: "")
    }

    /// Words that name the kind of street, dropped before streets are compared ("ul. Długa 5" = "Dluga 5").
    static let streetWords: Set<Substring> = ["UL", "ULICA", "AL", "ALEJA", "ALEJE", "OS", "OSIEDLE", "PL", "PLAC",
                                              "VIA", "VIALE", "V", "PIAZZA", "P", "ZZA", "PZA", "CORSO", "C", "SO",
                                              "LARGO", "STR", "STRASSE", "STREET", "ST", "ROAD", "RD", "AVENUE", "AVE"]

    /// How alike two street addresses are, 0…1, ignoring accents, case and street-kind words.
    public static func streetSimilarity(_ a: String, _ b: String) -> Double {
        func key(_ street: String) -> String {
            PostcodeDirectory.fold(street).split(separator: " ").filter { !streetWords.contains($0) }
                .joined(separator: " ")
        }
        return max(PostcodeDirectory.similarity(a, b), PostcodeDirectory.similarity(key(a), key(b)))
    }

    /// How alike two names are, 0…1, ignoring accents, case, punctuation and word order:
    /// the better of the plain folded comparison and the comparison of the sorted words.
    public static func similarity(_ a: String, _ b: String) -> Double {
        max(PostcodeDirectory.similarity(a, b), PostcodeDirectory.similarity(key(a), key(b)))
    }
}
