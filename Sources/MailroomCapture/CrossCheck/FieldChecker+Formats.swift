import Foundation
import MailroomImaging
import MailroomOCR

extension FieldChecker {
    /// Digits-only fields (phones): the best spelling matching the form's pattern.
    func checkDigits(_ result: inout FieldResult, _ reading: TextReading, field: Form.Field) {
        let pattern = Self.bare(field.pattern) ?? "[0-9]+"
        let digits = reading.text.filter(\.isNumber)
        result.value = digits
        if matches(digits, pattern) {
            if doubtfulBoxes(reading, field: field) > 0
                || reading.characters.contains(where: { isSecondGuessed($0, outweighedByClassifier: field.classifier != nil) }) {
                result.flag(.lowConfidence)
            }
            return
        }
        if let fixed = best(reading, pattern: pattern) {
            correct(&result, to: fixed, reason: "closest reading that matches the pattern \(pattern)")
            result.flag(.lowConfidence)
        } else {
            result.flag(.patternMismatch)
        }
    }

    /// Dates written in boxes (`DDMMYYYY`, `DD.MM.YYYY`): stored as ISO `YYYY-MM-DD`.
    func checkDate(_ result: inout FieldResult, _ reading: TextReading, field: Form.Field) {
        let format = field.format ?? "DDMMYYYY"
        let scored = reading.candidates(limit: 100, extra: { _, c in Confusions.digitAlternatives(c) })
        let asRead = (text: reading.text, score: scored.first { $0.text == reading.text }?.score ?? -.infinity)
        let dates = ([asRead] + scored).enumerated().compactMap { rank, spelling in
            Self.isoDate(spelling.text, format: format).map { (rank: rank, iso: $0, score: spelling.score) }
        }
        // Each reading weighed with how likely a coupon is to bear its year (`yearCost`).
        let currentYear = Calendar(identifier: .gregorian).component(.year, from: today)
        let plausible = dates.filter { isPlausible($0.iso) }.map { date in
            let cost = Self.yearCost(date.iso, currentYear: currentYear)
            return (rank: date.rank, iso: date.iso, score: date.score - cost, cost: cost)
        }
        guard let first = plausible.first else {
            // A real date far from when the coupon was read (2075, 2005) is a misread year.
            result.value = dates.first?.iso ?? reading.text
            result.flag(.invalidDate)
            return
        }
        // The first reading that makes a date, unless a reading of a more recent year is likelier.
        let chosen = plausible.filter { $0.cost < first.cost && $0.score > first.score }.max { $0.score < $1.score } ?? first
        let (rank, iso, score) = (chosen.rank, chosen.iso, chosen.score)
        result.value = iso
        if rank == 0 {
            // Doubtful boxes whose other readings make no date a coupon can bear (2076 for 2026,
            // a 13th month) leave the date as sure as the postcode check's odds.
            let runnerUp = plausible.filter { $0.iso != iso }.map(\.score).max() ?? -.infinity
            if doubtfulBoxes(reading, field: field) > 0, !(score - runnerUp >= AddressCheck.acceptMargin) { result.flag(.lowConfidence) }
        } else {
            let reason = chosen.cost < first.cost ? "a recent year the boxes also offer: coupons are sent within months"
                : dates.first?.rank == rank ? "closest reading that is a real date"
                : "closest reading dated \(plausibleYears.lowerBound)–\(plausibleYears.upperBound), the years a coupon read now can bear"
            result.corrections.append(Correction(from: reading.text, to: iso, reason: reason))
            result.flag(.lowConfidence)
        }
    }

    /// How many years before the day it is read a coupon's date may lie (a coupon filled in,
    /// kept and sent years later is rare); it may lie at most a year after.
    static let datedYearsBefore = 5

    /// The years a coupon read on `today` can bear.
    var plausibleYears: ClosedRange<Int> {
        let current = Calendar(identifier: .gregorian).component(.year, from: today)
        return current - Self.datedYearsBefore...current + 1
    }

    /// What a date in an older year than last year costs (a log ratio): a coupon is nearly
    /// always sent within months of being filled in, so `15.07.2021` read on a card in 2026 is
    /// more likely a 6 misread as a 1 than a five-year-old coupon.
    ///
    /// Twenty to one: an old year read with a doubtful digit gives way to the recent year the
    /// digit's alternatives offer, for review; one read surely stays.
    static let olderYearCost = log(20.0)

    /// What the year of an ISO date costs: nothing for this year, last year and next year.
    static func yearCost(_ iso: String, currentYear: Int) -> Double {
        guard let year = Int(iso.prefix(4)) else { return 0 }
        return year >= currentYear - 1 ? 0 : olderYearCost
    }

    /// Whether an ISO date lies within `plausibleYears`.
    func isPlausible(_ iso: String) -> Bool {
        Int(iso.prefix(4)).map(plausibleYears.contains) ?? false
    }

    /// E-mail addresses: lower case, one `@`, a dotted domain, common confusions undone.
    func checkEmail(_ result: inout FieldResult, _ read: TextReading) {
        let single = Self.singleAt(read)
        var reading = single ?? read
        let cleaned = EmailNormaliser.normalise(reading.text)
        if cleaned != read.text.lowercased() {
            result.corrections.append(Correction(from: read.text, to: cleaned, reason: single == nil ? "e-mail syntax" : "one @"))
        }
        result.value = cleaned
        // The guesses are likelier than what was read, never sure: a person confirms them.
        if single != nil { result.flag(.lowConfidence) }
        if !cleaned.contains("@"), let placed = Self.likeliestAt(reading) {
            reading = placed
            correct(&result, to: EmailNormaliser.normalise(placed.text), reason: "the character likeliest to be the @")
            result.flag(.lowConfidence)
        } else if !cleaned.contains("@"), let placed = Self.atBeforeDomain(reading, known: learnedDomains.union(MailDomains.common)) {
            reading = placed
            correct(&result, to: EmailNormaliser.normalise(placed.text), reason: "the character before what reads as a known domain is the @")
            result.flag(.lowConfidence)
        }
        if let year = EmailNormaliser.yearMended(result.value) {
            correct(&result, to: year, reason: "a 1 read as a letter before a year's digits")
            result.flag(.lowConfidence)
        }
        if let words = domainWords, let spelled = Self.respelling(domainOf: result.value, words.respellings(of: reading)) {
            correct(&result, to: spelled, reason: "domain spelled as known words")
            result.flag(.lowConfidence)
        }
        var topLevelGuessed = false
        if let dotted = MailDomains.dottingTopLevel(address: result.value) {
            correct(&result, to: dotted, reason: "a dot before the top-level domain")
            result.flag(.lowConfidence)
        } else if let mended = MailDomains.correctingTopLevel(address: result.value, home: LearnedDomains.topLevel(ofCountry: form.country)) {
            correct(&result, to: mended, reason: "the closest top-level domain")
            result.flag(.lowConfidence)
            topLevelGuessed = true
        }
        let homeMended = Self.homeLookAlike(of: result.value, country: form.country)
        if let home = homeMended {
            let read = result.value
            correct(&result, to: home, reason: "the country's own top-level domain, a look-alike of the one read")
            result.flag(.lookAlikeTopLevel)
            if !result.suggestions.contains(read) { result.suggestions.append(read) }
        }
        if let provider = MailDomains.corrected(address: result.value) {
            correct(&result, to: provider, reason: "closest common mail provider")
            result.flag(.mailDomainGuessed)
        } else if let at = result.value.lastIndex(of: "@"), !MailDomains.common.contains(String(result.value[result.value.index(after: at)...])) {
            let domain = String(result.value[result.value.index(after: at)...])
            // Once mended to the country's own, the domain is not taken back by the look-alike.
            let topLevel = MailDomains.topLevel(of: domain)
            var known = homeMended == nil ? learnedDomains : learnedDomains.filter { MailDomains.topLevel(of: $0) == topLevel }
            if let words = domainWords { known = words.candidates(for: domain, among: known) }
            if let learned = LearnedDomains.correction(for: domain, among: known, country: form.country,
                                                       anyTopLevel: topLevelGuessed) {
                correct(&result, to: String(result.value[...at]) + learned, reason: "closest domain read on earlier coupons")
                result.flag(.learnedDomainGuessed)
            } else if !learnedDomains.contains(domain) {
                // Nothing checks a domain no list holds, and both readers can agree on a wrong
                // letter: a wrong address accepted mails a stranger, so a person confirms it.
                result.flag(.unfamiliarMailDomain)
            }
        }
        if !EmailNormaliser.isValid(result.value) {
            result.flag(.invalidEmail)
        } else if reading.confidence < thresholds.textConfidence {
            result.flag(.lowConfidence)
        }
    }

    /// `address` with the country's own top-level domain, when it ends in another country's
    /// that is a look-alike of it (`example.lt` on an Italian coupon); nil otherwise, and for a
    /// common provider's own domain.
    ///
    /// Such an ending is far likelier a misread I or L than a customer abroad, and nothing else
    /// can tell: both readers may read the same wrong letter, and the domain learnt from earlier
    /// coupons may be that same misreading (a batch that read `example.lt` twice took it as
    /// known and accepted the third).
    static func homeLookAlike(of address: String, country: String) -> String? {
        let home = LearnedDomains.topLevel(ofCountry: country)
        guard let at = address.lastIndex(of: "@") else { return nil }
        let domain = String(address[address.index(after: at)...])
        guard !MailDomains.common.contains(domain), let topLevel = MailDomains.topLevel(of: domain),
              topLevel != home, topLevel.count == 2, home.count == 2, !MailDomains.genericTopLevel.contains(topLevel),
              MailDomains.distance(topLevel, home) <= 0.5 else { return nil }
        return String(address.dropLast(topLevel.count)) + home
    }

    /// `address` with the labels of its domain respelled, or nil when none of them is there.
    static func respelling(domainOf address: String, _ respellings: [DomainWords.Respelling]) -> String? {
        guard !respellings.isEmpty, let at = address.lastIndex(of: "@") else { return nil }
        var labels = address[address.index(after: at)...].split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        var changed = false
        for respelling in respellings {
            guard let index = labels.firstIndex(of: respelling.from) else { continue }
            labels[index] = respelling.to
            changed = true
        }
        return changed ? String(address[...at]) + labels.joined(separator: ".") : nil
    }

    /// How many of a boxed field's characters were read below the field's box confidence.
    func doubtfulBoxes(_ reading: TextReading, field: Form.Field) -> Int {
        reading.characters.filter { $0.confidence < thresholds.boxConfidence(for: field) }.count
    }

    /// Whether a digit's second reading reaches `Thresholds.digitRunnerUp`: its two readers saw
    /// different digits, however sure the first.
    ///
    /// With `outweighedByClassifier`, the first reading is a box classifier's: one it is
    /// near-certain of (`Thresholds.classifierOverrulesWitness`) outweighs a second reading
    /// under `Thresholds.outweighedRunnerUp`.
    func isSecondGuessed(_ character: CharacterReading, outweighedByClassifier: Bool = false) -> Bool {
        let second = character.alternatives.dropFirst().first?.confidence ?? 0
        guard second >= thresholds.digitRunnerUp else { return false }
        let outweighed = outweighedByClassifier
            && character.confidence >= thresholds.classifierOverrulesWitness && second < thresholds.outweighedRunnerUp
        return !outweighed
    }

    func correct(_ result: inout FieldResult, to value: String, reason: String) {
        guard value != result.value else { return }
        result.corrections.append(Correction(from: result.value, to: value, reason: reason))
        result.value = value
    }

    func best(_ reading: TextReading, pattern: String) -> String? {
        reading.candidates(limit: 200, extra: { _, c in Confusions.digitAlternatives(c) })
            .map { $0.text.filter(\.isNumber) }.first { matches($0, pattern) }
    }

    func matches(_ text: String, _ pattern: String) -> Bool {
        text.range(of: "^(?:\(pattern))$", options: .regularExpression) != nil
    }

    /// A form pattern without its `^…$` anchors.
    static func bare(_ pattern: String?) -> String? {
        guard var p = pattern else { return nil }
        if p.hasPrefix("^") { p.removeFirst() }
        if p.hasSuffix("$") { p.removeLast() }
        return p
    }

    /// Whether `digits` passes the Luhn check.
    static func luhn(_ digits: String) -> Bool {
        let values = digits.compactMap(\.wholeNumberValue)
        guard values.count == digits.count, values.count > 1 else { return false }
        let sum = values.reversed().enumerated().reduce(0) { total, pair in
            let (index, digit) = pair
            guard index % 2 == 1 else { return total + digit }
            let doubled = digit * 2
            return total + (doubled > 9 ? doubled - 9 : doubled)
        }
        return sum % 10 == 0
    }

    /// Reads a boxed date as ISO, or `nil` unless it is a real calendar date.
    static func isoDate(_ text: String, format: String) -> String? {
        let digits = text.filter(\.isNumber)
        let layout = format.filter { "DMY".contains($0) }
        guard digits.count == layout.count else { return nil }
        var day = "", month = "", year = ""
        for (symbol, digit) in zip(layout, digits) {
            switch symbol {
            case "D": day.append(digit)
            case "M": month.append(digit)
            default: year.append(digit)
            }
        }
        guard let d = Int(day), let m = Int(month), let y = Int(year), (1900...2100).contains(y), (1...12).contains(m) else { return nil }
        var components = DateComponents(year: y, month: m, day: d)
        components.calendar = Calendar(identifier: .gregorian)
        guard let date = components.date, Calendar(identifier: .gregorian).component(.day, from: date) == d else { return nil }
        return String(format: "%04d-%02d-%02d", y, m, d)
    }
}
