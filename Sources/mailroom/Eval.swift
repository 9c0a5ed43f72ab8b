import ArgumentParser
import Foundation
import MailroomCapture
import MailroomPostcodes

/// `mailroom eval DIR`: measures capture accuracy on scans with ground truth.
struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure field accuracy on scans that have X.truth.json beside them.",
        discussion: "Runs the same reading code as 'mailroom scan', without a database."
    )

    @Argument(help: "A folder of scans with truth files, such as samples/.")
    var folder: String

    @Option(help: "The forms folder (default: ./forms, or MAILROOM_FORMS).")
    var forms: String?

    @Option(help: "The postcodes folder (default: ./postcodes, or MAILROOM_POSTCODES).")
    var postcodes: String?

    @Option(help: "Worker threads (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Print one JSON object with the figures.")
    var json = false

    @Flag(help: "List every wrong or doubtful field.")
    var verbose = false

    @Flag(help: "With --verbose, list right accepted fields too (for calibrating thresholds).")
    var allFields = false

    @Flag(help: "Read every field with the stock Tesseract models, ignoring the forms' hand-print readers.")
    var stockOnly = false

    @Flag(help: "Also read every scan with the stock models only, and show their raw error per field beside the forms' readers'.")
    var compareStock = false

    func run() throws {
        let library = try FormLibrary(directory: forms.map { URL(fileURLWithPath: $0) } ?? FormLibrary.locate())
        let directory = try PostcodeDirectory(directory: postcodes.map { URL(fileURLWithPath: $0) } ?? PostcodeDirectory.locate())
        var configuration = CaptureConfiguration(forms: library, postcodes: directory)
        configuration.models = CaptureConfiguration.locateModels()
        configuration.references = try ReferencePattern.locate()
        if stockOnly && compareStock { throw ValidationError("--stock-only and --compare-stock exclude each other") }
        if stockOnly { configuration = configuration.withStockReaders() }
        let evaluator = Evaluator(configuration: configuration, jobs: jobs)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw ValidationError("\(folder) is no folder; give the folder that holds the scans and their .truth.json files")
        }
        let scans = Evaluator.scans(in: URL(fileURLWithPath: folder))
        guard !scans.isEmpty else { throw ValidationError("no scans with a .truth.json beside them in \(folder)") }
        let (report, items) = try compareStock ? evaluator.compareWithStock(scans) : evaluator.run(scans)
        if json {
            let data = try JSONSerialization.data(withJSONObject: report.summary(), options: [.sortedKeys, .prettyPrinted])
            print(String(decoding: data, as: UTF8.self))
        } else {
            print(EvalText.render(report))
        }
        if verbose { print(EvalText.details(items, everyField: allFields)) }
    }
}
