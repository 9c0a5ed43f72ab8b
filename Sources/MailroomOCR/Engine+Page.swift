import CTesseract
import MailroomImaging

extension Engine {
    /// Reads a whole page into blocks, lines and words, in Tesseract's reading order.
    public func readPage(_ image: Image, segmentation: PageSegmentation = .auto) throws(OCRError) -> PageText {
        setImage(image)
        TessBaseAPISetVariable(handle, "tessedit_char_whitelist", "")
        TessBaseAPISetPageSegMode(handle, segmentation.tesseract)
        keep("lstm_choice_mode", alternativesMode)
        // A letter may hold white-on-black print; pages keep Tesseract's inverted retry.
        keep("tessedit_do_invert", "1")
        TessBaseAPISetRectangle(handle, 0, 0, Int32(image.width), Int32(image.height))
        try recognise("page")
        let mean = Double(TessBaseAPIMeanTextConf(handle))
        guard let iterator = TessBaseAPIGetIterator(handle) else { return PageText(blocks: [], meanConfidence: 0) }
        defer { TessResultIteratorDelete(iterator) }
        let page = TessResultIteratorGetPageIterator(iterator)

        var blocks: [Block] = []
        var lines: [Line] = []
        var words: [Word] = []
        var blockBox = PixelRect(x: 0, y: 0, width: 0, height: 0)
        var lineBox = blockBox
        func endLine() {
            if !words.isEmpty { lines.append(Line(words: words, box: lineBox)) }
            words = []
        }
        func endBlock() {
            endLine()
            if !lines.isEmpty { blocks.append(Block(lines: lines, box: blockBox)) }
            lines = []
        }
        repeat {
            if TessPageIteratorIsAtBeginningOf(page, RIL_BLOCK) != 0 {
                endBlock()
                blockBox = box(page, level: RIL_BLOCK)
            }
            if TessPageIteratorIsAtBeginningOf(page, RIL_TEXTLINE) != 0 {
                endLine()
                lineBox = box(page, level: RIL_TEXTLINE)
            }
            guard let cText = TessResultIteratorGetUTF8Text(iterator, RIL_WORD) else { continue }
            let text = String(cString: cText)
            TessDeleteText(cText)
            if text.isEmpty { continue }
            words.append(Word(text: text, confidence: Double(TessResultIteratorConfidence(iterator, RIL_WORD)),
                              box: box(page, level: RIL_WORD)))
        } while TessResultIteratorNext(iterator, RIL_WORD) != 0
        endBlock()
        return PageText(blocks: blocks, meanConfidence: mean)
    }

    /// Finds how far the page is turned, with Tesseract's orientation and script detection.
    ///
    /// Only an engine started with the `osd` language can do this (Debian package
    /// tesseract-ocr-osd): the LSTM text models carry no orientation classifier. Returns `nil`
    /// when the page holds too little text to decide.
    public func detectOrientation(_ image: Image) throws(OCRError) -> Orientation? {
        guard configuration.languages.contains("osd") else {
            throw OCRError(code: .initialisationFailed,
                           reason: "orientation detection needs an engine started with the 'osd' language")
        }
        setImage(image)
        TessBaseAPISetPageSegMode(handle, PSM_OSD_ONLY)
        TessBaseAPISetRectangle(handle, 0, 0, Int32(image.width), Int32(image.height))
        var degrees: Int32 = 0
        var confidence: Float = 0
        var script: UnsafePointer<CChar>?
        var scriptConfidence: Float = 0
        guard TessBaseAPIDetectOrientationScript(handle, &degrees, &confidence, &script, &scriptConfidence) != 0 else {
            return nil
        }
        let name = script.map { String(cString: $0) } ?? ""
        return Orientation(rotation: Int(degrees), confidence: Double(confidence), script: name)
    }
}
