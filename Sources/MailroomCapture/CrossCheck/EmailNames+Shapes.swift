import MailroomPostcodes

extension EmailNames {
    /// The address with its local part rebuilt from the names in the shape nearest to what was
    /// read, or nil when no shape is clearly nearest or nothing changes.
    ///
    /// People give their address a few shapes (`maria.rossi`, `rossi_maria85`, `m.rossi`,
    /// `mariarossi1990`): two names, or one and the other's initial, in either order, joined by
    /// `.`, `_`, `-` or nothing, or one name alone, then none, one, two or four digits. Weighing
    /// the whole local part against each shape sees what word-by-word spelling cannot: a `5`
    /// read as two letters (`rosassz`, 52), a stop read as a letter, a name's first letter
    /// merged into the word before. The digits are never invented: each must have been read as
    /// a digit or a letter that looks like one. A shape wins only within two fifths of its
    /// length in edits (`farthestShare`) and a quarter of an edit ahead of any shape that spells
    /// the address differently (`leadOverNext`).
    ///
    /// `offers`, when given, holds what the reader offered for each character of the local part
    /// (`Offer`):
    /// - a number written after the name but read as letters (`stefanowa` for `stefano64`) is
    ///   taken from the digits offered;
    /// - a letter the reader found likelier a digit than anything else counts as a digit read,
    ///   so one alone makes a number (`mancinit`, the classifier surer of a 7 than of the T, is
    ///   `mancini7`);
    /// - a letter of the names read as one it was nearly read as costs less than any other slip
    ///   (`michainazyr`, with `L` and `M` offered for `I` and `N`, is `michalmazur`).
    static func shaped(address: String, names: [String], offers: [Offer]? = nil) -> (address: String, cost: Double)? {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty else { return nil }
        let read = Array(parts[0])
        let offers = offers.flatMap { $0.count == read.count ? $0 : nil } ?? Array(repeating: Offer(), count: read.count)
        var outcomes: [String: Double] = [:]
        for shape in shapes(of: names) {
            guard let (cost, spelled) = align(shape, to: read, offers: offers) else { continue }
            outcomes[spelled] = min(outcomes[spelled] ?? .infinity, cost)
        }
        let ranked = outcomes.sorted { $0.value < $1.value || $0.value == $1.value && $0.key < $1.key }
        guard let best = ranked.first, best.key != String(read).lowercased(),
              best.value <= max(1, Double(best.key.count) * farthestShare),
              ranked.dropFirst().first.map({ $0.value >= best.value + leadOverNext }) ?? true else { return nil }
        let local = read.first?.isUppercase == true ? best.key.uppercased() : best.key
        return (local + "@" + parts[1], best.value)
    }

    /// Whether `local` is exactly one of the shapes the names give an address.
    static func isShape(_ local: String, of names: [String]) -> Bool {
        let read = Array(local.lowercased())
        return shapes(of: names).contains { shape in
            shape.count == read.count && zip(shape, read).allSatisfy { slot, character in
                switch slot {
                case .character(let c): c == character
                case .digit: character.isNumber
                }
            }
        }
    }

    /// Whether `local` is two of the names in full run together, with no separator and no
    /// number (`beatajablonska`).
    ///
    /// Of the addresses a lost stop can make, this is the one the names vouch for best: an
    /// initial (`pgreco` for `p.greco`) or a number after the names (`krolmarek73` for
    /// `krol.marek73`) is as often the stop lost as written so. Tuning coupons (stop 55): of
    /// the addresses read so and otherwise vouched for, 7 in 100 had a stop both models lost;
    /// of those with an initial or a number, half.
    static func isBothNamesRunTogether(_ local: String, of names: [String]) -> Bool {
        let words = names.map { TextFolding.fold($0).lowercased().filter(\.isLetter) }.filter { $0.count >= 2 }
        let read = local.lowercased()
        return words.indices.contains { i in
            words.indices.contains { j in i != j && words[i] + words[j] == read }
        }
    }

    /// One place of a shape: a known character, or a digit to be read from the scan.
    enum Slot: Equatable {
        case character(Character)
        case digit
    }

    /// How far, in edits against its length, a shape may lie from what was read: two fifths.
    ///
    /// A quarter kept garbled readings whose names were plain (`MAZUR.POTYQG` beside PIOTR
    /// MAZUR, `mal-l-eonorel-l-i` beside MATTEO MORETTI); what the readers were sure of and
    /// agreed on is never respelled (`FieldChecker.overrulesSureCharacters`), and a shape of names
    /// still in review leaves the e-mail in review. Stop 47, tuning sets: 24 e-mails right that
    /// were wrong, none broken (with `leadOverNext` lowered from 0.5 and
    /// `FieldChecker.keepsKnownNames`).
    static let farthestShare = 0.4
    /// How much nearer the best shape must be than any shape that spells the address otherwise.
    static let leadOverNext = 0.25

    static let separators: [Character] = [".", "_", "-"]
    static let digitCounts = [0, 1, 2, 4]

    /// How much of a letter's cost an alternative its reader offered takes off, at the
    /// alternative's full weight: a letter read as the reader's close second choice (`I` 83
    /// beside `L` 88) costs 0.25 instead of 1. Never all of it: what was read still counts.
    static let offeredLetterWeight = 0.8

    /// Every shape the names can give an address, in lowercase folded letters.
    static func shapes(of names: [String]) -> [[Slot]] {
        let words = names.map { name in TextFolding.fold(name).lowercased().filter(\.isLetter) }.filter { $0.count >= 2 }
        var stems: Set<[Character]> = Set(words.map(Array.init))
        for (i, first) in words.enumerated() {
            for (j, second) in words.enumerated() where i != j && first != second {
                for (a, b) in [(first, second), (String(first.prefix(1)), second), (first, String(second.prefix(1)))] {
                    for separator in separators { stems.insert(Array(a + String(separator) + b)) }
                    stems.insert(Array(a + b))
                }
            }
        }
        return stems.flatMap { stem in
            digitCounts.map { count in stem.map(Slot.character) + Array(repeating: Slot.digit, count: count) }
        }
    }

    /// The cheapest way to read `read` as `shape`, and what that reading spells, or nil when
    /// the shape needs a digit the scan does not show.
    ///
    /// A number read only as letters must be two or more of them (`rosassz`, 52): one stray
    /// letter before the `@` is more often the `@` itself read twice than a digit.
    static func align(_ shape: [Slot], to read: [Character], offers: [Offer]? = nil) -> (cost: Double, spelled: String)? {
        enum Step { case skipShape, skipRead, pair }
        let offers = offers ?? Array(repeating: Offer(), count: read.count)
        let rows = shape.count + 1, columns = read.count + 1
        var cost = [Double](repeating: .infinity, count: rows * columns)
        var step = [Step](repeating: .pair, count: rows * columns)
        cost[0] = 0
        for i in 0..<rows {
            for j in 0..<columns where i > 0 || j > 0 {
                var here = Double.infinity, how = Step.pair
                if i > 0, case .character(let c) = shape[i - 1] {
                    let value = cost[(i - 1) * columns + j] + (separators.contains(c) ? 0.5 : 1)
                    if value < here { (here, how) = (value, .skipShape) }
                }
                if j > 0 {
                    let value = cost[i * columns + j - 1] + (separators.contains(read[j - 1]) ? 0.5 : 1)
                    if value < here { (here, how) = (value, .skipRead) }
                }
                if i > 0, j > 0, let pairing = pairCost(shape[i - 1], read[j - 1], offer: offers[j - 1]) {
                    let value = cost[(i - 1) * columns + j - 1] + pairing
                    if value < here { (here, how) = (value, .pair) }
                }
                cost[i * columns + j] = here
                step[i * columns + j] = how
            }
        }
        guard cost[rows * columns - 1].isFinite else { return nil }
        var spelled: [Character] = []
        var digitsRead = 0
        var (i, j) = (shape.count, read.count)
        while i > 0 || j > 0 {
            switch step[i * columns + j] {
            case .skipShape:
                guard case .character(let c) = shape[i - 1] else { return nil }
                spelled.append(c)
                i -= 1
            case .skipRead:
                j -= 1
            case .pair:
                switch shape[i - 1] {
                case .character(let c): spelled.append(c)
                case .digit:
                    if read[j - 1].isNumber {
                        spelled.append(read[j - 1])
                        digitsRead += 1
                    } else if let value = offers[j - 1].digits.first {
                        spelled.append(value)
                        if offers[j - 1].likelyDigit { digitsRead += 1 }
                    } else if let value = Confusions.digit(lookingLike: read[j - 1]) {
                        spelled.append(value)
                    } else {
                        return nil
                    }
                }
                i -= 1
                j -= 1
            }
        }
        let digits = shape.filter { $0 == .digit }.count
        guard digits == 0 || digitsRead > 0 || digits >= 2 else { return nil }
        return (cost[rows * columns - 1], String(spelled.reversed()))
    }

    /// What reading `character` for a place of the shape costs; nil when it cannot stand there.
    private static func pairCost(_ slot: Slot, _ character: Character, offer: Offer) -> Double? {
        switch slot {
        case .digit:
            if character.isNumber { return 0 }
            if !offer.digits.isEmpty { return 0.4 }
            return Confusions.digit(lookingLike: character) == nil ? nil : 0.4
        case .character(let expected):
            if character.lowercased() == String(expected) { return 0 }
            switch (separators.contains(expected), separators.contains(character)) {
            case (true, true): return 0.5
            case (false, false): return 1 - offeredLetterWeight * (offer.letters[expected] ?? 0)
            default: return 1.5
            }
        }
    }
}
