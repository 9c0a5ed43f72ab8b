import CTesseract

/// How Tesseract cuts an image region into text before reading it.
public enum PageSegmentation: Int, Sendable, Hashable, Codable, CaseIterable {
    case osdOnly = 0
    case autoWithOSD = 1
    case auto = 3
    case singleColumn = 4
    case singleBlock = 6
    case singleLine = 7
    case singleWord = 8
    case singleCharacter = 10
    case sparseText = 11
    case rawLine = 13

    var tesseract: TessPageSegMode { TessPageSegMode(rawValue: UInt32(rawValue)) }
}
