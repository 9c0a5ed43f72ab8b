import Foundation

extension FormLibrary {
    /// The environment variable that points at the forms folder explicitly.
    public static let environmentVariable = "MAILROOM_FORMS"

    /// Finds the forms folder: `$MAILROOM_FORMS`, else `./forms`, else a `forms` folder next
    /// to the executable or above it (so a binary under `.build/` finds the repository's forms).
    public static func locate(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
        executable: URL? = Bundle.main.executableURL
    ) throws(FormError) -> URL {
        if let explicit = environment[environmentVariable], !explicit.isEmpty {
            let url = URL(fileURLWithPath: explicit, relativeTo: currentDirectory).standardizedFileURL
            guard isFolder(url) else { throw .folderMissing(url.path) }
            return url
        }
        let local = currentDirectory.appendingPathComponent("forms").standardizedFileURL
        if isFolder(local) { return local }
        var folder = executable?.resolvingSymlinksInPath().deletingLastPathComponent()
        while let current = folder, current.path != "/" {
            let candidate = current.appendingPathComponent("forms")
            if isFolder(candidate) { return candidate.standardizedFileURL }
            folder = current.deletingLastPathComponent()
        }
        throw .folderMissing(local.path)
    }

    private static func isFolder(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
