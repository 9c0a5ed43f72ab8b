import Foundation
@testable import MailroomCapture
import MailroomImaging
import MailroomOCR
import MailroomPostcodes
import MailroomTestSupport

/// Shared, expensive-to-load test material.
enum Material {
    static let directory: PostcodeDirectory? = try? PostcodeDirectory(directory: TestPaths.postcodes)
    static let forms: FormLibrary? = try? FormLibrary(directory: TestPaths.forms)

    static func configuration() throws -> CaptureConfiguration {
        guard let forms, let directory else { throw CocoaError(.fileNoSuchFile) }
        var configuration = CaptureConfiguration(forms: forms, postcodes: directory)
        configuration.models = TestPaths.root.appendingPathComponent("models")
        return configuration
    }

    /// The sample scans of one kind with their truth.
    static func samples(prefix: String) -> [URL] {
        Evaluator.scans(in: TestPaths.samples).filter { $0.lastPathComponent.hasPrefix(prefix) }
    }

    /// `scan` in grey with every pixel's grey changed by `change(grey, x, width)`, keeping the
    /// scan's resolution: a scan as it might have been captured otherwise.
    static func regreyed(_ scan: Image, _ change: (_ grey: UInt8, _ x: Int, _ width: Int) -> UInt8) throws -> Image {
        let (rect, pixels) = try scan.greyPixels(in: PixelRect(x: 0, y: 0, width: scan.width, height: scan.height))
        let changed = pixels.enumerated().map { index, grey in change(grey, index % rect.width, rect.width) }
        let image = try Image.grey(pixels: changed, width: rect.width, height: rect.height)
        image.resolution = scan.resolution
        return image
    }

    /// A reading of boxes, each offering (character, confidence) alternatives best first.
    static func boxes(_ positions: [[(String, Double)]]) -> TextReading {
        let characters = positions.map { options in
            CharacterReading(text: options[0].0, confidence: options[0].1,
                             alternatives: options.map { Alternative($0.0, confidence: $0.1) },
                             box: PixelRect(x: 0, y: 0, width: 10, height: 10))
        }
        return TextReading(text: characters.map(\.text).joined(), confidence: 80, characters: characters)
    }

    static func field(_ name: String, _ type: FieldType, raw: String) -> FieldResult {
        FieldResult(name: name, type: type, raw: raw, value: raw, confidence: 90)
    }
}
