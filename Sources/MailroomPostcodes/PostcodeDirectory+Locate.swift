import Foundation

/// Finding the `postcodes` folder without configuration.
extension PostcodeDirectory {
    /// The environment variable that points at the postcodes folder explicitly.
    public static let environmentVariable = "MAILROOM_POSTCODES"

    /// Finds the postcodes folder: `$MAILROOM_POSTCODES`, else `./postcodes`, else a
    /// `postcodes` folder next to the executable or in any folder above it (so a binary under
    /// `.build/…/debug/` in the repository finds the repository's data).
    ///
    /// An explicit `MAILROOM_POSTCODES` that points nowhere is an error rather than silently
    /// falling back, so a misconfigured deployment is noticed.
    public static func locate(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
        executable: URL? = Bundle.main.executableURL ?? CommandLine.arguments.first.map { URL(fileURLWithPath: $0) }
    ) throws(PostcodeError) -> URL {
        if let explicit = environment[environmentVariable], !explicit.isEmpty {
            let url = URL(fileURLWithPath: explicit, relativeTo: currentDirectory).standardizedFileURL
            guard hasCountryList(url) else { throw .dataFolderMissing(url.path) }
            return url
        }
        let local = currentDirectory.appendingPathComponent("postcodes").standardizedFileURL
        if hasCountryList(local) { return local }
        if let executable {
            var folder = (executable.resolvingSymlinksInPath().standardizedFileURL.path as NSString)
                .deletingLastPathComponent
            while !folder.isEmpty {
                let candidate = URL(fileURLWithPath: folder).appendingPathComponent("postcodes")
                if hasCountryList(candidate) { return candidate.standardizedFileURL }
                let parent = (folder as NSString).deletingLastPathComponent
                if parent == folder { break }
                folder = parent
            }
        }
        throw .dataFolderMissing(local.path)
    }

    private static func hasCountryList(_ folder: URL) -> Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent("countries.tsv").path)
    }
}
