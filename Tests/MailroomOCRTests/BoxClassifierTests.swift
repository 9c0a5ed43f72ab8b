import Foundation
import MailroomImaging
@testable import MailroomOCR
import MailroomTestSupport
import Testing

@Suite("The box classifier")
struct BoxClassifierTests {
    static let model = TestPaths.root.appendingPathComponent("models/handprint-digits.boxnet")

    /// Held-back MNIST glyphs: 28×28 bytes each, ink 255.
    static func heldBack() throws -> [(pixels: ArraySlice<UInt8>, label: String)] {
        let folder = TestPaths.fixture("boxnet")
        let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent("heldback-digits.u8")))
        let labels = try String(contentsOf: folder.appendingPathComponent("heldback-digits.labels.txt"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        return labels.indices.map { (bytes[$0 * 784..<($0 + 1) * 784], labels[$0]) }
    }

    /// A grey box `scale` times the glyph's size, dark ink on light paper, the glyph at `offset`.
    static func boxImage(_ glyph: ArraySlice<UInt8>, scale: Int, side: Int, offset: (Int, Int), paper: UInt8 = 235) throws -> Image {
        var pixels = [UInt8](repeating: paper, count: side * side)
        let base = glyph.startIndex
        for y in 0..<(28 * scale) {
            for x in 0..<(28 * scale) {
                let ink = Double(glyph[base + (y / scale) * 28 + x / scale]) / 255
                let (px, py) = (x + offset.0, y + offset.1)
                guard px >= 0, px < side, py >= 0, py < side, ink > 0 else { continue }
                pixels[py * side + px] = UInt8(Double(paper) * (1 - 0.85 * ink))
            }
        }
        return try Image.grey(pixels: pixels, width: side, height: side)
    }

    @Test("each shipped model computes the logits PyTorch computed for the same inputs", arguments: [
        ("handprint-digits.boxnet", "reference.json"), ("handprint-chars.boxnet", "reference-chars.json"),
    ])
    func matchesTraining(model: String, referenceFile: String) throws {
        let models = TestPaths.root.appendingPathComponent("models")
        let classifier = try BoxClassifier(contentsOf: models.appendingPathComponent(model))
        struct Sample: Decodable { var input: [Float]; var logits: [Float] }
        struct Reference: Decodable { var samples: [Sample] }
        let reference = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: models.appendingPathComponent("boxnet/" + referenceFile)))
        #expect(!reference.samples.isEmpty)
        for sample in reference.samples {
            let logits = classifier.logits(sample.input)
            for (mine, theirs) in zip(logits, sample.logits) {
                #expect(abs(mine - theirs) < 1e-3, "\(logits) vs \(sample.logits)")
            }
        }
    }

    @Test("reads held-back handwritten digits in a box, whatever their size and position")
    func readsHeldBackDigits() throws {
        let classifier = try BoxClassifier(contentsOf: Self.model)
        var wrong = 0, total = 0
        for (index, glyph) in try Self.heldBack().enumerated() {
            let scale = 1 + index % 3  // 28 to 84 pixels: scans from about 100 to 300 dpi
            let side = 28 * scale + 16
            let image = try Self.boxImage(glyph.pixels, scale: scale, side: side, offset: (8 + index % 5 - 2, 8 + index % 7 - 3))
            let box = PixelRect(x: 4, y: 4, width: side - 8, height: side - 8)
            let reading = try #require(try classifier.read(image, box: box))
            total += 1
            if reading.text != glyph.label { wrong += 1 }
            #expect(reading.alternatives.first?.text == reading.text)
            #expect(reading.alternatives.allSatisfy { $0.confidence <= 100 && $0.confidence >= 0.5 })
        }
        #expect(total == 300)
        #expect(Double(wrong) / Double(total) <= 0.03, "\(wrong) of \(total) wrong")
    }

    @Test("an empty box gives no reading, and a stroke that only spills in from the next box is ignored")
    func emptyAndSpill() throws {
        let classifier = try BoxClassifier(contentsOf: Self.model)
        let blank = try Image.grey(pixels: [UInt8](repeating: 240, count: 60 * 60), width: 60, height: 60)
        #expect(try classifier.read(blank, box: PixelRect(x: 5, y: 5, width: 50, height: 50)) == nil)
        var pixels = [UInt8](repeating: 240, count: 60 * 60)
        for y in 10..<50 { for x in 0..<4 { pixels[y * 60 + x] = 30 } }  // a neighbour's stroke at the edge
        let spill = try Image.grey(pixels: pixels, width: 60, height: 60)
        #expect(try classifier.read(spill, box: PixelRect(x: 5, y: 5, width: 50, height: 50)) == nil)
    }

    @Test("the glyph normalisation centres the ink's mass in a 28x28 square, the longer side 20 pixels")
    func normalisation() throws {
        // A 10x40 bar: the longer side becomes 20, the shorter 5, centred.
        var ink = [Float](repeating: 0, count: 60 * 60)
        for y in 10..<50 { for x in 30..<40 { ink[y * 60 + x] = 1 } }
        let input = try #require(GlyphImage(ink: ink, width: 60, height: 60).normalised())
        let rows = (0..<28).filter { y in (0..<28).contains { input[y * 28 + $0] > 0.5 } }
        let columns = (0..<28).filter { x in (0..<28).contains { input[$0 * 28 + x] > 0.5 } }
        #expect(rows == Array(4..<24))
        #expect(columns.count == 5)
        #expect(columns.first == 12 || columns.first == 11)
        #expect(GlyphImage(ink: [Float](repeating: 0.1, count: 100), width: 10, height: 10).normalised() == nil)
    }

    @Test("a missing or damaged weights file is a clear error naming the file")
    func badFiles() throws {
        let folder = try TestPaths.temporaryDirectory("boxnet")
        let missing = folder.appendingPathComponent("nowhere.boxnet")
        #expect { try BoxClassifier(contentsOf: missing) } throws: { error in
            guard let error = error as? OCRError else { return false }
            return error.code == .modelMissing && error.reason.contains("nowhere.boxnet")
        }
        let truncated = folder.appendingPathComponent("truncated.boxnet")
        try Data(try Data(contentsOf: Self.model).prefix(5000)).write(to: truncated)
        #expect { try BoxClassifier(contentsOf: truncated) } throws: { error in
            guard let error = error as? OCRError else { return false }
            return error.code == .initialisationFailed && error.reason.contains("truncated.boxnet")
        }
        let wrong = folder.appendingPathComponent("png.boxnet")
        try TestImages.pngHeader(width: 4, height: 4).write(to: wrong)
        #expect(throws: OCRError.self) { try BoxClassifier(contentsOf: wrong) }
    }

    @Test("an ensemble averages its members' probabilities, and refuses members reading other characters")
    func ensemble() throws {
        let digits = try BoxClassifier(contentsOf: Self.model)
        let chars = try BoxClassifier(contentsOf: TestPaths.root.appendingPathComponent("models/handprint-chars.boxnet"))
        let pair = try BoxClassifier(ensemble: [digits, digits])
        #expect(pair.memberCount == 2)
        #expect(pair.labels == digits.labels)
        for (pixels, _) in try Self.heldBack().prefix(20) {
            let input = pixels.map { Float($0) / 255 }
            #expect(pair.probabilities(input) == digits.probabilities(input))
            let sum = pair.probabilities(input).reduce(0, +)
            #expect(abs(sum - 1) < 1e-4)
        }
        let error = #expect(throws: OCRError.self) { try BoxClassifier(ensemble: [digits, chars]) }
        #expect(error?.description.contains("different characters") == true)
        #expect(throws: OCRError.self) { try BoxClassifier(ensemble: []) }
    }
}
