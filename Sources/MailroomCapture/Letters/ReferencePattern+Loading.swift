import Foundation
import MailroomPostcodes
import Yams

extension ReferencePattern {
    /// The environment variable naming the reference patterns file.
    public static let environmentVariable = "MAILROOM_REFERENCES"

    /// The kinds a reference may have: each is stored as a `reference_<kind>` field.
    public static let kinds = ["order", "customer", "account", "case"]

    /// Reads a patterns file:
    ///
    /// ```yaml
    /// references:
    ///   - {kind: order, pattern: 'ORD-\d{4}-\d{6}', labels: [order, ordine, zamówienia]}
    /// ```
    ///
    /// Labels are compared folded, so `zamówienia` also finds `ZAMOWIENIA`. Throws
    /// ``ReferencePatternError`` naming the file and the entry at fault.
    public static func load(from url: URL) throws(ReferencePatternError) -> [ReferencePattern] {
        struct File: Decodable { var references: [ReferencePattern] }
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw ReferencePatternError(file: url.path, problem: "cannot be read (\(error.localizedDescription))")
        }
        let file: File
        do {
            file = try YAMLDecoder().decode(File.self, from: text)
        } catch {
            throw ReferencePatternError(file: url.path, problem: "is not a valid patterns file: \(error)")
        }
        var patterns: [ReferencePattern] = []
        for (index, entry) in file.references.enumerated() {
            let place = "references[\(index)]"
            guard kinds.contains(entry.kind) else {
                throw ReferencePatternError(file: url.path, problem: "\(place): kind '\(entry.kind)' is not one of \(kinds.joined(separator: ", "))")
            }
            guard (try? Regex(entry.pattern)) != nil else {
                throw ReferencePatternError(file: url.path, problem: "\(place): '\(entry.pattern)' is not a valid regular expression")
            }
            patterns.append(ReferencePattern(kind: entry.kind, pattern: entry.pattern,
                                             labels: entry.labels.map(PostcodeDirectory.fold).filter { !$0.isEmpty }))
        }
        return patterns
    }

    /// `explicit`, else `$MAILROOM_REFERENCES`, else `config/references.yaml` here or above the
    /// executable; ``defaults`` when there is no such file.
    public static func locate(
        explicit: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
        executable: URL? = Bundle.main.executableURL
    ) throws(ReferencePatternError) -> [ReferencePattern] {
        if let path = explicit ?? environment[environmentVariable], !path.isEmpty {
            return try load(from: URL(fileURLWithPath: path, relativeTo: currentDirectory).standardizedFileURL)
        }
        let folder = ResourceFolder.locate("config", variable: "MAILROOM_CONFIG", environment: environment,
                                           currentDirectory: currentDirectory, executable: executable)
        guard let file = folder?.appendingPathComponent("references.yaml"),
              FileManager.default.fileExists(atPath: file.path) else { return defaults }
        return try load(from: file)
    }
}

/// A reference patterns file that can not be used: which file, and what is wrong.
public struct ReferencePatternError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var problem: String
    public var description: String { "\(file): \(problem)" }
}
