import MailroomImaging
import MailroomOCR

extension DocumentReader {
    /// Reads every page of a letter, turning pages upright first; pages that are all blank
    /// are `.blank`, and pages with nothing else to read throw `noContent`.
    ///
    /// Each page is replaced by its grey copy before it is read, so that a colour scan is let
    /// go (when the caller holds no other reference to it).
    func readLetter(_ images: inout [Image]) throws -> DocumentReading {
        var pages: [PageReading] = []
        var language: String?
        var empty: [String] = []
        var blanks = 0
        var stackTurns: Int?
        for index in images.indices {
            var orientation = 0
            // At 300 dpi from a finer scan, before the orientation probe: it is sized for that.
            // Tesseract thresholds a page as a whole: a shadow across it is evened out first.
            let grey = try timings.time("even lighting") { try images[index].readingGrey().atWorkingResolution().evenlyLit() }
            images[index] = grey
            // Grey from here on: a letter is read in grey, and a turned colour copy of an A4 page
            // at 300 dpi is 35 MB.
            var upright = grey
            if let mean = grey.meanGrey(), mean < Self.solidDarkMean {
                empty.append("page \(index + 1) is solid dark (mean grey \(Int(mean)) of 255)")
                pages.append(PageReading(number: index + 1, width: grey.width, height: grey.height, resolution: grey.resolution ?? 0,
                                         skewDegrees: 0, orientationDegrees: 0, text: "", confidence: 0))
                continue
            }
            let probe = grey.width > 1800 ? try grey.scaled(by: 0.5) : grey
            let found = try timings.time("orient") { try probe.textOrientation() }
            // A sheet fed through the scanner with the others lies as they did: a page too sparse
            // to decide (a closing page, a short postscript) is turned as the page before it.
            let turns = found.isDecided ? found.quarterTurnsToUpright : stackTurns ?? 0
            if found.isDecided { stackTurns = turns }
            if turns != 0 {
                orientation = (4 - turns) % 4 * 90
                upright = try grey.rotated(quarterTurns: turns)
            }
            let cleaned = try timings.time("preprocess") { try preprocessor.run(upright) }
            if Self.isBlank(cleaned) {
                // The back of a sheet fed through a duplex scanner: kept as a page, not read.
                empty.append("page \(index + 1) is blank")
                blanks += 1
                pages.append(PageReading(number: index + 1, width: cleaned.grey.width, height: cleaned.grey.height,
                                         resolution: cleaned.report.resolution, skewDegrees: cleaned.report.skewDegrees,
                                         orientationDegrees: orientation, text: "", confidence: 0))
                continue
            }
            var text = try timings.time("read page") { () throws -> PageText in
                let candidates = configuration.letterLanguages
                guard candidates.count > 1 else { return try engines.engine(candidates).readPage(cleaned.grey) }
                // The first page decides the language; later pages are read with it directly.
                if let language { return try engines.engine([language]).readPage(cleaned.grey) }
                let quick = candidates.contains("eng") ? "eng" : candidates[0]
                let first = try engines.engine([quick]).readPage(cleaned.grey)
                let guessed = LanguageGuess.guess(first.text, among: candidates)
                if let guessed { language = guessed }
                if guessed == quick { return first }
                return try engines.engine(guessed.map { [$0] } ?? candidates).readPage(cleaned.grey)
            }
            if text.meanConfidence < Self.uprightConfidence, let turned = try readTurned(cleaned.grey, than: text, language: language) {
                (text, orientation) = (turned.text, (orientation + turned.degrees) % 360)
            }
            pages.append(PageReading(number: index + 1, width: cleaned.grey.width, height: cleaned.grey.height,
                                     resolution: cleaned.report.resolution, skewDegrees: cleaned.report.skewDegrees,
                                     orientationDegrees: orientation, text: text.text, confidence: text.meanConfidence))
            if text.text.filter({ $0.isLetter || $0.isNumber }).count < Self.fewestCharacters {
                // A thumbnail, a photo or a smudge: a case opened for it would hold nothing to act on.
                let small = max(grey.width, grey.height) < Self.smallPageSide ? "; letters need about 300 dpi" : ""
                empty.append("page \(index + 1) has no text Tesseract could read (scanned as \(grey.width)x\(grey.height) pixels\(small))")
            }
        }
        if blanks == images.count {
            return .blank(pages: pages)
        }
        if empty.count == images.count {
            throw CaptureError.noContent(empty)
        }
        var letter = LetterReading(language: language ?? configuration.letterLanguages.joined(separator: "+"), pages: pages)
        let confidence = pages.map(\.confidence).reduce(0, +) / Double(max(pages.count, 1))
        letter.details = timings.time("extract") {
            LetterExtractor(postcodes: configuration.postcodes, references: configuration.references)
                .extract(text: letter.rawText, language: letter.language, pageConfidence: confidence)
        }
        return .letter(letter)
    }

    /// Whether a cleaned page holds (almost) no ink: the back of a sheet, say.
    ///
    /// Its grey is looked at first (`Image.isNearlyUniform`): a blank page's scanner noise,
    /// thresholded, is a page of black dots.
    static func isBlank(_ cleaned: Preprocessor.Page) -> Bool {
        if (try? cleaned.grey.isNearlyUniform(contrast: blankContrast, fraction: blankInk)) == true { return true }
        guard let binary = cleaned.binary else { return false }
        return binary.inkFraction(in: PixelRect(x: 0, y: 0, width: binary.width, height: binary.height)) < blankInk
    }

    /// A page with less ink than this, after borders and specks are cleaned away, is blank.
    ///
    /// About 1,700 pixels of an A4 page at 300 dpi; the sparest real page in the samples
    /// (a second page with three lines) has eight times as much.
    static let blankInk = 0.0002

    /// How far from the paper's grey a pixel must be to count as ink on a blank-looking page.
    static let blankContrast = 48

    /// A page that yields fewer letters and digits than this has no text to act on.
    static let fewestCharacters = 3

    /// A page whose longer side has fewer pixels than this is too coarse for letter print
    /// (an A5 sheet at 100 dpi): the quarantine reason suggests rescanning.
    static let smallPageSide = 1_200

    /// A page darker than this on average is a solid dark sheet, not paper with writing.
    static let solidDarkMean = 64.0

    /// Below this mean confidence a page is read again turned, in case OSD missed its orientation.
    static let uprightConfidence = 55.0

    /// The page read upside down and on either side, when one of those reads clearly better:
    /// OSD needs enough clean text to decide and sometimes leaves a page upside down.
    private func readTurned(_ page: Image, than first: PageText, language: String?) throws -> (text: PageText, degrees: Int)? {
        let engine = try engines.engine(language.map { [$0] } ?? configuration.letterLanguages)
        var best: (text: PageText, degrees: Int)?
        for quarterTurns in [2, 1, 3] {
            let text = try timings.time("read turned") { try engine.readPage(try page.rotated(quarterTurns: quarterTurns)) }
            if text.meanConfidence > max(first.meanConfidence + 15, best?.text.meanConfidence ?? 0) {
                best = (text, (4 - quarterTurns) % 4 * 90)
            }
            if let best, best.text.meanConfidence >= Self.uprightConfidence + 20 { break }
        }
        return best
    }
}
