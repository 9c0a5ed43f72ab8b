import CTesseract
import MailroomImaging

extension Engine {
    /// Reads a whole page into blocks, lines and words, in Tesseract's reading order.
    ///
    /// Everything read comes back as Swift values, so the engine then forgets the page: a full
    /// page's layout and results take tens of megabytes at 300 dpi, which would otherwise stay
    /// until the engine's next read, beside another engine's reading of the same page.
    public func readPage(_ image: Image, segmentation: PageSegmentation = .auto) throws(OCRError) -> PageText {
        defer { clear() }
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
}
