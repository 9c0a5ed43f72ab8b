/// Why an image could not be read or processed.
///
/// Each error names the file (where there is one) and says what to do, so the batch log
/// and the quarantine table explain themselves.
public struct ImagingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable identifier for the kind of failure, for tests, counts and exit policies.
    public enum Code: String, Sendable, Hashable, Codable {
        case unreadable, empty, truncated, corrupt, unsupportedFormat, tooLarge, tooSmall, operationFailed
    }

    public let code: Code
    public let path: String?
    public let reason: String

    public init(code: Code, path: String? = nil, reason: String) {
        self.code = code
        self.path = path
        self.reason = reason
    }

    public var description: String {
        if let path { return "\(path): \(reason)" }
        return reason
    }

    /// The same error, naming `path`.
    public func at(_ path: String) -> ImagingError {
        ImagingError(code: code, path: path, reason: reason)
    }

    public static func unreadable(_ path: String, _ detail: String) -> ImagingError {
        ImagingError(code: .unreadable, path: path, reason: "cannot be read (\(detail)); check that it exists and is readable")
    }

    public static func empty(_ path: String) -> ImagingError {
        ImagingError(code: .empty, path: path, reason: "is empty (0 bytes); the scan was probably interrupted, scan it again")
    }

    public static func truncated(_ path: String, format: ImageFormat) -> ImagingError {
        ImagingError(code: .truncated, path: path, reason: "is a truncated \(format.name) file; the copy or scan did not finish, scan it again")
    }

    public static func corrupt(_ path: String, format: ImageFormat) -> ImagingError {
        ImagingError(code: .corrupt, path: path, reason: "is a corrupt \(format.name) file that cannot be decoded")
    }

    /// A multi-page file (`kind`: TIFF or PDF) whose page `page` does not decode, though the file
    /// promised it: cut short or damaged. The whole file is refused, so its earlier pages are not
    /// stored alone.
    public static func unreadablePage(_ path: String, page: Int, kind: String = "TIFF") -> ImagingError {
        ImagingError(code: .truncated, path: path, reason: """
            is a multi-page \(kind) whose page \(page) cannot be decoded: the file is cut short or damaged; \
            scan or copy it again (no page of it was stored)
            """)
    }

    /// A file of more pages than may be read from it: `count` when it is known before reading
    /// (from a TIFF's directory, from pdfinfo), else found while reading past `limit`.
    public static func tooManyPages(_ path: String, count: Int? = nil, limit: Int) -> ImagingError {
        let pages = count.map { "has \($0) pages, over the \(limit)-page limit" } ?? "has more than \(limit) pages"
        return ImagingError(code: .tooLarge, path: path, reason: "\(pages); split it into smaller files")
    }

    public static func unsupportedFormat(_ path: String, detected: String) -> ImagingError {
        ImagingError(code: .unsupportedFormat, path: path,
                     reason: "is \(detected), not a supported image; save scans as PNG, JPEG, TIFF, BMP, WebP, GIF, PNM or PDF")
    }

    /// A page over the pixel limit; `page` (1-based) names it in a multi-page file.
    public static func tooLarge(_ path: String, width: Int, height: Int, limit: Int, page: Int? = nil) -> ImagingError {
        let what = page.map { "has a page \($0) of" } ?? "is"
        return ImagingError(code: .tooLarge, path: path,
                            reason: "\(what) \(width)x\(height) pixels, over the limit of \(limit) pixels; rescan at 300 dpi or raise --max-pixels")
    }

    public static func tooSmall(_ path: String, width: Int, height: Int, minimum: Int) -> ImagingError {
        ImagingError(code: .tooSmall, path: path,
                     reason: "is only \(width)x\(height) pixels, too small to hold text (each side needs \(minimum) or more)")
    }

    public static func operationFailed(_ step: String) -> ImagingError {
        ImagingError(code: .operationFailed, reason: "image step '\(step)' failed in Leptonica")
    }
}
