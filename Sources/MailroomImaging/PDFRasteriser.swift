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

    /// The rendered pages as PNG files' bytes, in page order.
    func render(_ data: Data, path: String) throws(ImagingError) -> [Data] {
        guard data.suffix(1024).firstRange(of: Array("%%EOF".utf8)) != nil else {
            throw ImagingError(code: .truncated, path: path, reason: "is a truncated PDF file (no end marker); the copy did not finish, copy it again")
        }
        guard let program = Self.program.first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw ImagingError(code: .unsupportedFormat, path: path,
                               reason: "is a PDF, and reading PDFs needs poppler's pdftoppm: run scripts/setup (apt-get install poppler-utils)")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mailroom-pdf-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in.pdf")
        let process = Process()
        let errors = Pipe()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try data.write(to: input)
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = ["-r", "\(resolution)", "-gray", "-png", "-l", "\(maxPages + 1)",
                                 input.path, folder.appendingPathComponent("page").path]
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
        } catch {
            throw .unreadable(path, "could not run pdftoppm: \(error.localizedDescription)")
        }
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let pages = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasPrefix("page") && $0.hasSuffix(".png") }.sorted(by: Self.pageOrder)
        guard process.terminationStatus == 0, !pages.isEmpty else {
            let detail = message.split(separator: "\n").first.map { " (\($0))" } ?? ""
            throw ImagingError(code: .corrupt, path: path, reason: "is a corrupt PDF file that poppler cannot render\(detail)")
        }
        if pages.count > maxPages {
            throw ImagingError(code: .tooLarge, path: path, reason: "has more than \(maxPages) pages; split it into smaller files")
        }
        do {
            return try pages.map { try Data(contentsOf: folder.appendingPathComponent($0)) }
        } catch {
            throw .unreadable(path, "rendered pages vanished: \(error.localizedDescription)")
        }
    }

    /// `page-2.png` before `page-10.png` (pdftoppm pads numbers only to the page count's width).
    private static func pageOrder(_ a: String, _ b: String) -> Bool {
        func number(_ name: String) -> Int { Int(name.filter(\.isNumber)) ?? 0 }
        return number(a) < number(b)
    }
}
