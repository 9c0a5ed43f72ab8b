import ArgumentParser
import Foundation
import MailroomImaging
import MailroomOCR

/// `mailroom read FILE`: OCR one scan and print its text, for checking a scan by hand.
struct Read: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Read one image file and print its text.")

    @Argument(help: "The image file (PNG, JPEG, TIFF, BMP or WebP).")
    var file: String

    @Option(help: "Tesseract languages, joined with '+'.")
    var lang = "eng"

    @Flag(help: "Print each word with its confidence and box.")
    var words = false

    func run() throws {
        let pages = try ImageReader().read(URL(fileURLWithPath: file))
        let engine = try Engine(.init(languages: lang.split(separator: "+").map(String.init)))
        let preprocessor = Preprocessor()
        for (number, page) in pages.enumerated() {
            let cleaned = try preprocessor.run(page)
            let text = try engine.readPage(cleaned.grey)
            print("— page \(number + 1) of \(pages.count): skew \(String(format: "%.2f", cleaned.report.skewDegrees))°, "
                  + "\(cleaned.report.resolution) dpi, confidence \(Int(text.meanConfidence))")
            if words {
                for word in text.words { print(String(format: "%5.1f  %@  %@", word.confidence, word.box.description, word.text)) }
            } else {
                print(text.text)
            }
        }
    }
}
