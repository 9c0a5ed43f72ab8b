import Foundation
@testable import MailroomCapture
import MailroomImaging
import MailroomTestSupport
import Testing

/// Writing too pale for the black-and-white page: a hard pencil, a drying pen, a light scan.
@Suite("Faint writing")
struct FaintWritingTests {
    /// A sample coupon with the writing inside `fields` turned pale grey, the print around it black.
    ///
    /// The fields are found on the scan from the corners of the printed page that the sample's
    /// truth records, so the test does not rely on the reader's own registration.
    static func paled(_ url: URL, fields: [String], form: Form) throws -> Image {
        let zones = try fields.map { name in try #require(form.fields.first { $0.name == name }).zone }
        return try repainted(url, zones: zones) { UInt8(255 - (255 - Int($0)) * 3 / 10) }
    }

    /// A sample coupon with every pixel inside `zones` (relative to the printed page) passed through `paint`.
    static func repainted(_ url: URL, zones: [Form.Zone], paint: (UInt8) -> UInt8) throws -> Image {
        let page = try #require(try ImageReader().read(url).first)
        var (rect, pixels) = try page.greyPixels(in: PixelRect(x: 0, y: 0, width: page.width, height: page.height))
        let truth = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url.deletingPathExtension()
            .appendingPathExtension("truth.json"))) as? [String: Any])
        let corners = try #require(truth["page_corners_px"] as? [[Double]])
        try #require(corners.count == 4 && (truth["rotation"] as? Int ?? 0) == 0)
        func point(_ u: Double, _ v: Double) -> (Int, Int) {
            let x = corners[0][0] * (1 - u) * (1 - v) + corners[1][0] * u * (1 - v) + corners[2][0] * u * v + corners[3][0] * (1 - u) * v
            let y = corners[0][1] * (1 - u) * (1 - v) + corners[1][1] * u * (1 - v) + corners[2][1] * u * v + corners[3][1] * (1 - u) * v
            return (Int(x.rounded()), Int(y.rounded()))
        }
        let original = pixels
        let step = 0.5 / Double(max(rect.width, rect.height))
        for zone in zones {
            for u in stride(from: zone.x, to: zone.x + zone.w, by: step) {
                for v in stride(from: zone.y, to: zone.y + zone.h, by: step) {
                    let (x, y) = point(u, v)
                    guard x >= 0, y >= 0, x < rect.width, y < rect.height else { continue }
                    pixels[y * rect.width + x] = paint(original[y * rect.width + x])
                }
            }
        }
        rect = PixelRect(x: 0, y: 0, width: rect.width, height: rect.height)
        return try Image.grey(pixels: pixels, width: rect.width, height: rect.height)
    }

    @Test("pale handwriting beside black print is read, never stored as an empty field")
    func paleFields() throws {
        let configuration = try Material.configuration()
        let form = try #require(configuration.forms.form(id: "it-fedelta"))
        let url = try #require(Material.samples(prefix: "coupon-it-fedelta").first)
        let names = ["surname", "first_name", "street", "postcode", "phone"]
        let image = try Self.paled(url, fields: names, form: form)
        guard case .coupon(let reading, _) = try DocumentReader(configuration).read([image]) else {
            Issue.record("not read as a coupon")
            return
        }
        for name in names {
            let field = try #require(reading.field(name))
            #expect(!field.raw.isEmpty, "\(name) read as empty")
            #expect(!field.reasons.contains(.empty), "\(name): \(field.reasons)")
        }
    }

    @Test("a phone with a box left empty between written ones goes to review: a digit may have been missed")
    func skippedPhoneBox() throws {
        let configuration = try Material.configuration()
        let form = try #require(configuration.forms.form(id: "it-fedelta"))
        let phone = try #require(form.fields.first { $0.name == "phone" })
        let boxes = try #require(phone.boxes)
        let url = try #require(Material.samples(prefix: "coupon-it-fedelta").first)
        func read(blanking box: Int?) throws -> FieldResult {
            let width = phone.zone.w / Double(boxes)
            let zones = box.map { [Form.Zone(x: phone.zone.x + (Double($0) + 0.1) * width, y: phone.zone.y + 0.1 * phone.zone.h,
                                             w: 0.8 * width, h: 0.8 * phone.zone.h)] } ?? []
            let image = try Self.repainted(url, zones: zones) { _ in 255 }
            let document = try DocumentReader(configuration).read([image])
            guard case .coupon(let reading, _) = document else { throw CaptureError.unknownForm(title: "not read as a coupon") }
            return try #require(reading.field("phone"))
        }
        let whole = try read(blanking: nil)
        #expect(!whole.reasons.contains(.skippedBox))
        let skipped = try read(blanking: 4)
        #expect(skipped.raw.count == whole.raw.count - 1)
        #expect(skipped.reasons.contains(.skippedBox))
        #expect(skipped.decision == .review)
    }
}
