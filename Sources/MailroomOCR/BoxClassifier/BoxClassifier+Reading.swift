import Foundation
import MailroomImaging

extension BoxClassifier {
    /// Reads the character in one comb box of `image`, or nil when the box holds no stroke.
    ///
    /// The crop reaches a little past the box, for strokes that spill over its line; only
    /// strokes reaching the middle of the box count, so a neighbour's spill is not read.
    /// Every label with at least half a percent of probability is kept as an alternative.
    public func read(_ image: Image, box: PixelRect) throws(OCRError) -> CharacterReading? {
        let spill = max(1, box.width / 8)
        let area = PixelRect(x: box.x - spill, y: box.y - spill, width: box.width + 2 * spill, height: box.height + 2 * spill)
        let crop: (rect: PixelRect, pixels: [UInt8])
        do { crop = try image.greyPixels(in: area) } catch { throw .recognitionFailed("box \(box): \(error)") }
        guard !crop.rect.isEmpty else { return nil }
        let core = box.insetBy(max(1, min(box.width, box.height) / 5))
        let glyph = GlyphImage(grey: crop.pixels, width: crop.rect.width, height: crop.rect.height)
            .keepingStrokes(touching: (core.x - crop.rect.x, core.y - crop.rect.y, core.width, core.height))
        guard let input = glyph?.normalised() else { return nil }
        let alternatives = alternatives(probabilities(input), among: labels.indices)
        guard let best = alternatives.first else { return nil }
        return CharacterReading(text: best.text, confidence: best.confidence, alternatives: alternatives, box: box)
    }
}

extension BoxClassifier {
    /// At most this many pieces make one character.
    static let piecesPerCharacter = 4
    /// What each character costs a line's score (a log-probability).
    static let characterCost = 0.15

    /// Reads a hand-printed line character by character (see `GlyphLine`).
    ///
    /// `area` is the part of the page to look at, `zone` the writing zone inside it: strokes
    /// centred outside the zone (a printed label above) are not the line's. Only characters in
    /// `whitelist` are considered, when one is given; each keeps every label with at least half
    /// a percent of probability as an alternative. `digits`, a classifier of digits alone, then
    /// weighs the digits among a character's alternatives (see `weighingDigits`).
    public func readLine(_ image: Image, area: PixelRect, zone: PixelRect, whitelist: String? = nil,
                         digits: BoxClassifier? = nil) throws(OCRError) -> TextReading {
        let crop: (rect: PixelRect, pixels: [UInt8])
        do { crop = try image.greyPixels(in: area) } catch { throw .recognitionFailed("line \(area): \(error)") }
        guard !crop.rect.isEmpty else { return .empty }
        let ink = GlyphImage(grey: crop.pixels, width: crop.rect.width, height: crop.rect.height)
        let line = GlyphLine(ink: ink, bandTop: zone.y - crop.rect.y, bandBottom: zone.maxY - crop.rect.y)
        let allowed = labels.indices.filter { index in
            whitelist.map { $0.contains(labels[index]) || $0.contains(labels[index].lowercased()) } ?? true
        }
        // Segmentation by recognition: the pieces are joined into characters the way that makes
        // the classifier surest of the whole line (each character costs a little, so a letter is
        // not read as two confident halves).
        func read(_ range: Range<Int>) -> CharacterReading? {
            let pieces = line.pieces[range]
            let box = PixelRect(x: crop.rect.x + pieces.map(\.minX).min()!, y: crop.rect.y + pieces.map(\.minY).min()!,
                                width: pieces.map(\.maxX).max()! - pieces.map(\.minX).min()! + 1,
                                height: pieces.map(\.maxY).max()! - pieces.map(\.minY).min()! + 1)
            // A slash the field cannot hold is a letter's stroke (a leaning I or 1): read it as one.
            if range.count == 1, let mark = pieces.first?.mark, mark != "/" || whitelist?.contains(mark) ?? true {
                guard whitelist?.contains(mark) ?? true else { return nil }
                // A slash keeps what the classifier makes of its stroke, for a reader that
                // finds no number around it.
                var kept = [Alternative(mark, confidence: 95)]
                if mark == "/", let input = line.glyph(of: range).normalised() {
                    kept += alternatives(probabilities(input), among: allowed)
                }
                return CharacterReading(text: mark, confidence: 95, alternatives: kept, box: box)
            }
            guard !allowed.isEmpty, let input = line.glyph(of: range).normalised() else { return nil }
            var alternatives = alternatives(probabilities(input), among: allowed)
            if let digits { alternatives = digits.weighingDigits(in: alternatives, input: input) }
            guard let best = alternatives.first else { return nil }
            return CharacterReading(text: best.text, confidence: best.confidence, alternatives: alternatives, box: box)
        }
        let count = line.pieces.count
        var score = [Double](repeating: -.infinity, count: count + 1)
        var choice = [(start: Int, reading: CharacterReading?)](repeating: (0, nil), count: count + 1)
        score[0] = 0
        for end in stride(from: 1, through: count, by: 1) {
            for start in stride(from: end - 1, through: max(0, end - Self.piecesPerCharacter), by: -1) {
                guard line.canJoin(start..<end) else { break }
                let reading = read(start..<end)
                let gain = reading.map { Foundation.log(max($0.confidence / 100, 1e-6)) - Self.characterCost } ?? 0
                if score[start] + gain > score[end] {
                    score[end] = score[start] + gain
                    choice[end] = (start, reading)
                }
            }
        }
        var characters: [CharacterReading] = []
        var end = count
        while end > 0 {
            let (start, reading) = choice[end]
            if var reading {
                reading.startsWord = line.pieces[start].startsWord && (whitelist?.contains(" ") ?? true)
                characters.append(reading)
            }
            end = start
        }
        characters.reverse()
        if !characters.isEmpty { characters[0].startsWord = false }
        return TextReading(characters: characters)
    }
}

extension BoxClassifier {
    /// The least share of a character's probability on digits for a digit classifier to weigh them.
    public static let digitShareToWeigh = 0.1

    /// `alternatives` with the digits among them weighed by this classifier of digits alone:
    /// their share of the probability stays, split among the digits as this classifier splits
    /// it for the same glyph.
    ///
    /// A classifier of letters and digits together spends its capacity telling 2 from Z and 5
    /// from S; one trained on digits alone, on more real digits, tells a 7 from a 4 better (the
    /// tuning coupons' e-mail digits: 11.5% wrong before, 8.3% after). Whether the glyph is a
    /// digit at all stays the character classifier's judgement.
    func weighingDigits(in alternatives: [Alternative], input: [Float]) -> [Alternative] {
        let isDigitLabel = { (text: String) in text.count == 1 && text.first?.isNumber == true }
        let share = alternatives.filter(\.isDigit).reduce(0) { $0 + $1.confidence } / 100
        guard share >= Self.digitShareToWeigh else { return alternatives }
        let digits = self.alternatives(probabilities(input), among: labels.indices.filter { isDigitLabel(labels[$0]) })
        guard !digits.isEmpty else { return alternatives }
        return (alternatives.filter { !$0.isDigit } + digits.map { Alternative($0.text, confidence: $0.confidence * share) })
            .filter { $0.confidence >= 0.5 }
            .likeliestFirst
    }

    /// The labels at `indices` with their probability renormalised among them (as it comes
    /// when they are all the labels), best first; those under half a percent are dropped.
    func alternatives(_ chances: [Float], among indices: some Collection<Int>) -> [Alternative] {
        let total = indices.count == labels.count ? 1 : max(indices.reduce(Float(0)) { $0 + chances[$1] }, .leastNormalMagnitude)
        return indices.map { (labels[$0], chances[$0] / total) }
            .filter { $0.1 >= 0.005 }
            .sorted { $0.1 > $1.1 }
            .map { Alternative($0.0, confidence: Double($0.1) * 100) }
    }
}
