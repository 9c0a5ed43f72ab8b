import Foundation
import MailroomImaging
import MailroomOCR
import MailroomTestSupport
import Testing

@Suite("Searchable PDFs")
struct SearchablePDFTests {
    @Test("a page becomes a PDF whose hidden text layer holds the page's words")
    func textLayer() throws {
        let engine = try Engine()
        let page = try #require(try ImageReader().read(TestPaths.fixture("page-english.png")).first)
        let folder = try TestPaths.temporaryDirectory("pdf")
        let url = folder.appendingPathComponent("letter.pdf")
        try engine.writeSearchablePDF([page, page], to: url, title: "letter")
        let data = try Data(contentsOf: url)
        #expect(data.starts(with: Array("%PDF-".utf8)))
        // Read it back with poppler, as any PDF reader would.
        let text = try Self.poppler("pdftotext", [url.path, "-"])
        #expect(text.contains("damaged"))
        #expect(text.contains("Customer"))
        // Each page carries the scan itself, as an image (header, rule, then one line per image).
        let images = try Self.poppler("pdfimages", ["-list", url.path]).split(separator: "\n").dropFirst(2)
        #expect(images.count == 2)
        #expect(images.allSatisfy { $0.contains("\(page.width)") && $0.contains("\(page.height)") })
        #expect(text.components(separatedBy: "\u{0C}").filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }.count == 2)
    }

    @Test("an unwritable destination is a clear error, not a crash")
    func unwritable() throws {
        let engine = try Engine()
        let page = try #require(try ImageReader().read(TestPaths.fixture("page-english.png")).first)
        let error = #expect(throws: OCRError.self) {
            try engine.writeSearchablePDF([page], to: URL(fileURLWithPath: "/nonexistent-folder/x.pdf"), title: "x")
        }
        #expect(error?.description.contains("/nonexistent-folder/x.pdf") == true)
    }

    static func poppler(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/" + tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
