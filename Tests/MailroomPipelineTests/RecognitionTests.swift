import Foundation
import MailroomCapture
import MailroomImaging
import MailroomPipeline
import MailroomPostcodes
import MailroomTestSupport
import Testing

@Suite("The real recogniser in the pipeline")
struct RecognitionTests {
    @Test("DocumentReader reports the time of each of its steps for the document's timings")
    func stepTimings() throws {
        var configuration = CaptureConfiguration(forms: try FormLibrary(directory: TestPaths.forms),
                                                 postcodes: try PostcodeDirectory(directory: TestPaths.postcodes))
        configuration.models = TestPaths.root.appendingPathComponent("models")
        let recognizer: any DocumentRecognizing = try DocumentReader(configuration)
        let coupon = TestPaths.samples.appendingPathComponent("coupon-it-fedelta-001.jpg")
        _ = try recognizer.read(ImageReader().read(coupon))
        let steps = recognizer.stepMilliseconds
        for step in ["find marks", "title", "read postcode", "read town", "read tick"] {
            #expect(steps[step] != nil, "missing \(step) in \(steps.keys.sorted())")
        }
        #expect(steps.values.allSatisfy { $0 >= 0 })
        // Tesseract's own time, each field's reads by model, and the box classifier's, for
        // profiling and overhead.
        for step in ["ocr postcode", "classify postcode", "ocr name", "ocr name witness"] {
            #expect(steps[step] != nil, "missing \(step) in \(steps.keys.sorted())")
        }
        let tesseract = try #require(steps["tesseract"])
        #expect(tesseract > 0)
        // Every recognition happens while reading the title or a field, so it cannot exceed them.
        let reading = steps.filter { $0.key == "title" || $0.key.hasPrefix("read ") }.values.reduce(0, +)
        #expect(tesseract <= reading + 1, "tesseract \(tesseract) ms, title and fields \(reading) ms")
    }
}
