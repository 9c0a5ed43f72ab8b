import MailroomImaging
import MailroomOCR

/// Why a document could not be read; the pipeline quarantines it with this reason.
public struct CaptureError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable, Codable {
        case imaging, ocr, unknownForm, noPages, noContent, severalCoupons, severalCards
    }

    public let code: Code
    public let reason: String
    /// For `severalCards`: where each card lies on the page, in the page's own pixels.
    public let cards: [PixelRect]

    public init(code: Code, reason: String, cards: [PixelRect] = []) {
        self.code = code
        self.reason = reason
        self.cards = cards
    }

    public var description: String { reason }

    public static func imaging(_ error: ImagingError) -> CaptureError { CaptureError(code: .imaging, reason: error.description) }
    public static func ocr(_ error: OCRError) -> CaptureError { CaptureError(code: .ocr, reason: error.description) }
    public static let noPages = CaptureError(code: .noPages, reason: "the file holds no pages")

    /// Every page is blank or solid dark: there is nothing to read, and no case should open.
    public static func noContent(_ pages: [String]) -> CaptureError {
        CaptureError(code: .noContent, reason: """
            nothing to read: \(pages.joined(separator: ", ")); check that the written side was scanned \
            and the scanner's exposure
            """)
    }

    /// One page holding several cards laid side by side (a flatbed scan), read as one document.
    ///
    /// `mailroom scan` cuts such a page into its cards and stores each as a document of its
    /// own (`separate`); this is for callers that read a file as one document.
    public static func severalCards(_ cards: [PixelRect], page: Int = 1) -> CaptureError {
        CaptureError(code: .severalCards, reason: """
            page \(page) holds \(cards.count) cards (at \(cards.map(\.description).joined(separator: ", "))): one document \
            holds one card; `mailroom scan` cuts such a page into its cards (README, "Scan files holding several documents")
            """, cards: cards)
    }

    /// Pages of one document that are each a coupon: several cards read as one document.
    ///
    /// `mailroom scan` separates such a file into its documents first (`separate`); this
    /// is for callers that read a file as one document.
    public static func severalCoupons(firstPage: Int, laterPage: Int) -> CaptureError {
        CaptureError(code: .severalCoupons, reason: """
            pages \(firstPage) and \(laterPage) are both coupons: one document holds one coupon (with its back); \
            `mailroom scan` splits such a file into its documents (README, "Scan files holding several documents")
            """)
    }

    /// Registration marks were found but the title matches no form in the forms folder.
    public static func unknownForm(title: String) -> CaptureError {
        CaptureError(code: .unknownForm, reason: """
            looks like a coupon form (registration marks found) but its title "\(title)" matches no form \
            in the forms folder; add a form file for it (see README, "Adding a coupon form")
            """)
    }
}
