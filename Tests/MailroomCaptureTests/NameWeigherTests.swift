@testable import MailroomCapture
import MailroomOCR
import Testing

@Suite("Weighing a reading against sorted names, sharing their starts")
struct NameWeigherTests {
    /// Names in lexicon order: long shared starts, one a start of the next, one of another length.
    static let names = ["MARI", "MARIA", "MARIANA", "MARIANNA", "MARINA", "MARIO", "MARTA", "MARTINA", "MATTEO", "MAX", "ZOE"]

    /// A reading of MARIANA with a doubtful fourth and last letter.
    static var reading: TextReading {
        var boxes: [[(String, Double)]] = "MARLANA".map { [(String($0), 97)] }
        boxes[3] = [("L", 55), ("I", 40)]
        boxes[6] = [("A", 70), ("O", 25)]
        return Material.boxes(boxes)
    }

    /// The names as letter codes of one alphabet, and the reading's cost table over it.
    static func coded() -> (names: [[Int]], table: [Double], letters: Int) {
        var alphabet: [Character: Int] = [:]
        let codes = names.map { name in
            name.map { letter in
                if let code = alphabet[letter] { return code }
                alphabet[letter] = alphabet.count
                return alphabet.count - 1
            }
        }
        return (codes, NameLexicon.table(NameLexicon.letterCosts(reading), alphabet: alphabet), alphabet.count)
    }

    /// The weighed edit distance written out: the whole table, read character by name letter,
    /// costing a letter by the table and a gap by `NameLexicon.gapCost`.
    static func plainCost(_ table: [Double], rows: Int, letters: Int, _ name: [Int]) -> Double {
        let gap = NameLexicon.gapCost
        var cell = [[Double]](repeating: [Double](repeating: 0, count: name.count + 1), count: rows + 1)
        for i in 0...rows {
            for j in 0...name.count {
                if i == 0 || j == 0 { cell[i][j] = Double(i + j) * gap; continue }
                cell[i][j] = min(cell[i - 1][j - 1] + table[(i - 1) * letters + name[j - 1]], cell[i - 1][j] + gap, cell[i][j - 1] + gap)
            }
        }
        return cell[rows][name.count]
    }

    @Test("a reading with no characters costs a gap per letter of the name")
    func emptyReading() {
        #expect(NameLexicon.cost(of: "ANNA", given: TextReading(characters: [])) == 4 * NameLexicon.gapCost)
    }

    @Test("every name costs what it costs weighed on its own")
    func sameCosts() {
        let (codes, table, letters) = Self.coded()
        let rows = Self.reading.characters.count
        var weigher = NameLexicon.Weigher(table: table, rows: rows, letters: letters)
        for (name, code) in zip(Self.names, codes) {
            let alone = Self.plainCost(table, rows: rows, letters: letters, code)
            #expect(weigher.cost(of: code, giveUpAbove: .infinity) == alone, "\(name)")
            #expect(alone == NameLexicon.cost(of: name, given: Self.reading), "\(name)")
        }
        // Backwards, so that each name shares less with the one before.
        var backwards = NameLexicon.Weigher(table: table, rows: rows, letters: letters)
        for code in codes.reversed() {
            #expect(backwards.cost(of: code, giveUpAbove: .infinity) == Self.plainCost(table, rows: rows, letters: letters, code))
        }
    }

    @Test("a name is given up only when it must cost more than the limit, and the names after it are still weighed right")
    func givesUpOnlyAboveTheLimit() {
        let (codes, table, letters) = Self.coded()
        let rows = Self.reading.characters.count
        let costs = codes.map { Self.plainCost(table, rows: rows, letters: letters, $0) }
        let limit = costs[Self.names.firstIndex(of: "MARIANNA")!]
        var weigher = NameLexicon.Weigher(table: table, rows: rows, letters: letters)
        var givenUp = 0
        for (index, code) in codes.enumerated() {
            let weighed = weigher.cost(of: code, giveUpAbove: limit)
            if weighed == .infinity {
                givenUp += 1
                #expect(costs[index] > limit, "\(Self.names[index])")
            } else {
                #expect(weighed == costs[index], "\(Self.names[index])")
            }
        }
        // MARIANA itself is under the limit; names far from the reading (ZOE, MAX) are not.
        #expect(givenUp >= 2)
        #expect(weigher.cost(of: codes[Self.names.firstIndex(of: "MARIANA")!], giveUpAbove: limit) <= limit)
    }
}
