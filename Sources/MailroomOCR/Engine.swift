import CTesseract
import Foundation
import MailroomImaging

/// One Tesseract instance, created once per worker and reused for many images.
///
/// `Engine` owns its `TessBaseAPI` and frees it in `deinit`. It is not `Sendable`: each worker
/// thread makes its own engine, because a `TessBaseAPI` must never be used from two threads.
/// Loading a model takes a few hundred milliseconds, so never make one engine per image.
public final class Engine {
    /// What the engine was started with.
    public struct Configuration: Sendable, Hashable {
        /// Tesseract language codes, for example `["ita", "eng"]`.
        public var languages: [String]
        /// The folder holding the `.traineddata` files; `nil` searches the usual places.
        public var tessdata: String?
        /// Tesseract variables set once at start-up.
        public var variables: [String: String]

        public init(languages: [String] = ["eng"], tessdata: String? = nil, variables: [String: String] = [:]) {
            self.languages = languages
            self.tessdata = tessdata
            self.variables = variables
        }
    }

    package let handle: OpaquePointer
    public let configuration: Configuration
    public let tessdataDirectory: String
    /// The image Tesseract currently holds; kept alive so Tesseract's pointer stays valid.
    private var currentImage: Image?
    /// The deadline applied to each recognition, in milliseconds (0 = none).
    public var deadlineMilliseconds: Int = 60_000

    /// Starts Tesseract with the configured languages.
    ///
    /// Throws `OCRError.modelMissing` naming the Debian package to install when a model file is
    /// absent; Tesseract itself is never asked to load a file that is not there.
    public init(_ configuration: Configuration = Configuration()) throws(OCRError) {
        let directory = try Engine.locateTessdata(configuration)
        guard let api = TessBaseAPICreate() else {
            throw .initialisationFailed(languages: configuration.languages.joined(separator: "+"), directory: directory)
        }
        let languages = configuration.languages.joined(separator: "+")
        var variables = ["debug_file": "/dev/null", "lstm_choice_mode": "2"]
        variables.merge(configuration.variables) { _, new in new }
        // Some of Tesseract's parameters (debug_file among them) are process-wide globals that
        // Init and SetVariable write: two workers starting at once corrupted the heap.
        let started = Self.startLock.withLock { () -> Bool in
            guard TessBaseAPIInit2(api, directory, languages, OEM_DEFAULT) == 0 else { return false }
            for (name, value) in variables { TessBaseAPISetVariable(api, name, value) }
            return true
        }
        guard started else {
            TessBaseAPIDelete(api)
            throw .initialisationFailed(languages: languages, directory: directory)
        }
        self.handle = api
        self.configuration = configuration
        self.tessdataDirectory = directory
    }

    /// Serialises engine start-up and tear-down across threads (see `init`).
    private static let startLock = NSLock()

    deinit {
        // Tearing down also touches Tesseract's shared state: one engine at a time, as at start.
        Self.startLock.withLock {
            TessBaseAPIEnd(handle)
            TessBaseAPIDelete(handle)
        }
    }

    /// Finds a folder that holds every configured model.
    static func locateTessdata(_ configuration: Configuration) throws(OCRError) -> String {
        let environment = ProcessInfo.processInfo.environment["TESSDATA_PREFIX"]
        let candidates = [configuration.tessdata, environment,
                          "/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
                          "/usr/share/tessdata", "/usr/local/share/tessdata"].compactMap { $0 }
        let explicit = configuration.tessdata ?? environment
        let searched = explicit.map { [$0] } ?? candidates
        for directory in searched {
            let missing = configuration.languages.filter {
                !FileManager.default.fileExists(atPath: "\(directory)/\($0).traineddata")
            }
            if missing.isEmpty { return directory }
            if explicit != nil || directory == searched.last {
                throw .modelMissing(language: missing[0], directory: directory)
            }
        }
        throw .modelMissing(language: configuration.languages.first ?? "eng", directory: searched.joined(separator: ", "))
    }

    /// Hands `image` to Tesseract; later reads work on rectangles of it.
    public func setImage(_ image: Image) {
        if currentImage === image { return }
        TessBaseAPISetImage2(handle, image.pix)
        if let dpi = image.resolution { TessBaseAPISetSourceResolution(handle, Int32(dpi)) }
        currentImage = image
    }

    /// Forgets the current image and Tesseract's results for it.
    public func clear() {
        TessBaseAPIClear(handle)
        currentImage = nil
    }

    /// Sets a Tesseract variable for the following calls.
    @discardableResult
    public func setVariable(_ name: String, _ value: String) -> Bool {
        TessBaseAPISetVariable(handle, name, value) != 0
    }

    /// Runs recognition on the current image and rectangle, with the deadline.
    func recognise(_ what: String) throws(OCRError) {
        guard currentImage != nil else { throw .noImage }
        guard let monitor = TessMonitorCreate() else { throw .recognitionFailed(what) }
        defer { TessMonitorDelete(monitor) }
        if deadlineMilliseconds > 0 { TessMonitorSetDeadlineMSecs(monitor, Int32(deadlineMilliseconds)) }
        let start = DispatchTime.now().uptimeNanoseconds
        let status = TessBaseAPIRecognize(handle, monitor)
        let elapsed = Int((DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
        if deadlineMilliseconds > 0, elapsed >= deadlineMilliseconds { throw .timedOut(milliseconds: elapsed) }
        guard status == 0 else { throw .recognitionFailed(what) }
    }
}
