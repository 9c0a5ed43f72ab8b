import Testing
@testable import MailroomPostcodes

@Suite("Town to postcodes")
struct SearchTests {
    let directory = Fixtures.shared

    @Test("Milano in any case is an exact match", arguments: ["Milano", "MILANO", "milano", " milano. "])
    func milano(spelling: String) throws {
        let matches = try directory.postcodes(of: spelling, country: "IT")
        let exact = matches.filter { $0.score == 1 }
        #expect(exact.contains { $0.postcode == "20121" && $0.locality.name == "Milano" })
        #expect(exact.allSatisfy { $0.locality.name == "Milano" })
        #expect(exact.count >= 40)
    }

    @Test("Milan (English, truncated) still finds Milano first")
    func milan() throws {
        let matches = try directory.postcodes(of: "Milan", country: "IT")
        let best = try #require(matches.first)
        #expect(best.locality.name == "Milano")
        #expect(best.score < 1 && best.score > 0.8)
        #expect(matches.contains { $0.postcode == "20121" })
    }

    @Test("Misspelt and transposed reads", arguments: ["Milnao", "Mialno", "Milamo"])
    func misspelt(spelling: String) throws {
        let matches = try directory.postcodes(of: spelling, country: "IT", limit: 200)
        #expect(matches.contains { $0.postcode == "20121" && $0.locality.name == "Milano" }, "\(spelling)")
    }

    @Test("Kraków with and without accents", arguments: ["Kraków", "KRAKOW", "krakow", "KRAKÓW"])
    func krakow(spelling: String) throws {
        let matches = try directory.postcodes(of: spelling, country: "PL")
        #expect(matches.first?.locality.name == "Kraków")
        #expect(matches.contains { $0.postcode == "31-042" && $0.score == 1 })
    }

    @Test("Łódź: ł does not decompose and must be folded explicitly", arguments: ["Łódź", "LODZ", "lodz", "ŁÓDŹ"])
    func lodz(spelling: String) throws {
        let matches = try directory.postcodes(of: spelling, country: "PL")
        #expect(matches.first?.locality.name == "Łódź")
        #expect(matches.contains { $0.postcode == "90-001" && $0.score == 1 })
    }

    @Test("Scores are in 0…1, best first; limit and minimum are honoured")
    func ordering() throws {
        let matches = try directory.postcodes(of: "Milan", country: "IT", minimumScore: 0.5, limit: 30)
        #expect(matches.count == 30)
        #expect(matches.allSatisfy { (0.5...1).contains($0.score) })
        #expect(zip(matches, matches.dropFirst()).allSatisfy { $0.score >= $1.score })
        #expect(try directory.postcodes(of: "Qwxzzz", country: "IT").isEmpty)
        #expect(try directory.postcodes(of: " ,. ", country: "IT").isEmpty)
    }

    @Test("US towns (zipcodes data)")
    func unitedStates() throws {
        let matches = try directory.postcodes(of: "NEW YORK", country: "US")
        #expect(matches.contains { $0.postcode == "10001" && $0.score == 1 })
    }
}

@Suite("Folding and similarity")
struct SimilarityTests {
    @Test("fold", arguments: [
        ("Łódź", "LODZ"), ("Kraków", "KRAKOW"), ("São Paulo", "SAO PAULO"), ("Saint-Étienne", "SAINT ETIENNE"),
        ("Straße", "STRASSE"), ("Ærøskøbing", "AEROSKOBING"), ("Đakovo", "DAKOVO"), ("  a ,, b  ", "A B"),
        ("Þórshöfn", "THORSHOFN"), ("İstanbul", "ISTANBUL"), ("Œuvre", "OEUVRE"), ("e\u{301}", "E"),
    ])
    func fold(input: String, expected: String) {
        #expect(PostcodeDirectory.fold(input) == expected)
    }

    @Test("similarity")
    func similarity() {
        #expect(PostcodeDirectory.similarity("Kraków", "KRAKOW") == 1)
        #expect(PostcodeDirectory.similarity("Łódź", "lodz") == 1)
        let milan = PostcodeDirectory.similarity("Milan", "Milano")
        #expect(abs(milan - 5.0 / 6.0) < 1e-9)
        #expect(PostcodeDirectory.similarity("MILNAO", "MILANO") > 0.8)  // one transposition
        #expect(PostcodeDirectory.similarity("Roma", "Torino") < 0.5)
        #expect(PostcodeDirectory.similarity("", "Roma") == 0)
        #expect(PostcodeDirectory.similarity("--", "..") == 0)
        #expect(PostcodeDirectory.similarity("Torino", "Roma") == PostcodeDirectory.similarity("Roma", "Torino"))
    }
}
