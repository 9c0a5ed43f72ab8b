import MailroomImaging
import MailroomOCR

/// Dust on a scan, kept away from the readers: free fields are read from a cleaned cut of
/// their writing area.
extension FieldReader {
    /// A free field's writing area cut out of the page with its dust removed
    /// (`Image.removingDust`), read by every reader of the field.
    struct CleanedLine {
        let image: Image
        /// Where the cut lies on the page.
        let area: PixelRect
        /// The whole cut, in its own coordinates.
        var whole: PixelRect { PixelRect(x: 0, y: 0, width: area.width, height: area.height) }
    }

    /// The writing area of the free field in `zone`, cut out once and cleaned.
    func cleanedLine(_ zone: PixelRect) throws(OCRError) -> CleanedLine {
        let area = writingArea(zone).clamped(width: image.width, height: image.height)
        do {
            return CleanedLine(image: try image.cropped(to: area).removingDust(), area: area)
        } catch {
            throw .recognitionFailed("line \(area): \(error)")
        }
    }

    /// `reading`'s character boxes moved from a cut's coordinates to the page's.
    static func shifted(_ reading: TextReading, by area: PixelRect) -> TextReading {
        var moved = reading
        for index in moved.characters.indices {
            moved.characters[index].box.x += area.x
            moved.characters[index].box.y += area.y
        }
        return moved
    }
}
