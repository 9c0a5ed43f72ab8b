import Dispatch
import Foundation
import MailroomImaging

/// Runs capture over every scan with a truth file in a folder and scores it.
///
/// It calls `DocumentReader.read`, the same code a real `mailroom scan` runs, with one reader
/// per worker thread.
public struct Evaluator: Sendable {
    public var configuration: CaptureConfiguration
    public var jobs: Int

    public init(configuration: CaptureConfiguration, jobs: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.configuration = configuration
        self.jobs = max(1, jobs)
    }

    /// One scored document, for the detailed listing.
    public struct Item: Sendable {
        public var path: String
        public var truth: Truth
        public var reading: DocumentReading?
        public var error: String?
    }

    /// The images under `folder` that have a truth file beside them, sorted.
    public static func scans(in folder: URL) -> [URL] {
        let files = (FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?.allObjects as? [URL]) ?? []
        return files.filter { !$0.path.hasSuffix(".json") && (try? Truth.beside($0)) != nil }
            .sorted { $0.path < $1.path }
    }

    /// Reads and scores every scan twice: with the stock models only, then with the forms'
    /// readers. The report is the second run's, with the first run's raw error per field beside it.
    public func compareWithStock(_ scans: [URL]) throws -> (EvaluationReport, [Item]) {
        var stock = self
        stock.configuration = configuration.withStockReaders()
        let (baseline, _) = try stock.run(scans)
        var (report, items) = try run(scans)
        report.setStockBaseline(baseline)
        return (report, items)
    }

    /// Reads and scores every scan; `progress` sees each item as it finishes.
    public func run(_ scans: [URL], progress: @escaping @Sendable (Item) -> Void = { _ in }) throws -> (EvaluationReport, [Item]) {
        let start = DispatchTime.now().uptimeNanoseconds
        let items = Locked<[Item?]>(Array(repeating: nil, count: scans.count))
        let next = Locked(0)
        let setupError = Locked<(any Error)?>(nil)
        let configuration = configuration
        // Threads with the same large stacks the scan's workers get: Tesseract's recogniser
        // keeps big buffers on the stack, more than a dispatch worker thread may have.
        let group = DispatchGroup()
        for _ in 0..<min(jobs, max(scans.count, 1)) {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                work()
            }
            thread.stackSize = 16 << 20
            thread.name = "mailroom-eval"
            thread.start()
        }
        group.wait()
        @Sendable func work() {
            let reader: DocumentReader
            do { reader = try DocumentReader(configuration) } catch {
                setupError.withLock { $0 = error }
                return
            }
            let decoder = ImageReader()
            while true {
                let index = next.withLock { value -> Int in defer { value += 1 }; return value }
                guard index < scans.count else { return }
                let url = scans[index]
                guard let truth = try? Truth.beside(url) else { continue }
                var item = Item(path: url.path, truth: truth)
                do {
                    item.reading = try reader.read(decoder.read(url))
                } catch {
                    item.error = "\(error)"
                }
                progress(item)
                items.withLock { $0[index] = item }
            }
        }
        if let error = setupError.withLock({ $0 }) { throw error }
        var report = EvaluationReport()
        var finished = items.withLock { $0.compactMap { $0 } }
        // As `mailroom scan` does when its run is over: domains the run learned correct the
        // coupons read before the book knew them.
        if let book = configuration.learnedDomains {
            for index in finished.indices {
                guard case .coupon(var coupon, let pages)? = finished[index].reading else { continue }
                var changed = false
                for field in coupon.fields.indices where coupon.fields[field].takeLaterDomain(from: book, country: coupon.country) { changed = true }
                if changed { finished[index].reading = .coupon(coupon, pages: pages) }
            }
        }
        for item in finished {
            switch item.truth.kind {
            case "coupon":
                var coupon: CouponReading?
                if case .coupon(let reading, _)? = item.reading { coupon = reading }
                report.score(coupon: coupon, truth: item.truth, form: item.truth.form.flatMap(configuration.forms.form(id:)))
            default:
                var letter: LetterReading?
                if case .letter(let reading)? = item.reading { letter = reading }
                report.score(letter: letter, truth: item.truth)
            }
        }
        report.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return (report, finished)
    }
}

/// A value guarded by a lock, for the few places threads share state.
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
