import MailroomCapture
import MailroomImaging
import MailroomMail

/// Reads decoded pages into a document; one instance per worker thread, reused.
///
/// `DocumentReader` is the real one; tests supply slow or failing readers to exercise
/// the timeout and quarantine paths.
public protocol DocumentRecognizing: AnyObject {
    /// Classifies, reads and checks one document.
    ///
    /// Takes the pages over, so that a reader may let each one go once it has a grey copy:
    /// a colour A4 page at 300 dpi is 35 MB.
    func read(_ pages: consuming [Image]) throws(CaptureError) -> DocumentReading
    /// Says which pages of a multi-page file make up each document it holds, handing each to
    /// `onDocument` with its pages as it ends, without reading them; throws what `next` throws
    /// (a page that does not decode).
    func separate(next: () throws(ImagingError) -> Image?, onPage: (Int) -> Void,
                  onDocument: (DocumentSpan, [Image]) -> Void) throws(ImagingError)
    /// Reads one e-mail and OCRs its scanned attachments.
    func read(mail: MailMessage) -> DocumentReading
    /// Milliseconds per step (registration, each field, …) of the last `read`.
    var stepMilliseconds: [String: Double] { get }
}

extension DocumentRecognizing {
    public var stepMilliseconds: [String: Double] { [:] }

    /// The whole file as one document.
    public func separate(next: () throws(ImagingError) -> Image?, onPage: (Int) -> Void,
                         onDocument: (DocumentSpan, [Image]) -> Void) throws(ImagingError) {
        var pages: [Image] = []
        while let page = try next() { pages.append(page) }
        onPage(0)
        onDocument(DocumentSpan(pages: 0..<pages.count, kind: .letter), pages)
    }

    /// Reads the message's own text and headers, without OCR of attachments or postcode checks.
    public func read(mail: MailMessage) -> DocumentReading {
        .email(EmailReader(configuration: CaptureConfiguration(forms: FormLibrary(forms: []), postcodes: nil)).reading(of: mail))
    }
}

extension DocumentReader: DocumentRecognizing {
    public func read(mail: MailMessage) -> DocumentReading { read(mail: mail, imageReader: ImageReader()) }

    public var stepMilliseconds: [String: Double] { timings.milliseconds }
}

/// Makes the recogniser of one worker thread; called once on that thread.
public typealias RecognizerFactory = @Sendable () throws -> any DocumentRecognizing

/// Why a later step such as case routing could not run now.
public struct RoutingError: Error, Sendable, Hashable, CustomStringConvertible {
    public let reason: String

    public init(reason: String) { self.reason = reason }

    public var description: String { reason }

    /// The step's service is down; the document is stored `deferred` and finished next run.
    public static func unavailable(_ what: String) -> RoutingError {
        RoutingError(reason: "\(what) is unavailable; the document is deferred to the next run")
    }
}

/// A step after recognition (e.g. routing letters to customer cases).
///
/// When it throws, the document is stored in `deferred` state with the reason, and the
/// next run reads it again and retries this step.
public protocol DocumentRouting: Sendable {
    /// Hands a read document on.
    func route(_ reading: DocumentReading, sha256: String) throws(RoutingError)
}
