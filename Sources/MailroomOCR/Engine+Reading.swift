import CTesseract
import MailroomImaging

extension Engine {
    /// Reads a rectangle of `image` (the whole image when `rect` is `nil`).
    public func read(_ image: Image, rect: PixelRect? = nil, options: ReadOptions = ReadOptions()) throws(OCRError) -> TextReading {
        if let rect, let height = options.readingHeight, rect.height > height * 5 / 4 {
            return try readScaled(image, area: rect.clamped(width: image.width, height: image.height), height: height, options: options)
        }
        setImage(image)
        TessBaseAPISetVariable(handle, "tessedit_char_whitelist", options.whitelist ?? "")
        TessBaseAPISetPageSegMode(handle, options.segmentation.tesseract)
        keep("lstm_choice_mode", options.alternatives ? alternativesMode : "0")
        // A region is a field of dark ink on a light page. Tesseract would read every line it is
        // unsure of a second time inverted (white on black), which on handwriting is most lines
        // and never reads better.
        keep("tessedit_do_invert", initial("tessedit_do_invert") ?? "0")
        let area = (rect ?? PixelRect(x: 0, y: 0, width: image.width, height: image.height))
            .clamped(width: image.width, height: image.height)
        guard !area.isEmpty else { return .empty }
        TessBaseAPISetRectangle(handle, Int32(area.x), Int32(area.y), Int32(area.width), Int32(area.height))
        try recognise("region \(area)")
        var reading = symbols()
        if let pattern = options.pattern, let match = reading.bestMatch(pattern) {
            reading.text = match
        }
        return reading
    }

    /// Reads `area` of `image` scaled down to `height` pixels, with the character boxes put back
    /// in `image`'s coordinates.
    private func readScaled(_ image: Image, area: PixelRect, height: Int, options: ReadOptions) throws(OCRError) -> TextReading {
        guard !area.isEmpty else { return .empty }
        let factor = Double(height) / Double(area.height)
        let small: Image
        do { small = try image.cropped(to: area).scaled(by: factor) } catch { throw .recognitionFailed("region \(area) scaled by \(factor)") }
        var plain = options
        plain.readingHeight = nil
        var reading = try read(small, rect: nil, options: plain)
        for index in reading.characters.indices {
            let b = reading.characters[index].box
            reading.characters[index].box = PixelRect(
                x: area.x + Int((Double(b.x) / factor).rounded()), y: area.y + Int((Double(b.y) / factor).rounded()),
                width: Int((Double(b.width) / factor).rounded()), height: Int((Double(b.height) / factor).rounded()))
        }
        return reading
    }

    /// Collects the recognised symbols of the last recognition with their alternatives.
    private func symbols() -> TextReading {
        guard let iterator = TessBaseAPIGetIterator(handle) else { return .empty }
        defer { TessResultIteratorDelete(iterator) }
        let page = TessResultIteratorGetPageIterator(iterator)
        var characters: [CharacterReading] = []
        repeat {
            guard let cText = TessResultIteratorGetUTF8Text(iterator, RIL_SYMBOL) else { continue }
            let text = String(cString: cText)
            TessDeleteText(cText)
            let startsWord = !characters.isEmpty && TessPageIteratorIsAtBeginningOf(page, RIL_WORD) != 0
            let confidence = Double(TessResultIteratorConfidence(iterator, RIL_SYMBOL))
            characters.append(CharacterReading(text: text, confidence: confidence,
                                               alternatives: alternatives(iterator, best: text, confidence: confidence),
                                               box: box(page, level: RIL_SYMBOL), startsWord: startsWord))
        } while TessResultIteratorNext(iterator, RIL_SYMBOL) != 0
        return TextReading(characters: characters)
    }

    /// The choices Tesseract's choice iterator offers for the current symbol, best first.
    private func alternatives(_ iterator: OpaquePointer, best: String, confidence: Double) -> [Alternative] {
        var found: [String: Double] = [best: confidence]
        if let choices = TessResultIteratorGetChoiceIterator(iterator) {
            defer { TessChoiceIteratorDelete(choices) }
            repeat {
                guard let cText = TessChoiceIteratorGetUTF8Text(choices) else { continue }
                let text = String(cString: cText)
                let value = Double(TessChoiceIteratorConfidence(choices))
                if !text.isEmpty, text != " " { found[text] = max(found[text] ?? 0, value) }
            } while TessChoiceIteratorNext(choices) != 0
        }
        return found.map { Alternative($0.key, confidence: $0.value) }
            .likeliestFirst
    }

    func box(_ page: OpaquePointer?, level: TessPageIteratorLevel) -> PixelRect {
        var left: Int32 = 0, top: Int32 = 0, right: Int32 = 0, bottom: Int32 = 0
        TessPageIteratorBoundingBox(page, level, &left, &top, &right, &bottom)
        return PixelRect(x: Int(left), y: Int(top), width: Int(right - left), height: Int(bottom - top))
    }
}
