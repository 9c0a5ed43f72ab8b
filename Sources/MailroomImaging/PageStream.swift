import CTesseract
import Foundation

/// The pages of one scan file, decoded one at a time.
///
/// A batch of cards scanned into one multi-page TIFF is 30 MB of pixels a colour page; decoded
/// all at once, 20 cards took a worker past 500 MB. A TIFF's pages are decoded as they are
/// asked for, with the same checks as ``ImageReader/read(_:)`` page by page; other formats
/// are decoded when the stream is made, except a PDF's pages, which pdftoppm renders a few at
/// a time and which are decoded one at a time. Not `Sendable`: it belongs to the worker that reads the file.
public final class PageStream {
    public let path: String
    private let reader: ImageReader
    private var ready: [Image]
    /// A PDF's pages as pdftoppm rendered them, on disk until decoded.
    private var rendered: RenderedPages?
    private var nextRendered = 0
    private var streamsTIFF: Bool
    private var offset = 0
    private var delivered = 0

    init(path: String, reader: ImageReader, ready: [Image] = [], rendered: RenderedPages? = nil, streamsTIFF: Bool = false) {
        self.path = path
        self.reader = reader
        self.ready = ready
        self.rendered = rendered
        self.streamsTIFF = streamsTIFF
    }

    /// The next page, or nil after the last.
    public func next() throws(ImagingError) -> Image? {
        if !ready.isEmpty {
            delivered += 1
            return ready.removeFirst()
        }
        if let rendered, nextRendered < rendered.count {
            nextRendered += 1
            ready = try rendered.page(nextRendered - 1, reader: reader)
            return try next()
        }
        guard streamsTIFF else { return nil }
        // From the file, not from memory: a 130 MB batch mapped whole counted in the worker's
        // resident memory as its pages were read (504 MB peak for 35 cards, 390 MB from the file).
        try reader.checkTIFFPage(delivered, path: path) { readHeaderTiff(path, $0, $1, $2, $3, $4, $5, $6, $7) }
        var position = offset
        let pix = pixReadFromMultipageTiff(path, &position)
        offset = position
        guard let pix else {
            // The directory chain promised another page: a file cut short or damaged. Refused
            // whole, never read as the pages before it.
            streamsTIFF = false
            if delivered == 0 { throw .corrupt(path, format: .tiff) }
            throw ImagingError.unreadablePage(path, page: delivered + 1)
        }
        if position == 0 { streamsTIFF = false }
        guard let plain = ImageReader.plain(pix) else { throw .corrupt(path, format: .tiff) }
        let page = try reader.admit(Image(owning: plain), path: path)
        delivered += 1
        if delivered > reader.limits.maxStreamedPages { throw ImagingError.tooManyPages(path, limit: reader.limits.maxStreamedPages) }
        return page
    }
}

extension ImageReader {
    /// The pages of the file at `url`, to be decoded one at a time (TIFF) as they are read.
    public func stream(_ url: URL) throws(ImagingError) -> PageStream {
        let data = try load(url)
        let path = url.path
        guard !data.isEmpty else { throw .empty(path) }
        if PDFRasteriser.isPDF(data) {
            let rendered = try PDFRasteriser(maxPages: limits.maxStreamedPages, maxPixels: limits.maxPixels).render(data, path: path)
            return PageStream(path: path, reader: self, rendered: rendered)
        }
        guard case .image(.tiff) = ImageFormat.sniff(data) else {
            return PageStream(path: path, reader: self, ready: try decode(data, path: path))
        }
        if isTruncated(data, format: .tiff) { throw .truncated(path, format: .tiff) }
        try checkHeader(data, format: .tiff, path: path)
        // Counted from the directory chain before any page is decoded: a file over the limit is
        // refused before its first pages are read and stored.
        if let file = fopen(path, "rb") {
            defer { fclose(file) }
            var count: Int32 = 0
            if tiffGetCount(file, &count) == 0, Int(count) > limits.maxStreamedPages {
                throw ImagingError.tooManyPages(path, count: Int(count), limit: limits.maxStreamedPages)
            }
        }
        return PageStream(path: path, reader: self, streamsTIFF: true)
    }
}
