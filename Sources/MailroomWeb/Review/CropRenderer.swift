import Foundation
import MailroomCapture
import MailroomImaging
import MailroomOperator
import MailroomStore

/// Pictures for the station as PNG bytes: a field's crop, or a whole page.
///
/// Both are cut by the operator tools' ``FieldCrop``, which keeps the last page it rebuilt;
/// Leptonica images stay on one thread, so requests take turns under a lock. Crops of one
/// document follow each other, so this is cheap.
public final class CropRenderer: @unchecked Sendable {
    private let crop: FieldCrop
    private let lock = NSLock()
    /// The last page drawn: the document page asks for its size, then the browser for its picture.
    private var lastPage: (key: String, page: PagePicture)?

    /// A page as PNG with its size and the factor from stored field boxes to its pixels.
    public typealias PagePicture = (png: Data, width: Int, height: Int, scale: Double)

    public init(forms: FormLibrary) {
        crop = FieldCrop(forms: forms)
    }

    /// The field's picture as PNG, at most `maxWidth` pixels wide, or nil when the scan or box is missing.
    public func png(entry: ReviewEntry, orientationDegrees: Int?, maxWidth: Int = 900) -> Data? {
        guard let box = entry.box else { return nil }
        return lock.withLock {
            guard let raster = crop.raster(path: entry.path, formID: entry.formID, box: box,
                                           orientationDegrees: orientationDegrees, maxWidth: maxWidth) else { return nil }
            return Self.png(raster)
        }
    }

    /// A page of a document as PNG, at most `maxWidth` wide, with the factor from stored
    /// field boxes to its pixels; nil when the file is gone or is not a picture (an e-mail).
    ///
    /// The first page of a coupon is the straightened page its field boxes refer to; other
    /// pages (letters) are the scan as it is.
    public func page(_ document: DocumentRecord, number: Int, orientationDegrees: Int?,
                     maxWidth: Int = 1200) -> PagePicture? {
        guard document.kind != .email, number >= 1 else { return nil }
        let key = "\(document.id ?? 0)/\(document.sha256)/\(number)/\(orientationDegrees ?? 0)/\(maxWidth)"
        return lock.withLock {
            if let lastPage, lastPage.key == key { return lastPage.page }
            let drawn = draw(document, number: number, orientationDegrees: orientationDegrees, maxWidth: maxWidth)
            if let drawn { lastPage = (key, drawn) }
            return drawn
        }
    }

    private func draw(_ document: DocumentRecord, number: Int, orientationDegrees: Int?, maxWidth: Int) -> PagePicture? {
        if number == 1 {
            guard let (raster, scale) = crop.pageRaster(path: document.path, formID: document.formID,
                                                        orientationDegrees: orientationDegrees, maxWidth: maxWidth),
                  let png = Self.png(raster) else { return nil }
            return (png, raster.width, raster.height, scale)
        }
        guard let pages = try? ImageReader().read(URL(fileURLWithPath: document.path)), number <= pages.count,
              let grey = try? pages[number - 1].dropoutGrey() else { return nil }
        let factor = min(1, Double(maxWidth) / Double(max(grey.width, 1)))
        guard let small = factor < 1 ? try? grey.scaled(by: factor) : grey, let pixels = try? small.greyPixels(),
              let png = Self.png(GreyRaster(width: small.width, height: small.height, pixels: pixels)) else { return nil }
        return (png, small.width, small.height, Double(small.width) / Double(grey.width))
    }

    private static func png(_ raster: GreyRaster) -> Data? {
        guard let image = try? Image.grey(pixels: raster.pixels, width: raster.width, height: raster.height) else { return nil }
        return try? image.encoded(as: .png)
    }
}
