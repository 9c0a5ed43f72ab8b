import Foundation
import MailroomCapture
import MailroomImaging
import MailroomPipeline
import MailroomStore
import MailroomTestSupport
import Testing

@Suite("Scan pipeline: identity and re-runs", .serialized)
struct PipelineRunTests {
    @Test("a second run over the same folder reads nothing and skips every file")
    func rerunIsIdempotent() throws {
        let root = try Scans.folder(3, label: "rerun")
        let options = Scans.options(root, db: root)
        let first = try Scans.run(options)
        #expect(first.processed == 3)
        #expect(first.byKind["letter"] == 3)
        #expect(first.scanExitCode == .success)
        let second = try Scans.run(options)
        #expect(second.processed == 0)
        #expect(second.skipped == 3)
        #expect(second.scanExitCode == .success)
        let database = try Scans.database(options)
        let documents = try database.documents(state: .done)
        #expect(documents.count == 3)
        #expect(documents.allSatisfy { $0.processedCount == 1 })
        #expect(try database.latestRun()?.status == .completed)
    }

    @Test("a run starts knowing the e-mail domains of the coupons stored before it")
    func learnedDomainsFromStore() throws {
        let root = try Scans.folder(3, label: "domains")
        let options = Scans.options(root, db: root)
        let email = FieldResult(name: "email", type: .email, raw: "ANNA@CASELLA.EXAMPLE.NET", value: "anna@casella.example.net",
                                confidence: 95)
        _ = try Scans.run(options, recognizer: FakeRecognizer.factory { _ in .coupon(email) })
        var next = options
        next.roots = [try TestPaths.temporaryDirectory("domains-none")]
        let pipeline = ScanPipeline(options: next, logger: Scans.quiet, progress: .none)
        #expect(pipeline.learnedDomains.counts.isEmpty)
        _ = try pipeline.run()
        #expect(pipeline.learnedDomains.counts == ["casella.example.net": 3])
        #expect(pipeline.learnedDomains.known == ["casella.example.net"])
    }

    @Test("a renamed copy and a duplicate in the same run are read once, every path recorded")
    func duplicates() throws {
        let root = try Scans.folder(2, label: "dup")
        let options = Scans.options(root, db: root)
        try FileManager.default.copyItem(at: root.appendingPathComponent("scan-000.png"),
                                         to: root.appendingPathComponent("scan-000-again.png"))
        let first = try Scans.run(options, recognizer: FakeRecognizer.factory { _ in .letter })
        #expect(first.processed == 2)
        #expect(first.skipped == 1)
        try FileManager.default.moveItem(at: root.appendingPathComponent("scan-001.png"),
                                         to: root.appendingPathComponent("renamed.png"))
        let second = try Scans.run(options, recognizer: FakeRecognizer.factory { _ in .letter })
        #expect(second.processed == 0)
        #expect(second.skipped == 3)
        let database = try Scans.database(options)
        let documents = try database.documents(state: .done)
        #expect(documents.count == 2)
        for document in documents {
            let names = try database.paths(documentID: try #require(document.id)).map { ($0 as NSString).lastPathComponent }
            if names.contains("scan-000.png") {
                #expect(Set(names) == ["scan-000.png", "scan-000-again.png"])
            } else {
                #expect(Set(names) == ["scan-001.png", "renamed.png"])
                #expect((document.path as NSString).lastPathComponent == "renamed.png")
            }
        }
    }

    @Test("good files are stored and each bad one is quarantined with its reason")
    func mixedFolder() throws {
        let root = try TestPaths.temporaryDirectory("mixed")
        try Scans.uniqueCopy(tag: "good-1", to: root.appendingPathComponent("good-1.png"))
        try Scans.uniqueCopy("line-mixed.png", tag: "good-2", to: root.appendingPathComponent("sub-good-2.scan"))
        let good = try Data(contentsOf: TestPaths.fixture("line-mixed.png"))
        try Data().write(to: root.appendingPathComponent("zero.png"))
        try TestImages.pngHeader(width: 35_000, height: 35_000).write(to: root.appendingPathComponent("huge.png"))
        try good.prefix(good.count / 2).write(to: root.appendingPathComponent("truncated.png"))
        var corrupt = good.prefix(16)
        corrupt.append(Data(repeating: 0x5A, count: 400))
        corrupt.append(good.suffix(12))
        try corrupt.write(to: root.appendingPathComponent("corrupt.png"))
        try Data("not a scan\n".utf8).write(to: root.appendingPathComponent("notes.txt"))
        try Data("{}".utf8).write(to: root.appendingPathComponent("good-1.truth.json"))
        try Data("x".utf8).write(to: root.appendingPathComponent(".DS_Store"))
        let options = Scans.options(root, db: try TestPaths.temporaryDirectory("mixed-db"))
        let summary = try Scans.run(options)
        #expect(summary.processed == 2)
        #expect(summary.quarantined == 5)
        #expect(summary.ignored == 2)
        #expect(summary.scanExitCode == .quarantined)
        let reasons = Dictionary(uniqueKeysWithValues: summary.quarantine.map { (($0.path as NSString).lastPathComponent, $0) })
        #expect(reasons["zero.png"]?.reason.hasPrefix("empty") == true)
        #expect(reasons["huge.png"]?.reason.contains("35000x35000") == true)
        #expect(reasons["truncated.png"]?.reason.hasPrefix("truncated") == true)
        #expect(reasons["corrupt.png"]?.reason.hasPrefix("corrupt") == true)
        #expect(reasons["notes.txt"]?.reason.hasPrefix("unsupportedFormat") == true)
        #expect(reasons.values.allSatisfy { $0.stage == "decode" })
        // Quarantined files are remembered by content: the next run skips them and exits 0.
        let again = try Scans.run(options)
        #expect(again.skipped == 7)
        #expect(again.scanExitCode == .success)
    }

    @Test("a blank page scanned into a file of its own is stored as blank, not quarantined; a solid dark one is")
    func blankPageAlone() throws {
        let root = try TestPaths.temporaryDirectory("blank-alone")
        let (width, height) = (1240, 1754)
        try Scans.uniqueCopy(tag: "front", to: root.appendingPathComponent("scan-0001.png"))
        var paper = [UInt8](repeating: 238, count: width * height)
        for index in stride(from: 0, to: paper.count, by: 7) { paper[index] = 230 }
        try Image.grey(pixels: paper, width: width, height: height).encoded(as: .png)
            .write(to: root.appendingPathComponent("scan-0002.png"))
        try Image.grey(pixels: [UInt8](repeating: 6, count: width * height), width: width, height: height).encoded(as: .png)
            .write(to: root.appendingPathComponent("scan-0003.png"))
        let options = Scans.options(root, db: root)
        let summary = try Scans.run(options)
        #expect(summary.processed == 2)
        #expect(summary.byKind["blank"] == 1)
        #expect(summary.quarantine.map { ($0.path as NSString).lastPathComponent } == ["scan-0003.png"])
        #expect(summary.quarantine.first?.reason.contains("solid dark") == true)
        let database = try Scans.database(options)
        let blank = try #require(try database.documents(state: .done).first { $0.kind == .blank })
        #expect((blank.path as NSString).lastPathComponent == "scan-0002.png")
        #expect(blank.pageCount == 1)
        #expect(try database.fields(documentID: try #require(blank.id)).isEmpty)
        // Stored by content like any document: the next run skips it.
        let again = try Scans.run(options)
        #expect(again.processed == 0 && again.skipped == 3)
    }

    @Test("a symbolic link loop neither hangs nor reads a file twice", .timeLimit(.minutes(1)))
    func symlinkLoop() throws {
        let root = try Scans.folder(1, label: "loop")
        let inner = root.appendingPathComponent("inner")
        try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: true)
        try Scans.uniqueCopy(tag: "inner", to: inner.appendingPathComponent("deep.png"))
        try FileManager.default.createSymbolicLink(atPath: inner.appendingPathComponent("up").path, withDestinationPath: "..")
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("self").path, withDestinationPath: ".")
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("dangling.png").path,
                                                   withDestinationPath: "/nonexistent/nowhere.png")
        let summary = try Scans.run(Scans.options(root, db: try TestPaths.temporaryDirectory("loop-db")),
                                    recognizer: FakeRecognizer.factory { _ in .letter })
        #expect(summary.processed == 2)
        #expect(summary.quarantine.map(\.stage) == ["discover"])
    }

    @Test("a file or folder whose name is not UTF-8 is quarantined by its escaped name, saying to rename it")
    func nameNotUTF8() throws {
        let root = try Scans.folder(1, label: "latin1")
        // `Müller.png` and a folder `Büro` spelled in Latin-1, as an old file server writes them.
        let file = root.path + "/M\u{FC}ller.png", folder = root.path + "/B\u{FC}ro"
        try Scans.uniqueCopy(tag: "latin1", to: URL(fileURLWithPath: file))
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Scans.uniqueCopy(tag: "latin1-inner", to: URL(fileURLWithPath: folder + "/inner.png"))
        for path in [file, folder] {
            let latin1 = Array(path.utf8.prefix(root.path.utf8.count)) + Array(path.dropFirst(root.path.count).unicodeScalars.map { UInt8($0.value) })
            #expect((latin1 + [0]).withUnsafeBufferPointer { bytes in
                path.withCString { rename($0, UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self)) }
            } == 0)
        }
        let summary = try Scans.run(Scans.options(root, db: try TestPaths.temporaryDirectory("latin1-db")),
                                    recognizer: FakeRecognizer.factory { _ in .letter })
        #expect(summary.processed == 1)
        let quarantined = summary.quarantine.sorted { $0.path < $1.path }
        #expect(quarantined.map { URL(fileURLWithPath: $0.path).lastPathComponent } == ["B\\xFCro", "M\\xFCller.png"])
        #expect(quarantined.allSatisfy { $0.stage == "discover" && $0.reason.contains("not UTF-8") && $0.reason.contains("rename") })
        #expect(quarantined.first?.reason.contains("nothing in this folder") == true)
        #expect(summary.scanExitCode == .quarantined)
    }

    @Test("a scan folder that does not exist is reported as such, and the other folders are read")
    func missingRoot() throws {
        let root = try Scans.folder(1, label: "missing-root")
        var options = Scans.options(root, db: try TestPaths.temporaryDirectory("missing-root-db"))
        let missing = root.deletingLastPathComponent().appendingPathComponent("no-such-folder-\(getpid())")
        options.roots = [missing, root]
        let summary = try Scans.run(options, recognizer: FakeRecognizer.factory { _ in .letter })
        #expect(summary.processed == 1)
        #expect(summary.quarantine.map(\.path) == [missing.path])
        #expect(summary.quarantine.first?.reason.contains("no such file or folder") == true)
    }

    @Test("discovery skips sidecars, dotfiles and executables by name, not images by extension")
    func selectionRule() {
        #expect(Discovery.ignoreReason(name: "a.truth.json", mode: 0o644) != nil)
        #expect(Discovery.ignoreReason(name: "README.md", mode: 0o644) != nil)
        #expect(Discovery.ignoreReason(name: ".hidden.png", mode: 0o644) != nil)
        #expect(Discovery.ignoreReason(name: "generate", mode: 0o755) != nil)
        #expect(Discovery.ignoreReason(name: "scan.PNG", mode: 0o644) == nil)
        #expect(Discovery.ignoreReason(name: "scan-without-extension", mode: 0o644) == nil)
        #expect(Discovery.ignoreReason(name: "notes.txt", mode: 0o644) == nil)
    }

    @Test("a second concurrent run is refused as could-not-run, naming the holder's pid")
    func runLock() throws {
        let root = try Scans.folder(1, label: "lock")
        let options = Scans.options(root, db: root)
        let lock = try RunLock.acquire(databasePath: options.databasePath)
        defer { lock.release() }
        let error = #expect(throws: ScanError.self) { try Scans.run(options, recognizer: FakeRecognizer.factory { _ in .letter }) }
        #expect(error?.exitCode == .couldNotRun)
        #expect(error?.reason.contains("pid \(getpid())") == true)
    }

    @Test("a missing forms folder is a configuration error (exit 2)")
    func badForms() throws {
        let root = try Scans.folder(1, label: "forms")
        var options = Scans.options(root, db: root)
        options.formsDirectory = root.appendingPathComponent("no-such-forms")
        let error = #expect(throws: ScanError.self) { try Scans.run(options) }
        #expect(error?.exitCode == .usage)
    }
}
