import MailroomOCR
import MailroomPostcodes

extension FieldChecker {
    /// Checks a street word by word against the words streets are named with; the house number
    /// stays as read.
    ///
    /// A street is a type (VIA, UL., STREET), names and common words, and a number. Each run of
    /// letters is weighed against the lexicon like a given name, with its characters'
    /// alternatives; a clear winner corrects it (recorded). The type's word (VIA first, STREET
    /// last, by `StreetTypes`) is read against the country's street types first. The street is
    /// accepted only when every word is clear and there is a house number whose characters are
    /// sure and agree with the witness. A name the country's list of streets clearly knows as a
    /// whole is taken from it (`knownStreetName`) instead.
    func checkStreet(_ result: inout FieldResult, _ read: TextReading, witness: String?, lexicon: NameLexicon,
                     witnessIsClassifier: Bool) {
        let joined = joiningSplitWords(read, lexicon: lexicon)
        let reading = joined ?? read
        var everyWordClear = joined == nil, numberConfident = true, slashDoubt = false
        let tokens = Self.tokens(reading).map { token in
            token.contains(where: { $0.text.contains(where: \.isNumber) }) ? [token] : Self.letterRuns(token)
        }
        let wordRuns = tokens.indices.flatMap { t in tokens[t].indices.map { (t, $0) } }
            .filter { tokens[$0.0][$0.1].first?.text.first?.isLetter == true
                && !tokens[$0.0][$0.1].contains(where: { $0.text.contains(where: \.isNumber) }) }
        let typeRun = streetTypes?.position(in: form.country).flatMap { $0 == .lead ? wordRuns.first : wordRuns.last }
        let readType = typeRun.flatMap { run in
            var letters = tokens[run.0][run.1]
            letters[0].startsWord = false
            return streetTypes?.type(of: TextReading(characters: letters), country: form.country)
        }
        let typeIsRead = readType != nil
        var span = Self.nameSpan(tokens, wordRuns: wordRuns, type: typeIsRead ? typeRun : nil)
        var known = span.flatMap { span in knownStreetName(span.flatMap { tokens[$0.0][$0.1] }) }
        if known == nil, !typeIsRead, let whole = span, let glued = gluedStreetName(whole.flatMap { tokens[$0.0][$0.1] }) {
            known = glued
        } else if known == nil, let whole = span, tokens[whole[0].0].count == 1, tokens[whole[0].0][0].count <= 5,
                  let second = whole.firstIndex(where: { run in run.0 != whole[0].0 && wordRuns.contains { $0 == run } }),
                  let rest = knownStreetName(whole[second...].flatMap { tokens[$0.0][$0.1] }) {
            // A short first word (DELLE ROSE, DEI MILLE: the list writes ROSE, MILLE) is read as
            // a joining word of the country's, or else left to the word check.
            var first = tokens[whole[0].0][0]
            first[0].startsWord = false
            if let particle = streetTypes?.particle(of: TextReading(characters: first), country: form.country) {
                known = KnownStreetName(spelled: particle.spelled + " " + rest.spelled, clear: rest.clear && particle.asRead)
            } else {
                span = Array(whole[second...])
                known = rest
            }
        } else if known == nil {
            span = nil
        }
        var words: [String] = []
        for (t, runs) in tokens.enumerated() {
            var word = ""
            var stopWritten = false
            for (r, run) in runs.enumerated() {
                let text = run.map(\.text).joined()
                if stopWritten {
                    // The type's own full stop, read or not, then a space before a glued name (UL.LEŚNA).
                    // Marks alone right after it are that stop, doubled or with a letter of the
                    // type read as a mark (`U/.` and `U..` for UL.).
                    stopWritten = false
                    if text.allSatisfy(Self.typeStopMarks.contains) { if r + 1 < runs.count { word += " " }; continue }
                    word += " "
                }
                if let known, let span, span.contains(where: { $0 == (t, r) }) {
                    // The whole name as the list of streets spells it, in place of its first run.
                    if span[0] == (t, r) {
                        word += known.spelled
                        everyWordClear = everyWordClear && known.clear
                    }
                    continue
                }
                guard wordRuns.contains(where: { $0 == (t, r) }) else {
                    // An apostrophe stands between two letters (SANT'ANTONIO); one at a word's
                    // edge ('LEOPARDI) is a speck of the scan, not writing.
                    if text.allSatisfy({ "'’`".contains($0) }), r == 0 || r == runs.count - 1 { continue }
                    if text.contains(where: \.isNumber) {
                        numberConfident = numberConfident && run.allSatisfy { $0.confidence >= thresholds.classifiedBoxConfidence }
                        slashDoubt = slashDoubt || run.contains(where: offersSlash)
                    }
                    word += text
                    // An abbreviation's full stop is followed by a space, type or not (UL.KRAKOWSKA
                    // read with its type unsure is still UL. KRAKOWSKA).
                    if text == ".", wordRuns.contains(where: { $0 == (t, r + 1) }) { word += " " }
                    continue
                }
                var letters = run
                letters[0].startsWord = false
                var letterReading = TextReading(characters: letters)
                if let typeRun, typeRun == (t, r) {
                    if let type = readType {
                        word += type
                        stopWritten = type.hasSuffix(".")
                        continue
                    }
                    if let (type, rest) = gluedType(letters, lexicon: lexicon) {
                        // The type run into the name (ULKRAKOWSKA): split, and shown for review.
                        word += type + " "
                        letterReading = rest
                        everyWordClear = false
                    }
                }
                switch lexicon.verdict(for: letterReading, country: form.country) {
                case .confirmed(let spelled): word += spelled
                case .corrected(let spelled):
                    word += spelled
                    // More than one letter changed, or one added or dropped, is a guess to show, not
                    // to accept: among a language's words a far reading always has some neighbour.
                    if !Self.atMostOneLetterApart(text, spelled) { everyWordClear = false }
                case .unsure(let likeliest):
                    // A word a few slips from its likeliest spelling, at most one letter longer or
                    // shorter, is shown spelled so, for review; a reading that is itself a word stays
                    // (street names the list lacks, BRZOZOWA, would otherwise become BRZOZOWSKA).
                    everyWordClear = false
                    if let likeliest, Self.slipsApart(text, likeliest), abs(likeliest.count - text.count) <= 1,
                       !lexicon.knows(text, country: form.country) {
                        word += likeliest
                    } else {
                        word += text
                    }
                }
            }
            words.append(word)
        }
        correct(&result, to: Normalise.words(words.joined(separator: " ")), reason: "street words as in the lexicon")
        let numbers = { (text: String) in text.split(separator: " ").filter { $0.contains(where: \.isNumber) } }
        // The witness agrees on the numbers it writes as numbers: a digit inside its word
        // (`MAZZI7N`, `CAVC7UR`: a line model's M and O) is a letter misread, not a number.
        let writtenNumbers = { (text: String) in text.split(separator: " ").filter { $0.first?.isNumber == true } }
        let witnessAgrees = witness.map { writtenNumbers(Normalise.words($0)) == writtenNumbers(result.value) } ?? true
        if witnessIsClassifier, !witnessAgrees, let witness { takeWitnessNumber(&result, witness: witness, numbers: numbers) }
        // A slash offered for a digit both readers read as that digit is a doubt their agreement settles.
        let numberSure = numberConfident && (!slashDoubt || witnessAgrees && witness != nil)
        let houseNumbers = numbers(result.value)
        let usualNumber = houseNumbers.count == 1 && looksLikeHouseNumber(String(houseNumbers[0]))
        if houseNumbers.isEmpty { result.flag(.noHouseNumber) } else if !usualNumber { result.flag(.unusualHouseNumber) }
        if !usualNumber, houseNumbers.count == 1, let repaired = slashRepaired(String(houseNumbers[0]), in: reading) {
            correct(&result, to: Self.replacingHouseNumber(in: result.value, with: repaired),
                    reason: "house number with its slash and a 1 told apart")
        } else if usualNumber, let slashed = Self.slashBeforeLetter(String(houseNumbers[0]), in: reading) {
            correct(&result, to: Self.replacingHouseNumber(in: result.value, with: slashed),
                    reason: "house number's slash before its letter, read as a 1")
        }
        if usualNumber, let other = Self.slashOrOne(String(houseNumbers[0]), in: reading) {
            result.flag(.slashOrOne)
            result.suggestions.append(Self.replacingHouseNumber(in: result.value, with: other))
        } else if usualNumber, let number = numbers(result.value).first, let slashed = Self.oneBeforeLetter(String(number)) {
            result.flag(.slashOrOne)
            result.suggestions.append(Self.replacingHouseNumber(in: result.value, with: slashed))
        }
        if !numberSure { result.flag(.lowConfidence) }
        let strayMark = Self.hasStrayMark(result.value, type: readType, knownName: known?.spelled)
        if strayMark { result.flag(.strayMark) }
        if everyWordClear && numberSure && witnessAgrees && usualNumber && !strayMark {
            result.reasons.removeAll { [.lowConfidence, .modelsDisagree].contains($0) }
        } else if !everyWordClear {
            result.flag(.unknownName)
        }
        if result.reasons.isEmpty { result.decision = .accepted }
    }

    /// Marks that, alone right after a street type written with its full stop, are that stop.
    static let typeStopMarks: Set<Character> = [".", ",", "/", "|", "\\"]

    /// Whether `street` holds a stop, dash or comma that is not the street type's own stop
    /// (UL.), an apostrophe between letters (SANT'ANTONIO), a house number's slash, or a dash of
    /// a name the list of streets spells with one.
    ///
    /// Such a mark between words (VIA-MATTEOTTI, VIA. DELLE ROSE) is as likely a speck of dust
    /// on the scan as writing: the street is shown, not accepted.
    static func hasStrayMark(_ street: String, type: String?, knownName: String?) -> Bool {
        street.split(separator: " ").contains { word in
            if let type, word == type { return false }
            if word.contains(where: \.isNumber) { return word.contains { ".-,".contains($0) } }
            if let knownName, knownName.split(separator: " ").contains(word) { return false }
            let characters = Array(word)
            return characters.indices.contains { index in
                guard ".-,'’".contains(characters[index]) else { return false }
                let between = index > 0 && index + 1 < characters.count
                    && characters[index - 1].isLetter && characters[index + 1].isLetter
                return !("'’".contains(characters[index]) && between)
            }
        }
    }

    /// The reading with two neighbouring words of letters joined where the lexicon clearly knows
    /// them as one word but not both alone (`ŻEROMS KIEGO`: a hand-printed word's letters are
    /// often spaced unevenly), or nil when there are none.
    func joiningSplitWords(_ reading: TextReading, lexicon: NameLexicon) -> TextReading? {
        var characters = reading.characters
        let starts = characters.indices.filter { $0 == 0 || characters[$0].startsWord } + [characters.count]
        func isLetters(_ range: Range<Int>) -> Bool {
            range.count >= 2 && characters[range].allSatisfy { !$0.text.isEmpty && $0.text.allSatisfy(\.isLetter) }
        }
        func unsure(_ range: Range<Int>) -> Bool {
            if case .unsure = lexicon.verdict(for: TextReading(characters: Array(characters[range])).asOneWord, country: form.country) { return true }
            return false
        }
        var changed = false
        var pair = 0
        while pair + 2 < starts.count {
            let first = starts[pair]..<starts[pair + 1], second = starts[pair + 1]..<starts[pair + 2]
            guard isLetters(first), isLetters(second), unsure(first) || unsure(second),
                  !unsure(first.lowerBound..<second.upperBound) else {
                pair += 1
                continue
            }
            characters[second.lowerBound].startsWord = false
            changed = true
            pair += 2
        }
        return changed ? TextReading(characters: characters) : nil
    }

    /// A leading street type the reader ran into the name (`ULKRAKOWSKA`, `VIAFIRENZE`): the
    /// shortest start of two to five letters that is clearly a type while the rest is clearly a
    /// word of the lexicon, or nil. Only for countries whose type leads the name.
    func gluedType(_ letters: [CharacterReading], lexicon: NameLexicon) -> (type: String, rest: TextReading)? {
        guard let streetTypes, streetTypes.position(in: form.country) == .lead, letters.count >= 6 else { return nil }
        for length in 2...5 where letters.count - length >= 4 {
            var rest = Array(letters[length...])
            rest[0].startsWord = false
            guard let type = streetTypes.type(of: TextReading(characters: Array(letters[..<length])), country: form.country)
            else { continue }
            switch lexicon.verdict(for: TextReading(characters: rest), country: form.country) {
            case .confirmed, .corrected: return (type, TextReading(characters: rest))
            case .unsure: continue
            }
        }
        return nil
    }

    /// Shows the house number as a character classifier witness read it, for review.
    ///
    /// The line models lose or merge digits of a short number written after the name (`18`
    /// read `1`, `42` read `272`); the classifier, reading the cut characters one by one, has
    /// the count of digits right far more often. Where both read as many digits they differ in
    /// one, and on handwriting fonts the classifier was the one wrong (`14` read `24`), so only
    /// a number of another length, or one the line did not read, is taken: tuning coupons 7
    /// fixed, 1 broken (all digit disagreements: 12 and 5). Only an all-digit number replaces a
    /// single number, and never with a number of no house number's form; the street stays in
    /// review, since the two readers disagreed.
    func takeWitnessNumber(_ result: inout FieldResult, witness: String, numbers: (String) -> [Substring]) {
        let read = numbers(result.value), witnessed = numbers(Normalise.words(witness))
        // The classifier knows no slash: it cannot witness a flat number (95/B read 956).
        guard read.count <= 1, !(read.first?.contains("/") ?? false),
              witnessed.count == 1, let number = witnessed.first, number.allSatisfy(\.isNumber),
              read.first.map({ $0.count != number.count }) ?? true else { return }
        // A broken stroke cut in two reads as an extra digit (`106` as `1676`): a number of no
        // house number's form never replaces one that has it.
        if let line = read.first.map(String.init), looksLikeHouseNumber(line), !looksLikeHouseNumber(String(number)) { return }
        // A flat letter whose slash the line read as a 1 (102/A read 1021A) is mended by
        // `slashRepaired`; the classifier, taking the slash and the letter for digits, cannot
        // witness it.
        if let line = read.first.map(String.init), line.contains(where: \.isLetter), slashRepaired(line) != nil { return }
        correct(&result, to: Self.replacingHouseNumber(in: result.value, with: String(number)),
                reason: "house number as the character classifier read it")
    }

    /// `street` with its last word holding a digit replaced by `number`, or `number` added.
    static func replacingHouseNumber(in street: String, with number: String) -> String {
        var words = street.split(separator: " ").map(String.init)
        if let index = words.lastIndex(where: { $0.contains(where: \.isNumber) }) {
            words[index] = number
        } else {
            words.append(number)
        }
        return words.joined(separator: " ")
    }

    /// Whether `number` has the form of a house number: up to three digits (six in North
    /// America), then perhaps a letter, then perhaps a slash and a flat number or letter
    /// (`12`, `12A`, `59/B`, `25/42`).
    ///
    /// A misread slash or letter makes a number no one lives at: `59/B` read `5916`, `25/42`
    /// read `25M2`. Real numbers of another form (a long road's 1200) only go to review.
    func looksLikeHouseNumber(_ number: String) -> Bool {
        let digits = ["US": 6, "CA": 6][form.country] ?? 3
        return number.range(of: "^[0-9]{1,\(digits)}[A-Z]?(/[0-9]{1,3}[A-Z]?|/[A-Z])?$", options: .regularExpression) != nil
    }

    /// A house number of no usual form made one by reading one `1` as a slash, or a leading
    /// slash as a `1`; `nil` when no place, or more than one, does it.
    ///
    /// A hand-written slash is a single stroke, and both readers often take it for a 1 (`63/35`
    /// read `63135`) or a 1 for it (`156` read `/56`). Only a number no one lives at is mended,
    /// and the street stays in review with the repair shown. When several 1s could be the slash
    /// (`101130`: `10/130` or `101/30`), the one the readers offered a slash for decides, if
    /// they offered it for one only (its characters in `reading`).
    func slashRepaired(_ number: String, in reading: TextReading? = nil) -> String? {
        guard !looksLikeHouseNumber(number) else { return nil }
        let characters = Array(number)
        var repairs = characters.indices.filter { characters[$0] == "1" }.map { index in
            var changed = characters
            changed[index] = "/"
            return String(changed)
        }
        if characters.first == "/" { repairs.append("1" + characters.dropFirst()) }
        let valid = repairs.filter(looksLikeHouseNumber)
        if valid.count == 1 { return valid[0] }
        guard valid.count > 1, let reading, let token = Self.numberToken(number, in: reading), token.count == characters.count else {
            return nil
        }
        let offered = valid.filter { repair in
            guard let index = Array(repair).firstIndex(of: "/"), characters[index] == "1" else { return false }
            return token[index].alternatives.contains { $0.text == "/" && $0.confidence >= Self.slashOffered }
        }
        return offered.count == 1 ? offered[0] : nil
    }

    /// A three-digit house number closed by a 1 and a letter (`951B`) read as two digits, a
    /// slash and the letter (`95/B`), when the readers offered a slash for that 1.
    ///
    /// The slash before a flat's letter is one stroke, as a 1 is, and readers that see the
    /// strokes one at a time take it for a 1; a number in the hundreds is the rarer reading,
    /// as most streets end before a hundred. A 1 the readers never took for a slash stays.
    static func slashBeforeLetter(_ number: String, in reading: TextReading) -> String? {
        guard number.range(of: "^[0-9]{2}1[A-Z]$", options: .regularExpression) != nil,
              let token = numberToken(number, in: reading), token.count == 4 else { return nil }
        let offersSlash = token[2].alternatives.contains { $0.text == "/" && $0.confidence >= slashOffered }
        return offersSlash ? String(number.prefix(2)) + "/" + String(number.suffix(1)) : nil
    }

    /// The number with a 1 for the slash of a house number of one digit, a slash and one digit
    /// (`1/8`, `118`), when the readers offered that slash as a 1; `nil` otherwise.
    ///
    /// A slanted 1 has a slash's shape, and the cut takes a lone leaning stroke for one. With
    /// a digit on either side both readings are numbers people live at, and neither is much
    /// the rarer: a person chooses (on the tuning coupons 8 of 9 such readings were `11x`).
    static func slashOrOne(_ number: String, in reading: TextReading) -> String? {
        guard number.range(of: "^[0-9]/[0-9][A-Z]?$", options: .regularExpression) != nil,
              let token = numberToken(number, in: reading), token.count == number.count, token[1].text == "/" else { return nil }
        let offersOne = token[1].alternatives.contains { $0.text == "1" && $0.confidence >= slashOffered }
        return offersOne ? number.replacingOccurrences(of: "/", with: "1") : nil
    }

    /// The number with a slash for the 1 before its closing letter (`181A` as `18/A`), when no
    /// reader offered that slash; nil for other numbers.
    ///
    /// The slash before a flat's letter is one stroke, as a 1 is, and both are numbers people
    /// live at: a person chooses. On the tuning coupons both such numbers accepted were wrong
    /// (`181A` for 18/A, `461C` for 46/C), and none right.
    static func oneBeforeLetter(_ number: String) -> String? {
        guard number.range(of: "^[0-9]{1,2}1[A-Z]$", options: .regularExpression) != nil else { return nil }
        return String(number.dropLast(2)) + "/" + String(number.suffix(1))
    }

    /// The characters of the reading's last token that spells the house number `number`.
    static func numberToken(_ number: String, in reading: TextReading) -> [CharacterReading]? {
        tokens(reading).last { Normalise.words($0.map(\.text).joined()) == number }
    }

    /// The confidence at which a reader's offer of a slash counts (as `offersSlash` doubts a digit).
    static let slashOffered = 20.0

    /// Whether a reader offered a slash or dash for `character`, a house number's digit: it may
    /// be a flat number's (63/35 read as 63135 is the usual slip). Such a digit is sure only when
    /// the witness reads the number alike; other digits as second choices are common even for
    /// right readings, and the witness's agreement checks those too.
    func offersSlash(_ character: CharacterReading) -> Bool {
        character.alternatives.contains { "/-".contains($0.text) && $0.text != character.text && $0.confidence >= Self.slashOffered }
    }

    /// The reading's characters cut at word starts.
    static func tokens(_ reading: TextReading) -> [[CharacterReading]] {
        var tokens: [[CharacterReading]] = []
        for character in reading.characters where !character.text.allSatisfy(\.isWhitespace) {
            if character.startsWord || tokens.isEmpty { tokens.append([]) }
            tokens[tokens.count - 1].append(character)
        }
        return tokens
    }

    /// A token cut into runs of letters and runs of anything else (`SANT'ANTONIO`, `UL.`).
    static func letterRuns(_ token: [CharacterReading]) -> [[CharacterReading]] {
        var runs: [[CharacterReading]] = []
        var previousIsLetter: Bool?
        for character in token {
            let isLetter = character.text.first?.isLetter ?? false
            if isLetter != previousIsLetter { runs.append([]) }
            runs[runs.count - 1].append(character)
            previousIsLetter = isLetter
        }
        return runs
    }
}
