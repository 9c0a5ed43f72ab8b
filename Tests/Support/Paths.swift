import Foundation
import Synchronization

/// Where the repository's test material lives, found from this file's path.
public enum TestPaths {
    /// The repository root.
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    public static let fixtures = root.appendingPathComponent("Tests/Fixtures")
    public static let samples = root.appendingPathComponent("samples")
    public static let postcodes = root.appendingPathComponent("postcodes")
    public static let forms = root.appendingPathComponent("forms")

    public static func fixture(_ name: String) -> URL { fixtures.appendingPathComponent(name) }

    /// A fresh empty folder under the system temp directory, removed when the test process
    /// exits (set `MAILROOM_KEEP_TEST_FILES=1` to keep them for a post-mortem).
    public static func temporaryDirectory(_ label: String = "test") throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("mailroom-\(label)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        _ = cleanupRegistered
        created.withLock { $0.append(url) }
        return url
    }

    /// The folders `temporaryDirectory` made in this process.
    private static let created = Mutex<[URL]>([])

    /// Registers the removal of `created` at exit, once per process.
    private static let cleanupRegistered: Bool = {
        atexit {
            guard ProcessInfo.processInfo.environment["MAILROOM_KEEP_TEST_FILES"] == nil else { return }
            for url in TestPaths.created.withLock({ $0 }) { try? FileManager.default.removeItem(at: url) }
        }
        return true
    }()
}
