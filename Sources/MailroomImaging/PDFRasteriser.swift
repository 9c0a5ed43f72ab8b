import Foundation

/// Renders the pages of a scanned PDF letter to images with poppler's `pdftoppm`, at 300 dpi.
///
/// A scanned PDF is a wrapper around page images; poppler renders every kind faithfully, and
/// running it as its own process keeps a hostile PDF away from this one. Needs Debian's
/// `poppler-utils` (installed by `scripts/setup`).
struct PDFRasteriser: Sendable {
    var resolution = 300
    var maxPages: Int
    /// The most pixels a page may have at `resolution`, as for any image (`--max-pixels`).
    var maxPixels: Int

    static let program = ["/usr/bin/pdftoppm", "/usr/local/bin/pdftoppm"]

    /// Whether `data` starts like a PDF file.
    static func isPDF(_ data: Data) -> Bool { data.prefix(5).elementsEqual(Array("%PDF-".utf8)) }

    /// The PDF's pages, counted by pdfinfo and rendered by pdftoppm a few at a time, as grey
    /// PGM files in a temporary folder.
    ///
    /// PGM, not PNG: pdftoppm compresses PNG slowly, 7 s for a 300 dpi A5 card where the PGM
    /// takes 0.2 s. A tray of cards scanned to one PDF runs to hundreds of pages, 9 MB each as
    /// PGM: pages are rendered `RenderedPages.chunk` at a time as they are read, so the disk
    /// holds a few, and a file over `maxPages` is refused from its page count before any is
    /// rendered, as is a page too large to render (pdftoppm writes a 1×1 page for a poster
    /// of 5 m square, and says only "Bogus memory allocation size").
    func render(_ data: Data, path: String) throws(ImagingError) -> RenderedPages {
        guard data.suffix(1024).firstRange(of: Array("%%EOF".utf8)) != nil else {
            throw ImagingError(code: .truncated, path: path, reason: "is a truncated PDF file (no end marker); the copy did not finish, copy it again")
        }
        guard let program = Self.program.first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw ImagingError(code: .unsupportedFormat, path: path,
                               reason: "is a PDF, and reading PDFs needs poppler's pdftoppm: run scripts/setup (apt-get install poppler-utils)")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mailroom-pdf-\(UUID().uuidString)")
        let input = folder.appendingPathComponent("in.pdf")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try data.write(to: input)
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw .unreadable(path, "could not copy it to render it: \(error.localizedDescription)")
        }
        let rendered = RenderedPages(folder: folder, input: input, program: program, resolution: resolution, path: path)
        let (count, sizes) = try rendered.pages()
        if count > maxPages { throw ImagingError.tooManyPages(path, count: count, limit: maxPages) }
        for (index, size) in sizes.enumerated() {
            let width = Int((size.width / 72 * Double(resolution)).rounded())
            let height = Int((size.height / 72 * Double(resolution)).rounded())
            if width * height > maxPixels {
                throw ImagingError.tooLarge(path, width: width, height: height, limit: maxPixels, page: count > 1 ? index + 1 : nil)
            }
        }
        rendered.count = count
        try rendered.render(from: 0)
        return rendered
    }
}

/// A PDF's pages as pdftoppm renders them, a chunk at a time, in a temporary folder that goes
/// when this does.
final class RenderedPages {
    let folder: URL
    let input: URL
    let program: String
    /// The resolution the pages are rendered at: PGM files do not carry it.
    let resolution: Int
    /// The PDF file's own path, for errors.
    let path: String
    /// The pages of the PDF.
    var count = 0
    /// Pages rendered by one run of pdftoppm.
    static let chunk = 8
    /// The pages on disk now: the first one's index and their files.
    private var first = 0
    private var files: [URL] = []

    init(folder: URL, input: URL, program: String, resolution: Int, path: String) {
        self.folder = folder
        self.input = input
        self.program = program
        self.resolution = resolution
        self.path = path
    }

    /// The page count pdfinfo reads from the PDF, and each page's size in points as far as
    /// pdfinfo lists them.
    func pages() throws(ImagingError) -> (count: Int, sizes: [(width: Double, height: Double)]) {
        let info = URL(fileURLWithPath: program).deletingLastPathComponent().appendingPathComponent("pdfinfo").path
        // A last page beyond the count lists every page's size.
        let (status, output, message) = try run(info, ["-f", "1", "-l", "\(Int32.max)", input.path])
        let lines = output.split(separator: "\n")
        let line = lines.first { $0.hasPrefix("Pages:") }
        guard status == 0, let count = line.flatMap({ Int($0.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces)) }), count > 0 else {
            throw corrupt(message)
        }
        // "Page    2 size:  595.276 x 841.89 pts (A4)"
        let sizes = lines.compactMap { line -> (width: Double, height: Double)? in
            guard line.hasPrefix("Page "), let sizeAt = line.range(of: " size:") else { return nil }
            let numbers = line[sizeAt.upperBound...].split(separator: " ").prefix(3)
            guard numbers.count == 3, numbers[numbers.startIndex + 1] == "x",
                  let width = Double(numbers[numbers.startIndex]), let height = Double(numbers[numbers.startIndex + 2]) else { return nil }
            return (width, height)
        }
        return (count, sizes)
    }

    /// Renders the chunk of pages from `index` (0-based), replacing the chunk on disk.
    func render(from index: Int) throws(ImagingError) {
        for file in files { try? FileManager.default.removeItem(at: file) }
        files = []
        let last = min(count, index + Self.chunk)
        let prefix = folder.appendingPathComponent("page-\(index + 1)")
        let (status, _, message) = try run(program, ["-r", "\(resolution)", "-gray", "-f", "\(index + 1)", "-l", "\(last)", input.path, prefix.path])
        let made = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasPrefix(prefix.lastPathComponent + "-") && $0.hasSuffix(".pgm") }.sorted(by: Self.pageOrder)
        guard status == 0, made.count == last - index else {
            if index == 0 { throw corrupt(message) }
            throw ImagingError.unreadablePage(path, page: index + made.count + 1, kind: "PDF")
        }
        first = index
        files = made.map { folder.appendingPathComponent($0) }
    }

    /// Page `index` (0-based) decoded, with its resolution.
    func page(_ index: Int, reader: ImageReader) throws(ImagingError) -> [Image] {
        if !(first..<(first + files.count)).contains(index) { try render(from: index) }
        let data: Data
        do {
            data = try Data(contentsOf: files[index - first])
        } catch {
            throw .unreadable(path, "rendered page \(index + 1) vanished: \(error.localizedDescription)")
        }
        let images = try reader.decode(data, path: path)
        for image in images where image.resolution == nil { image.resolution = resolution }
        return images
    }

    /// The PDF refused as corrupt, with the first line poppler said about it.
    private func corrupt(_ message: String) -> ImagingError {
        let detail = message.split(separator: "\n").first.map { " (\($0))" } ?? ""
        return ImagingError(code: .corrupt, path: path, reason: "is a corrupt PDF file that poppler cannot render\(detail)")
    }

    /// Runs `program` to its end: its status, standard output and standard error.
    private func run(_ program: String, _ arguments: [String]) throws(ImagingError) -> (Int32, String, String) {
        let process = Process()
        let output = Pipe(), errors = Pipe()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw .unreadable(path, "could not run \(process.executableURL?.lastPathComponent ?? program): \(error.localizedDescription)")
        }
        // Read both to their end before waiting: a full pipe would stall the child.
        nonisolated(unsafe) var errorText = Data()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { errorText = errors.fileHandleForReading.readDataToEndOfFile() }
        let outputText = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outputText, as: UTF8.self), String(decoding: errorText, as: UTF8.self))
    }

    /// `page-9-10.pgm` after `page-9-09.pgm` (pdftoppm pads numbers only to the page count's width).
    private static func pageOrder(_ a: String, _ b: String) -> Bool {
        func number(_ name: String) -> Int { Int(name.split(separator: "-").last?.filter(\.isNumber) ?? "") ?? 0 }
        return number(a) < number(b)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }
}
