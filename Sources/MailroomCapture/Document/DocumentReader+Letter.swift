import MailroomImaging
import MailroomOCR

extension DocumentReader {
    /// Reads every page of a letter, turning pages upright first.
    func readLetter(_ images: [Image]) throws -> LetterReading {
        var pages: [PageReading] = []
        var language: String?
        for (index, image) in images.enumerated() {
            var upright = image
            var orientation = 0
            let grey = try image.grey()
            let probe = grey.width > 1800 ? try grey.scaled(by: 0.5) : grey
            if let found = try engines.osd.detectOrientation(probe), found.confidence > 1.5, found.rotation != 0 {
                orientation = found.rotation
                upright = try image.rotated(quarterTurns: found.quarterTurnsToUpright)
            }
            let cleaned = try timings.time("preprocess") { try preprocessor.run(upright) }
            let text = try timings.time("read page") { () throws -> PageText in
                let candidates = configuration.letterLanguages
                guard candidates.count > 1 else { return try engines.engine(candidates).readPage(cleaned.grey) }
                // The first page decides the language; later pages are read with it directly.
                if let language { return try engines.engine([language]).readPage(cleaned.grey) }
                let quick = candidates.contains("eng") ? "eng" : candidates[0]
                let first = try engines.engine([quick]).readPage(cleaned.grey)
                guard let guessed = LanguageGuess.guess(first.text, among: candidates) else {
                    return try engines.engine(candidates).readPage(cleaned.grey)
                }
                language = guessed
                return guessed == quick ? first : try engines.engine([guessed]).readPage(cleaned.grey)
            }
            pages.append(PageReading(number: index + 1, width: cleaned.grey.width, height: cleaned.grey.height,
                                     resolution: cleaned.report.resolution, skewDegrees: cleaned.report.skewDegrees,
                                     orientationDegrees: orientation, text: text.text, confidence: text.meanConfidence))
        }
        return LetterReading(language: language ?? configuration.letterLanguages.joined(separator: "+"), pages: pages)
    }
}
