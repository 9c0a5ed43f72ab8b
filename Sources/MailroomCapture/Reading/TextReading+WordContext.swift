import MailroomOCR

extension TextReading {
    /// The same characters read as one word: no character starts a word.
    var asOneWord: TextReading {
        TextReading(characters: characters.map { character in
            var joined = character
            joined.startsWord = false
            return joined
        })
    }

    /// The reading with each word's characters made all letters or all digits, whichever
    /// the word as a whole holds more of.
    ///
    /// A hand-printed I and 1, O and 0, S and 5 or Z and 2 are the same strokes; a character
    /// classifier sees one character at a time and cannot tell them apart, but the word it
    /// stands in can: VIA, not V1A; 148, not 1A8. Only a character whose alternatives offer
    /// the word's kind changes, and its confidence becomes its share among that kind. In an
    /// e-mail address the digits that close a word (`sanna19`) are left as they are; with
    /// `houseNumbers`, a number's last character is the letter its alternatives offer most
    /// when that beats every digit and house numbers close with it (`116B`, not `1166`; `146`,
    /// not `14U`), and a street with no number reads its
    /// last word as one when it can (`houseNumberReadAsLetters`).
    func settlingLettersAndDigits(email: Bool, houseNumbers: Bool = false) -> TextReading {
        var settled = self
        let words = words()
        let unreadNumber = houseNumbers ? houseNumberReadAsLetters(words) : nil
        for (position, word) in words.enumerated() {
            let letters = mass(of: word, letters: true), digits = mass(of: word, letters: false)
            let forced = position == unreadNumber
            let wantLetters = letters >= digits && !forced
            var changeable = word
            if email, wantLetters {
                while let last = changeable.last, mass(of: characters[last], letters: false) > mass(of: characters[last], letters: true) {
                    changeable.removeLast()
                }
            }
            if houseNumbers, !wantLetters, word.count >= 2, let last = word.last,
               let letter = best(of: characters[last], letters: true), let digit = best(of: characters[last], letters: false),
               letter.confidence > digit.confidence, Self.houseNumberLetters.contains(letter.text) {
                // A house number may close with a letter (12A, 59/B): the last character
                // keeps the letter its readers found likeliest, when house numbers close
                // with it; another (`14U`, `6G`, `61/3Z`) is the digit they offered.
                changeable.removeLast()
                settled.characters[last].text = letter.text
                settled.characters[last].confidence = letter.confidence / (letter.confidence + digit.confidence) * 100
            }
            for index in changeable {
                let character = characters[index]
                guard let first = character.text.first, first.isLetter != wantLetters else { continue }
                let kind = character.alternatives.filter { ($0.text.first?.isLetter ?? false) == wantLetters && $0.text.first?.isWhitespace == false }
                let total = kind.reduce(0) { $0 + $1.confidence }
                if forced {
                    // Its share of all the character's alternatives: the readers saw a letter.
                    let all = Self.weight(of: character)
                    let digit = kind.max(by: { $0.confidence < $1.confidence })
                    if digit == nil, index == word.last, Self.houseNumberLetters.contains(character.text) { continue }
                    settled.characters[index].text = digit?.text ?? Confusions.digit(lookingLike: first).map(String.init) ?? character.text
                    settled.characters[index].confidence = all > 0 ? min(100, (digit?.confidence ?? 0) / all * 100) : 0
                    continue
                }
                guard let best = kind.max(by: { $0.confidence < $1.confidence }), best.confidence >= 1, total > 0 else { continue }
                settled.characters[index].text = best.text
                settled.characters[index].confidence = min(100, best.confidence / total * 100)
            }
        }
        return TextReading(characters: settled.characters)
    }

    /// Letters a house number closes with (12A, 59/B); any other there (`L`, `O`, `S`, `U`, `G`)
    /// is far likelier a digit the readers offered.
    static let houseNumberLetters: Set<String> = ["A", "B", "C", "D"]

    /// The word that must be a street's house number though its readers saw letters: the last
    /// of two or more words, at most six characters, when no word is a number and each of its
    /// characters is a digit's look-alike or gives a tenth of its weight to digits (`ZOB` for
    /// 20B, `LOL` for 101, `SBA` for 56A). A street without any number is the rarer thing on a
    /// coupon; a word whose letters merely offer a faint digit (`CORSO`) is no number.
    private func houseNumberReadAsLetters(_ words: [[Int]]) -> Int? {
        guard words.count >= 2, let last = words.last, last.count <= 6,
              !words.contains(where: { mass(of: $0, letters: false) > mass(of: $0, letters: true) }) else { return nil }
        let convertible = last.enumerated().allSatisfy { offset, index in
            let character = characters[index]
            let all = Self.weight(of: character)
            if mass(of: character, letters: false) >= 0.1 * all, all > 0 { return true }
            if let first = character.text.first, Confusions.digit(lookingLike: first) != nil { return true }
            return offset == last.count - 1 && Self.houseNumberLetters.contains(character.text)
        }
        return convertible ? words.count - 1 : nil
    }

    /// Runs of letters and digits, as character indices, split at spaces and other characters.
    private func words() -> [[Int]] {
        var words: [[Int]] = [], current: [Int] = []
        for (index, character) in characters.enumerated() {
            let alphanumeric = character.text.first.map { $0.isLetter || $0.isNumber } ?? false
            if character.startsWord || !alphanumeric, !current.isEmpty {
                words.append(current)
                current = []
            }
            if alphanumeric { current.append(index) }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// A character's likeliest letter (or digit) alternative.
    private func best(of character: CharacterReading, letters: Bool) -> Alternative? {
        character.alternatives.filter { alternative in
            guard let first = alternative.text.first, alternative.text.count == 1 else { return false }
            return letters ? first.isLetter : first.isNumber
        }.max { $0.confidence < $1.confidence }
    }

    /// How much of a word's probability goes to letters (or to digits).
    private func mass(of word: [Int], letters: Bool) -> Double {
        word.reduce(0.0) { $0 + mass(of: characters[$1], letters: letters) }
    }

    /// All of a character's alternatives' confidence together.
    private static func weight(of character: CharacterReading) -> Double {
        character.alternatives.reduce(0) { $0 + $1.confidence }
    }

    /// How much of a character's probability goes to letters (or to digits).
    private func mass(of character: CharacterReading, letters: Bool) -> Double {
        character.alternatives.filter { alternative in
            guard let first = alternative.text.first else { return false }
            return letters ? first.isLetter : first.isNumber
        }.reduce(0) { $0 + $1.confidence }
    }
}
