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
    /// Time spent inside Tesseract's recognition since the engine started, in nanoseconds:
    /// what a reader reports as pure OCR time, against which pipeline overhead is measured.
    public private(set) var recognitionNanoseconds: UInt64 = 0
    /// Variables as last set, so a read sets one only when it changes.
    private var current: [String: String] = [:]
    /// Variables as the engine started (defaults, then configuration, then environment).
    private let startVariables: [String: String]

    /// Variables every engine starts with. `lstm_choice_mode` 2 gives per-character
    /// alternatives, which the comb fields' cross-checks need; a read that needs none turns it
    /// off (`ReadOptions.alternatives`).
    static let defaultVariables = ["debug_file": "/dev/null", "lstm_choice_mode": "2"]

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
        var variables = Self.defaultVariables
        variables.merge(configuration.variables) { _, new in new }
        variables.merge(Self.environmentVariables) { _, new in new }
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
        self.current = variables
        self.startVariables = variables
    }

    /// `MAILROOM_TESSERACT_VARIABLES="name=value,name=value"`: Tesseract variables set on every
    /// engine after the defaults, to try a setting without a rebuild.
    static let environmentVariables: [String: String] = {
        let text = ProcessInfo.processInfo.environment["MAILROOM_TESSERACT_VARIABLES"] ?? ""
        return Dictionary(text.split(separator: ",").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            return parts.count == 2 ? (parts[0], parts[1]) : nil
        }, uniquingKeysWith: { _, last in last })
    }()

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
        guard TessBaseAPISetVariable(handle, name, value) != 0 else { return false }
        current[name] = value
        return true
    }

    /// Sets a variable for the next recognition unless it already has that value.
    func keep(_ name: String, _ value: String) {
        if current[name] != value { setVariable(name, value) }
    }

    /// The value a variable was started with (defaults, configuration, environment).
    func initial(_ name: String) -> String? {
        startVariables[name]
    }

    /// The `lstm_choice_mode` of reads that keep per-character alternatives: the start value,
    /// which the defaults set to 2 (alternatives per character).
    var alternativesMode: String { initial("lstm_choice_mode") ?? "2" }

    /// Runs recognition on the current image and rectangle, with the deadline.
    func recognise(_ what: String) throws(OCRError) {
        guard currentImage != nil else { throw .noImage }
        guard let monitor = TessMonitorCreate() else { throw .recognitionFailed(what) }
        defer { TessMonitorDelete(monitor) }
        if deadlineMilliseconds > 0 { TessMonitorSetDeadlineMSecs(monitor, Int32(deadlineMilliseconds)) }
        let start = DispatchTime.now().uptimeNanoseconds
        let status = TessBaseAPIRecognize(handle, monitor)
        let spent = DispatchTime.now().uptimeNanoseconds - start
        recognitionNanoseconds += spent
        let elapsed = Int(spent / 1_000_000)
        if deadlineMilliseconds > 0, elapsed >= deadlineMilliseconds { throw .timedOut(milliseconds: elapsed) }
        guard status == 0 else { throw .recognitionFailed(what) }
    }
}
