import MailroomImaging
import MailroomOCR

extension DocumentReader {
    /// Reads every page of a letter, turning pages upright first.
    func readLetter(_ images: [Image]) throws -> LetterReading {
        var pages: [PageReading] = []
        for (index, image) in images.enumerated() {
            var upright = image
            var orientation = 0
            let grey = try image.grey()
            let probe = grey.width > 1800 ? try grey.scaled(by: 0.5) : grey
            if let found = try engines.osd.detectOrientation(probe), found.confidence > 1.5, found.rotation != 0 {
                orientation = found.rotation
                upright = try image.rotated(quarterTurns: found.quarterTurnsToUpright)
            }
            let cleaned = try preprocessor.run(upright)
            let text = try engines.engine(configuration.letterLanguages).readPage(cleaned.grey)
            pages.append(PageReading(number: index + 1, width: cleaned.grey.width, height: cleaned.grey.height,
                                     resolution: cleaned.report.resolution, skewDegrees: cleaned.report.skewDegrees,
                                     orientationDegrees: orientation, text: text.text, confidence: text.meanConfidence))
        }
        return LetterReading(language: configuration.letterLanguages.first ?? "eng", pages: pages)
    }
}
