import Foundation
import MailroomTestSupport

/// Runs the built `mailroom` binary, which sits next to the test bundle in the build folder.
enum CLI {
    static let binary: URL = {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let candidates = [exe.deletingLastPathComponent(), Bundle.main.bundleURL.deletingLastPathComponent(),
                          Bundle.main.bundleURL]
        return candidates.map { $0.appendingPathComponent("mailroom") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0].appendingPathComponent("mailroom")
    }()

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// A started `mailroom` process with its output going to files (so pipes never fill up).
    static func start(_ arguments: [String], in directory: URL) throws -> (Process, URL, URL) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let id = UUID().uuidString.prefix(8)
        let out = directory.appendingPathComponent(".out-\(id)")
        let err = directory.appendingPathComponent(".err-\(id)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        var environment = ProcessInfo.processInfo.environment
        environment["OMP_THREAD_LIMIT"] = "1"
        environment["MAILROOM_POSTCODES"] = TestPaths.postcodes.path
        environment["MAILROOM_FORMS"] = TestPaths.forms.path
        process.environment = environment
        try process.run()
        return (process, out, err)
    }

    static func run(_ arguments: [String], in directory: URL) throws -> Output {
        let (process, out, err) = try start(arguments, in: directory)
        process.waitUntilExit()
        return Output(status: process.terminationStatus,
                      stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    /// A folder of `count` distinct copies of a fixture (bytes appended after IEND).
    static func scans(_ count: Int, fixture: String = "line-address.png", label: String) throws -> URL {
        let root = try TestPaths.temporaryDirectory(label)
        let scans = root.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: scans, withIntermediateDirectories: true)
        let bytes = try Data(contentsOf: TestPaths.fixture(fixture))
        for index in 0..<count {
            var copy = bytes
            copy.append(Data("\(label)-\(index)-\(UUID().uuidString.prefix(8))".utf8))
            try copy.write(to: scans.appendingPathComponent(String(format: "scan-%03d.png", index)))
        }
        return root
    }
}
