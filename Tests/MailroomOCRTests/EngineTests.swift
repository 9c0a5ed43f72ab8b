import Dispatch
import Synchronization
import Foundation
import MailroomImaging
import MailroomOCR
import MailroomTestSupport
import Testing

@Suite("The Tesseract engine")
struct EngineTests {
    let reader = ImageReader()

    func image(_ name: String) throws -> Image {
        try #require(try reader.read(TestPaths.fixture(name)).first)
    }

    @Test("reads a printed line exactly")
    func readsLine() throws {
        let engine = try Engine()
        let reading = try engine.read(image("line-address.png"))
        #expect(reading.text == "Via Roma 12, 20121 Milano")
        #expect(reading.confidence > 80)
        #expect(reading.characters.count == reading.text.filter { $0 != " " }.count)
    }

    @Test("one engine reads many images without being rebuilt")
    func reuse() throws {
        let engine = try Engine()
        let first = try engine.read(image("line-address.png")).text
        let second = try engine.read(image("line-mixed.png")).text
        let again = try engine.read(image("line-address.png")).text
        #expect(first == again)
        #expect(second.contains("ORD-2026-004512"))
    }

    @Test("a whitelist constrains the output to its characters")
    func whitelist() throws {
        let engine = try Engine()
        let digits = try engine.read(image("line-address.png"), options: ReadOptions(whitelist: "0123456789"))
        #expect(!digits.text.isEmpty)
        #expect(digits.text.allSatisfy { $0.isNumber || $0 == " " })
        // The whitelist is per call: the next read sees letters again.
        #expect(try engine.read(image("line-address.png")).text.contains("Milano"))
    }

    @Test("a rectangle is read on its own")
    func rectangle() throws {
        let engine = try Engine()
        let line = try image("line-address.png")
        let full = try engine.read(line)
        let milano = try #require(full.characters.firstIndex { $0.text == "M" })
        let left = full.characters[milano].box.x - 4
        let rect = PixelRect(x: left, y: 0, width: line.width - left, height: line.height)
        #expect(try engine.read(line, rect: rect, options: ReadOptions(segmentation: .singleWord)).text == "Milano")
    }

    @Test("a region scaled down to its reading height reads the same, with boxes where the characters are")
    func readingHeight() throws {
        let engine = try Engine()
        let line = try image("line-address.png").padded(by: 60)
        let whole = PixelRect(x: 0, y: 0, width: line.width, height: line.height)
        let full = try engine.read(line, rect: whole)
        let scaled = try engine.read(line, rect: whole, options: ReadOptions(readingHeight: 64))
        #expect(scaled.text == full.text)
        #expect(scaled.characters.count == full.characters.count)
        for (small, large) in zip(scaled.characters, full.characters) {
            // 240 px read at 64: a box edge lands within a scaled pixel or two of the full read's.
            #expect(abs(small.box.x - large.box.x) <= 8 && abs(small.box.maxX - large.box.maxX) <= 8)
            #expect(abs(small.box.y - large.box.y) <= 8 && abs(small.box.maxY - large.box.maxY) <= 8)
        }
        // A region within a quarter of the height is read as it is.
        let near = try engine.read(line, rect: whole, options: ReadOptions(readingHeight: 200))
        #expect(near == full)
    }

    @Test("a read without alternatives gives the same text, and the next read has them again")
    func withoutAlternatives() throws {
        let engine = try Engine()
        let line = try image("line-address.png")
        let before = engine.recognitionNanoseconds
        let plain = try engine.read(line, options: ReadOptions(alternatives: false))
        #expect(engine.recognitionNanoseconds > before)
        let full = try engine.read(line)
        #expect(plain.text == full.text)
        #expect(full.characters.contains { $0.alternatives.count > 1 })
    }

    @Test("each character carries ranked alternatives with confidences")
    func alternatives() throws {
        let engine = try Engine()
        let reading = try engine.read(image("line-address.png"))
        for character in reading.characters {
            #expect(!character.alternatives.isEmpty)
            #expect(character.alternatives[0].text == character.text)
            #expect(character.alternatives.map(\.confidence) == character.alternatives.map(\.confidence).sorted(by: >))
        }
        #expect(reading.characters.contains { $0.alternatives.count > 1 })
    }

    @Test("a pattern with a whitelist reads a postcode region")
    func pattern() throws {
        let engine = try Engine()
        let line = try image("line-address.png")
        let full = try engine.read(line)
        let start = try #require(full.characters.indices.first { full.characters[$0].text == "2" && full.characters[$0].startsWord })
        let box = full.characters[start].box
        let end = full.characters[start + 4].box
        let rect = PixelRect(x: box.x - 3, y: 0, width: end.maxX - box.x + 6, height: line.height)
        let options = ReadOptions(segmentation: .singleWord, whitelist: "0123456789", pattern: "[0-9]{5}")
        #expect(try engine.read(line, rect: rect, options: options).text == "20121")
    }

    @Test("a full page comes back as blocks, lines and words in reading order")
    func page() throws {
        let engine = try Engine()
        let page = try engine.readPage(image("page-english.png"))
        #expect(page.lines.count == 7)
        #expect(page.lines.first?.text == "Dear Customer Service,")
        #expect(page.text.contains("K-123456"))
        #expect(page.words.allSatisfy { !$0.box.isEmpty && $0.confidence > 0 })
        let tops = page.lines.map(\.box.y)
        #expect(tops == tops.sorted())
    }

    @Test("engines on several threads give the same results as one thread")
    func threads() throws {
        let names = ["line-address.png", "line-mixed.png", "page-english.png"]
        let single = try Engine()
        let expected = try names.map { try single.read(image($0), options: ReadOptions(segmentation: .auto)).text }
        let workers = 3
        let results = Mutex<[[String]]>(Array(repeating: [], count: workers))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            // Each thread owns its engine and its images.
            guard let engine = try? Engine() else { return }
            let reader = ImageReader()
            var texts: [String] = []
            for round in 0..<2 {
                for name in names {
                    guard let image = try? reader.read(TestPaths.fixture(name)).first,
                          let text = try? engine.read(image, options: ReadOptions(segmentation: .auto)).text else { continue }
                    if round == 1 { texts.append(text) }
                }
            }
            results.withLock { $0[worker] = texts }
        }
        for texts in results.withLock({ $0 }) { #expect(texts == expected) }
    }

    @Test("a missing model gives an error naming the Debian package")
    func missingModel() throws {
        let error = #expect(throws: OCRError.self) { try Engine(.init(languages: ["xyz"])) }
        #expect(error?.code == .modelMissing)
        #expect(error?.description.contains("tesseract-ocr-xyz") == true)
    }

    @Test("a wrong tessdata path gives an error naming the folder")
    func wrongPath() throws {
        let error = #expect(throws: OCRError.self) { try Engine(.init(tessdata: "/nonexistent/tessdata")) }
        #expect(error?.code == .modelMissing)
        #expect(error?.description.contains("/nonexistent/tessdata") == true)
    }

    @Test("a damaged model file fails cleanly instead of crashing")
    func damagedModel() throws {
        let folder = try TestPaths.temporaryDirectory("tessdata")
        try Data(repeating: 7, count: 4096).write(to: folder.appendingPathComponent("eng.traineddata"))
        let error = #expect(throws: OCRError.self) { try Engine(.init(tessdata: folder.path)) }
        #expect(error?.code == .initialisationFailed)
    }
}
