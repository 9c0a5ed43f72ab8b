@testable import MailroomCapture
import MailroomImaging
import MailroomOCR
import Testing

@Suite("The stock model's lines stand only on a page of font-like writing")
struct FontLikeWritingTests {
    static func reading(_ text: String) -> TextReading {
        TextReading(characters: text.enumerated().map { index, character in
            CharacterReading(text: String(character), confidence: 90, alternatives: [Alternative(String(character), confidence: 90)],
                             box: PixelRect(x: index * 10, y: 0, width: 10, height: 10))
        })
    }

    /// A free line both models read; `stock` is the stock model's winning reading, if it won.
    static func line(_ handprint: String, stock: String? = nil) -> FieldReader.Raw {
        var raw = FieldReader.Raw(reading: reading(stock ?? handprint), box: PixelRect(x: 0, y: 0, width: 100, height: 10),
                                  written: true, witness: stock == nil ? "STOCK" : handprint)
        raw.competed = true
        if stock != nil {
            raw.handprintOnly = FieldReader.HandprintOnly(reading: reading(handprint), witness: "CUT", classified: true,
                                                          witnessMinimum: 80)
        }
        return raw
    }

    @Test("one line won on a hand-printed page is read as the hand-print reader read it")
    func loneWinUndone() {
        var raws = ["surname": Self.line("ROSSI"), "first_name": Self.line("LUCA", stock: "LUCIA"),
                    "street": Self.line("VIA ROMA 12"), "town": Self.line("BARI"), "email": Self.line("L.ROSSI@EXAMPLE.IT")]
        FieldReader.settlingFontLikeWriting(&raws)
        let name = raws["first_name"]
        #expect(name?.reading.text == "LUCA")
        #expect(name?.witness == "CUT")
        #expect(name?.classified == true)
        #expect(name?.witnessMinimum == 80)
        #expect(name?.handprintOnly == nil)
        #expect(raws["surname"]?.reading.text == "ROSSI")
    }

    @Test("two or more lines won: the page is font-like and the stock model's readings stand")
    func fontLikePageKept() {
        var raws = ["surname": Self.line("R0SSI", stock: "ROSSI"), "first_name": Self.line("LUCA", stock: "LUCIA"),
                    "street": Self.line("VIA ROMA 12"), "town": Self.line("BARI")]
        FieldReader.settlingFontLikeWriting(&raws)
        #expect(raws["surname"]?.reading.text == "ROSSI")
        #expect(raws["first_name"]?.reading.text == "LUCIA")
        #expect(raws["first_name"]?.handprintOnly != nil)
    }

    @Test("a page with a single line both models read keeps the stock model's win on it")
    func singleLineKept() {
        var lone = ["town": Self.line("BARl", stock: "BARI")]
        FieldReader.settlingFontLikeWriting(&lone)
        #expect(lone["town"]?.reading.text == "BARI")
        // Lines only one model read (combs, empty fields) do not count.
        var withCombs = lone
        withCombs["postcode"] = FieldReader.Raw(reading: Self.reading("70123"), box: PixelRect(x: 0, y: 0, width: 50, height: 10))
        FieldReader.settlingFontLikeWriting(&withCombs)
        #expect(withCombs["town"]?.reading.text == "BARI")
    }
}

extension FontLikeWritingTests {
    @Test("the stock model stops reading a page's lines once its wins there can no longer stand")
    func stockStopsReading() {
        // Four lines read, none won, one left: even winning it, one win would be undone.
        #expect(!FieldReader.stockMayStillStand(competed: 4, won: 0, left: 1))
        // Two lines left could still make two wins.
        #expect(FieldReader.stockMayStillStand(competed: 3, won: 0, left: 2))
        #expect(FieldReader.stockMayStillStand(competed: 4, won: 1, left: 1))
        // On a page of one competing line so far, a single win may stand.
        #expect(FieldReader.stockMayStillStand(competed: 1, won: 0, left: 1))
        #expect(FieldReader.stockMayStillStand(competed: 0, won: 0, left: 1))
    }
}
