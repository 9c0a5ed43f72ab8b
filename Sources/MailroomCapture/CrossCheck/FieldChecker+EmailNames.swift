import Foundation
import MailroomImaging
import MailroomOCR
import MailroomPostcodes

extension FieldChecker {
    /// Spells a name still in review as the customer wrote it in the e-mail address: as a
    /// listed name the address offers (`listedNameFromEmail`), or as a span of the address its
    /// own characters make clearly likelier than its value.
    ///
    /// An address is a second, separately written and separately read copy of the names
    /// (`marchetti.alice61`): KRB read and `jakub.krol` written is KRÓL, PIZZO and `s.rizzo` is
    /// RIZZO, STQMEN and `anna.steplen` is STĘPIEŃ. Every span of the address's words that could
    /// be the whole name (`nameSpans`) is weighed. Failing a listed name, a span the name's own
    /// characters make clearly likelier (20:1) than its value is shown: a surname list that
    /// lacks the name pulls a reading towards a name it has (MARCHETETI read, TARCHETTI listed).
    /// A value the address spells too stays (PARISI in `parisiginevra86`, though PARIS is there
    /// too). It never vouches for itself: the name stays in review, and it runs after the e-mail
    /// has confirmed what it can (`confirmNamesByEmail`).
    func spellNamesAsInEmail(_ results: inout [String: FieldResult], _ raws: [String: FieldReader.Raw]) {
        guard let emailField = form.fields.first(where: { $0.type == .email }),
              let email = results[emailField.name] else { return }
        let words = Self.addressWords(raws[emailField.name]?.reading, raw: email.raw)
        let names = form.fields.filter { $0.type == .name }
        for field in names {
            guard var name = results[field.name], name.decision == .review,
                  let reading = raws[field.name]?.reading else { continue }
            let read = TextReading(characters: reading.characters.filter { !$0.text.isEmpty && $0.text.allSatisfy(\.isLetter) })
            let count = read.characters.count
            let value = Self.letters(name.value)
            let lexicon = field.lexicon.flatMap { lexicons[$0] }
            // Three letters of no listed name (CON) turn up inside the name they began (`a.conti`).
            let spelledInAddress = words.contains { String($0.letters).contains(value) }
            let shortAndUnlisted = count < Self.lettersTheEmailConfirms && lexicon?.knows(name.value, country: form.country) != true
            guard count >= Self.lettersTheEmailConfirms - 1, !spelledInAddress || shortAndUnlisted else { continue }
            let others = names.filter { $0.name != field.name }.compactMap { results[$0.name].map { Self.letters($0.value) } }
            let spelling: String
            if let lexicon, let listed = listedNameFromEmail(read: read, value: name.value, words: words, others: others, lexicon: lexicon,
                                                             unknownCost: lexicon.isPartial ? NameLexicon.unlistedNameCost : NameLexicon.unknownNameCost) {
                spelling = listed
            } else if count >= Self.lettersTheEmailConfirms, let span = likeliestSpan(read: read, value: value, words: words, others: others) {
                spelling = span
            } else {
                continue
            }
            let spelled = lexicon?.onlySpelling(of: spelling, country: form.country) ?? spelling
            correct(&name, to: spelled, reason: "as written in the e-mail address")
            name.flag(.lowConfidence)
            results[field.name] = name
        }
    }

    /// The listed name the address's `words` offer for a name read as `read` with `value`, or nil.
    ///
    /// Only spans whose characters the address's reader was sure of (`surelyWrittenInEmail`)
    /// offer a name, and never where another name of the card stands. A value that is a listed
    /// name itself gives way only to a name `listedValueReach` away by the box's characters
    /// (KRAL read, `krol` written: KRÓL; BARBIERI read surely stays beside `barberi`); an
    /// unlisted one to a name up to `listedNameReach` away (KRB). A span that is a listed name
    /// offers it, and the nearest such name by the box's characters is taken. Otherwise a span
    /// offers the lexicon's likeliest name for its characters (`STEPLEN`: STĘPIEŃ), taken when
    /// it explains the box and the address together 20:1 better than the value does, a value
    /// no list holds costing what the lexicon charges an unknown name.
    func listedNameFromEmail(read: TextReading, value: String, words: [AddressWord], others: [String],
                             lexicon: NameLexicon, unknownCost: Double) -> String? {
        let letters = Self.letters(value)
        let initials = Set(others.compactMap(\.first))
        let valueInBox = NameLexicon.cost(of: letters, given: read)
        let listedValue = lexicon.knows(value, country: form.country)
        let reach = listedValue ? Self.listedValueReach : Self.listedNameReach
        var listed: (name: String, box: Double)?, guessed: (name: String, total: Double)?
        let placedNames = others.filter { $0.count >= Self.lettersTheEmailConfirms - 1 }.map(Array.init)
        for word in words {
            let taken = placedNames.flatMap { word.letters.ranges(of: $0) }
            for range in Self.nameSpanRanges(in: word.letters, around: read.characters.count, initials: initials)
            where !taken.contains(where: { $0.overlaps(range) }) {
                let span = word.reading(range), spanLetters = String(word.letters[range])
                let isListed = lexicon.knows(spanLetters, country: form.country)
                let offered: String
                if isListed {
                    offered = spanLetters
                } else {
                    // Another spelling costs at least one letter's second reading, which must come
                    // in under `surelyWrittenInEmail`: a span read surely offers nothing (and the
                    // lexicon need not be weighed).
                    guard Self.hasSecondReading(span, within: Self.surelyWrittenInEmail) else { continue }
                    switch lexicon.verdict(for: span, country: form.country) {
                    case .confirmed(let name), .corrected(let name), .unsure(let name?): offered = Self.letters(name)
                    case .unsure(nil): continue
                    }
                }
                guard offered != letters, !others.contains(offered) else { continue }
                let inAddress = NameLexicon.cost(of: offered, given: span), inBox = NameLexicon.cost(of: offered, given: read)
                guard inAddress <= Self.surelyWrittenInEmail, inBox - valueInBox < reach else { continue }
                if isListed {
                    if inBox < listed?.box ?? .infinity { listed = (offered, inBox) }
                } else if inBox + inAddress < guessed?.total ?? .infinity {
                    guessed = (offered, inBox + inAddress)
                }
            }
        }
        if let listed { return listed.name }
        guard let guessed else { return nil }
        // The value's own best showing in the address.
        let valueInAddress = words.flatMap { word in
            Self.nameSpanRanges(in: word.letters, around: letters.count, initials: initials).map { NameLexicon.cost(of: letters, given: word.reading($0)) }
        }.min() ?? .infinity
        let valueTotal = valueInBox + valueInAddress + (listedValue ? 0 : unknownCost)
        return guessed.total + NameLexicon.margin < valueTotal ? guessed.name : nil
    }

    /// Whether some character of `reading` offers another letter costing at most `cost`
    /// (`NameLexicon.cost`, a negative log-likelihood).
    static func hasSecondReading(_ reading: TextReading, within cost: Double) -> Bool {
        reading.characters.contains { character in
            character.alternatives.contains { alternative in
                alternative.text.uppercased() != character.text.uppercased()
                    && -log(max(alternative.confidence / 100, NameLexicon.floor)) <= cost
            }
        }
    }

    /// The span of the address's `words` that the name's own characters (`read`) make 20:1
    /// likelier than `value`, or nil.
    func likeliestSpan(read: TextReading, value: String, words: [AddressWord], others: [String]) -> String? {
        let initials = Set(others.compactMap(\.first))
        var best: (spelling: String, cost: Double)?
        for word in words {
            for range in Self.nameSpanRanges(in: word.letters, around: read.characters.count, initials: initials) {
                let spelling = String(word.letters[range])
                let cost = NameLexicon.cost(of: spelling, given: read)
                if cost < best?.cost ?? .infinity { best = (spelling, cost) }
            }
        }
        guard let best, best.cost + NameLexicon.margin < NameLexicon.cost(of: value, given: read) else { return nil }
        return best.spelling
    }

    /// How far (a cost by the name's own characters, `NameLexicon.cost`) a listed name the
    /// address spells may lie from an unlisted value and still be shown in its place.
    ///
    /// A listed name in the address beside a name read as none (KRB and `jakub.krol`, MAO and
    /// `mario_colombo`) is the name far more often than the reading: on the tuning coupons
    /// (stop 57) such a name was right in 25 of 26 names still in review, up to 10.7 from
    /// the value (DABROWSKI for DQODPOWSAL); the one wrong, 23.8 away, was the domain's
    /// POCZTA, read with no `@` before it.
    static let listedNameReach = 12.0

    /// How far (a cost by the name's own characters) a listed name the address offers may lie
    /// from a value that is a listed name too: a letter the box's reader gave 3% (a letter it
    /// read and the name lacks costs `NameLexicon.gapCost`, 4). On the tuning coupons (stop 57)
    /// the names so taken were right up to 3.1 away; at 4.0 lay KOWAL, part of `lowalski`, for
    /// the KOWALSKI read.
    static let listedValueReach = -log(0.03)

    /// The most the address's reading of a listed name may cost (`NameLexicon.cost`) for that
    /// name to be shown: its letters were read surely there (0.6 at most on the tuning coupons).
    static let surelyWrittenInEmail = 1.0

    /// The words of an address's local part as read: its runs of letters, cut at stops, dashes,
    /// digits and spaces, each letter a plain capital with its alternatives as capitals too.
    ///
    /// An address read with no characters (a reader that reports none) is taken from its text,
    /// each letter sure.
    static func addressWords(_ reading: TextReading?, raw: String) -> [AddressWord] {
        let nowhere = PixelRect(x: 0, y: 0, width: 0, height: 0)
        var characters = reading?.characters ?? []
        if characters.isEmpty {
            characters = raw.map { CharacterReading(text: String($0), confidence: 99, alternatives: [Alternative(String($0), confidence: 99)], box: nowhere) }
        }
        if let at = characters.lastIndex(where: { $0.text == "@" }), at > 0 { characters = Array(characters[..<at]) }
        var words: [AddressWord] = []
        var letters: [Character] = [], run: [CharacterReading] = []
        func endWord() {
            if !letters.isEmpty { words.append(AddressWord(letters: letters, characters: run)) }
            (letters, run) = ([], [])
        }
        for character in characters {
            if character.startsWord { endWord() }
            let folded = Self.letters(character.text)
            guard character.text.count == 1, folded.count == 1, let letter = folded.first else {
                endWord()
                continue
            }
            letters.append(letter)
            run.append(CharacterReading(text: folded, confidence: character.confidence,
                                        alternatives: character.alternatives.map { Alternative($0.text.uppercased(), confidence: $0.confidence) },
                                        box: character.box))
        }
        endWord()
        return words
    }

    /// The spans of an address's word that could be a whole name of about `count` letters.
    ///
    /// A name fills its word, or shares it with another name (`NATALIAWIECZOREK`), the other
    /// name's initial (`AVITALE`), or a number read as letters (`ALICEBI`, 61): never a stray
    /// letter or two of a longer word (`ESTA` is no name in `ZESTA`).
    static func nameSpans(in word: [Character], around count: Int, initials: Set<Character>) -> [String] {
        nameSpanRanges(in: word, around: count, initials: initials).map { String(word[$0]) }
    }

    /// Where in `word` the spans of `nameSpans` lie.
    static func nameSpanRanges(in word: [Character], around count: Int, initials: Set<Character>) -> [Range<Int>] {
        let shortest = max(lettersTheEmailConfirms, count - 2)
        guard word.count >= shortest, count + 2 >= shortest else { return [] }
        var spans: [Range<Int>] = []
        for length in shortest...min(word.count, count + 2) {
            for start in 0...(word.count - length) {
                let before = word[..<start], after = word[(start + length)...]
                let beforeFits = before.isEmpty || before.count >= 3 || before.count == 1 && initials.contains(before[before.startIndex])
                let afterFits = after.isEmpty || after.count >= 3 || after.allSatisfy { Confusions.toDigit[$0] != nil }
                if beforeFits, afterFits { spans.append(start..<(start + length)) }
            }
        }
        return spans
    }

    /// Accepts a name held back only by doubt about its letters (low confidence, readers that
    /// disagree, a lexicon verdict short of clear) when the customer wrote it a second time in
    /// the e-mail address and the e-mail's own reading spells it there: two separately written
    /// and separately read copies that agree, on a name the lexicon knows under no other
    /// spelling, or, when its list lacks many names (surnames), a word or name another list of
    /// the form knows (`SERRA`, `RIVA`) written without accents, which an address cannot show
    /// (`MICHAŁ SKA` for `MICHALSKA`). The e-mail's reading is taken before the names spell it
    /// (`crossCheckEmail`).
    func confirmNamesByEmail(_ results: inout [String: FieldResult]) {
        guard let emailField = form.fields.first(where: { $0.type == .email }),
              let email = results[emailField.name] else { return }
        let written = Self.letters(Self.localPart(ofEmail: email.raw))
        let doubts: Set<ReviewReason> = [.lowConfidence, .modelsDisagree, .unknownName]
        for field in form.fields where field.type == .name {
            guard var name = results[field.name], name.decision == .review, !name.reasons.isEmpty,
                  name.reasons.allSatisfy(doubts.contains),
                  let lexicon = field.lexicon.flatMap({ lexicons[$0] }),
                  lexicon.knowsAsOnlySpelling(name.value, country: form.country)
                    || lexicon.isPartial && isKnownWord(name.value, besides: field.lexicon)
                        && TextFolding.fold(name.value) == name.value
                        // Listed under its letters with other accents too (WÓJCIK beside WOJCIK),
                        // it is a choice no address can make.
                        && !lexicon.knows(name.value, country: form.country) else { continue }
            // The e-mail must back the value, not the reading it was corrected from (SANTIS read,
            // SANTI corrected, DESANTIS in the address backs the reading).
            let letters = Self.letters(name.value), read = Self.letters(name.raw)
            // Nor the reading with only its accents taken off (MICHAŁ SKA read, MICHALSKA listed):
            // a partial list may lack the accented name, and an address cannot show accents.
            // A reading with no accents given the lexicon's only spelling (KAMINSKA read, KAMIŃSKA
            // listed) dropped none: the readers know no accents.
            let rawLetters = name.raw.uppercased().filter(\.isLetter)
            let accentsDropped = read == letters && rawLetters != name.value.uppercased().filter(\.isLetter)
                && TextFolding.fold(rawLetters) != rawLetters
            guard letters.count >= Self.lettersTheEmailConfirms, written.contains(letters),
                  !Self.longerName(around: letters, in: written, lexicon: lexicon, country: form.country),
                  read == letters || !written.contains(read),
                  !(lexicon.isPartial && accentsDropped) else { continue }
            name.reasons.removeAll()
            name.decision = .accepted
            results[field.name] = name
        }
    }

    /// Whether the address holds `letters` only as part of a longer name the lexicon knows
    /// (AURO in `aurora.rossi`, ANNA in `marianna`): then it vouches for that name, not this one.
    static func longerName(around letters: String, in written: String, lexicon: NameLexicon, country: String) -> Bool {
        let text = Array(written), name = Array(letters)
        guard name.count <= text.count else { return false }
        for start in 0...(text.count - name.count) where Array(text[start..<(start + name.count)]) == name {
            for before in 0...min(4, start) {
                for after in 0...min(4, text.count - start - name.count) where before + after > 0 {
                    if lexicon.knows(String(text[(start - before)..<(start + name.count + after)]), country: country) { return true }
                }
            }
        }
        return false
    }
}

/// A run of letters in an address's local part as read: its letters as plain capitals, and the
/// characters they were read from, with their alternatives.
struct AddressWord {
    let letters: [Character]
    let characters: [CharacterReading]

    /// The characters of `range` as one reading.
    func reading(_ range: Range<Int>) -> TextReading { TextReading(characters: Array(characters[range])) }
}
