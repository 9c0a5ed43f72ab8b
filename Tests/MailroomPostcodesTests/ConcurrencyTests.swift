import Foundation
import Testing
@testable import MailroomPostcodes

@Suite("Loading and threads")
struct ConcurrencyTests {
    @Test("Opening reads no data file; loading Italy does not load Poland")
    func lazyLoading() throws {
        let directory = try Fixtures.fresh()
        #expect(directory.loadedCountries.isEmpty)
        _ = directory.isValidFormat("31-042", country: "PL")  // formats need no data
        #expect(directory.loadedCountries.isEmpty)
        #expect(try directory.contains(postcode: "20121", country: "IT"))
        #expect(directory.loadedCountries == ["IT"])
        _ = try directory.postcodes(of: "Kraków", country: "PL")
        #expect(directory.loadedCountries == ["IT", "PL"])
    }

    @Test("Many threads, several countries, consistent answers")
    func concurrentAccess() throws {
        let directory = try Fixtures.fresh()
        let questions: [(String, String)] = [("IT", "Milano"), ("PL", "Kraków"), ("PL", "LODZ"), ("US", "Boston"), ("DE", "Berlin")]
        let expected = try questions.map { try directory.postcodes(of: $1, country: $0).map(\.postcode) }

        let again = try Fixtures.fresh()  // cold again, so the threads race on the loads
        let results = Locked([[String]?](repeating: nil, count: 200))
        let failures = Locked([String]())
        DispatchQueue.concurrentPerform(iterations: 200) { i in
            let (country, town) = questions[i % questions.count]
            do {
                let codes = try again.postcodes(of: town, country: country).map(\.postcode)
                _ = try again.localities(of: codes.first ?? "", country: country)
                results.withLock { $0[i] = codes }
            } catch {
                failures.withLock { $0.append("\(error)") }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty)
        let answers = results.withLock { $0 }
        for (i, answer) in answers.enumerated() {
            #expect(answer == expected[i % questions.count], "iteration \(i)")
        }
        #expect(again.loadedCountries == Set(questions.map(\.0)))
    }

    @Test("locate: environment variable, working directory, executable")
    func locate() throws {
        let repo = Fixtures.postcodesFolder.deletingLastPathComponent()
        let viaEnvironment = try PostcodeDirectory.locate(
            environment: ["MAILROOM_POSTCODES": Fixtures.postcodesFolder.path], currentDirectory: URL(fileURLWithPath: "/"), executable: nil)
        #expect(viaEnvironment.path == Fixtures.postcodesFolder.standardizedFileURL.path)

        let viaWorkingDirectory = try PostcodeDirectory.locate(environment: [:], currentDirectory: repo, executable: nil)
        #expect(viaWorkingDirectory.path == Fixtures.postcodesFolder.standardizedFileURL.path)

        let binary = repo.appendingPathComponent(".build-postcodes/debug/mailroom")
        let viaExecutable = try PostcodeDirectory.locate(environment: [:], currentDirectory: URL(fileURLWithPath: "/"), executable: binary)
        #expect(viaExecutable.path == Fixtures.postcodesFolder.standardizedFileURL.path)

        let wrong = #expect(throws: PostcodeError.self) {
            try PostcodeDirectory.locate(environment: ["MAILROOM_POSTCODES": "/nonexistent"], currentDirectory: repo, executable: binary)
        }
        #expect(wrong?.code == .dataFolderMissing)
        let nothing = #expect(throws: PostcodeError.self) {
            try PostcodeDirectory.locate(environment: [:], currentDirectory: URL(fileURLWithPath: "/"),
                                         executable: URL(fileURLWithPath: "/usr/bin/true"))
        }
        #expect(nothing?.code == .dataFolderMissing)
    }
}
