import MailroomImaging

/// One document found in a scan file: the pages it spans and what its first page is.
public struct DocumentSpan: Sendable {
    /// What the document's first page showed when the file was separated.
    public enum Kind: Sendable {
        /// A known form's card (and the blank backs after it).
        case coupon(formID: String)
        /// One of the cards laid side by side on one page, cut out (with the blank back after
        /// the last): its form is known once it is read.
        case card
        /// Pages that are no coupon: a letter, or a cut of a long run of such pages.
        case letter
        /// A page refused on its own: marks of a form whose title is no known form's, or a page
        /// that could not be looked at. Reading it gives the same error.
        case refused(CaptureError)
    }

    /// The file's pages (0-based) that make up this document.
    public var pages: Range<Int>
    public var kind: Kind
    /// For a card cut from a page holding several: its place on that page, 1-based.
    public var card: Int?

    public init(pages: Range<Int>, kind: Kind, card: Int? = nil) {
        self.pages = pages
        self.kind = kind
        self.card = card
    }
}

extension DocumentReader {
    /// Says which pages of a scan file make up each document it holds, without reading them.
    ///
    /// A mailroom feeds a stack of mail through the scanner and often gets one multi-page file
    /// back: cards one after the other, or a letter with a coupon enclosed. Pages are separated
    /// by what they are, as capture software separates by form recognition and blank pages:
    /// every page that is a known coupon starts a document of its own and takes the blank pages
    /// after it (its back), or the blank pages just before it when no document is open (the
    /// back of a card fed face down); every run of other pages is one letter. A page whose marks fit a
    /// form but whose title is no known form's is a document of its own, refused as an unknown
    /// form, so that a batch of a form not yet declared does not become one long letter. A run
    /// of letter pages longer than `configuration.maxLetterPages` is cut into letters that long.
    /// A page holding several cards side by side (a flatbed scan) is cut into its cards, each
    /// a document.
    ///
    /// Only registration and the title are looked at, so that the documents can be read apart,
    /// each by `read` and on any worker: a document's pages read by `read` give what reading
    /// it alone gives. Pages come one at a time from `next`, and each document goes to
    /// `onDocument` with its pages as soon as it ends, so a long batch never holds more than a
    /// document's pages. `onPage` is called before each page is looked at, so that a watchdog
    /// can time pages rather than whole batches. Throws only what `next` throws: a page that
    /// cannot be decoded.
    public func separate(next: () throws(ImagingError) -> Image?, onPage: (Int) -> Void,
                         onDocument: (DocumentSpan, [Image]) -> Void) throws(ImagingError) {
        var letter: (start: Int, pages: [Image], allBlank: Bool)?
        var open: (start: Int, kind: DocumentSpan.Kind, pages: [Image], card: Int?)?

        func closeCoupon(before end: Int) {
            guard let card = open else { return }
            open = nil
            onDocument(DocumentSpan(pages: card.start..<end, kind: card.kind, card: card.card), card.pages)
        }
        func closeLetter(before end: Int) {
            guard let run = letter else { return }
            letter = nil
            onDocument(DocumentSpan(pages: run.start..<end, kind: .letter), run.pages)
        }

        var index = 0
        while let page = try next() {
            defer { index += 1 }
            onPage(index)
            let look = Result { () throws(CaptureError) in try bookkept { try alignedCoupon(page)?.form.id } }
            switch look {
            case .success(let formID?):
                closeCoupon(before: index)
                if let run = letter, run.allBlank {
                    // A card fed face down: its blank back came out before its front.
                    letter = nil
                    open = (run.start, .coupon(formID: formID), run.pages + [page], nil)
                    continue
                }
                closeLetter(before: index)
                open = (index, .coupon(formID: formID), [page], nil)
            case .success(nil):
                if open != nil {
                    if (try? isBlankPage(page)) == true {
                        open?.pages.append(page)
                        continue
                    }
                    closeCoupon(before: index)
                }
                if let run = letter, run.pages.count >= configuration.maxLetterPages { closeLetter(before: index) }
                if letter == nil { letter = (index, [], true) }
                letter?.pages.append(page)
                // Only while the run is blank so far: a letter's pages are not cleaned up twice.
                if letter?.allBlank == true, (try? isBlankPage(page)) != true { letter?.allBlank = false }
            case .failure(let error) where error.code == .severalCards:
                // Cards laid side by side on the scanner's glass: each is cut out as a document
                // of its own, and the last takes the blank page after it (the page's back).
                closeCoupon(before: index)
                closeLetter(before: index)
                let cut = Result { () throws(ImagingError) in
                    try error.cards.map { card throws(ImagingError) in try page.cropped(to: card) }
                }
                guard case .success(let cards) = cut else {
                    onDocument(DocumentSpan(pages: index..<(index + 1), kind: .refused(error)), [page])
                    continue
                }
                for (number, card) in cards.enumerated().dropLast() {
                    onDocument(DocumentSpan(pages: index..<(index + 1), kind: .card, card: number + 1), [card])
                }
                open = (index, .card, [cards[cards.count - 1]], cards.count)
            case .failure(let error):
                // An unknown form, or a page that cannot be looked at: a document of its own,
                // refused with its reason, and the pages around it go on.
                closeCoupon(before: index)
                closeLetter(before: index)
                onDocument(DocumentSpan(pages: index..<(index + 1), kind: .refused(error)), [page])
            }
        }
        closeCoupon(before: index)
        closeLetter(before: index)
    }

    /// The documents of already decoded pages, in order (see `separate(next:onPage:onDocument:)`).
    public func separate(_ pages: [Image]) -> [DocumentSpan] {
        var remaining = pages.makeIterator()
        var found: [DocumentSpan] = []
        do {
            try separate(next: { remaining.next() }, onPage: { _ in }) { document, _ in found.append(document) }
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
