import Foundation
import MailroomOCR
import MailroomPostcodes

/// Turns raw field readings into checked values with a decision each.
///
/// Every change from what was read is recorded as a `Correction`; every doubt becomes a
/// review reason. The postcode and town are decided together by `AddressCheck`.
struct FieldChecker {
    let form: Form
    let postcodes: PostcodeDirectory?
    let thresholds: Thresholds
    /// Known-value lists by name, for fields that declare a `lexicon`.
    var lexicons: [String: NameLexicon] = [:]
    /// Street types per country, for street fields that declare a lexicon.
    var streetTypes: StreetTypes?
    /// The streets each country has, for street fields that declare a lexicon (`knownStreetName`).
    var streetNames: NameLexicon?
    /// The words e-mail domains are spelled with, for an e-mail field that declares a lexicon.
    var domainWords: DomainWords?
    /// Domains earlier coupons agreed on (`LearnedDomains.known`), checked like providers'.
    var learnedDomains: Set<String> = []
    /// The day the coupon is read: its date cannot lie far from it.
    var today = Date()

    /// Fields a person must have filled in; empty ones go to review.
    static let required: Set<FieldType> = [.name, .street, .postcode, .town, .card, .date]

    func check(_ raws: [String: FieldReader.Raw]) -> [FieldResult] {
        var results: [String: FieldResult] = [:]
        for field in form.fields {
            guard let raw = raws[field.name] else { continue }
            results[field.name] = check(field, raw)
        }
        crossCheckAddress(&results, raws)
        crossCheckSurnameGender(&results)
        confirmNamesByEmail(&results)
        spellNamesAsInEmail(&results, raws)
        crossCheckEmail(&results, raws)
        confirmEmailByNames(&results, raws)
        doubtEmptyOptionalFields(&results)
        for (name, raw) in raws where raw.offPage { results[name]?.flag(.offPage) }
        return form.fields.compactMap { results[$0.name] }
    }

    /// An optional field read as empty is trusted only when the rest of the coupon was read:
    /// with two or more required fields empty too, the scan or its alignment likely failed
    /// (a cut-off page, a zone on blank paper), and the empty phone or e-mail goes to review.
    private func doubtEmptyOptionalFields(_ results: inout [String: FieldResult]) {
        let emptyRequired = results.values.filter { $0.value.isEmpty && Self.required.contains($0.type) }.count
        guard emptyRequired >= 2 else { return }
        for (name, result) in results where result.type != .tick && !Self.required.contains(result.type)
            && result.value.isEmpty && result.decision == .accepted {
            results[name]?.flag(.empty)
        }
    }

    func check(_ field: Form.Field, _ raw: FieldReader.Raw) -> FieldResult {
        let reading = raw.reading
        var result = FieldResult(name: field.name, type: field.type, raw: reading.text, value: reading.text,
                                 confidence: reading.confidence, alternatives: reading.characters.map(\.alternatives),
                                 box: raw.box)
        if field.type == .tick { return checkTick(result, ink: raw.ink ?? 0, faintInk: raw.faintInk ?? 0) }
        if reading.text.trimmingCharacters(in: .whitespaces).isEmpty {
            result.value = ""
            if raw.written {
                result.flag(.unreadable)
            } else if Self.required.contains(field.type) {
                result.flag(.empty)
            }
            return result
        }
        switch field.type {
        case .name, .street, .town, .text:
            result.value = Normalise.words(reading.text)
            if raw.classified
                ? reading.characters.contains(where: { $0.confidence < thresholds.classifiedBoxConfidence })
                : reading.confidence < thresholds.textConfidence || (raw.witnessMinimum ?? 100) < thresholds.classifiedBoxConfidence {
                result.flag(.lowConfidence)
            }
            if let witness = raw.witness, Normalise.words(witness) != result.value {
                result.flag(.modelsDisagree)
                if !witness.isEmpty { result.suggestions.append(Normalise.words(witness)) }
            }
            if let name = field.lexicon, let lexicon = lexicons[name] {
                if field.type == .street {
                    checkStreet(&result, reading, witness: raw.witness, lexicon: lexicon, witnessIsClassifier: field.classifier != nil)
                } else {
                    checkKnown(&result, reading, lexicon: lexicon, named: name)
                }
            }
        case .email:
            checkEmail(&result, reading)
            if let witness = raw.witness.map(EmailNormaliser.normalise).map({ MailDomains.corrected(address: $0) ?? $0 }),
               witness != result.value {
                result.flag(.modelsDisagree)
                if !witness.isEmpty { result.suggestions.append(witness) }
            }
        case .phone:
            checkDigits(&result, reading, field: field)
        case .date:
            checkDate(&result, reading, field: field)
        case .card:
            checkCard(&result, reading, field: field, witness: raw.witness)
        case .postcode:
            result.value = reading.text.filter { !$0.isWhitespace }
            if doubtfulBoxes(reading, field: field) > 0 { result.flag(.lowConfidence) }
        case .tick:
            break
        }
        // A number has no spaces: a box left empty inside it held a digit too faint to count as
        // ink, or the writer skipped one. Postcodes and dates may be spaced; names and streets are.
        if [.phone, .card].contains(field.type), raw.skippedBoxes > 0 {
            result.flag(.skippedBox)
        }
        // Digits only a witness model can confirm: two models reading the same boxes differently
        // is the doubt Tesseract's own confidence hides. A card number the check digit corrected
        // is compared as corrected: only a witness that read the corrected digits backs the
        // correction (one that read the boxes as the classifier did shares its misreading). The
        // digits the issuer's range fixes are the form's to vouch for, not the witness's.
        let checked = field.type == .card ? result.value : reading.text
        let corrected = checked.filter(\.isNumber) != reading.text.filter(\.isNumber)
        let fixedPrefix = field.type == .card ? Self.fixedPrefix(of: Self.bare(field.pattern) ?? "") : ""
        if [.phone, .card, .date].contains(field.type), let witness = raw.witness,
           !Self.witnessAgrees(witness, with: checked.filter(\.isNumber), read: reading.text.filter(\.isNumber), fixedPrefix: fixedPrefix) {
            // A valid check digit catches any one misread box: it vouches for one box in doubt.
            let spare = field.type == .card && field.check == "luhn" && !corrected ? 1 : 0
            let overruled = field.classifier != nil
                && classifierOverrules(reading, witness: witness, field: field, spare: spare, valid: witnessAlternativeValidity(field))
            if corrected || !overruled {
                result.flag(.modelsDisagree)
            }
            result.suggestions.append(witness)
        }
        return result
    }

    /// Confirms a reading the lexicon knows well, or corrects it to the clearly likeliest known
    /// value; either settles the readers' doubts. Otherwise the likeliest is a suggestion.
    ///
    /// A name read with a space inside (`FOATA NA`) is weighed as one word when the lexicon
    /// cannot weigh its words: a hand-printed name's letters are often spaced unevenly. What
    /// that finds is shown for a person to confirm.
    private func checkKnown(_ result: inout FieldResult, _ reading: TextReading, lexicon: NameLexicon, named name: String) {
        let unknown = lexicon.isPartial ? NameLexicon.unlistedNameCost : NameLexicon.unknownNameCost
        var verdict = lexicon.verdict(for: reading, country: form.country, unknownCost: unknown)
        let spaced = reading.characters.dropFirst().contains(where: \.startsWord)
        if spaced, case .unsure(nil) = verdict {
            verdict = lexicon.verdict(for: reading.asOneWord, country: form.country, unknownCost: unknown)
        }
        switch verdict {
        case .confirmed(let spelled):
            correct(&result, to: spelled, reason: "spelled as in the name lexicon")
            if spaced && !spelled.contains(" ") {
                result.flag(.unknownName)
            } else if !witnessReadsAnotherName(result, lexicon: lexicon) {
                result.reasons.removeAll { [.lowConfidence, .modelsDisagree].contains($0) }
            }
        case .corrected(let known):
            correct(&result, to: known, reason: "the closest well-known name in \(form.country)")
            if witnessReadsAnotherName(result, lexicon: lexicon) {
                result.flag(.modelsDisagree)
            } else if spaced || lexicon.isPartial && !isSlipOfUnknownWord(reading, to: known) {
                // A list that lacks many real names (GENTILE is no surname of Faker's) can
                // improve a reading but not vouch for the change: a person confirms it.
                result.flag(.unknownName)
            } else {
                result.reasons.removeAll { [.lowConfidence, .modelsDisagree].contains($0) }
            }
        case .unsure(let likeliest):
            // Two readers trained on the same glyphs can agree on a wrong letter; a name the
            // lexicon does not clearly recognise is for a person to confirm. Its likeliest name
            // becomes the value to confirm when it is a few slips away (for a garble such as KPA
            // the nearest name is a guess). A partial list (surnames) lacks many real names: a
            // reading another list of the form knows as a word or name of the country (RIVA,
            // VILLA) stays as read.
            result.flag(.unknownName)
            if let spelled = lexicon.onlySpelling(of: result.value, country: form.country), spelled != result.value {
                // The letters of a listed name, without the accents (or Ł) no reader here can
                // read: WOZNIAK is WOŹNIAK. Still for a person to confirm.
                correct(&result, to: spelled, reason: "accented as the lexicon spells the name")
                if let likeliest, likeliest != spelled, !result.suggestions.contains(likeliest) { result.suggestions.append(likeliest) }
            } else if let likeliest, Self.slipsApart(result.value, likeliest),
               !lexicon.isPartial || !isKnownWord(result.value, besides: name) {
                correct(&result, to: likeliest, reason: "the likeliest name in the lexicon, for a person to confirm")
            } else if let likeliest, !result.suggestions.contains(likeliest) { result.suggestions.insert(likeliest, at: 0) }
        }
        if result.reasons.isEmpty { result.decision = .accepted }
    }

    /// Whether `known` differs from `reading` in one letter only, which the reader offered there
    /// as its second guess (at `slipAlternative`% or more), and the reading is no word or name
    /// any list of the form knows: `LOMBARDD` is nobody's name, and its last D was nearly an O.
    /// A real name a partial list lacks (GENTILE, a word too) is not changed into its neighbour.
    func isSlipOfUnknownWord(_ reading: TextReading, to known: String) -> Bool {
        let letters = reading.characters.map { TextFolding.fold($0.text.uppercased()) }
        let target = Array(TextFolding.fold(known.uppercased()))
        guard letters.allSatisfy({ $0.count == 1 }), letters.count == target.count,
              !isKnownWord(reading.text, besides: nil) else { return false }
        let slips = letters.indices.filter { Character(letters[$0]) != target[$0] }
        guard slips.count == 1, let slip = slips.first else { return false }
        return reading.characters[slip].alternatives.contains { alternative in
            TextFolding.fold(alternative.text.uppercased()) == String(target[slip]) && alternative.confidence >= Self.slipAlternative
        }
    }

    /// How sure (%) a reader's second guess must be for `isSlipOfUnknownWord`.
    static let slipAlternative = 10.0

    /// Whether every run of two or more letters in `text` is known to a lexicon of the form
    /// other than the one named `lexicon` (street words hold the language's words and the country's names).
    func isKnownWord(_ text: String, besides lexicon: String?) -> Bool {
        let runs = text.split { !$0.isLetter }.filter { $0.count >= 2 }
        let others = lexicons.filter { $0.key != lexicon }.values
        return !runs.isEmpty && runs.allSatisfy { run in others.contains { $0.knows(String(run), country: form.country) } }
    }

    /// Whether `name` is at most a third of the reading's letters (rounded up) away from it.
    static func slipsApart(_ read: String, _ name: String) -> Bool {
        let a = Array(TextFolding.fold(read)), b = Array(TextFolding.fold(name))
        return EditDistance.levenshtein(a, b) <= (a.count + 2) / 3
    }

    /// Spells the e-mail's local part as the names on the coupon where it is a slip away
    /// from them (`EmailNames`). Names a person has still to check spell it too, as the likelier
    /// value, but the e-mail then goes to review with them.
    private func crossCheckEmail(_ results: inout [String: FieldResult], _ raws: [String: FieldReader.Raw]) {
        guard let field = form.fields.first(where: { $0.type == .email }), var email = results[field.name],
              !email.value.isEmpty else { return }
        let names = form.fields.filter { $0.type == .name }.compactMap { results[$0.name] }.filter { !$0.value.isEmpty }
        let accepted = names.filter { $0.decision == .accepted }.map(\.value)
        let offers = raws[field.name].flatMap { Self.offers(localPartOf: email.value, in: $0.reading) }
        var spelledBySure = false
        if let shaped = EmailNames.shaped(address: email.value, names: accepted, offers: offers),
           shaped.cost <= 1, !overrulesSureCharacters(of: email.value, spelling: shaped.address, offers: offers, raw: raws[field.name]) {
            correct(&email, to: shaped.address, reason: "spelled as the names on the coupon")
            spelledBySure = true
        } else if let sure = EmailNames.corrected(address: email.value, names: accepted),
                  !overrulesSureCharacters(of: email.value, spelling: sure, offers: offers, raw: raws[field.name]) {
            correct(&email, to: sure, reason: "spelled as the names on the coupon")
            spelledBySure = true
        }
        // What the accepted names spelled, the other names (or a farther shape) may spell further;
        // names still in review respell no name the lexicons know in an address that spells
        // only such names (NICCOLO.COLOMBO read right, NVACCOID read for the given name).
        let read = email.value
        let stillOffered = spelledBySure ? raws[field.name].flatMap { Self.offers(localPartOf: read, in: $0.reading) } : offers
        // The shape first, then the word-by-word spelling; neither may turn a word the name lists
        // know into another (`malgorzata` into the garbled given name `magakzajr`).
        let shapedLikely = EmailNames.shaped(address: read, names: names.map(\.value), offers: stillOffered)?.address
        let wordLikely = spelledBySure ? nil : EmailNames.corrected(address: read, names: names.map(\.value))
        if let likely = [shapedLikely, wordLikely].compactMap({ $0 }).first(where: { likely in
            (!spellsKnownNames(read) || Self.nameRuns(of: likely) == Self.nameRuns(of: read))
                && keepsKnownNames(of: read, in: likely)
        }) {
            if overrulesSureCharacters(of: read, spelling: likely, offers: stillOffered, raw: raws[field.name]) {
                // What the reader was sure of stays; the names' spelling is a choice for the person.
                if !email.suggestions.contains(likely) { email.suggestions.append(likely) }
            } else {
                correct(&email, to: likely, reason: "spelled as the names on the coupon (still to be checked)")
                if !email.suggestions.contains(read) { email.suggestions.insert(read, at: 0) }
            }
            email.flag(.lowConfidence)
        }
        results[field.name] = email
    }

    /// Whether every word of `read`'s local part (four letters or more) that a lexicon of the
    /// form's name fields knows is still a word of `likely`'s.
    func keepsKnownNames(of read: String, in likely: String) -> Bool {
        let lexicons = nameLexicons, kept = Set(Self.nameRuns(of: likely))
        return Self.nameRuns(of: read).allSatisfy { run in
            run.count < Self.lettersTheEmailConfirms || kept.contains(run)
                || !lexicons.contains { $0.knows(run, country: form.country) }
        }
    }

    /// The lexicons of the form's name fields.
    var nameLexicons: [NameLexicon] {
        form.fields.filter { $0.type == .name }.compactMap { $0.lexicon.flatMap { lexicons[$0] } }
    }

    /// Whether every run of two or more letters in `address`'s local part (`nameRuns`) is a name
    /// a lexicon of the form's name fields knows, and one of them four letters or more.
    func spellsKnownNames(_ address: String) -> Bool {
        let names = nameLexicons
        let runs = Self.nameRuns(of: address)
        return !names.isEmpty && runs.contains { $0.count >= 4 }
            && runs.allSatisfy { run in names.contains { $0.knows(run, country: form.country) } }
    }

    /// The runs of two or more letters in `address`'s local part, lowercased: the words that
    /// can be names (an initial cannot).
    static func nameRuns(of address: String) -> [String] {
        localPart(ofEmail: address).split { !$0.isLetter }.filter { $0.count >= 2 }.map { $0.lowercased() }
    }

    /// Letters a name must have for the e-mail to vouch for it: shorter ones turn up in an
    /// address by chance.
    static let lettersTheEmailConfirms = 4

    /// What a customer wrote before the (last) `@` of an address, or all of it when no `@` was read.
    static func localPart(ofEmail raw: String) -> String {
        let local = raw.split(separator: "@", omittingEmptySubsequences: false).dropLast().joined(separator: "@")
        return local.isEmpty ? raw : local
    }

    /// The letters of `text`, folded to plain capitals, without anything else.
    static func letters(_ text: String) -> String {
        String(TextFolding.fold(text.uppercased()).filter { $0.isLetter })
    }

    /// Makes a gendered surname agree with the given name on the card (`GenderedSurnames`):
    /// JAN KOWALSKA becomes JAN KOWALSKI, recorded and sent to review, since one of the two
    /// was misread and a person should see which. A given name still in review, though a known
    /// name, changes only a surname in review too: an accepted surname outweighs it.
    private func crossCheckSurnameGender(_ results: inout [String: FieldResult]) {
        guard let givenField = form.fields.first(where: { $0.lexicon == "first-names" }),
              let surnameField = form.fields.first(where: { $0.lexicon == "surnames" }),
              let given = results[givenField.name], var surname = results[surnameField.name],
              given.decision == .accepted || (surname.decision == .review
                  && lexicons["first-names"]?.knows(given.value, country: form.country) == true),
              let feminine = GenderedSurnames.isFeminine(givenName: given.value, country: form.country),
              let agreeing = GenderedSurnames.agreeing(surname.value, feminine: feminine, country: form.country) else { return }
        correct(&surname, to: agreeing, reason: "the ending agrees with the given name \(given.value)")
        surname.flag(.lowConfidence)
        results[surnameField.name] = surname
    }

    private func crossCheckAddress(_ results: inout [String: FieldResult], _ raws: [String: FieldReader.Raw]) {
        guard let postcodeField = form.fields.first(where: { $0.type == .postcode }),
              let townField = form.fields.first(where: { $0.type == .town }),
              var postcode = results[postcodeField.name], var town = results[townField.name],
              let reading = raws[postcodeField.name]?.reading else { return }
        guard let directory = postcodes, directory.country(form.country)?.hasLocalities == true else {
            postcode.flag(.noPostcodeData)
            town.flag(.noPostcodeData)
            results[postcodeField.name] = postcode
            results[townField.name] = town
            return
        }
        if !postcode.raw.isEmpty || !town.raw.isEmpty {
            // The check decides afresh; drop the confidence-only flags it supersedes.
            postcode.reasons.removeAll { [.lowConfidence, .ambiguous, .modelsDisagree].contains($0) }
            town.reasons.removeAll { [.lowConfidence, .ambiguous, .modelsDisagree].contains($0) }
            if postcode.reasons.isEmpty { postcode.decision = .accepted }
            if town.reasons.isEmpty { town.decision = .accepted }
            AddressCheck(directory: directory, country: form.country, thresholds: thresholds,
                         boxConfidence: thresholds.boxConfidence(for: postcodeField), witness: raws[postcodeField.name]?.witness)
                .check(postcode: &postcode, postcodeReading: reading, town: &town)
        }
        results[postcodeField.name] = postcode
        results[townField.name] = town
    }

    /// Decides a tick box from its ink; a mark seen only against the box's own paper (too pale
    /// for the black-and-white page) is never taken as an empty box without a person.
    private func checkTick(_ result: FieldResult, ink blackInk: Double, faintInk: Double) -> FieldResult {
        var result = result
        let pale = blackInk <= thresholds.emptyInk && faintInk > thresholds.emptyInk
        let ink = pale ? faintInk : blackInk
        result.confidence = min(100, abs(ink - (thresholds.tickInk + thresholds.emptyInk) / 2) * 2000)
        if ink >= thresholds.tickInk {
            result.raw = "ticked"
            result.value = "true"
        } else if ink <= thresholds.emptyInk {
            result.raw = "empty"
            result.value = "false"
        } else {
            result.raw = "unclear"
            result.value = ink >= (thresholds.tickInk + thresholds.emptyInk) / 2 ? "true" : "false"
            result.flag(.unclearTick)
        }
        if pale { result.flag(.unclearTick) }
        result.raw += String(format: pale ? " (pale ink %.3f)" : " (ink %.3f)", ink)
        return result
    }
}

/// Small text normalisations shared by the checks.
enum Normalise {
    /// Upper case, single spaces, no stray punctuation at the ends.
    static func words(_ text: String) -> String {
        text.uppercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
            .trimmingCharacters(in: CharacterSet(charactersIn: " .,-'"))
    }
}
