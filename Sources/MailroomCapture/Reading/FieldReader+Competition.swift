import MailroomImaging
import MailroomOCR

/// The stock model against the field's hand-print reader.
///
/// The stock model reads font-like writing (handwriting fonts, neat joined-up hands) far better
/// than the hand-print models, which learnt from single real handwritten characters, and is
/// then the surer of the two. On real hand print it is the less sure, but now and then it wins
/// a line by a hair on a misreading. Font-like writing is the writer's: on such a page the
/// stock model wins most lines, on hand print one at most. So a line is the stock model's only
/// on a page where it won enough lines.
extension FieldReader {
    /// Lines the stock model must win on a page (or all it read, when it read fewer) for its
    /// wins there to stand.
    ///
    /// On the tuning coupons it won 2 or more of the 5 free lines on 4 of 150 hand-printed
    /// cards (seed 12) and on 143 of 150 cards in handwriting fonts (seed 11). Without the stock
    /// model at all, the five hand-printed tuning sets (seeds 12–20) had 4.0–5.2% of their
    /// fields wrong instead of 4.3–5.7%, and the font set 15.3% instead of 10.3% (stop 60).
    static let fontLikeLines = 2

    /// One free line read by the field's reader and by the stock model.
    struct Competition {
        /// The surer reading: the field's.
        var reading: TextReading
        /// The other model's text, when both read.
        var other: String?
        /// Whether the stock model's reading won.
        var stockWon: Bool
        /// The field's own reader's reading, won or not.
        var handprint: TextReading
        /// Whether the stock model read the line too.
        var competed: Bool { other != nil }
    }

    /// A field as read without the stock model's winning line.
    struct HandprintOnly {
        var reading: TextReading
        var witness: String?
        var classified = false
        var witnessMinimum: Double?
    }

    /// The field's reader and the stock model (when there is one and a competing margin) read the
    /// line; the surer reading is the field's.
    func competingLine(_ field: Form.Field, line: CleanedLine, clock: inout StepClock) throws(OCRError) -> Competition {
        let reading = try clock.time("ocr \(field.type.rawValue)") { () throws(OCRError) in
            try readLine(field, line: line, engine: engine, alternatives: true)
        }
        guard stockCompetes, let witness, let margin = thresholds.competingMargin else {
            return Competition(reading: reading, other: nil, stockWon: false, handprint: reading)
        }
        let stock = try clock.time("ocr \(field.type.rawValue) witness") { () throws(OCRError) in
            try readLine(field, line: line, engine: witness, alternatives: true)
        }
        if !stock.text.isEmpty, stock.confidence > reading.confidence + margin {
            return Competition(reading: stock, other: reading.text, stockWon: true, handprint: reading)
        }
        return Competition(reading: reading, other: stock.text, stockWon: false, handprint: reading)
    }

    /// Whether the stock model may read `field` in competition with its reader.
    static func mayCompete(_ field: Form.Field) -> Bool {
        field.reader != nil && field.type != .tick && (field.boxes ?? 1) <= 1
    }

    /// Whether the stock model's wins on a page can still stand, with `competed` lines read by
    /// both models so far, `won` of them by the stock model, and at most `left` such lines to
    /// come: once no outcome of the lines left reaches `fontLikeLines`, reading them with the
    /// stock model changes nothing (its wins would be undone).
    static func stockMayStillStand(competed: Int, won: Int, left: Int) -> Bool {
        competed < fontLikeLines || won + left >= fontLikeLines
    }

    /// The page's fields with the stock model's wins undone unless it won at least
    /// `fontLikeLines` of the lines it read (all of them, when it read fewer).
    static func settlingFontLikeWriting(_ raws: inout [String: Raw]) {
        let competed = raws.values.filter(\.competed).count
        let won = raws.filter { $0.value.handprintOnly != nil }.map(\.key)
        guard !won.isEmpty, won.count < min(fontLikeLines, competed) else { return }
        for name in won {
            guard var raw = raws[name], let plain = raw.handprintOnly else { continue }
            raw.reading = plain.reading
            raw.witness = plain.witness
            raw.classified = plain.classified
            raw.witnessMinimum = plain.witnessMinimum
            raw.handprintOnly = nil
            raws[name] = raw
        }
    }
}
