import Foundation

/// Renders the pages of a scanned PDF letter to images with poppler's `pdftoppm`, at 300 dpi.
///
/// A scanned PDF is a wrapper around page images; poppler renders every kind faithfully, and
/// running it as its own process keeps a hostile PDF away from this one. Needs Debian's
/// `poppler-utils` (installed by `scripts/setup`).
struct PDFRasteriser: Sendable {
    var resolution = 300
    var maxPages: Int

    static let program = ["/usr/bin/pdftoppm", "/usr/local/bin/pdftoppm"]

    /// Whether `data` starts like a PDF file.
    static func isPDF(_ data: Data) -> Bool { data.prefix(5).elementsEqual(Array("%PDF-".utf8)) }

    /// The rendered pages as grey PGM files in a temporary folder, in page order.
    ///
    /// PGM, not PNG: pdftoppm compresses PNG slowly, 7 s for a 300 dpi A5 card where the PGM
    /// takes 0.2 s. The files stay on disk until the pages are decoded, one at a time when read
    /// through a ``PageStream``.
    func render(_ data: Data, path: String) throws(ImagingError) -> RenderedPages {
        guard data.suffix(1024).firstRange(of: Array("%%EOF".utf8)) != nil else {
            throw ImagingError(code: .truncated, path: path, reason: "is a truncated PDF file (no end marker); the copy did not finish, copy it again")
        }
        guard let program = Self.program.first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw ImagingError(code: .unsupportedFormat, path: path,
                               reason: "is a PDF, and reading PDFs needs poppler's pdftoppm: run scripts/setup (apt-get install poppler-utils)")
        }
        let rendered = RenderedPages(folder: FileManager.default.temporaryDirectory
            .appendingPathComponent("mailroom-pdf-\(UUID().uuidString)"), resolution: resolution)
        let input = rendered.folder.appendingPathComponent("in.pdf")
        let process = Process()
        let errors = Pipe()
        do {
            try FileManager.default.createDirectory(at: rendered.folder, withIntermediateDirectories: true)
            try data.write(to: input)
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = ["-r", "\(resolution)", "-gray", "-l", "\(maxPages + 1)",
                                 input.path, rendered.folder.appendingPathComponent("page").path]
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
        } catch {
            throw .unreadable(path, "could not run pdftoppm: \(error.localizedDescription)")
        }
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: input)
        let pages = ((try? FileManager.default.contentsOfDirectory(atPath: rendered.folder.path)) ?? [])
            .filter { $0.hasPrefix("page") && $0.hasSuffix(".pgm") }.sorted(by: Self.pageOrder)
        guard process.terminationStatus == 0, !pages.isEmpty else {
            let detail = message.split(separator: "\n").first.map { " (\($0))" } ?? ""
            throw ImagingError(code: .corrupt, path: path, reason: "is a corrupt PDF file that poppler cannot render\(detail)")
        }
        if pages.count > maxPages {
            throw ImagingError(code: .tooLarge, path: path, reason: "has more than \(maxPages) pages; split it into smaller files")
        }
        rendered.pages = pages.map { rendered.folder.appendingPathComponent($0) }
        return rendered
    }

    /// `page-2.pgm` before `page-10.pgm` (pdftoppm pads numbers only to the page count's width).
    private static func pageOrder(_ a: String, _ b: String) -> Bool {
        func number(_ name: String) -> Int { Int(name.filter(\.isNumber)) ?? 0 }
        return number(a) < number(b)
    }
}

/// Pages pdftoppm rendered, as files in a temporary folder that goes when this does.
final class RenderedPages {
    let folder: URL
    /// The resolution the pages were rendered at: PGM files do not carry it.
    let resolution: Int
    var pages: [URL] = []

    init(folder: URL, resolution: Int) {
        self.folder = folder
        self.resolution = resolution
    }

    /// The bytes of page `index` (0-based).
    func data(_ index: Int, path: String) throws(ImagingError) -> Data {
        do {
            return try Data(contentsOf: pages[index])
        } catch {
            throw .unreadable(path, "rendered page \(index + 1) vanished: \(error.localizedDescription)")
        }
    }

    /// Page `index` (0-based) decoded, with its resolution.
    func page(_ index: Int, reader: ImageReader, path: String) throws(ImagingError) -> [Image] {
        let images = try reader.decode(data(index, path: path), path: path)
        for image in images where image.resolution == nil { image.resolution = resolution }
        return images
    }

    deinit { try? FileManager.default.removeItem(at: folder) }
}
