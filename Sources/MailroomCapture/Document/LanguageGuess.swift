/// Guesses the language of a letter from its most common short words.
///
/// Letters arrive in Italian, Polish and English. Reading a page with all three models at
/// once is slow and less accurate than with the right one, so the page is read once with a
/// quick model, the language is guessed from function words and diacritics, and the page is
/// read again with that language's model when it differs.
enum LanguageGuess {
    static let markers: [String: Set<String>] = [
        "ita": ["il", "la", "di", "che", "e", "per", "un", "una", "non", "sono", "con", "del", "della", "mio", "vi", "ho", "gentile", "cordiali", "saluti"],
        "pol": ["i", "w", "na", "nie", "z", "się", "do", "że", "jest", "to", "o", "za", "mój", "moje", "proszę", "szanowni", "państwo", "pozdrawiam"],
        "eng": ["the", "and", "of", "to", "i", "my", "is", "in", "for", "that", "was", "not", "please", "dear", "regards", "your", "with"],
    ]

    /// The most likely language code among `candidates`, or `nil` when there is too little text.
    static func guess(_ text: String, among candidates: [String]) -> String? {
        let words = text.lowercased().split { !$0.isLetter }.map(String.init)
        guard words.count >= 8 else { return nil }
        var scores: [String: Double] = [:]
        for language in candidates {
            guard let set = markers[language] else { continue }
            scores[language] = Double(words.filter { set.contains($0) }.count)
        }
        let polishLetters = text.filter { "ąćęłńśźżĄĆĘŁŃŚŹŻ".contains($0) }.count
        if candidates.contains("pol") { scores["pol", default: 0] += Double(polishLetters) * 0.5 }
        let italianLetters = text.filter { "àèéìòù".contains($0) }.count
        if candidates.contains("ita") { scores["ita", default: 0] += Double(italianLetters) * 0.5 }
        guard let best = scores.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }), best.value >= 2 else { return nil }
        return best.key
    }
}
