import MailroomImaging

/// One possible character at a position, with Tesseract's confidence in it (0–100).
public struct Alternative: Sendable, Hashable, Codable {
    public var text: String
    public var confidence: Double

    public init(_ text: String, confidence: Double) {
        self.text = text
        self.confidence = confidence
    }
}

extension Alternative {
    /// Whether the alternative is one digit.
    public var isDigit: Bool { text.count == 1 && text.first?.isNumber == true }
}

extension Array where Element == Alternative {
    /// The alternatives likeliest first, ties in text order so that every reading lists them alike.
    public var likeliestFirst: [Alternative] {
        sorted { $0.confidence != $1.confidence ? $0.confidence > $1.confidence : $0.text < $1.text }
    }

    /// The share of the alternatives' summed confidence that lies on digits; 0 when they sum to nothing.
    public var digitShare: Double {
        let total = reduce(0) { $0 + $1.confidence }
        return total > 0 ? filter(\.isDigit).reduce(0) { $0 + $1.confidence } / total : 0
    }
}

/// A recognised character with its box and the alternatives Tesseract considered.
public struct CharacterReading: Sendable, Hashable, Codable {
    public var text: String
    public var confidence: Double
    /// Best first; the first entry is `text` itself when Tesseract reports it.
    public var alternatives: [Alternative]
    public var box: PixelRect
    /// Whether a space precedes this character (it starts a new word).
    public var startsWord: Bool

    public init(text: String, confidence: Double, alternatives: [Alternative], box: PixelRect, startsWord: Bool = false) {
        self.text = text
        self.confidence = confidence
        self.alternatives = alternatives
        self.box = box
        self.startsWord = startsWord
    }
}

/// The text read from one region, character by character.
public struct TextReading: Sendable, Hashable, Codable {
    public var text: String
    /// Mean character confidence, 0–100; 0 when nothing was read.
    public var confidence: Double
    public var characters: [CharacterReading]

    public init(text: String, confidence: Double, characters: [CharacterReading]) {
        self.text = text
        self.confidence = confidence
        self.characters = characters
    }

    /// A reading made of `characters`: their text with a space before each word start, and
    /// their mean confidence.
    public init(characters: [CharacterReading]) {
        let text = characters.map { ($0.startsWord ? " " : "") + $0.text }.joined()
        let mean = characters.isEmpty ? 0 : characters.map(\.confidence).reduce(0, +) / Double(characters.count)
        self.init(text: text, confidence: mean, characters: characters)
    }

    public static let empty = TextReading(text: "", confidence: 0, characters: [])

    /// The lowest character confidence, the weakest link of a field.
    public var minimumConfidence: Double { characters.map(\.confidence).min() ?? 0 }
}

/// What `Engine.read` should do.
public struct ReadOptions: Sendable, Hashable {
    public var segmentation: PageSegmentation
    /// Only these characters may be output; `nil` allows all.
    public var whitelist: String?
    /// A regular expression the whole text should match; see `TextReading.bestMatch(_:)`.
    public var pattern: String?
    /// Whether each character should carry Tesseract's alternatives. A read that only needs the
    /// text (a witness, a title) turns them off: collecting them runs extra beam searches.
    public var alternatives: Bool
    /// A region taller than 5/4 of this is scaled down to this height before Tesseract reads it;
    /// `nil` reads it as it is. The character boxes come back in the image's coordinates.
    ///
    /// Tesseract's line models see a line 36 pixels high, so a field scanned at 300 dpi (150
    /// pixels high) is mostly pixels it scales away, after it has PNG-encoded and decoded the
    /// image of every word at full size: a fifth of its time.
    public var readingHeight: Int?

    public init(segmentation: PageSegmentation = .singleLine, whitelist: String? = nil, pattern: String? = nil,
                alternatives: Bool = true, readingHeight: Int? = nil) {
        self.segmentation = segmentation
        self.whitelist = whitelist
        self.pattern = pattern
        self.alternatives = alternatives
        self.readingHeight = readingHeight
    }
}

/// A word on a page.
public struct Word: Sendable, Hashable, Codable {
    public var text: String
    public var confidence: Double
    public var box: PixelRect
}

/// A text line on a page, in reading order.
public struct Line: Sendable, Hashable, Codable {
    public var words: [Word]
    public var box: PixelRect
    public var text: String { words.map(\.text).joined(separator: " ") }
    public var confidence: Double { words.isEmpty ? 0 : words.map(\.confidence).reduce(0, +) / Double(words.count) }
}

/// A block of lines (a paragraph, an address, a column).
public struct Block: Sendable, Hashable, Codable {
    public var lines: [Line]
    public var box: PixelRect
    public var text: String { lines.map(\.text).joined(separator: "\n") }
}

/// Everything read from a full page.
public struct PageText: Sendable, Hashable, Codable {
    public var blocks: [Block]
    public var meanConfidence: Double
    public var lines: [Line] { blocks.flatMap(\.lines) }
    public var words: [Word] { lines.flatMap(\.words) }
    /// The page text, blocks separated by a blank line.
    public var text: String { blocks.map(\.text).joined(separator: "\n\n") }
}
