import Foundation

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

    /// A fresh empty folder under the system temp directory.
    public static func temporaryDirectory(_ label: String = "test") throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("mailroom-\(label)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
