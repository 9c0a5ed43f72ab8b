import Foundation
import MailroomCapture
import MailroomImaging
import MailroomStore

/// Cuts a field out of its scan for the review screen.
///
/// Field boxes are stored in pixels of the page the reader straightened (turned upright,
/// deskewed, cropped to the coupon, in dropout grey), not of the file. The crop rebuilds that
/// page from the file with the form's registration marks (``CouponPage``); when the marks
/// cannot be found (a damaged scan, a test image) it cuts the box from the file as it is.
/// The last document's page is kept, since a document's fields are reviewed one after another.
public final class FieldCrop {
    public let forms: FormLibrary
    private var cached: (path: String, page: Image)?

    public init(forms: FormLibrary) {
        self.forms = forms
    }

    /// The field's picture, at most `maxWidth` pixels wide, or nil when the file or box is missing.
    public func raster(path: String, formID: String?, box: FieldBox, orientationDegrees: Int? = nil,
                       maxWidth: Int = 100) -> GreyRaster? {
        guard let page = page(path: path, formID: formID, orientationDegrees: orientationDegrees) else { return nil }
        let margin = max(2, box.height / 8)
        let rect = PixelRect(x: box.x - margin, y: box.y - margin, width: box.width + 2 * margin, height: box.height + 2 * margin)
            .clamped(width: page.width, height: page.height)
        guard !rect.isEmpty, let crop = try? page.cropped(to: rect) else { return nil }
        let factor = min(1, Double(maxWidth) / Double(max(crop.width, 1)))
        guard let small = factor < 1 ? try? crop.scaled(by: factor) : crop,
              let pixels = try? small.greyPixels() else { return nil }
        return GreyRaster(width: small.width, height: small.height, pixels: pixels).stretched()
    }

    /// The whole page the field boxes refer to, at most `maxWidth` pixels wide, with the scale
    /// applied (box coordinates times `scale` give pixels of the returned picture).
    public func pageRaster(path: String, formID: String?, orientationDegrees: Int? = nil,
                           maxWidth: Int = 1200) -> (raster: GreyRaster, scale: Double)? {
        guard let page = page(path: path, formID: formID, orientationDegrees: orientationDegrees) else { return nil }
        let factor = min(1, Double(maxWidth) / Double(max(page.width, 1)))
        guard let small = factor < 1 ? try? page.scaled(by: factor) : page,
              let pixels = try? small.greyPixels() else { return nil }
        return (GreyRaster(width: small.width, height: small.height, pixels: pixels), Double(small.width) / Double(page.width))
    }

    private func page(path: String, formID: String?, orientationDegrees: Int?) -> Image? {
        if let cached, cached.path == path { return cached.page }
        guard let scan = try? ImageReader().read(URL(fileURLWithPath: path)).first else { return nil }
        var page: Image?
        if let formID, let form = forms.form(id: formID) {
            page = try? CouponPage.upright(scan, form: form, orientationDegrees: orientationDegrees)
        }
        guard let found = page ?? (try? scan.dropoutGrey()) else { return nil }
        cached = (path, found)
        return found
    }
}
