/// Why the OCR engine could not start or read.
public struct OCRError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable, Codable {
        case modelMissing, initialisationFailed, recognitionFailed, timedOut, noImage
    }

    public let code: Code
    public let reason: String

    public init(code: Code, reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { reason }

    /// A `.traineddata` file is not where Tesseract will look.
    public static func modelMissing(language: String, directory: String) -> OCRError {
        if language.hasPrefix("handprint") {
            return OCRError(code: .modelMissing, reason: "Hand-print model '\(language).traineddata' was not found in "
                + "\(directory). It ships in the repository's models/ folder (set MAILROOM_MODELS to point at it); "
                + "models/train rebuilds it.")
        }
        let package = language == "osd" ? "tesseract-ocr-osd" : "tesseract-ocr-\(language.replacingOccurrences(of: "_", with: "-").lowercased())"
        return OCRError(code: .modelMissing, reason: """
            Tesseract model '\(language).traineddata' was not found in \(directory). \
            Install it with 'apt-get install \(package)', or point TESSDATA_PREFIX at the folder that holds it.
            """)
    }

    public static func initialisationFailed(languages: String, directory: String) -> OCRError {
        OCRError(code: .initialisationFailed, reason: """
            Tesseract could not load '\(languages)' from \(directory); the model file may be damaged. \
            Reinstall tesseract-ocr and its language packages.
            """)
    }

    public static func recognitionFailed(_ detail: String) -> OCRError {
        OCRError(code: .recognitionFailed, reason: "Tesseract failed to recognise \(detail)")
    }

    public static func timedOut(milliseconds: Int) -> OCRError {
        OCRError(code: .timedOut, reason: "Tesseract gave up after \(milliseconds) ms; the image is pathological or far too large")
    }

    public static let noImage = OCRError(code: .noImage, reason: "no image was given to the engine before reading")
}
