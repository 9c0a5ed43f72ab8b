import Foundation

/// Finds a folder Mailroom ships beside its sources (`forms`, `models`) without configuration.
enum ResourceFolder {
    /// `$variable` when set, else `./name`, else a `name` folder next to the executable or in any
    /// folder above it, so a binary under `.build/…/debug/` finds the repository's copy.
    static func locate(_ name: String, variable: String, environment: [String: String],
                       currentDirectory: URL, executable: URL?) -> URL? {
        if let explicit = environment[variable], !explicit.isEmpty {
            let url = URL(fileURLWithPath: explicit, relativeTo: currentDirectory).standardizedFileURL
            return isFolder(url) ? url : nil
        }
        let local = currentDirectory.appendingPathComponent(name).standardizedFileURL
        if isFolder(local) { return local }
        var folder = executable?.resolvingSymlinksInPath().deletingLastPathComponent()
        while let current = folder, current.path != "/" {
            let candidate = current.appendingPathComponent(name)
            if isFolder(candidate) { return candidate.standardizedFileURL }
            folder = current.deletingLastPathComponent()
        }
        return nil
    }

    static func isFolder(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}

extension CaptureConfiguration {
    /// The environment variable that points at the hand-print models folder.
    public static let modelsEnvironmentVariable = "MAILROOM_MODELS"

    /// Finds the `models` folder of trained hand-print models, or `nil` when there is none.
    public static func locateModels(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
        executable: URL? = Bundle.main.executableURL
    ) -> URL? {
        ResourceFolder.locate("models", variable: modelsEnvironmentVariable, environment: environment,
                              currentDirectory: currentDirectory, executable: executable)
    }
}
