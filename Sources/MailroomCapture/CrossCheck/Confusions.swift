import MailroomOCR

/// Characters OCR mistakes for one another, used to widen the search for a valid value.
///
/// A comb box holding "O" in a postcode is almost surely "0"; a pair such as 1/7 is a weaker
/// but real confusion of handwritten digits. Each extra alternative carries a confidence
/// that ranks it below what Tesseract itself proposed.
enum Confusions {
    /// Letter → digit look-alikes, strong.
    static let toDigit: [Character: Character] = [
        "O": "0", "o": "0", "D": "0", "Q": "0", "U": "0",
        "I": "1", "l": "1", "i": "1", "|": "1", "L": "1", "J": "1",
        "Z": "2", "z": "2", "S": "5", "s": "5", "B": "8", "G": "6", "b": "6",
        "A": "4", "q": "9", "g": "9", "T": "7",
    ]
    /// Digit ↔ digit confusions of handwriting, weak.
    static let betweenDigits: [Character: [Character]] = [
        "0": ["6", "8", "9"], "1": ["7", "4"], "2": ["7", "3"], "3": ["8", "5", "2"], "4": ["9", "1"],
        "5": ["6", "3", "8"], "6": ["5", "0", "8"], "7": ["1", "2"], "8": ["3", "0", "6", "9"], "9": ["4", "8", "0"],
    ]
    /// Digit → letter look-alikes, for names and towns read with digits in them.
    static let toLetter: [Character: Character] = [
        "0": "O", "1": "I", "2": "Z", "5": "S", "8": "B", "6": "G", "4": "A", "7": "T",
    ]

    /// The digit a character is or looks like, its lowercase look-alike first: on handwriting a
    /// letter read for a digit stands for the lowercase shape's digit at least as often (tuning
    /// readings of seeds 12 and 14: `G` was a 9 as often as a 6, `B` a 6 more often than an 8).
    /// An `A` is no digit here: it stood for a 2 eight times as often as for the 4 of the table,
    /// and in an address it is far likelier the letter (`maciej.zawa` is no `maciej.z44`).
    static func digit(lookingLike character: Character) -> Character? {
        if character.isASCII, character.isNumber { return character }
        if character == "A" || character == "a" { return nil }
        let lower = character.lowercased().first.flatMap { toDigit[$0] }
        return lower ?? character.uppercased().first.flatMap { toDigit[$0] }
    }

    /// Extra digit alternatives for a character position of a numeric field.
    static func digitAlternatives(_ character: CharacterReading) -> [Alternative] {
        var extra: [Alternative] = []
        // A weak confusion takes no more than the box's doubt: a box read 99% sure leaves 1%
        // for every other digit, however alike their shapes.
        let doubt = 100 - character.confidence
        for alternative in character.alternatives.prefix(3) {
            guard let c = alternative.text.first, alternative.text.count == 1 else { continue }
            if let digit = toDigit[c] { extra.append(Alternative(String(digit), confidence: max(alternative.confidence * 0.9, 5))) }
            for other in betweenDigits[c] ?? [] {
                extra.append(Alternative(String(other), confidence: max(min(alternative.confidence * 0.05, doubt), 1)))
            }
        }
        return extra
    }

    /// The least probability any character gets at a position: handwriting defeats the stock
    /// models often enough that a character they did not propose is still quite possible.
    static let floor = 0.03

    /// The probability of each character at a position: Tesseract's own confidence, else a
    /// confusion's, else `floor` (characters not in the table get `floor` too).
    static func likelihoods(at character: CharacterReading) -> [Character: Double] {
        var best: [Character: Double] = [:]
        for alternative in character.alternatives + digitAlternatives(character) {
            guard alternative.text.count == 1, let c = alternative.text.first else { continue }
            best[c] = max(best[c] ?? 0, alternative.confidence)
        }
        return best.mapValues { min(max($0 / 100, floor), 1) }
    }
}
