import Foundation
import MailroomTestSupport
import Testing

@Suite("mailroom eval, end to end", .serialized)
struct EvalCommandTests {
    @Test("eval on samples/ prints every figure, each within its bounds")
    func evalJSON() throws {
        let folder = try TestPaths.temporaryDirectory("eval")
        let output = try CLI.run(["eval", TestPaths.samples.path, "--json"], in: folder)
        #expect(output.status == 0, "\(output.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        for key in ["fields_total", "field_error_rate_raw", "field_error_rate", "auto_accept_rate",
                    "auto_accepted_error_rate", "review_rate", "documents_per_second", "per_field"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        let total = try #require(object["fields_total"] as? Int)
        let truthFields = try FileManager.default.contentsOfDirectory(atPath: TestPaths.samples.path)
            .filter { $0.hasPrefix("coupon-") && $0.hasSuffix(".truth.json") }.count * 10
        #expect(total == truthFields)
        for key in ["field_error_rate_raw", "field_error_rate", "auto_accept_rate", "auto_accepted_error_rate", "review_rate"] {
            let value = try #require(object[key] as? Double)
            #expect(value >= 0 && value <= 1, "\(key) = \(value)")
        }
        let accept = try #require(object["auto_accept_rate"] as? Double)
        let review = try #require(object["review_rate"] as? Double)
        #expect(abs(accept + review - 1) < 1e-9)
        let perField = try #require(object["per_field"] as? [String: [String: Any]])
        #expect(perField["postcode"]?["type"] as? String == "postcode")
        #expect((object["documents_per_second"] as? Double ?? 0) > 0)
        // The cross-check must not make postcodes worse than OCR alone.
        let postcode = try #require(perField["postcode"])
        #expect((postcode["field_error_rate"] as? Double ?? 1) <= (postcode["field_error_rate_raw"] as? Double ?? 0))
        // The sample letters' truth says how far each scan was turned.
        let upright = try #require(object["orientation_accuracy"] as? Double)
        #expect(upright >= 0 && upright <= 1)
    }

    @Test("--compare-stock and --stock-only together are a usage error")
    func compareStockExcludesStockOnly() throws {
        let folder = try TestPaths.temporaryDirectory("eval-flags")
        let output = try CLI.run(["eval", TestPaths.samples.path, "--compare-stock", "--stock-only"], in: folder)
        #expect(output.status == 2)
        #expect(output.stderr.contains("--compare-stock"))
    }

    @Test("eval on a folder without truth files is a usage error")
    func noTruth() throws {
        let folder = try TestPaths.temporaryDirectory("eval-empty")
        let output = try CLI.run(["eval", folder.path], in: folder)
        #expect(output.status == 2)
        #expect(output.stderr.contains("truth"))
    }

    @Test("eval on a folder that does not exist says so (usage error)")
    func noFolder() throws {
        let folder = try TestPaths.temporaryDirectory("eval-missing")
        let missing = folder.appendingPathComponent("no-such-folder").path
        let output = try CLI.run(["eval", missing], in: folder)
        #expect(output.status == 2)
        #expect(output.stderr.contains("\(missing) is no folder"))
    }
}
