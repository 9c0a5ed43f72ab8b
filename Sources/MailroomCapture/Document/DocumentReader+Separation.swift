import MailroomImaging

/// One document found in a scan file: the pages it spans and how reading them went.
public struct SeparatedDocument: Sendable {
    /// The file's pages (0-based) that make up this document.
    public var pages: Range<Int>
    public var reading: Result<DocumentReading, CaptureError>
    /// Milliseconds per reading step of this document alone.
    public var stepMilliseconds: [String: Double]

    public init(pages: Range<Int>, reading: Result<DocumentReading, CaptureError>, stepMilliseconds: [String: Double] = [:]) {
        self.pages = pages
        self.reading = reading
        self.stepMilliseconds = stepMilliseconds
    }
}

extension DocumentReader {
    /// Reads a scan file that may hold several documents, and says which pages each one spans.
    ///
    /// A mailroom feeds a stack of mail through the scanner and often gets one multi-page file
    /// back: cards one after the other, or a letter with a coupon enclosed. Pages are separated
    /// by what they are, as capture software separates by form recognition and blank pages:
    /// every page that is a known coupon starts a document of its own and takes the blank pages
    /// after it (its back); every run of other pages is one letter. A page whose marks fit a
    /// form but whose title is no known form's is a document of its own, refused as an unknown
    /// form, so that a batch of a form not yet declared does not become one long letter. A run
    /// of letter pages longer than `configuration.maxLetterPages` is cut into letters that long.
    ///
    /// Pages come one at a time from `next`, and each document goes to `onDocument` with its
    /// pages as soon as it ends, so a long batch never holds more than a document's pages.
    /// A file holding one document is read exactly as `read` reads it. `onPage` is called before
    /// each page is looked at, so that a watchdog can time pages rather than whole batches.
    /// Throws only what `next` throws: a page that cannot be decoded.
    public func readSeparating(next: () throws(ImagingError) -> Image?, onPage: (Int) -> Void,
                               onDocument: (SeparatedDocument, [Image]) -> Void) throws(ImagingError) {
        var letter: (start: Int, pages: [Image])?
        var open: (start: Int, coupon: CouponReading, readings: [PageReading], milliseconds: [String: Double], pages: [Image])?

        func closeCoupon(before end: Int) {
            guard let card = open else { return }
            open = nil
            onDocument(SeparatedDocument(pages: card.start..<end, reading: .success(.coupon(card.coupon, pages: card.readings)),
                                         stepMilliseconds: card.milliseconds), card.pages)
        }
        func closeLetter(before end: Int) {
            guard let run = letter else { return }
            letter = nil
            onPage(run.start)
            // Straight to the letter reader: `read` would look for a coupon on its first page again.
            var pages = run.pages
            let reading = Result { () throws(CaptureError) in try bookkept { DocumentReading.letter(try readLetter(&pages)) } }
            onDocument(SeparatedDocument(pages: run.start..<end, reading: reading, stepMilliseconds: timings.milliseconds), run.pages)
        }

        var index = 0
        while let page = try next() {
            defer { index += 1 }
            onPage(index)
            let look = Result { () throws(CaptureError) in try bookkept { try readCoupon(page) } }
            switch look {
            case .success(.coupon(let coupon, let readings)?):
                closeCoupon(before: index)
                closeLetter(before: index)
                open = (index, coupon, readings, timings.milliseconds, [page])
            case .success:
                if let card = open {
                    if (try? isBlankPage(page)) == true {
                        open?.readings.append(PageReading(number: index - card.start + 1, width: page.width, height: page.height,
                                                          resolution: page.resolution ?? 0, skewDegrees: 0, orientationDegrees: 0,
                                                          text: "", confidence: 0))
                        open?.pages.append(page)
                        continue
                    }
                    closeCoupon(before: index)
                }
                if let run = letter, run.pages.count >= configuration.maxLetterPages { closeLetter(before: index) }
                if letter == nil { letter = (index, []) }
                letter?.pages.append(page)
            case .failure(let error):
                // An unknown form, or a page that cannot be read: a document of its own, refused
                // with its reason, and the pages around it go on.
                closeCoupon(before: index)
                closeLetter(before: index)
                onDocument(SeparatedDocument(pages: index..<(index + 1), reading: .failure(error),
                                             stepMilliseconds: timings.milliseconds), [page])
            }
        }
        closeCoupon(before: index)
        closeLetter(before: index)
    }

    /// The documents of already decoded pages, in order (see `readSeparating(next:onPage:onDocument:)`).
    public func readSeparating(_ pages: [Image], onPage: (Int) -> Void = { _ in }) -> [SeparatedDocument] {
        var remaining = pages.makeIterator()
        var found: [SeparatedDocument] = []
        do {
            try readSeparating(next: { remaining.next() }, onPage: onPage) { document, _ in found.append(document) }
        } catch {
            // Decoded pages cannot fail to decode.
        }
        return found
    }

    /// Whether `page` holds nothing once cleaned up: the back of a card fed through a duplex scanner.
    private func isBlankPage(_ page: Image) throws -> Bool {
        let cleaned = try preprocessor.run(page)
        return Self.isBlank(cleaned)
    }
}
