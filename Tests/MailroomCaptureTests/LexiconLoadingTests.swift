import Foundation
@testable import MailroomCapture
import MailroomOCR
import Testing

@Suite("Lexicon files parsed and loaded once")
struct LexiconLoadingTests {
    static let text = Array("""
        # coverage=partial
        ÉMILE\tFR=a,IT=3
        anna\tIT=d,PL=c

        ZOFIA\tPL=b
        BROKEN LINE WITHOUT TAB
        ROSSI\tIT=zz,PL=2,IT
        MARIO\tIT=4
        """.utf8)

    @Test("only the countries asked for are kept, spelled upper case, with their hexadecimal classes, in file order")
    func wantedCountries() {
        let (byCountry, isPartial) = NameLexicon.entries(in: Self.text, countries: ["IT"])
        #expect(isPartial)
        #expect(Array(byCountry.keys) == ["IT"])
        let italian = byCountry["IT"] ?? []
        #expect(italian.map(\.spelled) == ["ÉMILE", "ANNA", "MARIO"])
        #expect(italian.map(\.frequency) == [3, 13, 4])
        #expect(italian.first?.folded == Array("EMILE"))
    }

    @Test("without a country list every country is kept; malformed classes and lines are skipped")
    func everyCountry() {
        let (byCountry, isPartial) = NameLexicon.entries(in: Self.text, countries: nil)
        #expect(isPartial)
        #expect(Set(byCountry.keys) == ["FR", "IT", "PL"])
        #expect(byCountry["PL"]?.map(\.spelled) == ["ANNA", "ZOFIA", "ROSSI"])
        #expect(byCountry["FR"]?.map(\.frequency) == [10])
        let (none, complete) = NameLexicon.entries(in: Array("ANNA\tIT=1\n".utf8), countries: ["DE"])
        #expect(none.isEmpty)
        #expect(!complete)
    }

    @Test("workers asking for the same value at once share one load")
    func oneLoad() {
        let cache = LoadedOnce<String, Int>()
        let loads = Counter()
        DispatchQueue.concurrentPerform(iterations: 16) { index in
            let value = try? cache.value(for: index.isMultiple(of: 2) ? "even" : "odd") { () throws(OCRError) in
                loads.add()
                Thread.sleep(forTimeInterval: 0.02)
                return 7
            }
            #expect(value == 7)
        }
        #expect(loads.value == 2)
    }
}

/// A count shared by threads.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
