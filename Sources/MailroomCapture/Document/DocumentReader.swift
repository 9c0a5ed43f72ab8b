import Foundation
import MailroomImaging
import MailroomOCR

/// Reads one scanned document: classifies it, then reads a coupon's fields or a letter's text.
///
/// One reader per worker thread. It owns that worker's Tesseract engines (one per language
/// set, created on first use and reused for every later document) and is therefore not
/// `Sendable`. The pipeline and `mailroom eval` both call `read`, so evaluation measures
/// exactly what a real run does.
public final class DocumentReader {
    public let configuration: CaptureConfiguration
    let engines: EngineSet
    let preprocessor: Preprocessor
    /// The models this reader has loaded so far (each once): Tesseract models by language code,
    /// box classifiers by file name (`handprint-digits.boxnet`).
    public var loadedModels: Set<String> { engines.loaded }

    /// Milliseconds spent in each step of the last `read`, for the document's timings.
    public internal(set) var timings = StepClock()

    public init(_ configuration: CaptureConfiguration) throws(OCRError) {
        self.configuration = configuration
        self.engines = try EngineSet(tessdata: configuration.tessdata, deadlineMilliseconds: configuration.ocrDeadlineMilliseconds)
        self.preprocessor = Preprocessor(options: configuration.preprocessing)
    }

    /// Reads the decoded pages of one file as one document.
    ///
    /// Takes the pages over: a letter's pages are let go one by one as they are turned grey.
    public func read(_ pages: consuming [Image]) throws(CaptureError) -> DocumentReading {
        var pages = pages
        guard !pages.isEmpty else { throw .noPages }
        return try bookkept { () throws -> DocumentReading in
            if pages.count == 1, let coupon = try readCoupon(pages[0]) { return coupon }
            if pages.count > 1, let coupon = try readDuplexCoupon(pages) { return coupon }
            return try readLetter(&pages)
        }
    }

    /// Runs one reading step with fresh timings and Tesseract's own time counted, and turns the
    /// imaging and OCR errors inside into a `CaptureError`.
    func bookkept<T>(_ body: () throws -> T) throws(CaptureError) -> T {
        timings = StepClock()
        let recognitionBefore = engines.recognitionNanoseconds
        defer {
            // Tesseract's own recognition inside all the steps above: the pure OCR time that
            // pipeline overhead is measured against.
            timings.add("tesseract", milliseconds: Double(engines.recognitionNanoseconds - recognitionBefore) / 1e6)
            // Each engine would otherwise hold its last page and results until its next read,
            // which for a rarely used language can be many documents later.
            engines.clearAll()
        }
        do {
            return try body()
        } catch let error as CaptureError {
            throw error
        } catch let error as ImagingError {
            throw .imaging(error)
        } catch let error as OCRError {
            throw .ocr(error)
        } catch {
            throw CaptureError(code: .ocr, reason: "\(error)")
        }
    }
}

/// The Tesseract engines of one worker, one per language set, made on first use.
final class EngineSet {
    let tessdata: String?
    let deadlineMilliseconds: Int
    private var engines: [String: Engine] = [:]
    private var classifiers: [String: BoxClassifier] = [:]

    init(tessdata: String?, deadlineMilliseconds: Int) throws(OCRError) {
        self.tessdata = tessdata
        self.deadlineMilliseconds = deadlineMilliseconds
        _ = try engine(["eng"])
    }

    func engine(_ languages: [String], tessdata folder: String? = nil) throws(OCRError) -> Engine {
        let key = languages.joined(separator: "+") + (folder.map { "@" + $0 } ?? "")
        if let engine = engines[key] { return engine }
        let engine = try Engine(.init(languages: languages, tessdata: folder ?? tessdata))
        engine.deadlineMilliseconds = deadlineMilliseconds
        engines[key] = engine
        return engine
    }

    /// The box classifier in `folder` named `name`, loaded on first use: `NAME.boxnet`, with
    /// `NAME-2.boxnet`, `NAME-3.boxnet` and so on beside it as the members of an ensemble.
    func classifier(_ name: String, folder: URL) throws(OCRError) -> BoxClassifier {
        if let loaded = classifiers[name] { return loaded }
        var members = [try BoxClassifier(contentsOf: folder.appendingPathComponent(name + ".boxnet"))]
        while case let next = folder.appendingPathComponent("\(name)-\(members.count + 1).boxnet"),
              FileManager.default.fileExists(atPath: next.path) {
            members.append(try BoxClassifier(contentsOf: next))
        }
        let classifier = members.count == 1 ? members[0] : try BoxClassifier(ensemble: members)
        classifiers[name] = classifier
        return classifier
    }

    /// Frees every engine's current image and results, keeping the loaded models.
    func clearAll() {
        for engine in engines.values { engine.clear() }
    }

    /// Time spent in recognition by all of these engines so far.
    var recognitionNanoseconds: UInt64 { engines.values.reduce(0) { $0 + $1.recognitionNanoseconds } }

    var loaded: Set<String> {
        let members = classifiers.flatMap { name, classifier in
            (1...classifier.memberCount).map { $0 == 1 ? name + ".boxnet" : "\(name)-\($0).boxnet" }
        }
        return Set(engines.keys.map { String($0.split(separator: "@")[0]) }).union(members)
    }
}
