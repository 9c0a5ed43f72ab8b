import MailroomImaging
import MailroomOCR

/// Reads the raw contents of a registered coupon's fields, before any checking.
///
/// Comb fields are read box by box as single characters, so every position keeps its own
/// alternatives for the postcode cross-check; free fields are read as one line; tick boxes
/// are decided from the ink inside the box, an optical-mark check rather than OCR.
struct FieldReader {
    let engine: Engine
    /// A second model whose independent reading of free-text fields must agree before they are
    /// trusted: Tesseract's own confidence is high even when it misreads handwriting.
    let witness: Engine?
    /// Reads each comb box on its own, when the field names one; the line model then witnesses.
    let classifier: BoxClassifier?
    /// Weighs the digits among the characters `classifier` cuts from a free line, when the field names one.
    let digits: BoxClassifier?
    /// The straightened page, form boxes dropped out.
    let image: Image
    /// The same page in black and white, for ink measurements.
    let binary: Image
    let registration: Registration
    let form: Form
    let thresholds: Thresholds
    /// Whether the stock model reads free lines in competition: not once its wins on the page
    /// can no longer stand (`FieldReader.settlingFontLikeWriting`).
    var stockCompetes = true

    /// What was read from one field, with no judgement yet.
    struct Raw {
        var reading: TextReading
        var box: PixelRect
        /// For tick boxes: the ink fraction inside the box.
        var ink: Double?
        /// For tick boxes: the ink fraction counted against the box's own paper, which keeps
        /// strokes too faint for the black-and-white page.
        var faintInk: Double?
        /// Whether the zone holds writing, read or not: an empty reading of a written zone is
        /// a failure to read, never an empty field.
        var written = false
        /// The witness model's reading, when one read the field.
        var witness: String?
        /// Whether a character classifier's reading is the field's (its probabilities, not
        /// Tesseract's confidences, then judge the characters).
        var classified = false
        /// The weakest character of a classifier witness's reading, when a classifier witnessed.
        var witnessMinimum: Double?
        /// Comb fields: boxes the form does not print that were left empty between written ones.
        var skippedBoxes = 0
        /// Whether part of the field's zone lies off the scan (a card cut off at one side): what
        /// is read there, or not read, says nothing of what was written.
        var offPage = false
        /// Whether the stock model read this free line in competition with the field's reader.
        var competed = false
        /// When the stock model's reading won the line: the field as read without it, for a
        /// page whose other lines show no font-like writing (`FieldReader.settlingFontLikeWriting`).
        var handprintOnly: HandprintOnly?
    }

    func read(_ field: Form.Field, clock: inout StepClock) throws(OCRError) -> Raw {
        let zone = registration.rect(for: field.zone, form: form)
        var raw = try read(field, zone: zone, clock: &clock)
        raw.offPage = zone.clamped(width: image.width, height: image.height) != zone
        return raw
    }

    private func read(_ field: Form.Field, zone: PixelRect, clock: inout StepClock) throws(OCRError) -> Raw {
        switch field.type {
        case .tick:
            let inset = zone.insetBy(max(2, min(zone.width, zone.height) / 6))
            return Raw(reading: .empty, box: zone, ink: binary.inkFraction(in: inset), faintInk: faintInkFraction(in: inset))
        default:
            if let boxes = field.boxes, boxes > 1 { return try readComb(field, zone: zone, boxes: boxes, clock: &clock) }
            guard hasWriting(in: zone) else { return Raw(reading: .empty, box: zone) }
            var raw = try readFree(field, zone: zone, clock: &clock)
            raw.written = true
            return raw
        }
    }

    /// Reads a free (unboxed) field that holds writing: by the character classifier when there
    /// is one, else as a line.
    private func readFree(_ field: Form.Field, zone: PixelRect, clock: inout StepClock) throws(OCRError) -> Raw {
        if let classifier { return try readClassified(field, zone: zone, classifier: classifier, clock: &clock) }
        // A trained hand-print model and the stock model read the line in competition: the
        // more confident reading is the field's, the other its witness. Otherwise the town is
        // checked against the postcode directory instead, a stronger witness.
        let line = try cleanedLine(zone)
        if field.reader != nil, thresholds.competingMargin != nil {
            let competition = try competingLine(field, line: line, clock: &clock)
            var raw = Raw(reading: competition.reading, box: zone, witness: competition.other)
            raw.competed = competition.competed
            if competition.stockWon {
                raw.handprintOnly = HandprintOnly(reading: competition.handprint, witness: competition.reading.text)
            }
            return raw
        }
        let reading = try clock.time("ocr \(field.type.rawValue)") { () throws(OCRError) in
            try readLine(field, line: line, engine: engine, alternatives: true)
        }
        var witnessText: String?
        if let witness, !reading.text.isEmpty, field.type != .town {
            witnessText = try clock.time("ocr \(field.type.rawValue) witness") { () throws(OCRError) in
                try readLine(field, line: line, engine: witness, alternatives: false)
            }.text
        }
        return Raw(reading: reading, box: zone, witness: witnessText)
    }

    /// Reads a free-text field character by character with the classifier; the line model's
    /// reading of the same line is its witness, and lends its alternatives where its characters
    /// fall on the classifier's.
    private func readClassified(_ field: Form.Field, zone: PixelRect, classifier: BoxClassifier,
                                clock: inout StepClock) throws(OCRError) -> Raw {
        let cleaned = try cleanedLine(zone)
        let reading = try clock.time("classify \(field.type.rawValue)") { () throws(OCRError) in
            let inCrop = PixelRect(x: zone.x - cleaned.area.x, y: zone.y - cleaned.area.y, width: zone.width, height: zone.height)
            return Self.shifted(try classifier.readLine(cleaned.image, area: cleaned.whole, zone: inCrop, whitelist: field.whitelist,
                                                       digits: digits),
                                by: cleaned.area)
        }
        // The stock model reads font-like writing far better than either hand-print reader, and
        // is surer of it than the hand-print model; on real handwriting it is the less sure.
        let competition = try competingLine(field, line: cleaned, clock: &clock)
        var raw = combined(field, zone: zone, classified: reading, line: competition.reading, fontLike: competition.stockWon)
        raw.competed = competition.competed
        if competition.stockWon {
            let plain = combined(field, zone: zone, classified: reading, line: competition.handprint, fontLike: false)
            raw.handprintOnly = HandprintOnly(reading: plain.reading, witness: plain.witness, classified: plain.classified,
                                              witnessMinimum: plain.witnessMinimum)
        }
        return raw
    }

    /// The field from the classifier's reading and the line model's (the stock model's when it
    /// won the line as font-like writing).
    private func combined(_ field: Form.Field, zone: PixelRect, classified reading: TextReading, line competed: TextReading,
                          fontLike: Bool) -> Raw {
        // Joined-up writing defeats the cut (one piece for two letters that touch): there the
        // classifier cannot witness that a character was read twice.
        let line = fontLike ? competed : competed.keepingDoubleReadingsOnce(seenOnceBy: reading)
        let classified = (field.type == .street ? reading.keepingNumberSlashes : reading).settlingLettersAndDigits(email: field.type == .email)
        // Letters that run together (joined-up writing, some fonts) defeat cutting the line by
        // its strokes: when the classifier found far more or fewer characters than the line
        // model, or none, or the writing is font-like, the line model's reading is the field's.
        let found = classified.characters.count, lineCount = line.characters.count
        let segmented = found > 0 && abs(found - lineCount) * 5 <= max(found, lineCount)
        if thresholds.classifierLeadsLines, segmented, !fontLike || line.text.isEmpty {
            return Raw(reading: Self.lending(line, to: classified), box: zone, witness: line.text, classified: true)
        }
        var value = Self.lending(classified, to: line).settlingLettersAndDigits(email: field.type == .email,
                                                                                houseNumbers: field.type == .street)
        if field.type == .email { value = Self.insertingMarks(from: classified, into: value, allowed: field.whitelist ?? ".-_") }
        if field.type == .email, !fontLike { value = value.takingClassifierDigits(from: classified, alternatives: true) }
        // Digits are where the classifier beats the line model on real handwriting; on
        // font-like writing the line model reads them better (tried: 4 more of 40 streets wrong).
        if field.type == .street, !fontLike {
            value = value.takingClassifierDigits(from: classified)
            // The classifier's cut tells a flat number's slash by its shape, where the line model
            // read a 1 or nothing (`1161B`, `128A` for 116/B, 128/A); only a slash that stands
            // in a number in the result too is taken.
            let slashed = Self.insertingMarks(from: classified, into: value, allowed: "/")
            if slashed.keepingNumberSlashes.text == slashed.text { value = slashed }
        }
        return Raw(reading: value, box: zone, witness: classified.text, classified: false,
                   witnessMinimum: classified.characters.isEmpty ? nil : classified.minimumConfidence)
    }

    /// `reading` with the alternatives of `other`'s character at each of its characters merged in.
    static func lending(_ other: TextReading, to reading: TextReading) -> TextReading {
        var lent = reading
        for index in lent.characters.indices {
            let over = other.charactersUnder(lent.characters[index].box)
            if let best = over.max(by: { $0.confidence < $1.confidence }), let merged = merged(lent.characters[index], best) {
                lent.characters[index] = merged
            }
        }
        return lent
    }

    /// Handwriting rises above and dips below its line: a field is read a little beyond its zone.
    func writingArea(_ zone: PixelRect) -> PixelRect {
        let grow = zone.height / 5
        return PixelRect(x: zone.x - grow, y: zone.y - grow, width: zone.width + 2 * grow, height: zone.height + 2 * grow)
    }

    /// Whether the middle of a free field holds any ink at all, however pale.
    private func hasWriting(in zone: PixelRect) -> Bool {
        let middle = zone.insetBy(zone.height / 10)
        return binary.inkFraction(in: middle) >= thresholds.emptyBoxInk / 4
            || faintInkFraction(in: middle) >= thresholds.emptyBoxInk / 2
    }

    /// The ink in `rect` measured against its own paper on the grey page.
    ///
    /// The black-and-white page is thresholded by tiles, and a tile holding dark print loses
    /// pale pencil or thin grey strokes beside it: whole fields of faint writing came out empty.
    private func faintInkFraction(in rect: PixelRect) -> Double {
        (try? image.contrastInkFraction(in: rect)) ?? 0
    }

    /// Reads a free-text field as one line.
    func readLine(_ field: Form.Field, line: CleanedLine, engine: Engine, alternatives: Bool) throws(OCRError) -> TextReading {
        var reading = Self.shifted(try engine.read(line.image, rect: line.whole, options: ReadOptions(
            segmentation: .singleLine, whitelist: field.whitelist, alternatives: alternatives, readingHeight: thresholds.readingHeight)),
            by: line.area)
        reading.text = reading.text.trimmingCharacters(in: .whitespaces)
        return reading
    }

    /// Reads a comb field: the whole row as one line, each character assigned to its box.
    ///
    /// Reading the row at once gives Tesseract's line model the context it is trained on and
    /// costs one call instead of one per box; a box with ink but no character assigned is
    /// then read on its own as a single character.
    private func readComb(_ field: Form.Field, zone: PixelRect, boxes: Int, clock: inout StepClock) throws(OCRError) -> Raw {
        let step = Double(zone.width) / Double(boxes)
        let boxRects = (0..<boxes).map { index in
            PixelRect(x: zone.x + Int((Double(index) * step).rounded()), y: zone.y, width: Int(step.rounded()), height: zone.height)
        }
        let middles = boxRects.map { $0.insetBy(max(1, $0.width / 8)) }
        let ink = middles.map { binary.inkFraction(in: $0) }
        var inked = ink.map { $0 >= thresholds.emptyBoxInk }
        if !inked.contains(true) {
            // Faint or thin writing that reaches the threshold in no box is still writing: an
            // empty value must mean empty boxes, never an unread field.
            inked = ink.map { $0 >= thresholds.emptyBoxInk / 4 }
        }
        // Strokes too pale for the black-and-white page still fill a box: measured against the
        // box's own paper an empty box holds almost nothing, a written one a tenth or more.
        for index in inked.indices where !inked[index] && faintInkFraction(in: middles[index]) >= thresholds.emptyBoxInk * 2 {
            inked[index] = true
        }
        let area = writingArea(zone)
        let options = ReadOptions(segmentation: .singleLine, whitelist: field.whitelist, readingHeight: thresholds.readingHeight)
        let line = inked.contains(true)
            ? try clock.time("ocr \(field.type.rawValue)") { () throws(OCRError) in try engine.read(image, rect: area, options: options) }
            : .empty
        var assigned = assign(line, zone: zone, step: step, field: field)
        var witnessed: [CharacterReading?]?
        if let classifier {
            // The classifier reads each box; the line model's reading is its witness, and the
            // two models' alternatives are merged for the cross-check.
            let classified = try clock.time("classify \(field.type.rawValue)") { () throws(OCRError) in
                try boxRects.indices.map { index throws(OCRError) in
                    inked[index] && field.printed?[index] == nil ? try classifier.read(image, box: boxRects[index]) : nil
                }
            }
            witnessed = assigned
            assigned = zip(classified, assigned).map { mine, other in Self.merged(mine, other) }
        } else if let witness, inked.contains(true) {
            let read = try clock.time("ocr \(field.type.rawValue) witness") { () throws(OCRError) in
                try witness.read(image, rect: area, options: options)
            }
            let second = assign(read, zone: zone, step: step, field: field)
            witnessed = second
            assigned = zip(assigned, second).map { mine, other in Self.merged(mine, other) }
        }
        var characters: [CharacterReading] = []
        var pendingSpace = false
        for (index, box) in boxRects.enumerated() {
            if let printed = field.printed?[index] {
                characters.append(CharacterReading(text: printed, confidence: 100,
                                                   alternatives: [Alternative(printed, confidence: 100)], box: box))
                continue
            }
            guard inked[index] else {
                pendingSpace = !characters.isEmpty
                continue
            }
            var character: CharacterReading
            if let found = assigned[index] {
                character = found
            } else {
                let spill = box.width / 8
                let single = PixelRect(x: box.x - spill, y: box.y - spill, width: box.width + 2 * spill, height: box.height + 2 * spill)
                let reading = try clock.time("ocr \(field.type.rawValue) single") { () throws(OCRError) in
                    try engine.read(image, rect: single, options: ReadOptions(segmentation: .singleCharacter, whitelist: field.whitelist,
                                                                                    readingHeight: thresholds.readingHeight))
                }
                character = reading.characters.max { $0.confidence < $1.confidence }
                    ?? CharacterReading(text: "?", confidence: 0, alternatives: [], box: box)
            }
            character.box = box
            character.startsWord = pendingSpace && [.name, .street, .town, .text].contains(field.type)
            pendingSpace = false
            characters.append(character)
        }
        let witnessText = witnessed.map { second in
            (0..<boxes).compactMap { index in field.printed?[index] ?? (inked[index] ? (second[index]?.text ?? "?") : nil) }.joined()
        }
        var raw = Raw(reading: TextReading(characters: characters), box: zone, written: inked.contains(true), witness: witnessText)
        if let first = inked.firstIndex(of: true), let last = inked.lastIndex(of: true) {
            raw.skippedBoxes = (first...last).filter { !inked[$0] && field.printed?[$0] == nil }.count
        }
        return raw
    }

    /// One box as two models read it: the first model's character with both models'
    /// alternatives; a box the first model missed takes the other's reading.
    static func merged(_ first: CharacterReading?, _ second: CharacterReading?) -> CharacterReading? {
        guard var mine = first else { return second }
        guard let other = second else { return mine }
        var merged: [String: Double] = [:]
        for alternative in mine.alternatives + other.alternatives {
            merged[alternative.text] = max(merged[alternative.text] ?? 0, alternative.confidence)
        }
        mine.alternatives = merged.map { Alternative($0.key, confidence: $0.value) }
            .likeliestFirst
        return mine
    }

    /// Puts each character of a line reading into the comb box its centre falls in.
    private func assign(_ line: TextReading, zone: PixelRect, step: Double, field: Form.Field) -> [CharacterReading?] {
        let boxes = field.boxes ?? 1
        var assigned = [CharacterReading?](repeating: nil, count: boxes)
        for character in line.characters {
            let centre = Double(character.box.x) + Double(character.box.width) / 2
            let index = Int((centre - Double(zone.x)) / step)
            guard index >= 0, index < boxes, field.printed?[index] == nil else { continue }
            if assigned[index].map({ $0.confidence < character.confidence }) ?? true { assigned[index] = character }
        }
        return assigned
    }
}

