import Foundation
@testable import MailroomCapture
import MailroomImaging
import MailroomOCR
import MailroomTestSupport
import Testing

@Suite("Classifying and reading sample scans", .serialized)
struct ClassificationTests {
    @Test("every sample coupon is recognised as its own form; letters as no form, in their language")
    func classification() throws {
        let reader = try DocumentReader(Material.configuration())
        let decoder = ImageReader()
        let scans = Evaluator.scans(in: TestPaths.samples)
        #expect(scans.count >= 16)
        for url in scans {
            let truth = try #require(try Truth.beside(url))
            let reading = try reader.read(decoder.read(url))
            switch reading {
            case .coupon(let coupon, _):
                #expect(truth.kind == "coupon", "\(url.lastPathComponent) read as a coupon")
                #expect(coupon.formID == truth.form, "\(url.lastPathComponent)")
                #expect(coupon.registration.relativeResidual < 0.3)
                #expect(coupon.registration.titleSimilarity > 0.7)
            case .letter(let letter):
                #expect(truth.kind == "letter", "\(url.lastPathComponent) read as a letter")
                #expect(letter.language == truth.language, "\(url.lastPathComponent)")
                #expect(letter.pages.allSatisfy { !$0.text.isEmpty })
            case .email:
                Issue.record("\(url.lastPathComponent) is an image, not an e-mail")
            case .blank:
                Issue.record("\(url.lastPathComponent) has writing, but was read as blank")
            }
        }
    }

    @Test("titles are read for the likeliest hypothesis first: most anchors, the printed anchor size, upright")
    func likelyFirst() throws {
        let italian = try #require(Material.forms?.form(id: "it-fedelta"))
        let polish = try #require(Material.forms?.form(id: "pl-karta"))
        func registration(turned: Bool, anchors: Int = 4, size: Double = 1, residual: Double = 2) -> Registration {
            let s = turned ? -10.0 : 10.0
            return Registration(transform: AffineTransform(a: s, b: 0, c: 0, d: 0, e: s, f: 0), matchedAnchors: anchors,
                                residualPixels: residual, anchorPixels: 50, sizeRatio: size)
        }
        let order = DocumentReader.likelyFirst([
            (italian, registration(turned: true, size: 1.18, residual: 1)),
            (italian, registration(turned: false, size: 1.18, residual: 3)),
            (polish, registration(turned: true, size: 1.01, residual: 1)),
            (polish, registration(turned: false, size: 0.99, residual: 2)),
            (polish, registration(turned: false, anchors: 3, size: 1, residual: 0)),
        ])
        #expect(order.map(\.0.id) == ["pl-karta", "pl-karta", "it-fedelta", "it-fedelta", "pl-karta"])
        #expect(order.map { CouponPage.quarterTurns($0.1) } == [0, 2, 0, 2, 0])
        #expect(order.last?.1.matchedAnchors == 3)
    }

    @Test("a coupon of a form Mailroom has no file for is an unknown form, not a letter")
    func unknownForm() throws {
        let italianOnly = try #require(Material.forms?.form(id: "it-fedelta"))
        var configuration = try Material.configuration()
        configuration.forms = FormLibrary(forms: [italianOnly])
        let reader = try DocumentReader(configuration)
        let polish = try #require(Material.samples(prefix: "coupon-pl-karta").first)
        let error = #expect(throws: CaptureError.self) { try reader.read(ImageReader().read(polish)) }
        #expect(error?.code == .unknownForm)
    }

    @Test("a duplex scan, a coupon with its blank back, is one coupon of two pages; a back with writing makes a letter")
    func duplexCoupon() throws {
        let reader = try DocumentReader(Material.configuration())
        let url = try #require(Material.samples(prefix: "coupon-it-fedelta").first)
        let front = try #require(try ImageReader().read(url).first)
        // Paper-grey back with a few specks of dust, as a scanner returns an empty side.
        var pixels = [UInt8](repeating: 236, count: front.width * front.height)
        for speck in stride(from: 5_000, to: pixels.count, by: pixels.count / 7) { pixels[speck] = 40 }
        let back = try Image.grey(pixels: pixels, width: front.width, height: front.height)
        guard case .coupon(let duplex, let pages) = try reader.read([front, back]) else {
            Issue.record("a coupon with a blank back was not read as a coupon")
            return
        }
        guard case .coupon(let single, _) = try reader.read([front]) else {
            Issue.record("the front alone was not read as a coupon")
            return
        }
        #expect(pages.map(\.number) == [1, 2])
        #expect(duplex.formID == single.formID)
        #expect(duplex.fields.map(\.value) == single.fields.map(\.value))

        let written = try #require(try ImageReader().read(TestPaths.fixture("page-english.png")).first)
        guard case .letter(let letter) = try reader.read([front, written]) else {
            Issue.record("a coupon with a written second page was not read as a letter")
            return
        }
        #expect(letter.pages.count == 2)
    }

    @Test("a card fed crooked is still its form, with the fields of the straight scan, and its review page is rebuilt",
          arguments: [7.0, -7.0, 18.0, -23.0])
    func crookedCard(degrees: Double) throws {
        let reader = try DocumentReader(Material.configuration())
        let url = try #require(Material.samples(prefix: "coupon-it-fedelta").first)
        let straight = try #require(try ImageReader().read(url).first)
        // On a scanner bed larger than the card, so that turning it loses none of its corners.
        let turned = try straight.padded(by: max(straight.width, straight.height) / 5).rotated(byDegrees: degrees)
        guard case .coupon(let upright, _) = try reader.read([straight]),
              case .coupon(let crooked, _) = try reader.read([turned]) else {
            Issue.record("a card turned \(degrees)° was not read as a coupon")
            return
        }
        #expect(crooked.formID == upright.formID)
        let same = zip(crooked.fields, upright.fields).filter { $0.value == $1.value }.count
        #expect(same * 10 >= upright.fields.count * 8, "\(same) of \(upright.fields.count) fields as read straight")
        let form = try #require(Material.forms?.form(id: crooked.formID))
        #expect(try CouponPage.upright(turned, form: form) != nil, "the review crop finds the card as the reader did")
    }

    @Test("round blots where a form's anchors go are no registration marks; squares there are")
    func roundMarksAreNoForm() throws {
        let form = try #require(Material.forms?.form(id: "it-fedelta"))
        let pixelsPerMM = 300 / 25.4
        let width = Int(form.sizeMM.width * pixelsPerMM), height = Int(form.sizeMM.height * pixelsPerMM)
        let side = form.anchors.size * form.sizeMM.width * pixelsPerMM
        func page(round: Bool) throws -> Image {
            var pixels = [UInt8](repeating: 255, count: width * height)
            for point in form.anchors.points {
                let cx = point[0] * Double(width), cy = point[1] * Double(height)
                for y in Int(cy - side)...Int(cy + side) {
                    for x in Int(cx - side)...Int(cx + side) {
                        let dx = Double(x) + 0.5 - cx, dy = Double(y) + 0.5 - cy
                        let inside = round ? dx * dx + dy * dy <= side * side / 4 : max(abs(dx), abs(dy)) <= side / 2
                        if inside { pixels[y * width + x] = 0 }
                    }
                }
            }
            return try Image.grey(pixels: pixels, width: width, height: height).binarised(.otsu)
        }
        func hypotheses(round: Bool) throws -> Int {
            let binary = try page(round: round)
            return try Registration.hypotheses(for: [form], blobs: Registration.squareBlobs(in: binary), binary: binary).count
        }
        #expect(try hypotheses(round: false) > 0)
        // A disc fills 0.79 of its box: enough for the looks for crooked cards, not the shape of a turned square.
        #expect(try hypotheses(round: true) == 0)
    }

    @Test("a file holding two coupons, a batch of cards scanned as one, is refused with a reason naming the pages")
    func severalCoupons() throws {
        let reader = try DocumentReader(Material.configuration())
        let urls = Material.samples(prefix: "coupon-").prefix(2)
        try #require(urls.count == 2)
        let cards = try urls.map { url in try #require(try ImageReader().read(url).first) }
        let error = #expect(throws: CaptureError.self) { try reader.read(cards) }
        #expect(error?.code == .severalCoupons)
        #expect(error?.reason.contains("pages 1 and 2") == true)
    }

    @Test("a field's witness model is the one it names, loaded only when named; a missing one is named in the error")
    func witnessPerField() throws {
        let coupon = try #require(Material.samples(prefix: "coupon-it-fedelta").first)
        let digitWitness = try Material.configuration().mappingFields { field in
            field.reader = nil
            field.classifier = nil
            field.witness = field.boxes != nil ? "handprint-digits" : nil
        }
        let reader = try DocumentReader(digitWitness)
        guard case .coupon = try reader.read(ImageReader().read(coupon)) else {
            Issue.record("not read as a coupon")
            return
        }
        #expect(reader.loadedModels.contains("handprint-digits"))
        #expect(!reader.loadedModels.contains("handprint"))

        var missing = digitWitness
        missing.models = try TestPaths.temporaryDirectory("no-witness-models")
        let error = #expect(throws: CaptureError.self) { try DocumentReader(missing).read(ImageReader().read(coupon)) }
        #expect(error?.description.contains("handprint-digits.traineddata") == true)
    }

    @Test("a comb field naming a classifier has its boxes read by it, witnessed by the line model; a missing one is named")
    func classifierPerField() throws {
        let coupon = try #require(Material.samples(prefix: "coupon-it-fedelta").first)
        let truth = try JSONSerialization.jsonObject(with: Data(contentsOf: coupon.deletingPathExtension().appendingPathExtension("truth.json")))
        let postcode = try #require(((truth as? [String: Any])?["fields"] as? [String: Any])?["postcode"] as? String)
        let configuration = try Material.configuration().mappingFields { field in
            field.classifier = field.boxes != nil && field.whitelist == "0123456789" ? "handprint-digits" : nil
        }
        let reader = try DocumentReader(configuration)
        guard case .coupon(let reading, _) = try reader.read(ImageReader().read(coupon)) else {
            Issue.record("not read as a coupon")
            return
        }
        #expect(reader.loadedModels.contains("handprint-digits.boxnet"))
        #expect(reader.timings.milliseconds["classify postcode"] != nil)
        let field = try #require(reading.field("postcode"))
        // Each box keeps the network's probabilities (merged with the line model's) as alternatives.
        #expect(field.alternatives.count == postcode.count)
        #expect(field.alternatives.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.text.allSatisfy(\.isNumber) } })
        #expect(field.value == postcode)

        var missing = configuration
        missing.models = try TestPaths.temporaryDirectory("no-classifier")
        try FileManager.default.copyItem(at: TestPaths.root.appendingPathComponent("models/handprint-digits.traineddata"),
                                         to: missing.models!.appendingPathComponent("handprint-digits.traineddata"))
        let error = #expect(throws: CaptureError.self) { try DocumentReader(missing).read(ImageReader().read(coupon)) }
        #expect(error?.description.contains("handprint-digits.boxnet") == true)
    }

    @Test("a classifier's ensemble members beside it are loaded with it; a member for other characters is refused by name")
    func ensembleMembers() throws {
        let coupon = try #require(Material.samples(prefix: "coupon-it-fedelta").first)
        var configuration = try Material.configuration()
        let shipped = try #require(configuration.models)
        func folder(_ label: String, member: String) throws -> URL {
            let folder = try TestPaths.temporaryDirectory(label)
            for name in try FileManager.default.contentsOfDirectory(atPath: shipped.path) {
                try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent(name),
                                                           withDestinationURL: shipped.appendingPathComponent(name))
            }
            try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("handprint-digits-2.boxnet"),
                                                       withDestinationURL: shipped.appendingPathComponent(member))
            return folder
        }
        let alone = try DocumentReader(configuration)
        guard case .coupon(let single, _) = try alone.read(ImageReader().read(coupon)) else {
            Issue.record("not read as a coupon")
            return
        }
        // The same network twice averages to its own probabilities: the reading is unchanged.
        configuration.models = try folder("ensemble-twin", member: "handprint-digits.boxnet")
        let paired = try DocumentReader(configuration)
        guard case .coupon(let twin, _) = try paired.read(ImageReader().read(coupon)) else {
            Issue.record("not read as a coupon")
            return
        }
        #expect(paired.loadedModels.isSuperset(of: ["handprint-digits.boxnet", "handprint-digits-2.boxnet"]))
        #expect(!alone.loadedModels.contains("handprint-digits-2.boxnet"))
        #expect(twin.fields.map(\.value) == single.fields.map(\.value))
        #expect(twin.fields.map(\.confidence) == single.fields.map(\.confidence))

        configuration.models = try folder("ensemble-mismatch", member: "handprint-chars.boxnet")
        let error = #expect(throws: CaptureError.self) { try DocumentReader(configuration).read(ImageReader().read(coupon)) }
        #expect(error?.description.contains("different characters") == true)
    }

    @Test("comb boxes whose ink all stays under the empty-box level are still read, not taken as empty")
    func faintComb() throws {
        var configuration = try Material.configuration()
        // Raised so that no box of a normally written comb reaches it, as with a hairline pen.
        configuration.thresholds.emptyBoxInk = 0.4
        let reader = try DocumentReader(configuration)
        let url = try #require(Material.samples(prefix: "coupon-it-fedelta").first)
        guard case .coupon(let reading, _) = try reader.read(ImageReader().read(url)) else {
            Issue.record("not read as a coupon")
            return
        }
        for name in ["postcode", "card", "phone"] {
            let field = try #require(reading.field(name))
            #expect(field.raw.count >= 2, "\(name) read as \(field.raw)")
        }
    }

    @Test("tick boxes on the sample coupons match the truth")
    func ticks() throws {
        let reader = try DocumentReader(Material.configuration())
        for url in Material.samples(prefix: "coupon-").prefix(8) {
            guard case .coupon(let coupon, _) = try reader.read(ImageReader().read(url)),
                  let truth = try Truth.beside(url)?.fields?["consent"], let consent = coupon.field("consent") else {
                Issue.record("\(url.lastPathComponent) gave no consent field")
                continue
            }
            #expect(consent.decision == .review || truth.matches(consent.value), "\(url.lastPathComponent): \(consent.raw)")
        }
    }
}

@Suite("Hand-print readers")
struct HandprintReaderTests {
    @Test("the shipped hand-print model loads")
    func modelLoads() throws {
        let engine = try Engine(.init(languages: ["handprint-digits"], tessdata: TestPaths.root.appendingPathComponent("models").path))
        #expect(engine.configuration.languages == ["handprint-digits"])
    }

    @Test("a form field that names a missing model fails with an error naming the model")
    func missingModel() throws {
        var configuration = try Material.configuration()
        configuration.models = try TestPaths.temporaryDirectory("no-models")
        let reader = try DocumentReader(configuration)
        let coupon = try #require(Material.samples(prefix: "coupon-it-fedelta").first)
        let error = #expect(throws: CaptureError.self) { try reader.read(ImageReader().read(coupon)) }
        #expect(error?.description.contains("handprint-digits.traineddata") == true)
    }

    @Test("fields are read by the model they name: the hand-print model for digit boxes, the stock one for names")
    func modelPerField() throws {
        let reader = try DocumentReader(Material.configuration())
        let coupon = try #require(Material.samples(prefix: "coupon-it-fedelta").first)
        guard case .coupon(let reading, _) = try reader.read(ImageReader().read(coupon)) else {
            Issue.record("not read as a coupon")
            return
        }
        let form = try #require(Material.forms?.form(id: reading.formID))
        #expect(form.fields.filter { $0.reader == "handprint-digits" }.map(\.type).sorted { $0.rawValue < $1.rawValue }
                    == [.card, .date, .phone, .postcode])
        // Every digit field was read, and its text holds only what the hand-print model can write.
        for field in reading.fields where [.card, .date, .phone, .postcode].contains(field.type) {
            #expect(field.raw.allSatisfy { "0123456789?-.".contains($0) }, "\(field.name): \(field.raw)")
        }
        #expect(reader.loadedModels.contains("handprint-digits"))
        #expect(reader.loadedModels.contains("ita"))
    }
}
