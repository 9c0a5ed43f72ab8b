import MailroomOCR
import MailroomPostcodes

extension FieldChecker {
    /// Spells a name still in review as the customer wrote it in the e-mail address, when its
    /// own characters make that spelling likelier than its value.
    ///
    /// An address is a second, separately written and separately read copy of the names
    /// (`marchetti.alice61`). A surname list that lacks the name pulls a reading towards a name
    /// it has (MARCHETETI read, TARCHETTI listed); every span of the address's words that could
    /// be the whole name (`nameSpans`) is weighed by the name's own character alternatives
    /// against its value, and the likeliest, if clearly likelier (20:1), is shown; a value the
    /// address spells too stays (PARISI in `parisiginevra86`, though PARIS is there too). It never
    /// vouches for itself: the name stays in review, and it runs after the e-mail has
    /// confirmed what it can (`confirmNamesByEmail`).
    func spellNamesAsInEmail(_ results: inout [String: FieldResult], _ raws: [String: FieldReader.Raw]) {
        guard let emailField = form.fields.first(where: { $0.type == .email }),
              let email = results[emailField.name] else { return }
        // The address's words: its runs of letters, cut at stops, dashes and digits.
        let words = Self.localPart(ofEmail: email.raw).split { !$0.isLetter }.map { Array(Self.letters(String($0))) }
        let names = form.fields.filter { $0.type == .name }
        for field in names {
            guard var name = results[field.name], name.decision == .review,
                  let reading = raws[field.name]?.reading else { continue }
            let read = TextReading(characters: reading.characters.filter { !$0.text.isEmpty && $0.text.allSatisfy(\.isLetter) })
            let count = read.characters.count
            let value = Self.letters(name.value)
            guard count >= Self.lettersTheEmailConfirms, !words.contains(where: { String($0).contains(value) }) else { continue }
            let initials = Set(names.filter { $0.name != field.name }.compactMap { results[$0.name]?.value.first })
            var best: (spelling: String, cost: Double)?
            for word in words {
                for spelling in Self.nameSpans(in: word, around: count, initials: initials) {
                    let cost = NameLexicon.cost(of: spelling, given: read)
                    if cost < best?.cost ?? .infinity { best = (spelling, cost) }
                }
            }
            guard let best, best.cost + NameLexicon.margin < NameLexicon.cost(of: value, given: read) else { continue }
            let lexicon = field.lexicon.flatMap { lexicons[$0] }
            let spelled = lexicon?.onlySpelling(of: best.spelling, country: form.country) ?? best.spelling
            correct(&name, to: spelled, reason: "as written in the e-mail address")
            name.flag(.lowConfidence)
            results[field.name] = name
        }
    }

    /// The spans of an address's word that could be a whole name of about `count` letters.
    ///
    /// A name fills its word, or shares it with another name (`NATALIAWIECZOREK`), the other
    /// name's initial (`AVITALE`), or a number read as letters (`ALICEBI`, 61): never a stray
    /// letter or two of a longer word (`ESTA` is no name in `ZESTA`).
    static func nameSpans(in word: [Character], around count: Int, initials: Set<Character>) -> [String] {
        let shortest = max(lettersTheEmailConfirms, count - 2)
        guard word.count >= shortest, count + 2 >= shortest else { return [] }
        var spans: [String] = []
        for length in shortest...min(word.count, count + 2) {
            for start in 0...(word.count - length) {
                let before = word[..<start], after = word[(start + length)...]
                let beforeFits = before.isEmpty || before.count >= 3 || before.count == 1 && initials.contains(before[before.startIndex])
                let afterFits = after.isEmpty || after.count >= 3 || after.allSatisfy { Confusions.toDigit[$0] != nil }
                if beforeFits, afterFits { spans.append(String(word[start..<(start + length)])) }
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
