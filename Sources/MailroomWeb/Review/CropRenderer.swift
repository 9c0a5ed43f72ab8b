import Foundation
import MailroomCapture
import MailroomImaging
import MailroomOperator
import MailroomStore

/// The review crop as PNG bytes, cut by the operator tools' ``FieldCrop``.
///
/// `FieldCrop` keeps the last page it rebuilt and Leptonica images stay on one thread, so
/// requests take turns under a lock; crops of one document follow each other, so this is cheap.
public final class CropRenderer: @unchecked Sendable {
    private let crop: FieldCrop
    private let lock = NSLock()

    public init(forms: FormLibrary) {
        crop = FieldCrop(forms: forms)
    }

    /// The field's picture as PNG, at most `maxWidth` pixels wide, or nil when the scan or box is missing.
    public func png(entry: ReviewEntry, orientationDegrees: Int?, maxWidth: Int = 900) -> Data? {
        guard let box = entry.box else { return nil }
        return lock.withLock {
            guard let raster = crop.raster(path: entry.path, formID: entry.formID, box: box,
                                           orientationDegrees: orientationDegrees, maxWidth: maxWidth),
                  let image = try? Image.grey(pixels: raster.pixels, width: raster.width, height: raster.height)
            else { return nil }
            return try? image.encoded(as: .png)
        }
    }
}
