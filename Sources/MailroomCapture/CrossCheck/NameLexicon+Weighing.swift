import Foundation
import MailroomOCR
import MailroomPostcodes

extension NameLexicon {
    /// The least chance a character's reading is given: a letter no reader offered.
    static let floor = 0.001

    /// What reading each character as each folded letter its alternatives offer costs.
    static func letterCosts(_ reading: TextReading) -> [[Character: Double]] {
        reading.characters.map { character in
            var chances: [Character: Double] = [:]
            for alternative in character.alternatives {
                for letter in TextFolding.fold(alternative.text) {
                    chances[letter] = max(chances[letter] ?? 0, alternative.confidence / 100)
                }
            }
            return chances.mapValues { -log(max($0, floor)) }
        }
    }

    /// A row per character read, a column per letter of `alphabet`: what reading it as that letter costs.
    static func table(_ costs: [[Character: Double]], alphabet: [Character: Int]) -> [Double] {
        var table = [Double](repeating: -log(floor), count: costs.count * alphabet.count)
        for (row, characterCosts) in costs.enumerated() {
            for (letter, cost) in characterCosts { if let code = alphabet[letter] { table[row * alphabet.count + code] = cost } }
        }
        return table
    }

    /// The cost (a negative log-likelihood) of `reading` being `spelling`, accents aside, by its
    /// characters' alternatives: what `verdict` weighs each name by, for one spelling.
    public static func cost(of spelling: String, given reading: TextReading) -> Double {
        let letters = Array(TextFolding.fold(spelling.uppercased()))
        var alphabet: [Character: Int] = [:]
        for letter in letters where alphabet[letter] == nil { alphabet[letter] = alphabet.count }
        guard !letters.isEmpty else { return Double(reading.characters.count) * gapCost }
        let table = Self.table(letterCosts(reading), alphabet: alphabet)
        var weigher = Weigher(table: table, rows: reading.characters.count, letters: alphabet.count,
                              marks: markCodes(in: alphabet))
        return weigher.cost(of: letters.compactMap { alphabet[$0] }, giveUpAbove: .infinity)
    }

    /// Weighs one reading against a list of spellings in turn, reusing the work done for the
    /// letters a spelling shares with the one before it.
    ///
    /// The lexicons are sorted, so a name shares most of its start with the name before it
    /// (MARIA, MARIANA, MARIANNA); the edit-distance table is built a column per letter of the
    /// name, and the columns of the shared start are kept. A start whose least cost already
    /// exceeds the limit rules out every name that begins with it at once. A name's cost does
    /// not depend on the names weighed before it.
    struct Weigher {
        private let table: [Double]
        private let rows: Int
        private let letters: Int
        /// What leaving out each letter of a name costs: a mark (`D'AMICO`, `DE SANTIS`) less.
        private let skips: [Double]
        /// Column `k` (rows + 1 costs) is the cost of the first `k` letters of `previous`
        /// against each start of the reading.
        private var columns: [Double]
        /// `floors[k]`: the most any column up to `k` lets the whole spelling come in under.
        private var floors: [Double]
        private var previous: [Int] = []
        private var valid = 0

        init(table: [Double], rows: Int, letters: Int, marks: [Int] = []) {
            self.table = table
            self.rows = rows
            self.letters = letters
            var skips = [Double](repeating: NameLexicon.gapCost, count: letters)
            for mark in marks where mark < letters { skips[mark] = NameLexicon.markGapCost }
            self.skips = skips
            columns = (0...rows).map { Double($0) * NameLexicon.gapCost }
            floors = [0]
        }

        /// The cost of the reading being `name` (letter codes), or `.infinity` as soon as it
        /// must exceed `limit`.
        mutating func cost(of name: [Int], giveUpAbove limit: Double) -> Double {
            var shared = 0
            let reusable = min(valid, name.count)
            while shared < reusable, previous[shared] == name[shared] { shared += 1 }
            previous = name
            valid = shared
            if floors[shared] > limit { return .infinity }
            let stride = rows + 1, needed = (name.count + 1) * stride
            if columns.count < needed {
                columns += [Double](repeating: 0, count: needed - columns.count)
                floors += [Double](repeating: 0, count: name.count + 1 - floors.count)
            }
            let gap = NameLexicon.gapCost
            var k = shared
            while k < name.count {
                k += 1
                let code = name[k - 1], base = k * stride, before = base - stride, skip = skips[code]
                var least = Double.infinity
                columns.withUnsafeMutableBufferPointer { column in
                    table.withUnsafeBufferPointer { table in
                        column[base] = column[before] + skip
                        least = column[base]
                        for i in Swift.stride(from: 1, through: rows, by: 1) {
                            let cell = min(column[before + i - 1] + table[(i - 1) * letters + code],
                                           column[before + i] + skip, column[base + i - 1] + gap)
                            column[base + i] = cell
                            least = min(least, cell)
                        }
                    }
                }
                floors[k] = max(floors[k - 1], least)
                valid = k
                // Every later column adds a cost, so no spelling with this start ends below it.
                if floors[k] > limit { return .infinity }
            }
            return columns[name.count * stride + rows]
        }
    }
}
