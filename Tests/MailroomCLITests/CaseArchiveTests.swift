import Foundation
import MailroomTestSupport
import Testing

@Suite("mailroom cases archive")
struct CaseArchiveTests {
    @Test("a closed case's bundle holds a searchable PDF of the letter, the reply and the timeline; the case is then read-only")
    func bundle() throws {
        let folder = try TestPaths.temporaryDirectory("archive")
        try FileManager.default.copyItem(at: TestPaths.samples.appendingPathComponent("letter-ita-001.png"),
                                         to: folder.appendingPathComponent("letter.png"))
        let db = folder.appendingPathComponent("mailroom.sqlite").path
        let rules = ["--db", db, "--rules", TestPaths.root.appendingPathComponent("config/routing.yaml").path]
        #expect(try CLI.run(["scan", "letter.png"] + rules.dropLast(2), in: folder).status == 0)
        let route = try CLI.run(["cases", "route"] + rules, in: folder)
        #expect(route.status == 0, "\(route.stderr)")
        let listed = try CLI.run(["cases", "list", "--json"] + rules, in: folder)
        let cases = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        let reference = try #require(cases.first?["reference"] as? String)

        // Archiving an open case is refused, and nothing is written.
        let early = try CLI.run(["cases", "archive", reference, "--to", "bundles"] + rules, in: folder)
        #expect(early.status == 1)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("bundles/\(reference)").path))

        for step in [["assign", reference, "marta"], ["reply", reference, "Gentile cliente, il pacco è partito oggi."],
                     ["close", reference]] {
            let result = try CLI.run(["cases"] + step + rules, in: folder)
            #expect(result.status == 0, "\(step): \(result.stderr)")
        }
        let archived = try CLI.run(["cases", "archive", reference, "--to", "bundles"] + rules, in: folder)
        #expect(archived.status == 0, "\(archived.stderr)")

        let bundle = folder.appendingPathComponent("bundles/\(reference)")
        let pdf = bundle.appendingPathComponent("documents/01-letter.pdf")
        let text = try Self.run("/usr/bin/pdftotext", [pdf.path, "-"])
        #expect(text.contains("Abbasanta"))
        #expect(text.contains("ORD-2026-033736"))
        let reply = try String(contentsOf: bundle.appendingPathComponent("replies/01.txt"), encoding: .utf8)
        #expect(reply.contains("il pacco è partito"))
        let timeline = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: bundle.appendingPathComponent("case.json"))) as? [String: Any])
        #expect((timeline["events"] as? [Any])?.isEmpty == false)

        let note = try CLI.run(["cases", "note", reference, "too late"] + rules, in: folder)
        #expect(note.status == 1)
        #expect(note.stderr.contains("archived"))
    }

    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
