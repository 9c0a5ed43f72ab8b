import MailroomPostcodes

/// A sender block: the name and street above a checked postcode-and-town line.
struct SenderBlock: Sendable {
    var name: String?
    var street: String?
    var line: Int
    var check: AddressCheckResult
}

/// A postcode and town read from a letter and checked against the directory.
struct AddressCheckResult: Sendable, Hashable {
    var postcode: String
    var town: String
    var country: String
    var read: AddressLine
    /// True when the directory confirms that the postcode serves the town.
    var confirmed: Bool
    var reasons: [ReviewReason]
    var corrections: [Correction]
    var score: Double
}

extension LetterExtractor {
    /// The sender's block: the first private (non-company) address block, preferring one
    /// whose name the letter is signed with.
    func findSender(in lines: LetterLines, header: Int, language: String) -> SenderBlock? {
        var blocks: [SenderBlock] = []
        for index in 0..<lines.count {
            let parsed = AddressLine.parse(lines[index])
            guard !parsed.isEmpty else { continue }
            let above = Array(lines.all[max(0, index - 2)..<index])
            if above.contains(where: LetterVocabulary.isCompanyLine) || LetterVocabulary.isCompanyLine(lines[index]) { continue }
            var hints: [String] = []
            if index + 1 < lines.count, let named = LetterVocabulary.countries[LetterVocabulary.fold(lines[index + 1])] {
                hints.append(named)
            }
            let checks = parsed.compactMap { check($0, countries: hints + $0.countryHints, language: language) }
            guard let best = checks.max(by: { $0.score < $1.score }) else { continue }
            var block = SenderBlock(name: nil, street: nil, line: index, check: best)
            let candidates = above.filter { LetterDates.parse($0) == nil && LetterExtractor.subject($0) == nil }
            if let last = candidates.last, last.contains(where: \.isNumber) {
                block.street = last
                if candidates.count > 1 { block.name = candidates[candidates.count - 2] }
            } else {
                block.name = candidates.last
            }
            blocks.append(block)
        }
        guard !blocks.isEmpty else { return nil }
        let signature = lines.all.suffix(3)
        func signed(_ block: SenderBlock) -> Bool {
            guard let name = block.name else { return false }
            return signature.contains { PostcodeDirectory.similarity($0, name) >= 0.8 }
        }
        // A block the directory confirms beats one it does not; among those, the one the
        // letter is signed with, then the first.
        let confirmed = blocks.filter(\.check.confirmed)
        let pool = confirmed.isEmpty ? blocks : confirmed
        return pool.first(where: signed) ?? pool[0]
    }

    /// Checks one postcode-and-town reading in the likely countries and keeps the best.
    func check(_ line: AddressLine, countries hints: [String], language: String) -> AddressCheckResult? {
        var countries = hints
        if hints.isEmpty {
            countries = [LetterVocabulary.homeCountry(language: language), "IT", "PL", "US", "DE", "FR", "ES", "AT", "CH", "GB"]
                .compactMap { $0 }
        }
        var seen = Set<String>()
        var results: [AddressCheckResult] = []
        for country in countries where seen.insert(country).inserted {
            if let result = check(line, country: country) { results.append(result) }
        }
        // A confirmed pair wins; otherwise the likeliest country whose postcode is written
        // exactly in its own format ("70-499" is Polish even if "70499" exists elsewhere).
        if let confirmed = results.filter(\.confirmed).max(by: { $0.score < $1.score }) { return confirmed }
        let written = line.postcode
        return results.first { $0.postcode == written } ?? results.first
    }

    private func check(_ line: AddressLine, country: String) -> AddressCheckResult? {
        guard let directory = postcodes else {
            return AddressCheckResult(postcode: line.postcode, town: line.town, country: country, read: line,
                                      confirmed: false, reasons: [.noPostcodeData], corrections: [], score: 0.1)
        }
        guard let postcode = directory.normalise(line.postcode, country: country) else { return nil }
        var result = AddressCheckResult(postcode: postcode, town: line.town, country: country, read: line,
                                        confirmed: false, reasons: [], corrections: [], score: 0.2)
        if line.postcodeAsRead.replacingOccurrences(of: " ", with: "") != postcode {
            result.corrections.append(Correction(from: line.postcodeAsRead, to: postcode, reason: "look-alike letters in a postcode"))
        }
        let localities: [Locality]
        do {
            localities = try directory.localities(of: postcode, country: country)
        } catch {
            result.reasons = [.noPostcodeData]
            result.score = 0.15
            return result
        }
        let scored = localities.map { ($0, PostcodeDirectory.similarity($0.name, line.town)) }.sorted { $0.1 > $1.1 }
        if let (locality, similarity) = scored.first, similarity >= 0.75 {
            accept(&result, town: locality.name, similarity: similarity)
            return result
        }
        // The town is right but the postcode misread in one digit: only when exactly one
        // postcode of that town is one digit away.
        if let matches = try? directory.postcodes(of: line.town, country: country, minimumScore: 0.9) {
            let near = Set(matches.filter { Self.differsInOneDigit($0.postcode, postcode) }.map(\.postcode))
            if near.count == 1, let fixed = near.first, let match = matches.first(where: { $0.postcode == fixed }) {
                result.corrections.append(Correction(from: postcode, to: fixed, reason: "the only postcode of \(match.locality.name) one digit away"))
                result.postcode = fixed
                accept(&result, town: match.locality.name, similarity: match.score)
                result.score -= 0.05
                return result
            }
        }
        result.reasons = localities.isEmpty ? [.unknownPostcode] : [.postcodeTownMismatch]
        result.score = localities.isEmpty ? 0.2 : 0.4
        return result
    }

    private func accept(_ result: inout AddressCheckResult, town: String, similarity: Double) {
        if PostcodeDirectory.fold(town) != PostcodeDirectory.fold(result.read.town) {
            result.corrections.append(Correction(from: result.read.town, to: town, reason: "nearest locality of the postcode"))
            result.town = town
        } else if town != result.read.town, town.uppercased() != result.read.town.uppercased() {
            // Same letters, accents lost by the OCR: the directory's spelling is what the letter says.
            result.town = result.read.town == result.read.town.uppercased() ? town.uppercased() : town
        }
        result.confirmed = true
        result.reasons = []
        result.score = 0.6 + 0.4 * similarity
    }

    static func differsInOneDigit(_ a: String, _ b: String) -> Bool {
        let a = Array(a), b = Array(b)
        guard a.count == b.count else { return false }
        return zip(a, b).filter { $0 != $1 }.count == 1
    }
}
