import Foundation
import Logging
import MailroomCapture
import MailroomImaging
import MailroomPipeline
import MailroomStore
import MailroomTestSupport

/// Scan folders, fake recognisers and store access shared by the pipeline tests.
enum Scans {
    static let quiet = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    /// Options for a fast test run over `root` into a database in `folder`.
    static func options(_ root: URL, db folder: URL, jobs: Int = 2) -> ScanOptions {
        ScanOptions(roots: [root], databasePath: folder.appendingPathComponent("test.sqlite").path, jobs: jobs,
                    formsDirectory: TestPaths.forms, postcodesDirectory: TestPaths.postcodes, languages: ["eng"],
                    batchSize: 4, batchInterval: 0.2, busyTimeout: 0.2)
    }

    static func run(_ options: ScanOptions, recognizer: RecognizerFactory? = nil,
                    router: (any DocumentRouting)? = nil) throws -> RunSummary {
        try ScanPipeline(options: options, logger: quiet, progress: .none, recognizer: recognizer, router: router).run()
    }

    static func database(_ options: ScanOptions) throws -> MailroomDatabase {
        try MailroomDatabase.open(path: options.databasePath)
    }

    /// A copy of a fixture PNG with `tag` appended after IEND, so its bytes (and hash) are unique.
    static func uniqueCopy(_ fixture: String = "line-address.png", tag: String, to url: URL) throws {
        var data = try Data(contentsOf: TestPaths.fixture(fixture))
        data.append(Data(tag.prefix(40).utf8))
        try data.write(to: url)
    }

    /// A folder with `count` distinct small scans.
    static func folder(_ count: Int, label: String = "scan") throws -> URL {
        let root = try TestPaths.temporaryDirectory(label)
        for index in 0..<count {
            try uniqueCopy(tag: "\(label)-\(index)-\(UUID().uuidString.prefix(8))",
                           to: root.appendingPathComponent(String(format: "scan-%03d.png", index)))
        }
        return root
    }
}

/// A recogniser that answers instantly from the page size, or fails/hangs on request.
final class FakeRecognizer: DocumentRecognizing {
    /// What to do for a page of a given width.
    enum Behaviour: Sendable { case letter, coupon(FieldResult), fail(CaptureError), sleep(Double) }
    let behaviour: @Sendable (Int) -> Behaviour

    init(_ behaviour: @escaping @Sendable (Int) -> Behaviour) { self.behaviour = behaviour }

    static func factory(_ behaviour: @escaping @Sendable (Int) -> Behaviour) -> RecognizerFactory {
        { FakeRecognizer(behaviour) }
    }

    func read(_ pages: [Image]) throws(CaptureError) -> DocumentReading {
        let width = pages.first?.width ?? 0
        let page = PageReading.fake(width: width, height: pages.first?.height ?? 0)
        switch behaviour(width) {
        case .letter:
            let all = pages.enumerated().map { PageReading.fake(width: $1.width, height: $1.height, number: $0 + 1) }
                .joined(separator: ",")
            return .letter(Self.decode(#"{"language":"eng","pages":[\#(all)]}"#))
        case .coupon(let field):
            let fieldJSON = String(decoding: (try? JSONEncoder().encode(field)) ?? Data(), as: UTF8.self)
            let json = #"{"formID":"it-fedelta","country":"IT","registration":{"residualPixels":1,"relativeResidual":0.1,"scale":10,"rotationDegrees":0,"titleSimilarity":1},"fields":[\#(fieldJSON)]}"#
            let coupon: CouponReading = Self.decode(json)
            return .coupon(coupon, pages: [Self.decode(page)])
        case .fail(let error):
            throw error
        case .sleep(let seconds):
            Thread.sleep(forTimeInterval: seconds)
            return .letter(Self.decode(#"{"language":"eng","pages":[\#(page)]}"#))
        }
    }

    static func decode<T: Decodable>(_ json: String) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(json.utf8))
        } catch {
            preconditionFailure("test JSON for \(T.self) does not decode: \(error)")
        }
    }
}

extension PageReading {
    static func fake(width: Int, height: Int, number: Int = 1) -> String {
        #"{"number":\#(number),"width":\#(width),"height":\#(height),"resolution":300,"skewDegrees":0,"orientationDegrees":0,"text":"hello","confidence":90}"#
    }
}
