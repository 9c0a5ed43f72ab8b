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
        guard let found = ResourceFolder.locate("forms", variable: environmentVariable, environment: environment,
                                                currentDirectory: currentDirectory, executable: executable) else {
            let named = environment[environmentVariable].flatMap { $0.isEmpty ? nil : $0 } ?? "./forms"
            throw .folderMissing(named)
        }
        return found
    }
}
