import Foundation
@testable import MailroomPostcodes

/// The repository's real postcode data, found from this file's path, shared by all tests.
enum Fixtures {
    static let postcodesFolder: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()   // MailroomPostcodesTests
        .deletingLastPathComponent()   // Tests
        .deletingLastPathComponent()   // repository root
        .appendingPathComponent("postcodes")

    /// One directory for the read-only tests, so each country loads once per test run.
    static let shared: PostcodeDirectory = {
        do { return try PostcodeDirectory(directory: postcodesFolder) } catch {
            preconditionFailure("the repository's postcodes folder should open: \(error)")
        }
    }()

    /// A fresh directory, for tests that observe loading.
    static func fresh() throws -> PostcodeDirectory {
        try PostcodeDirectory(directory: postcodesFolder)
    }

    /// A temporary copy of countries.tsv plus the named data files, removed by the caller.
    static func temporaryCopy(dataFiles: [String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("postcodes-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("data"),
                                                withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: postcodesFolder.appendingPathComponent("countries.tsv"),
                                         to: folder.appendingPathComponent("countries.tsv"))
        for code in dataFiles {
            let name = "data/\(code).tsv.gz"
            try FileManager.default.copyItem(at: postcodesFolder.appendingPathComponent(name),
                                             to: folder.appendingPathComponent(name))
        }
        return folder
    }
}
