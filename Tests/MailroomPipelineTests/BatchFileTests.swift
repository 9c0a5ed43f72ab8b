import Foundation
import MailroomCapture
import MailroomImaging
import MailroomMail
import MailroomPipeline
import MailroomStore
import MailroomTestSupport
import Testing

@Suite("Scan files holding several documents", .serialized)
struct BatchFileTests {
    /// A multi-page TIFF of two sample cards, the first with a blank back, and a letter page.
    static func batchFile(in folder: URL) throws -> URL {
        let samples = try FileManager.default.contentsOfDirectory(at: TestPaths.samples, includingPropertiesForKeys: nil)
        let urls = Array(samples.filter { $0.lastPathComponent.hasPrefix("coupon-") && $0.pathExtension != "json" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }.prefix(2))
        try #require(urls.count == 2)
        let cards = try urls.map { url in try #require(try ImageReader().read(url).first) }
        let back = try Image.grey(pixels: [UInt8](repeating: 236, count: cards[0].width * cards[0].height),
                                  width: cards[0].width, height: cards[0].height)
        let letter = try #require(try ImageReader().read(TestPaths.fixture("page-english.png")).first)
        let url = folder.appendingPathComponent("night-batch.tif")
        try Image.multipageTIFF([cards[0], back, cards[1], letter]).write(to: url)
        return url
    }

    @Test("a batch file is split into its documents, each stored once with the batch as its source, re-runs too")
    func splitAndRerun() throws {
        let root = try TestPaths.temporaryDirectory("batch")
        let batch = try Self.batchFile(in: root)
        let options = Scans.options(root, db: try TestPaths.temporaryDirectory("batch-db"), jobs: 1)
        let first = try Scans.run(options)
        #expect(first.processed == 1)
        #expect(first.split == 1)
        #expect(first.parts == 3)
        #expect(first.quarantined == 0)
        #expect(first.byKind == ["batch": 1, "coupon": 2, "letter": 1])

        let database = try Scans.database(options)
        let documents = try database.documents(state: .done)
        let file = try #require(documents.first { $0.kind == .batch })
        #expect(file.path == batch.path)
        #expect(file.pageCount == 4)
        let parts = documents.filter { $0.sourceSHA256 == file.sha256 }.sorted { $0.path < $1.path }
        #expect(parts.map(\.sourcePages) == ["1-2", "3", "4"])
        #expect(parts.map(\.kind) == [.coupon, .coupon, .letter])
        #expect(parts.map(\.pageCount) == [2, 1, 1])
        for part in parts {
            #expect(part.path.hasPrefix(options.partsFolder.path), "\(part.path) is in the parts folder")
            let data = try Data(contentsOf: URL(fileURLWithPath: part.path))
            #expect(try ImageReader().decode(data, path: part.path).count == part.pageCount)
        }

        let again = try Scans.run(options)
        #expect(again.processed == 0)
        #expect(again.skipped == 1)
        #expect(try database.documents(state: .done).count == 4)

        // Reprocessing the batch (after a form change, say) reads its parts again.
        var reprocess = options
        reprocess.reprocess = [String(file.sha256.prefix(12))]
        let redone = try Scans.run(reprocess)
        #expect(redone.parts == 3)
        #expect(try database.documents(ids: parts.compactMap(\.id)).allSatisfy { $0.processedCount == 2 })

        // A database that never saw the batch cuts the same parts, byte for byte.
        var fresh = Scans.options(root, db: try TestPaths.temporaryDirectory("batch-db2"), jobs: 1)
        fresh.partsDirectory = options.partsFolder.path
        #expect(try Scans.run(fresh).parts == 3)
        let hashes = try Scans.database(fresh).documents(state: .done).compactMap { $0.sourceSHA256 == nil ? nil : $0.sha256 }
        #expect(Set(hashes) == Set(parts.map(\.sha256)))
    }

    @Test("cards laid side by side on one scanned page are stored as a document each, re-runs too")
    func cardsSideBySide() throws {
        let root = try TestPaths.temporaryDirectory("cards")
        let page = try CardPages.sideBySide(["coupon-it-fedelta-001.jpg", "coupon-pl-karta-004.jpg"])
        let file = root.appendingPathComponent("glass.png")
        try page.encoded(as: .png).write(to: file)
        let options = Scans.options(root, db: try TestPaths.temporaryDirectory("cards-db"), jobs: 2)
        let first = try Scans.run(options)
        #expect(first.processed == 1 && first.split == 1 && first.parts == 2 && first.quarantined == 0)
        #expect(first.byKind == ["batch": 1, "coupon": 2])
        #expect(first.scanExitCode == .success)

        let database = try Scans.database(options)
        let documents = try database.documents(state: .done)
        let batch = try #require(documents.first { $0.kind == .batch })
        #expect(batch.path == file.path && batch.pageCount == 1)
        let cards = documents.filter { $0.sourceSHA256 == batch.sha256 }.sorted { $0.path < $1.path }
        #expect(cards.map { URL(fileURLWithPath: $0.path).lastPathComponent } == ["glass-p1-c1.tif", "glass-p1-c2.tif"])
        #expect(cards.map(\.sourcePages) == ["1", "1"])
        #expect(cards.map(\.formID) == ["it-fedelta", "pl-karta"])

        let again = try Scans.run(options)
        #expect(again.processed == 0 && again.skipped == 1)
        #expect(try database.documents(state: .done).count == 3)
    }

    @Test("a batch file cut short is refused whole, naming the page, with no part stored or left on disk")
    func cutShort() throws {
        let root = try TestPaths.temporaryDirectory("batch-cut")
        let whole = try Data(contentsOf: Self.batchFile(in: root))
        let cut = root.appendingPathComponent("night-batch.tif")
        try whole.prefix(whole.count * 7 / 10).write(to: cut)
        let error = #expect(throws: ImagingError.self) { try ImageReader().read(cut) }
        #expect(error?.code == .truncated)
        #expect(error?.reason.contains("page") == true)

        let options = Scans.options(root, db: try TestPaths.temporaryDirectory("batch-cut-db"), jobs: 1)
        let summary = try Scans.run(options)
        #expect(summary.quarantined == 1)
        #expect(summary.parts == 0)
        #expect(summary.scanExitCode == .quarantined)
        #expect(summary.quarantine.first?.reason.contains("cannot be decoded") == true)
        #expect(try Scans.database(options).documents(state: .done).isEmpty)
        let left = (try? FileManager.default.subpathsOfDirectory(atPath: options.partsFolder.path)) ?? []
        #expect(left.filter { $0.hasSuffix(".tif") }.isEmpty, "no part file left behind: \(left)")
    }

    /// A multi-page TIFF of `widths.count` plain pages, each as wide as given (the fake reader
    /// decides what a page is by its width).
    static func trayFile(widths: [Int], in folder: URL) throws -> URL {
        let pages = try widths.enumerated().map { index, width in
            var pixels = [UInt8](repeating: 230, count: width * 900)
            for x in stride(from: index, to: pixels.count, by: 97) { pixels[x] = 20 }
            return try Image.grey(pixels: pixels, width: width, height: 900)
        }
        let url = folder.appendingPathComponent("tray.tif")
        try Image.multipageTIFF(pages).write(to: url)
        return url
    }

    @Test("the documents of one batch file are read by every worker, and stored with the batch once all are in")
    func partsOnEveryWorker() throws {
        let root = try TestPaths.temporaryDirectory("tray")
        _ = try Self.trayFile(widths: Array(repeating: 1200, count: 8), in: root)
        let readers = ReaderLog()
        let options = Scans.options(root, db: try TestPaths.temporaryDirectory("tray-db"), jobs: 2)
        let summary = try Scans.run(options, recognizer: PageByPage.factory(log: readers) { _ in .sleep(0.15) })
        #expect(summary.split == 1)
        #expect(summary.parts == 8)
        #expect(summary.quarantined == 0)
        #expect(readers.workers.count == 2, "both workers read parts of the one file")
        #expect(readers.reads == 8)
        // The rate counts the documents read, not the file they came in.
        #expect(abs(summary.documentsPerSecond * summary.wallSeconds - 8) < 0.5)

        let database = try Scans.database(options)
        let documents = try database.documents(state: .done)
        let file = try #require(documents.first { $0.kind == .batch })
        #expect(file.pageCount == 8)
        let parts = documents.filter { $0.sourceSHA256 == file.sha256 }
        #expect(parts.compactMap(\.sourcePages).sorted { Int($0)! < Int($1)! } == (1...8).map(String.init))
        #expect(Set(parts.map(\.sha256)).count == 8)
    }

    @Test("a part that hangs is quarantined alone, with its batch as the source; the batch and its other parts are stored")
    func hangingPart() throws {
        let root = try TestPaths.temporaryDirectory("tray-slow")
        _ = try Self.trayFile(widths: [1200, 1300, 1200, 1200], in: root)
        var options = Scans.options(root, db: try TestPaths.temporaryDirectory("tray-slow-db"), jobs: 2)
        options.timeout = 0.6
        let started = Date()
        let summary = try Scans.run(options, recognizer: PageByPage.factory(log: ReaderLog()) { width in
            width == 1300 ? .sleep(3) : .letter
        })
        #expect(Date().timeIntervalSince(started) < 3, "the run must not wait for the stuck part")
        #expect(summary.split == 1)
        #expect(summary.parts == 3)
        #expect(summary.quarantined == 1)
        let entry = try #require(summary.quarantine.first)
        #expect(entry.reason.contains("timeout"))
        #expect(entry.path.hasSuffix("-p2.tif"))

        let database = try Scans.database(options)
        let file = try #require(try database.documents(state: .done).first { $0.kind == .batch })
        let stuckSHA = try #require(entry.sha256)
        let stuck = try #require(try database.knownDocument(sha256: stuckSHA))
        #expect(stuck.state == .quarantined)
        #expect(stuck.sourceSHA256 == file.sha256)
        #expect(stuck.sourcePages == "2")
        #expect(try Scans.run(options, recognizer: PageByPage.factory(log: ReaderLog()) { _ in .letter }).processed == 0,
                "a re-run reads nothing again")
    }
}

/// Which reader (one per worker) read how many documents.
final class ReaderLog: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [ObjectIdentifier: Int] = [:]

    func record(_ reader: AnyObject) { lock.withLock { counts[ObjectIdentifier(reader), default: 0] += 1 } }
    var workers: Set<ObjectIdentifier> { lock.withLock { Set(counts.keys) } }
    var reads: Int { lock.withLock { counts.values.reduce(0, +) } }
}

/// A reader that takes every page of a file for a document of its own, reading each as the
/// fake reader does.
final class PageByPage: DocumentRecognizing {
    let fake: FakeRecognizer
    let log: ReaderLog

    init(log: ReaderLog, _ behaviour: @escaping @Sendable (Int) -> FakeRecognizer.Behaviour) {
        self.fake = FakeRecognizer(behaviour)
        self.log = log
    }

    static func factory(log: ReaderLog, _ behaviour: @escaping @Sendable (Int) -> FakeRecognizer.Behaviour) -> RecognizerFactory {
        { PageByPage(log: log, behaviour) }
    }

    func read(_ pages: consuming [Image]) throws(CaptureError) -> DocumentReading {
        log.record(self)
        return try fake.read(pages)
    }

    func separate(next: () throws(ImagingError) -> Image?, onPage: (Int) -> Void,
                  onDocument: (DocumentSpan, [Image]) -> Void) throws(ImagingError) {
        var index = 0
        while let page = try next() {
            onPage(index)
            onDocument(DocumentSpan(pages: index..<(index + 1), kind: .letter), [page])
            index += 1
        }
    }
}
