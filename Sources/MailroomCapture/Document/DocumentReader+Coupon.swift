import Foundation
import MailroomImaging
import MailroomOCR
import MailroomPostcodes

extension DocumentReader {
    /// Reads `image` as a coupon when it carries a known form's registration marks, else `nil`.
    ///
    /// Throws `CaptureError.unknownForm` when marks fit a form's layout but no form's title
    /// reads back: that is a coupon Mailroom has no form file for, not a letter.
    func readCoupon(_ image: Image) throws -> DocumentReading? {
        guard let best = try alignedCoupon(image) else { return nil }
        let coupon = try readFields(best)
        let pageReading = PageReading(number: 1, width: best.image.width, height: best.image.height,
                                      resolution: best.image.resolution ?? 0, skewDegrees: best.skewDegrees,
                                      orientationDegrees: best.quarterTurns * 90, text: "", confidence: best.titleConfidence)
        return .coupon(coupon, pages: [pageReading])
    }

    /// The page turned upright, straightened and registered to the known form it is, or nil
    /// when it bears no form's marks; throws `unknownForm` when its marks fit a form but its
    /// title is no known form's.
    ///
    /// A page whose marks or title are lost to its paper (a shadow across the card, a
    /// photographed page, tinted card stock) is tried once more with the paper divided out
    /// (`Image.dividingOutPaper`): when marks were found but no title read, or when no marks
    /// were found on a page lit unevenly. A page that aligns as scanned is read as scanned.
    func alignedCoupon(_ image: Image) throws -> Aligned? {
        guard !configuration.forms.forms.isEmpty else { return nil }
        let page = try timings.time("dropout") { try CouponPage.working(image) }
        if page.resolution == nil { page.resolution = configuration.preprocessing.assumedResolution }
        let toScan = Double(image.width) / Double(page.width)
        var asScanned = Result { try aligned(page, toScan: toScan) }
        if case .success(nil) = asScanned {
            // Marks lost where the tiled threshold turned a grey bed black: one threshold for all.
            asScanned = Result { try aligned(page, binarisation: .otsuWholePage, toScan: toScan) }
        }
        if case .failure(let error as CaptureError) = asScanned, error.code == .severalCards { throw error }
        switch asScanned {
        case .success(let found?): return found
        case .success(nil): guard try page.paperBrightnessRatio() > Image.unevenLighting else { return nil }
        case .failure: break
        }
        guard let even = try? timings.time("paper divided out", { try page.dividingOutPaper() }) else { return try asScanned.get() }
        switch Result(catching: { try aligned(even, toScan: toScan) }) {
        case .success(let found?): return found
        case .failure(let error) where (try? asScanned.get()) == nil: throw error
        default: return try asScanned.get()
        }
    }

    /// `alignedCoupon` on one working page, whose pixels are `toScan` times the scan's; throws
    /// `severalCards` (in the scan's pixels) when the page holds more than one card.
    private func aligned(_ page: Image, binarisation: Binarisation = .otsu, toScan: Double) throws -> Aligned? {
        let forms = configuration.forms.forms
        let binary = try page.binarised(binarisation)
        let blobs = try timings.time("find marks") { try Registration.squareBlobs(in: binary) }
        let hypotheses = try timings.time("match forms") {
            try Registration.hypotheses(for: forms, blobs: blobs, binary: binary).map { ($0.form, $0.registration) }
        }
        guard !hypotheses.isEmpty else { return nil }
        var pending = Self.likelyFirst(hypotheses)
        let cards = timings.time("match forms") { Registration.cards(on: binary, forms: forms, blobs: blobs, first: pending[0]) }
        if cards.count > 1 { throw CaptureError.severalCards(cards.map { $0.scaled(by: toScan) }) }

        var best: Aligned?
        var tried = 0
        while !pending.isEmpty, tried < 8 {
            let (form, registration) = pending.removeFirst()
            tried += 1
            guard let aligned = try align(page, form: form, registration: registration) else { continue }
            if aligned.titleSimilarity > (best?.titleSimilarity ?? -1) { best = aligned }
            if aligned.titleSimilarity > 0.85 { break }
            // Forms share a layout, so this form's title zone often shows another form's title:
            // try that form the same way up next.
            let turns = CouponPage.quarterTurns(registration)
            if let next = pending.indices.filter({ index in
                pending[index].0.id != form.id && CouponPage.quarterTurns(pending[index].1) == turns
            }).max(by: { PostcodeDirectory.similarity(aligned.title, pending[$0].0.title.text)
                         < PostcodeDirectory.similarity(aligned.title, pending[$1].0.title.text) }),
               PostcodeDirectory.similarity(aligned.title, pending[next].0.title.text) > aligned.titleSimilarity + 0.15 {
                pending.insert(pending.remove(at: next), at: 0)
            }
        }
        // Two marks fit some pair of anchors on many a page: only a form's own title makes such a
        // page a coupon, and without it the page is no coupon rather than an unknown one.
        if hypotheses.allSatisfy({ $0.1.isTwoMark }) {
            return best.flatMap { $0.titleSimilarity >= Self.twoMarkTitleSimilarity ? $0 : nil }
        }
        guard let best, best.titleSimilarity >= 0.5 else {
            throw CaptureError.unknownForm(title: best?.title ?? "")
        }
        return best
    }

    /// The least similarity of the title read to the form's for a page registered on two marks
    /// alone (`Registration.twoMarkCandidates`) to be that form's coupon.
    static let twoMarkTitleSimilarity = 0.85

    /// Reads a multi-page scan as a coupon when one page is a coupon and every other page is blank.
    ///
    /// A duplex scanner saves each card together with its back, which is usually empty: that is
    /// one coupon, not a letter. A card fed face down comes out back first, so blank pages may
    /// also come before the front. A page with anything on it besides the front makes the file
    /// a letter.
    ///
    /// The first page is tried as the front first: a letter's first page has no registration
    /// marks, so a letter costs one look for them and one clean-up of its first page, rather
    /// than a clean-up of every page. A later page that is a coupon too makes the file a batch
    /// of cards, which is refused (`CaptureError.severalCoupons`) rather than filed as a letter
    /// with the cards' data lost.
    func readDuplexCoupon(_ pages: [Image]) throws -> DocumentReading? {
        guard pages.count > 1 else { return nil }
        var blanks: [PageReading] = []
        var front: (index: Int, coupon: CouponReading, readings: [PageReading])?
        for (index, page) in pages.enumerated() {
            // Past the first page a form's marks under an unknown title are no front: a letter's
            // later page may have such marks.
            let coupon = front != nil ? nil : index == 0 ? try readCoupon(page) : try readCouponIfKnown(page)
            if case .coupon(let coupon, let readings)? = coupon {
                front = (index, coupon, readings)
                continue
            }
            let cleaned = try timings.time("preprocess") { try preprocessor.run(page) }
            guard Self.isBlank(cleaned) else {
                if let front, try isCoupon(page) {
                    throw CaptureError.severalCoupons(firstPage: front.index + 1, laterPage: index + 1)
                }
                return nil
            }
            blanks.append(PageReading(number: index + 1, width: page.width, height: page.height, resolution: page.resolution ?? 0,
                                      skewDegrees: 0, orientationDegrees: 0, text: "", confidence: 0))
        }
        guard let front else { return nil }
        let frontReadings = front.readings.map { reading in
            var numbered = reading
            numbered.number = front.index + reading.number
            return numbered
        }
        return .coupon(front.coupon, pages: (blanks + frontReadings).sorted { $0.number < $1.number })
    }

    /// `readCoupon`, with a page whose marks fit a form but whose title is no known form's read
    /// as no coupon.
    private func readCouponIfKnown(_ page: Image) throws -> DocumentReading? {
        do {
            return try readCoupon(page)
        } catch let error as CaptureError where error.code == .unknownForm {
            return nil
        }
    }

    /// Whether `page` reads as a coupon of a known form (a form's marks with a title that is not
    /// a known form's count as none: that page may belong to a letter).
    private func isCoupon(_ page: Image) throws -> Bool {
        do {
            return try alignedCoupon(page) != nil
        } catch let error as CaptureError where error.code == .unknownForm {
            return false
        }
    }

    /// The form and turn hypotheses in the order their titles are read, the likeliest first.
    ///
    /// Reading a title is the expensive part of classifying, and a title read on the wrong
    /// form or turn costs most, so the order matters: most anchors matched first, then (for
    /// two-mark hypotheses) the most of the form on the page, then anchor squares of the size
    /// the form prints (forms with the same layout differ there), then upright before turned
    /// (most scans are fed upright), then the smaller residual.
    static func likelyFirst(_ hypotheses: [(Form, Registration)]) -> [(Form, Registration)] {
        hypotheses.sorted { lhs, rhs in
            let l = lhs.1, r = rhs.1
            if l.matchedAnchors != r.matchedAnchors { return l.matchedAnchors > r.matchedAnchors }
            if l.coverage != r.coverage { return l.coverage > r.coverage }
            // In steps of 5%, so that blur and thresholding do not reorder forms of one size.
            let lSize = Int(abs(l.sizeRatio - 1) / 0.05), rSize = Int(abs(r.sizeRatio - 1) / 0.05)
            if lSize != rSize { return lSize < rSize }
            let lTurns = CouponPage.quarterTurns(l), rTurns = CouponPage.quarterTurns(r)
            if (lTurns == 0) != (rTurns == 0) { return lTurns == 0 }
            return l.residualPixels < r.residualPixels
        }
    }

    /// A scan turned upright and straight, registered to one form.
    struct Aligned {
        let form: Form
        let image: Image
        let binary: Image
        let registration: Registration
        let title: String
        let titleSimilarity: Double
        let titleConfidence: Double
        let quarterTurns: Int
        let skewDegrees: Double
    }

    /// Turns the page so the form is upright and straight, registers again, and reads the title.
    func align(_ page: Image, form: Form, registration: Registration) throws -> Aligned? {
        guard let straight = try CouponPage.straighten(page, form: form, registration: registration, clock: &timings) else {
            return nil
        }
        let engine = try engines.engine(Array(form.languages.prefix(1)))
        let zone = straight.registration.rect(for: form.title.zone, form: form)
        let upright = straight.image
        // The title is one printed line and only its text is compared: read as a single line
        // (no layout analysis), without per-character alternatives.
        let options = ReadOptions(segmentation: .singleLine, alternatives: false, readingHeight: configuration.thresholds.readingHeight)
        let title = try timings.time("title") { try engine.read(upright, rect: zone, options: options) }
        let similarity = PostcodeDirectory.similarity(title.text, form.title.text)
        return Aligned(form: form, image: upright, binary: straight.binary, registration: straight.registration, title: title.text,
                       titleSimilarity: similarity, titleConfidence: title.confidence,
                       quarterTurns: straight.quarterTurns, skewDegrees: straight.skewDegrees)
    }

    /// Reads and checks every field of an aligned coupon.
    func readFields(_ aligned: Aligned) throws -> CouponReading {
        let form = aligned.form
        // One model per form: a combined model (pol+eng) reads each line twice for little gain
        // on block capitals held to a whitelist.
        let primary = try engines.engine(Array(form.languages.prefix(1)))
        let witness = try configuration.witnessLanguages.first { $0 != Array(form.languages.prefix(1)) }
            .map { languages throws(OCRError) in try engines.engine(languages) }
        var readers: [String: FieldReader] = [:]
        func modelsFolder(for model: String) throws(OCRError) -> URL {
            guard let folder = configuration.models else {
                throw OCRError.modelMissing(language: model, directory: "models/ (no models folder found)")
            }
            return folder
        }
        func trained(_ model: String) throws(OCRError) -> Engine {
            try engines.engine([model], tessdata: modelsFolder(for: model).path)
        }
        func reader(for field: Form.Field) throws(OCRError) -> FieldReader {
            let key = [field.reader, field.witness, field.classifier, field.digits].map { $0 ?? "" }.joined(separator: "/")
            if let existing = readers[key] { return existing }
            var engine = primary, second = witness
            if let model = field.reader {
                // A trained hand-print model reads; the stock model becomes its witness, and
                // the two models' alternatives are merged box by box.
                engine = try trained(model)
                second = primary
            }
            if let model = field.witness { second = try trained(model) }
            func boxClassifier(_ name: String?) throws(OCRError) -> BoxClassifier? {
                try name.map { name throws(OCRError) in try engines.classifier(name, folder: modelsFolder(for: name)) }
            }
            let made = FieldReader(engine: engine, witness: second, classifier: try boxClassifier(field.classifier),
                                   digits: try boxClassifier(field.digits),
                                   image: aligned.image, binary: aligned.binary,
                                   registration: aligned.registration, form: form, thresholds: configuration.thresholds)
            readers[key] = made
            return made
        }
        var raws: [String: FieldReader.Raw] = [:]
        var reads = StepClock()  // each OCR call inside the fields, by field type and model
        var competingLeft = form.fields.filter(FieldReader.mayCompete).count
        for field in form.fields {
            var fieldReader = try reader(for: field)
            if FieldReader.mayCompete(field) {
                // A line without a classifier keeps the stock reading as its witness.
                fieldReader.stockCompetes = field.classifier == nil || FieldReader.stockMayStillStand(
                    competed: raws.values.filter(\.competed).count, won: raws.values.filter { $0.handprintOnly != nil }.count,
                    left: competingLeft)
                competingLeft -= 1
            }
            raws[field.name] = try timings.time("read \(field.type.rawValue)") { () throws(OCRError) in
                try fieldReader.read(field, clock: &reads)
            }
        }
        FieldReader.settlingFontLikeWriting(&raws)
        for (step, milliseconds) in reads.milliseconds { timings.add(step, milliseconds: milliseconds) }
        var lexicons: [String: NameLexicon] = [:]
        for name in Set(form.fields.compactMap(\.lexicon)) {
            let file = try modelsFolder(for: name).appendingPathComponent("lexicon/\(name).tsv.gz")
            lexicons[name] = try NameLexicon.shared(file, country: form.country)
        }
        var checker = FieldChecker(form: form, postcodes: configuration.postcodes, thresholds: configuration.thresholds,
                                   lexicons: lexicons)
        if let street = form.fields.first(where: { $0.type == .street && $0.lexicon != nil }), let name = street.lexicon {
            checker.streetTypes = try StreetTypes.shared(modelsFolder(for: name).appendingPathComponent("lexicon/street-types.tsv"))
            checker.streetNames = try NameLexicon.shared(modelsFolder(for: name).appendingPathComponent("lexicon/street-names.tsv.gz"),
                                                         country: form.country, joiningWords: true)
        }
        if let email = form.fields.first(where: { $0.type == .email && $0.lexicon != nil }), let name = email.lexicon {
            checker.domainWords = try DomainWords.shared(modelsFolder(for: name).appendingPathComponent("lexicon/\(name).tsv.gz"),
                                                         country: form.country)
        }
        if let book = configuration.learnedDomains {
            checker.learnedDomains = book.known(spelledIn: checker.domainWords, country: form.country)
        }
        let fields = checker.check(raws)
        if let book = configuration.learnedDomains, let email = fields.first(where: { $0.type == .email }) {
            book.record(address: email.value)
        }
        let quality = RegistrationQuality(residualPixels: aligned.registration.residualPixels,
                                          relativeResidual: aligned.registration.relativeResidual,
                                          scale: aligned.registration.transform.scale,
                                          rotationDegrees: Double(aligned.quarterTurns * 90) + aligned.skewDegrees,
                                          titleSimilarity: aligned.titleSimilarity,
                                          marksMatched: aligned.registration.matchedAnchors)
        return CouponReading(formID: form.id, country: form.country, registration: quality, fields: fields)
    }
}
