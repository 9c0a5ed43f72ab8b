import CTesseract
import Foundation

/// Decodes scan files into page images, refusing files that would hurt the batch.
///
/// The reader sniffs the format from the bytes, checks the declared size against a pixel limit
/// *before* decoding (so a 35000×35000 page cannot exhaust memory), spots truncated files that
/// the codecs would silently pad, and returns every page of a multi-page TIFF.
public struct ImageReader: Sendable {
    /// Limits a scan must respect.
    public struct Limits: Sendable, Hashable {
        /// The largest page accepted, in pixels (width × height).
        public var maxPixels: Int
        /// The shortest side a page may have and still hold text.
        public var minSide: Int
        /// The most pages read from one file at once.
        public var maxPages: Int
        /// The most pages of a TIFF read page by page (``PageStream``): a scanner tray of cards
        /// with their backs, each card stored on its own, so memory does not grow with it.
        public var maxStreamedPages: Int
        /// The largest file read, in bytes.
        public var maxFileBytes: Int

        public init(maxPixels: Int = 60_000_000, minSide: Int = 64, maxPages: Int = 64, maxFileBytes: Int = 512 << 20,
                    maxStreamedPages: Int = 1_000) {
            self.maxPixels = maxPixels
            self.minSide = minSide
            self.maxPages = maxPages
            self.maxStreamedPages = max(maxPages, maxStreamedPages)
            self.maxFileBytes = maxFileBytes
        }

        public static let `default` = Limits()
    }

    public var limits: Limits

    public init(limits: Limits = .default) {
        self.limits = limits
        LeptonicaMessages.silence()
    }

    /// Reads every page of the file at `url`.
    public func read(_ url: URL) throws(ImagingError) -> [Image] {
        try decode(load(url), path: url.path)
    }

    /// The bytes of the file at `url`, refused when over the file size limit.
    func load(_ url: URL) throws(ImagingError) -> Data {
        let path = url.path
        let data: Data
        do {
            let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
            if size > limits.maxFileBytes {
                throw ImagingError(code: .tooLarge, path: path,
                                   reason: "is \(size) bytes, over the \(limits.maxFileBytes)-byte file limit")
            }
            data = try Data(contentsOf: url, options: .mappedIfSafe)
        } catch let error as ImagingError {
            throw error
        } catch {
            throw .unreadable(path, (error as NSError).localizedDescription)
        }
        return data
    }

    /// Decodes an in-memory file; `path` names it in errors.
    public func decode(_ data: Data, path: String) throws(ImagingError) -> [Image] {
        guard !data.isEmpty else { throw .empty(path) }
        if PDFRasteriser.isPDF(data) {
            let rendered = try PDFRasteriser(maxPages: limits.maxPages, maxPixels: limits.maxPixels).render(data, path: path)
            var images: [Image] = []
            for index in 0..<rendered.count { images += try rendered.page(index, reader: self) }
            return images
        }
        let format: ImageFormat
        switch ImageFormat.sniff(data) {
        case .image(let found): format = found
        case .other(let what): throw .unsupportedFormat(path, detected: what)
        }
        if isTruncated(data, format: format) { throw .truncated(path, format: format) }
        try checkHeader(data, format: format, path: path)

        let decoded: Result<[Image], ImagingError> = data.withUnsafeBytes { raw in
            guard let base = raw.bindMemory(to: UInt8.self).baseAddress else { return .failure(.empty(path)) }
            if format == .tiff { return Result { () throws(ImagingError) in try decodeTIFF(base, count: raw.count, path: path) } }
            let reduction = format == .jpeg ? Self.jpegReduction(base, count: raw.count) : nil
            let read = reduction.map { pixReadMemJpeg(base, raw.count, 0, Int32($0.factor), nil, 0) } ?? pixReadMem(base, raw.count)
            guard let pix = read else { return .failure(.corrupt(path, format: format)) }
            guard let plain = Self.plain(pix) else { return .failure(.corrupt(path, format: format)) }
            let image = Image(owning: plain)
            if let reduction { image.resolution = reduction.resolution }
            return .success([image])
        }
        return try decoded.get().map { page throws(ImagingError) in try admit(page, path: path) }
    }

    /// Lets a decoded page in: refuses it by its size, gives it square pixels, and forgets a
    /// resolution it cannot have. Every decoded page passes here, whether the file was read
    /// whole or streamed.
    func admit(_ page: Image, path: String) throws(ImagingError) -> Image {
        try checkSize(page.width, page.height, path: path)
        var admitted = page
        if let stretch = Self.squaringStretch(of: page) {
            let width = Int((Double(page.width) * stretch.x).rounded()), height = Int((Double(page.height) * stretch.y).rounded())
            try checkSize(width, height, path: path)
            admitted = try page.stretched(x: stretch.x, y: stretch.y)
        }
        Self.forgetImplausibleResolution(of: admitted)
        return admitted
    }

    /// The most two axes' resolutions may differ, as a ratio, for the page to be stretched to
    /// square pixels; beyond it one of them is wrong, and the page is read as its pixels are.
    static let largestPixelAspect = 4.0

    /// How to stretch a page whose pixels are not square (a fax: 204 by 98 or 196 dpi) so
    /// that they are: its coarser axis is enlarged to the finer one's resolution. Nil when the
    /// pixels are square to within 1.5%, or when either resolution is missing or implausible.
    ///
    /// Read as its pixels are, a fax page is squashed to half or 96% of its height. The forms'
    /// marks were then not where a form puts them, and fax coupons at both fax resolutions
    /// were stored as letters.
    static func squaringStretch(of page: Image) -> (x: Double, y: Double)? {
        guard let (x, y) = page.resolutions.map({ (Double($0.x), Double($0.y)) }) else { return nil }
        let aspect = max(x, y) / min(x, y)
        guard aspect > 1.015, aspect <= largestPixelAspect else { return nil }
        return x > y ? (1, x / y) : (y / x, 1)
    }

    /// The longest side a page may have at its declared resolution, in inches (A3's is 16.5).
    public static let longestPlausibleInches = 17.0

    /// Forgets a declared resolution that makes the page larger than any mail: the page is then
    /// read at its pixels' own size, as a file that declares none.
    ///
    /// Phones and screenshot tools write 72 dpi whatever the pixel count: a 3024×4032 photo of
    /// a letter is 56 inches long at its word, and was enlarged 2.8 times for reading (94
    /// megapixels). `mailroom eval` of that one page took 10.1 s and 556 MB; read as it is,
    /// 2.8 s and 161 MB, its text as well read (1.6% → 1.3% of characters wrong).
    static func forgetImplausibleResolution(of page: Image) {
        guard let dpi = page.resolution else { return }
        if Double(max(page.width, page.height)) / Double(dpi) > longestPlausibleInches { page.resolution = nil }
    }

    /// The DCT scaling (2, 4 or 8) that decodes a JPEG finer than `Image.finestUsefulResolution`
    /// straight to the resolution nearest `Image.workingResolution` not below it, and that
    /// resolution; nil for any other JPEG.
    ///
    /// libjpeg scales while it decodes: a 600 dpi card decodes at 300 in a quarter of the time
    /// (0.38 s for the full page), where scaling after decoding would pay for both.
    static func jpegReduction(_ base: UnsafePointer<UInt8>, count: Int) -> (factor: Int, resolution: Int)? {
        var x: Int32 = 0, y: Int32 = 0
        guard readResolutionMemJpeg(base, count, &x, &y) == 0, Int(x) > Image.finestUsefulResolution else { return nil }
        var factor = 1
        while factor < 8, Int(x) / (factor * 2) >= Image.workingResolution { factor *= 2 }
        return factor > 1 ? (factor, Int(x) / factor) : nil
    }

    private func decodeTIFF(_ base: UnsafePointer<UInt8>, count: Int, path: String) throws(ImagingError) -> [Image] {
        var pages: [Image] = []
        var offset = 0
        repeat {
            try checkTIFFPage(pages.count, path: path) { readHeaderMemTiff(base, count, $0, $1, $2, $3, $4, $5, $6, $7) }
            guard let pix = pixReadMemFromMultipageTiff(base, count, &offset) else {
                if pages.isEmpty { throw .corrupt(path, format: .tiff) }
                throw ImagingError.unreadablePage(path, page: pages.count + 1)
            }
            guard let plain = Self.plain(pix) else { throw .corrupt(path, format: .tiff) }
            let page = Image(owning: plain)
            try checkSize(page.width, page.height, path: path)
            pages.append(page)
            if pages.count > limits.maxPages { throw ImagingError.tooManyPages(path, limit: limits.maxPages) }
        } while offset != 0
        return pages
    }

    /// The page as plain pixels: a palette's indices (GIF, palette PNG, BMP, TIFF) replaced by
    /// the grey or colours they name, and a picture with an alpha channel laid on white paper.
    ///
    /// Code that takes an 8-bit image for grey would read a palette's indices as grey levels:
    /// a palette GIF's review crop came out nearly black. A PNG or TIFF exported with
    /// transparency keeps whatever colour lies under the transparent pixels, often black; read
    /// as it is, the page would be one black sheet. Takes ownership of `pix`.
    static func plain(_ pix: UnsafeMutablePointer<PIX>) -> UnsafeMutablePointer<PIX>? {
        var original: UnsafeMutablePointer<PIX>? = pix
        if pixGetColormap(pix) != nil {
            defer { pixDestroy(&original) }
            guard let unmapped = pixRemoveColormap(pix, Int32(REMOVE_CMAP_BASED_ON_SRC)) else { return nil }
            return plain(unmapped)
        }
        guard pixGetDepth(pix) == 32, pixGetSpp(pix) == 4 else { return pix }
        defer { pixDestroy(&original) }
        return pixRemoveAlpha(pix)
    }

    /// Whether `data` starts like something `decode` takes: a supported image or a PDF.
    public static func recognises(_ data: Data) -> Bool {
        if PDFRasteriser.isPDF(data) { return true }
        if case .image = ImageFormat.sniff(data.prefix(16)) { return true }
        return false
    }

    /// Reads the declared dimensions without decoding the pixels.
    func checkHeader(_ data: Data, format: ImageFormat, path: String) throws(ImagingError) {
        var fmt: Int32 = 0, w: Int32 = 0, h: Int32 = 0, bps: Int32 = 0, spp: Int32 = 0, cmap: Int32 = 0
        let status = data.withUnsafeBytes { raw in
            pixReadHeaderMem(raw.bindMemory(to: UInt8.self).baseAddress, raw.count, &fmt, &w, &h, &bps, &spp, &cmap)
        }
        guard status == 0 else { throw .corrupt(path, format: format) }
        try checkSize(Int(w), Int(h), path: path)
    }

    /// Leptonica's `readHeaderMemTiff` or `readHeaderTiff` with its file bound: the page's index,
    /// then width, height, bits per sample, samples per pixel, resolution, colour map and format.
    typealias TIFFHeaderReader = (Int32, UnsafeMutablePointer<Int32>, UnsafeMutablePointer<Int32>, UnsafeMutablePointer<Int32>,
                                  UnsafeMutablePointer<Int32>, UnsafeMutablePointer<Int32>, UnsafeMutablePointer<Int32>,
                                  UnsafeMutablePointer<Int32>) -> l_ok

    /// Checks the size a TIFF's page `index` declares before it is decoded: the first page's
    /// header is checked with the file, but a later page declared 12000×9000 was decoded (966 MB
    /// resident) before it was refused. `readHeader` is Leptonica's `readHeader…Tiff` for the
    /// file or the bytes; a page whose header cannot be read is left to the decoder's own error.
    func checkTIFFPage(_ index: Int, path: String, readHeader: TIFFHeaderReader) throws(ImagingError) {
        guard index > 0 else { return }
        var w: Int32 = 0, h: Int32 = 0, bps: Int32 = 0, spp: Int32 = 0, res: Int32 = 0, cmap: Int32 = 0, format: Int32 = 0
        guard readHeader(Int32(index), &w, &h, &bps, &spp, &res, &cmap, &format) == 0 else { return }
        try checkSize(Int(w), Int(h), path: path, page: index + 1)
    }

    /// `page` (1-based) names the page of a multi-page file in the error.
    func checkSize(_ width: Int, _ height: Int, path: String, page: Int? = nil) throws(ImagingError) {
        if width <= 0 || height <= 0 { throw .corrupt(path, format: .png) }
        if width * height > limits.maxPixels {
            throw .tooLarge(path, width: width, height: height, limit: limits.maxPixels, page: page)
        }
        if min(width, height) < limits.minSide {
            throw .tooSmall(path, width: width, height: height, minimum: limits.minSide)
        }
    }

    /// Whether the file stops before its format's end marker.
    ///
    /// libpng and libjpeg pad a cut-off file with grey and call it a warning; a batch must not
    /// store half a coupon as if it were whole. Bytes after the end marker are not a cut: they
    /// are ignored, as every decoder does.
    func isTruncated(_ data: Data, format: ImageFormat) -> Bool {
        // A file that ends with its end marker is whole, however broken inside (that is corrupt,
        // and decoding says so); one that does not may still reach it before trailing bytes.
        let tail = data.suffix(64)
        switch format {
        case .png:
            return tail.firstRange(of: Array("IEND".utf8)) == nil && !Self.pngReachesEnd(data)
        case .jpeg:
            return tail.firstRange(of: [0xFF, 0xD9]) == nil && !Self.jpegReachesEnd(data)
        case .bmp:
            guard data.count >= 6 else { return true }
            return data.count < Int(littleEndianUInt32(data, at: 2))
        case .webp:
            guard data.count >= 8 else { return true }
            return data.count < Int(littleEndianUInt32(data, at: 4)) + 8
        case .tiff:
            return data.count < 8
        case .gif:
            return tail.last != 0x3B && !Self.gifReachesEnd(data)
        case .pnm:
            guard let expected = Self.pnmRasterBytes(data) else { return false }
            return data.count < expected
        }
    }

    /// The file size a binary PNM (P4, P5, P6) needs for the raster its header declares, or
    /// nil for the plain-text variants (P1–P3) and unreadable headers.
    static func pnmRasterBytes(_ data: Data) -> Int? {
        let bytes = Array(data.prefix(512))
        guard bytes.count >= 3, bytes[0] == 0x50, let kind = [0x34: 4, 0x35: 5, 0x36: 6][bytes[1]] else { return nil }
        var numbers: [Int] = [], index = 2
        let wanted = kind == 4 ? 2 : 3
        while numbers.count < wanted, index < bytes.count {
            let byte = bytes[index]
            if byte == 0x23 {  // a comment runs to the end of its line
                while index < bytes.count, bytes[index] != 0x0A { index += 1 }
            } else if (0x30...0x39).contains(byte) {
                var value = 0
                while index < bytes.count, (0x30...0x39).contains(bytes[index]), value < 1 << 40 {
                    value = value * 10 + Int(bytes[index] - 0x30)
                    index += 1
                }
                numbers.append(value)
                continue
            }
            index += 1
        }
        guard numbers.count == wanted, index < bytes.count else { return nil }
        let (width, height) = (numbers[0], numbers[1])
        guard width < 1 << 20, height < 1 << 20 else { return nil }
        let sampleBytes = kind == 4 ? 0 : (numbers[2] > 255 ? 2 : 1)
        let row = kind == 4 ? (width + 7) / 8 : width * sampleBytes * (kind == 6 ? 3 : 1)
        // One whitespace byte ends the header, then the raster.
        return index + 1 + row * height
    }

    private func littleEndianUInt32(_ data: Data, at offset: Int) -> UInt32 {
        let start = data.startIndex + offset
        return (0..<4).reduce(UInt32(0)) { $0 | UInt32(data[start + $1]) << (8 * UInt32($1)) }
    }
}

/// Keeps Leptonica's own stderr messages out of the batch log; errors are reported as typed values.
enum LeptonicaMessages {
    private static let once: Void = { _ = setMsgSeverity(Int32(L_SEVERITY_NONE)) }()
    static func silence() { once }
}
