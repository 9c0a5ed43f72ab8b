import Foundation
@testable import MailroomCapture
import MailroomImaging
import MailroomOCR
import MailroomTestSupport
import Testing

@Suite("The A-Z hand-print reader")
struct HandprintLettersTests {
    static let models = TestPaths.root.appendingPathComponent("models")
    /// `models/train --model handprint` writes it; until a trained one is committed the reading test is skipped.
    static let shipped = FileManager.default.fileExists(atPath: models.appendingPathComponent("handprint.traineddata").path)
    /// What `models/handprint.traineddata` can write.
    static let charset = Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ@.-_/,' ")

    /// The test configuration with the coupons' letter fields (names, street, town) read by
    /// `reader` alone (no character classifier, no lexicon) and the e-mail by the stock model.
    static func configuration(letterReader reader: String, models: URL) throws -> CaptureConfiguration {
        var configuration = try Material.configuration().mappingFields { field in
            if [.name, .street, .town, .email].contains(field.type) {
                field.reader = field.type == .email ? nil : reader
                field.classifier = nil
                field.lexicon = nil
            }
        }
        configuration.models = models
        return configuration
    }

    /// The shipped A-Z models: `handprint`, the base the others were fine-tuned from,
    /// `handprint-words` (trained on three times the lines) for names and towns,
    /// `handprint-street` (fine-tuned on street lines) for the street, and `handprint-email`
    /// (fine-tuned on name-built addresses) for the e-mail.
    static let letterModels = ["handprint", "handprint-words", "handprint-street", "handprint-email"]

    @Test("each shipped A-Z model loads and reads field lines written with held-back EMNIST/MNIST glyphs",
          .enabled(if: shipped, "models/handprint.traineddata is not trained yet"), arguments: letterModels)
    func readsHeldBackLines(model: String) throws {
        let engine = try Engine(.init(languages: [model], tessdata: Self.models.path))
        // Rendered by `models/train --model handprint fixture` from glyph indices 50,000-59,999,
        // which no training line used.
        let folder = TestPaths.fixture("handprint-lines")
        var errors = 0, characters = 0
        for index in 0..<4 {
            // A field line is smaller than a scanned page may be.
            let image = try #require(try ImageReader(limits: .init(minSide: 16)).read(folder.appendingPathComponent("line-\(index).png")).first)
            let truth = try String(contentsOf: folder.appendingPathComponent("line-\(index).gt.txt"), encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let text = try engine.read(image, options: ReadOptions(segmentation: .singleLine)).text
                .trimmingCharacters(in: .whitespaces)
            #expect(text.allSatisfy(Self.charset.contains), "\(text)")
            errors += EditDistance.levenshtein(Array(truth), Array(text))
            characters += truth.count
        }
        #expect(Double(errors) / Double(characters) <= 0.15, "\(errors) errors in \(characters) characters")
    }

    /// Reads the first Italian sample coupon with the digit model standing in for
    /// `handprint.traineddata` on the names and street, at the given competing margin.
    ///
    /// The digit model can only write digits, '-' and '.', which the stock models would not
    /// produce for a name, so a field's text shows which model's reading it holds.
    static func readWithStandIn(competingMargin: Double?, folder name: String) throws -> (DocumentReader, CouponReading)? {
        let folder = try TestPaths.temporaryDirectory(name)
        let digits = models.appendingPathComponent("handprint-digits.traineddata")
        try FileManager.default.copyItem(at: digits, to: folder.appendingPathComponent("handprint-digits.traineddata"))
        try FileManager.default.copyItem(at: models.appendingPathComponent("handprint-digits.boxnet"),
                                         to: folder.appendingPathComponent("handprint-digits.boxnet"))
        try FileManager.default.copyItem(at: digits, to: folder.appendingPathComponent("handprint.traineddata"))
        var configuration = try configuration(letterReader: "handprint", models: folder)
        configuration.thresholds.competingMargin = competingMargin
        let reader = try DocumentReader(configuration)
        let coupon = try #require(Material.samples(prefix: "coupon-it-fedelta").first)
        guard case .coupon(let reading, _) = try reader.read(ImageReader().read(coupon)) else { return nil }
        return (reader, reading)
    }

    @Test("a letter field that declares reader: handprint is read by models/handprint.traineddata")
    func fieldUsesHandprint() throws {
        // Without competition the hand-print reading always stands.
        let (reader, reading) = try #require(try Self.readWithStandIn(competingMargin: nil, folder: "handprint-models"))
        #expect(reader.loadedModels.contains("handprint"))
        let letters = reading.fields.filter { [.name, .street].contains($0.type) }
        #expect(letters.count == 3)
        for field in letters {
            #expect(field.raw.allSatisfy { "0123456789-. ?".contains($0) }, "\(field.name): \(field.raw)")
        }
        // The stock model still reads the other free fields.
        let email = try #require(reading.field("email"))
        #expect(email.raw.contains { $0.isLetter }, "e-mail: \(email.raw)")
    }

    @Test("in competition the more confident model's reading becomes the field's, the other its witness")
    func moreConfidentModelWins() throws {
        // On a handwritten name the stand-in produces digits with a confidence far below the
        // stock model's reading of the letters, or nothing at all, so at the default margin
        // the stock reading must win every name and street, and the digit reading must be
        // kept as the disagreeing witness.
        #expect(Thresholds().competingMargin == 0)
        let (_, reading) = try #require(try Self.readWithStandIn(competingMargin: Thresholds().competingMargin,
                                                                 folder: "handprint-competition"))
        let letters = reading.fields.filter { [.name, .street].contains($0.type) }
        #expect(letters.count == 3)
        for field in letters {
            #expect(field.raw.contains { $0.isLetter }, "\(field.name): \(field.raw)")
            #expect(field.reasons.contains(.modelsDisagree))
            // The digit model's reading (possibly nothing) is the witness, never the value.
            #expect(field.suggestions.allSatisfy { !$0.contains { $0.isLetter } }, "\(field.name): \(field.suggestions)")
        }
    }

    @Test("a field naming a missing hand-print model fails with an error naming the file")
    func missingModel() throws {
        let empty = try TestPaths.temporaryDirectory("no-handprint")
        try FileManager.default.copyItem(at: Self.models.appendingPathComponent("handprint-digits.traineddata"),
                                         to: empty.appendingPathComponent("handprint-digits.traineddata"))
        try FileManager.default.copyItem(at: Self.models.appendingPathComponent("handprint-digits.boxnet"),
                                         to: empty.appendingPathComponent("handprint-digits.boxnet"))
        let reader = try DocumentReader(Self.configuration(letterReader: "handprint", models: empty))
        let coupon = try #require(Material.samples(prefix: "coupon-it-fedelta").first)
        let error = #expect(throws: CaptureError.self) { try reader.read(ImageReader().read(coupon)) }
        #expect(error?.description.contains("handprint.traineddata") == true)
    }
}
