import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import MailroomStore
import MailroomTestSupport
import Testing

/// `mailroom operators` and `mailroom serve`, as real processes.
@Suite struct WebCommandTests {
    /// Runs `mailroom` with `input` on stdin.
    static func run(_ arguments: [String], input: String, in directory: URL) throws -> CLI.Output {
        let stdin = directory.appendingPathComponent(".in-\(UUID().uuidString.prefix(8))")
        try Data(input.utf8).write(to: stdin)
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardInput = try FileHandle(forReadingFrom: stdin)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLI.Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                          stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test func operatorsAddHashesThePasswordFromStdinAndRefusesAnEmptyOne() throws {
        let folder = try TestPaths.temporaryDirectory("cli-operators")
        let db = folder.appendingPathComponent("web.sqlite").path
        let added = try Self.run(["operators", "add", "anna", "--role", "supervisor", "--db", db], input: "pass word one\n", in: folder)
        #expect(added.status == 0, "\(added.stderr)")
        let account = try #require(try MailroomDatabase.open(path: db).operatorAccount(name: "anna"))
        #expect(account.role == .supervisor)
        #expect(account.passwordHash.hasPrefix("$2b$12$"))
        #expect(!account.passwordHash.contains("pass word one"))

        let empty = try Self.run(["operators", "add", "bob", "--db", db], input: "\n", in: folder)
        #expect(empty.status == 2)
        #expect(empty.stderr.contains("password is empty"))
        let twice = try Self.run(["operators", "add", "anna", "--db", db], input: "x\n", in: folder)
        #expect(twice.status == 1)
        #expect(twice.stderr.contains("already exists"))
    }

    @Test func serveRefusesAPublicAddressWithoutAllowRemote() throws {
        let folder = try TestPaths.temporaryDirectory("cli-serve-remote")
        let refused = try CLI.run(["serve", "--host", "0.0.0.0", "--db", folder.appendingPathComponent("x.sqlite").path], in: folder)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("--allow-remote"))
    }

    @Test func serveAnswersOnLoopbackAndSendsStrangersToTheLoginPage() async throws {
        let folder = try TestPaths.temporaryDirectory("cli-serve")
        let db = folder.appendingPathComponent("web.sqlite").path
        _ = try Self.run(["operators", "add", "anna", "--db", db], input: "pass word one\n", in: folder)
        let (process, out, _) = try CLI.start(["serve", "--db", db, "--port", "0"], in: folder)
        defer { if process.isRunning { process.terminate() } }
        var address: String?
        for _ in 0..<200 where address == nil {
            let text = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
            if let range = text.range(of: #"http://127\.0\.0\.1:[0-9]+"#, options: .regularExpression) {
                address = String(text[range])
            } else {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        let base = try #require(address)
        let (data, response) = try await URLSession.shared.data(from: URL(string: "\(base)/review")!)
        let http = try #require(response as? HTTPURLResponse)
        #expect(http.statusCode == 200)
        #expect(http.url?.path == "/login")
        #expect(String(decoding: data, as: UTF8.self).contains("<h1>Log in</h1>"))
        process.terminate()
        process.waitUntilExit()
    }
}
