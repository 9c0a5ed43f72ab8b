import Foundation
import MailroomCases
import MailroomStore

/// Measures the customer linker on a generated customer list full of near-duplicates and on
/// OCR-noisy queries: how often it links the wrong customer, and how often it gives up.
///
///     swift run -c release mailroom-linkbench [--customers 5000] [--queries 3000] [--seed 42]
///
/// Deterministic for a given seed. No test depends on it.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func argument(_ name: String, default value: Int) -> Int {
    let args = CommandLine.arguments
    guard let index = args.firstIndex(of: name), index + 1 < args.count, let parsed = Int(args[index + 1]) else { return value }
    return parsed
}

let customerCount = argument("--customers", default: 5000)
let queryCount = argument("--queries", default: 3000)
var rng = SplitMix64(state: UInt64(argument("--seed", default: 42)))

// Sibling first names make the hardest near-duplicates (Giuseppe / Giuseppina at one address).
let italianFirst = [("Giuseppe", "Giuseppina"), ("Paolo", "Paola"), ("Mario", "Maria"), ("Francesco", "Francesca"),
                    ("Antonio", "Antonia"), ("Giovanni", "Giovanna"), ("Luca", "Lucia"), ("Marco", "Marta"),
                    ("Andrea", "Andreina"), ("Stefano", "Stefania"), ("Roberto", "Roberta"), ("Carlo", "Carla"),
                    ("Alessandro", "Alessandra"), ("Simone", "Simona"), ("Daniele", "Daniela"), ("Fabio", "Fabiola")]
let italianSurnames = ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino",
                       "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo",
                       "Lombardi", "Moretti", "Barbieri", "Fontana", "Santoro", "Mariani", "Rinaldi", "Caruso",
                       "Ferrara", "Galli", "Martini", "Leone", "Longo", "Gentile", "Martinelli", "Vitale"]
let polishFirst = [("Jan", "Janina"), ("Stanisław", "Stanisława"), ("Józef", "Józefa"), ("Andrzej", "Anna"),
                   ("Piotr", "Paulina"), ("Krzysztof", "Krystyna"), ("Tomasz", "Teresa"), ("Paweł", "Paulina"),
                   ("Michał", "Michalina"), ("Marek", "Maria"), ("Grzegorz", "Grażyna"), ("Łukasz", "Łucja"),
                   ("Zbigniew", "Zofia"), ("Jerzy", "Jadwiga"), ("Tadeusz", "Danuta"), ("Adam", "Agnieszka")]
let polishSurnames = [("Nowak", "Nowak"), ("Kowalski", "Kowalska"), ("Wiśniewski", "Wiśniewska"),
                      ("Wójcik", "Wójcik"), ("Kowalczyk", "Kowalczyk"), ("Kamiński", "Kamińska"),
                      ("Lewandowski", "Lewandowska"), ("Zieliński", "Zielińska"), ("Szymański", "Szymańska"),
                      ("Woźniak", "Woźniak"), ("Dąbrowski", "Dąbrowska"), ("Kozłowski", "Kozłowska"),
                      ("Jankowski", "Jankowska"), ("Mazur", "Mazur"), ("Kwiatkowski", "Kwiatkowska"),
                      ("Krawczyk", "Krawczyk"), ("Piotrowski", "Piotrowska"), ("Grabowski", "Grabowska")]

@MainActor func postcode(italian: Bool, _ index: Int) -> String {
    italian ? String(format: "%05d", 100 + index * 37) : String(format: "%02d-%03d", 10 + index % 89, (index * 7) % 1000)
}

/// A random name, and a "sibling": same surname, the other first name of the pair.
@MainActor func name(italian: Bool) -> (String, String) {
    if italian {
        let pair = italianFirst.randomElement(using: &rng)!
        let surname = italianSurnames.randomElement(using: &rng)!
        let female = Bool.random(using: &rng)
        return ((female ? pair.1 : pair.0) + " " + surname, (female ? pair.0 : pair.1) + " " + surname)
    }
    let pair = polishFirst.randomElement(using: &rng)!
    let surname = polishSurnames.randomElement(using: &rng)!
    let female = Bool.random(using: &rng)
    return ((female ? pair.1 : pair.0) + " " + (female ? surname.1 : surname.0),
            (female ? pair.0 : pair.1) + " " + (female ? surname.0 : surname.1))
}

// The customer list: 250 postcodes per country, so about ten customers share each one; 15% are
// a sibling of an earlier customer at the same postcode, 5% the same name at another postcode.
var customers: [CustomerRecord] = []
var siblingsAdded = 0
for index in 0..<customerCount {
    let italian = index % 2 == 0
    var full = name(italian: italian).0
    var code = postcode(italian: italian, Int.random(in: 0..<250, using: &rng))
    let roll = Double.random(in: 0..<1, using: &rng)
    let earlier = customers.isEmpty ? nil : customers[Int.random(in: 0..<customers.count, using: &rng)]
    if roll < 0.15, let earlier, (earlier.country == "IT") == italian,
       let sibling = siblingName(of: earlier.name, italian: italian) {
        // A sibling: the other first name of the pair, same surname, same postcode.
        full = sibling
        code = earlier.postcode ?? code
        siblingsAdded += 1
    } else if roll < 0.20, let earlier, (earlier.country == "IT") == italian {
        full = earlier.name  // the same name at another postcode
    }
    customers.append(CustomerRecord(id: "C\(index)", name: full, postcode: code, country: italian ? "IT" : "PL",
                                    nameKey: NameMatching.key(full), postcodeKey: NameMatching.postcodeKey(code)))
}

@MainActor func siblingName(of name: String, italian: Bool) -> String? {
    let parts = name.split(separator: " ", maxSplits: 1).map(String.init)
    guard parts.count == 2 else { return nil }
    if italian {
        guard let pair = italianFirst.first(where: { $0.0 == parts[0] || $0.1 == parts[0] }) else { return nil }
        return (pair.0 == parts[0] ? pair.1 : pair.0) + " " + parts[1]
    }
    guard let pair = polishFirst.first(where: { $0.0 == parts[0] || $0.1 == parts[0] }) else { return nil }
    let other = pair.0 == parts[0] ? pair.1 : pair.0
    let surname = polishSurnames.first { $0.0 == parts[1] || $0.1 == parts[1] }
    let otherSurname = surname.map { $0.0 == parts[1] ? $0.1 : $0.0 } ?? parts[1]
    return other + " " + otherSurname
}

/// OCR-like damage: accents lost, case changed, a confusable letter swapped, a letter dropped, words swapped.
@MainActor func noisy(_ text: String) -> String {
    var chars = Array(text)
    let confusions: [Character: Character] = ["l": "1", "o": "0", "e": "c", "n": "m", "i": "l", "a": "o", "u": "v",
                                              "S": "5", "B": "8"]
    let edits = [0, 0, 1, 1, 1, 2].randomElement(using: &rng)!
    for _ in 0..<edits where chars.count > 4 {
        let position = Int.random(in: 0..<chars.count, using: &rng)
        if chars[position] == " " { continue }
        switch Int.random(in: 0..<3, using: &rng) {
        case 0: if let swap = confusions[chars[position]] { chars[position] = swap }
        case 1: chars.remove(at: position)
        default: chars.insert(chars[position], at: position)
        }
    }
    var result = String(chars)
    if Bool.random(using: &rng) { result = result.folding(options: .diacriticInsensitive, locale: nil) }
    if Int.random(in: 0..<4, using: &rng) == 0 { result = result.uppercased() }
    if Int.random(in: 0..<4, using: &rng) == 0 {
        let words = result.split(separator: " ")
        result = (words.dropFirst() + words.prefix(1)).joined(separator: " ")
    }
    return result
}

let folder = FileManager.default.temporaryDirectory.appendingPathComponent("linkbench-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: folder) }
let database = try MailroomDatabase.open(path: folder.appendingPathComponent("bench.sqlite").path)
try database.upsertCustomers(customers)
func double(_ name: String, default value: Double) -> Double {
    let args = CommandLine.arguments
    guard let index = args.firstIndex(of: name), index + 1 < args.count, let parsed = Double(args[index + 1]) else { return value }
    return parsed
}
let linker = CustomerLinker(
    database: database, threshold: double("--threshold", default: CustomerLinker.defaultThreshold),
    margin: double("--margin", default: CustomerLinker.defaultMargin), contestedLevel: double("--contested", default: 0.8),
    exactLevel: double("--exact", default: 0.97))
let twins = Dictionary(grouping: customers) { "\($0.postcodeKey ?? "")|\($0.nameKey)" }

var linkedRight = 0, linkedWrong = 0, unlinked = 0, unlinkedTwins = 0, strangers = 0, strangersLinked = 0
let started = Date()
for _ in 0..<queryCount {
    // One query in ten is from someone not in the list (a new customer, a sibling who never signed up).
    if Int.random(in: 0..<10, using: &rng) == 0 {
        let italian = Bool.random(using: &rng)
        let (full, _) = name(italian: italian)
        let code = postcode(italian: italian, Int.random(in: 0..<250, using: &rng))
        if customers.contains(where: { $0.postcodeKey == NameMatching.postcodeKey(code) && $0.nameKey == NameMatching.key(full) }) {
            continue
        }
        strangers += 1
        let outcome = try linker.link(LinkQuery(name: noisy(full), postcode: code))
        if outcome.customerID != nil { strangersLinked += 1 }
        continue
    }
    let truth = customers.randomElement(using: &rng)!
    let outcome = try linker.link(LinkQuery(name: noisy(truth.name), postcode: truth.postcode))
    switch outcome.customerID {
    case nil:
        unlinked += 1
        if (twins["\(truth.postcodeKey ?? "")|\(truth.nameKey)"]?.count ?? 0) > 1 { unlinkedTwins += 1 }
    case truth.id?: linkedRight += 1
    default: linkedWrong += 1
    }
}
let known = linkedRight + linkedWrong + unlinked
func percent(_ part: Int, _ whole: Int) -> String { String(format: "%.2f%%", whole == 0 ? 0 : 100.0 * Double(part) / Double(whole)) }
let duplicates = Dictionary(grouping: customers) { "\($0.postcodeKey ?? "")|\($0.nameKey)" }.values.filter { $0.count > 1 }.count
print("customers \(customers.count) (\(siblingsAdded) siblings at a shared postcode, \(duplicates) exact duplicates at one postcode)")
print("queries of customers \(known): linked right \(linkedRight) (\(percent(linkedRight, known))), "
      + "wrong \(linkedWrong) (\(percent(linkedWrong, known))), unlinked \(unlinked) (\(percent(unlinked, known)); "
      + "\(unlinkedTwins) of them have a namesake at the same postcode and can not be told apart)")
print("queries of strangers \(strangers): linked (wrongly) \(strangersLinked) (\(percent(strangersLinked, strangers)))")
print("wrong-link rate over all queries: \(percent(linkedWrong + strangersLinked, known + strangers))")
print(String(format: "threshold %.2f, margin %.2f, contested %.2f/%.2f; %.1f s", linker.threshold, linker.margin,
             linker.contestedLevel, linker.exactLevel, Date().timeIntervalSince(started)))
