import Foundation
import MailroomOCR
import MailroomPostcodes

/// Picks the jointly most likely postcode and town, not the best reading of each alone.
///
/// Candidates come from two directions: spellings of the postcode boxes (with OCR confusion
/// pairs) that exist in the directory, and the postcodes of localities that resemble the town
/// as read. Each candidate is scored by how well the boxes support it and how well the town
/// matches one of its localities. Only a clear winner is accepted; a valid postcode that
/// contradicts the town is flagged, never silently swapped.
struct AddressCheck {
    let directory: PostcodeDirectory
    let country: String
    let thresholds: Thresholds
    /// The confidence every postcode box must reach for the reading to count as sure.
    var boxConfidence: Double
    /// A second model's reading of the postcode boxes, when one read them.
    var witness: String? = nil

    struct Candidate {
        var postcode: String
        var locality: String
        /// Log-likelihood of the postcode given the boxes, summed over the boxes.
        var postcodeScore: Double
        var townSimilarity: Double
        /// How much the town as read weighs against the boxes: a word of several letters is
        /// strong evidence, so one point of similarity is worth several boxes.
        static let townWeight = 10.0
        var joint: Double { postcodeScore + Self.townWeight * log(max(townSimilarity, 0.05)) }
    }

    /// What a box's own character gains over an equally likely alternative: it wins the tie.
    static let ownCharacterBonus = 0.01

    /// Odds (as a log ratio) the winner must have over the next different value to be accepted.
    static let acceptMargin = log(20.0)

    /// Updates the postcode and town results in place.
    func check(postcode: inout FieldResult, postcodeReading: TextReading, town: inout FieldResult) {
        let townRead = town.raw
        let candidates = rank(postcodeReading, townRead: townRead)
        postcode.suggestions = Array(candidates.prefix(5).map { "\($0.postcode) \($0.locality.uppercased())" })
        town.suggestions = postcode.suggestions
        guard let best = candidates.first else {
            postcode.flag(.unknownPostcode)
            if !townRead.isEmpty { town.flag(.postcodeTownMismatch) }
            return
        }
        let read = postcodeReading.text, readCode = normalised(read)
        let readExists = (try? directory.contains(postcode: read, country: country)) ?? false

        // A clean, confident postcode that exists but names another place: a contradiction
        // for a person to settle, not something to "fix".
        let confidentRead = postcodeReading.characters.allSatisfy { $0.confidence >= boxConfidence }
        // Every box sure, and the boxes as read name the best pair's place.
        let boxesNamePlace = confidentRead && best.postcode == readCode
        // A town that resembles no place neither backs nor contradicts the postcode: an existing
        // code read near-certain in every box stands on its own boxes.
        let townGarbled = best.townSimilarity < thresholds.townSimilarity - 0.2
        let nearCertain = readExists && postcodeReading.characters.allSatisfy { $0.confidence >= thresholds.classifierOverrulesWitness }
        if readExists, confidentRead, best.postcode != readCode,
           bestTownSimilarity(for: read, townRead: townRead) < 0.5 {
            // But a town read well whose own code is one box from the boxes (95048 read beside
            // ROTONDA, which is 85048) makes that pair the likelier: it is shown, for a person.
            if let readCode, Self.boxesApart(readCode, best.postcode) == 1, best.townSimilarity >= thresholds.townSimilarity {
                apply(best.postcode, to: &postcode, reason: "one box from the code as read: the code of the town as read")
                apply(best.locality.uppercased(), to: &town, reason: "spelled as in the postcode directory")
                postcode.flag(.postcodeTownMismatch)
                town.flag(.postcodeTownMismatch)
                return
            }
            if !(townGarbled && nearCertain) { postcode.flag(.postcodeTownMismatch) }
            if townGarbled, let code = readCode {
                if nearCertain { apply(code, to: &postcode, reason: "the code as read: the town as read resembles no place") }
                let sole = takePlace(of: code, into: &town)
                if !(nearCertain && sole) { town.flag(.postcodeTownMismatch) }
            } else {
                town.flag(.postcodeTownMismatch)
            }
            return
        }

        apply(best.postcode, to: &postcode, reason: "cross-checked with the town in the postcode directory")
        if best.townSimilarity >= thresholds.townSimilarity - 0.2 {
            apply(best.locality.uppercased(), to: &town, reason: "spelled as in the postcode directory")
        }
        let postcodeRival = candidates.dropFirst().first { $0.postcode != best.postcode }
        let townRival = candidates.dropFirst().first { $0.locality != best.locality }
        let postcodeMargin = postcodeRival.map { best.joint - $0.joint } ?? 10
        let townMargin = townRival.map { best.joint - $0.joint } ?? 10
        let perBox = best.postcodeScore / Double(max(postcodeReading.characters.count, 1))
        if townGarbled {
            if !(boxesNamePlace && nearCertain) { postcode.flag(.postcodeTownMismatch) }
            let sole = boxesNamePlace && takePlace(of: best.postcode, into: &town)
            if !(nearCertain && sole) { town.flag(.postcodeTownMismatch) }
            return
        }
        // A rival code in the same place differs from the best in a box or two that the boxes'
        // confusions allow; when both models read every box as the best, each sure, neither saw it.
        let readersAgree = boxesNamePlace && witness.map { $0.filter(\.isNumber) == best.postcode.filter(\.isNumber) } == true
        if postcodeMargin < Self.acceptMargin, !readersAgree { postcode.flag(.ambiguous) }
        if perBox < log(0.2) { postcode.flag(.lowConfidence) }
        if townMargin < Self.acceptMargin { town.flag(.ambiguous) }
        // A town spelled a little off is trusted when the sure boxes name its place: two
        // independent readings agree on one place.
        if best.townSimilarity < thresholds.townSimilarity, !boxesNamePlace { town.flag(.lowConfidence) }
    }

    /// All candidate pairs, best first.
    ///
    /// Every postcode of the country is scored against the boxes (a few thousand to a few tens
    /// of thousands of codes, each a handful of table look-ups), so the right code is found even
    /// when it is far down the list of spellings; the best of them, and the codes of towns that
    /// resemble the town as read, are then paired with their localities.
    func rank(_ reading: TextReading, townRead: String) -> [Candidate] {
        // One table per box, built once: scoring every postcode of a country is then a look-up.
        // A box's own character (the classifier's, where one read the boxes) is at least as
        // likely as the witness's likeliest: a line model is surer of itself than it should be,
        // and where the two differed on the tuning coupons' postcodes the box's own character
        // was right 10 times, the witness's 2.
        let table = reading.characters.map { character in
            var likelihoods = Confusions.likelihoods(at: character).mapValues(log)
            if character.text.count == 1, let own = character.text.first, let top = likelihoods.values.max() {
                likelihoods[own] = top + Self.ownCharacterBonus
            }
            return likelihoods
        }
        let floor = log(Confusions.floor)
        func score(_ code: String) -> Double {
            var total = 0.0, index = 0
            for character in code {
                total += index < table.count ? (table[index][character] ?? floor) : floor
                index += 1
            }
            total += Double(max(0, table.count - index)) * floor
            return total
        }
        var scored: [(String, Double)] = []
        if let all = try? directory.allPostcodes(country: country) {
            scored = all.map { ($0, score($0)) }
            scored.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        }
        var codes = Dictionary(scored.prefix(200).map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })
        if !townRead.isEmpty, let matches = try? directory.postcodes(of: townRead, country: country, minimumScore: 0.6) {
            let bestScore = matches.map(\.score).max() ?? 0
            for match in matches where match.score >= bestScore - 0.1 { codes[match.postcode] = score(match.postcode) }
        }
        var similarityCache: [String: Double] = [:]
        var candidates: [Candidate] = []
        for (code, postcodeScore) in codes {
            let localities = (try? directory.localities(of: code, country: country)) ?? []
            for locality in localities {
                let similarity: Double
                if let cached = similarityCache[locality.name] {
                    similarity = cached
                } else {
                    similarity = townRead.isEmpty ? 0 : PostcodeDirectory.similarity(townRead, locality.name)
                    similarityCache[locality.name] = similarity
                }
                candidates.append(Candidate(postcode: code, locality: locality.name, postcodeScore: postcodeScore, townSimilarity: similarity))
            }
        }
        return candidates.sorted { ($0.joint, $1.postcode, $1.locality) > ($1.joint, $0.postcode, $0.locality) }
    }

    /// Spells the town as the place a sure postcode names, when the town as read resembles no
    /// place at all: the reading is garbled, and the postcode's place is the likeliest value.
    /// The correction records what was read. True when the code names that place alone: beside
    /// a code read near-certain, the town is then the code's place, with no choice to make.
    private func takePlace(of code: String, into town: inout FieldResult) -> Bool {
        guard let place = onlyPlace(of: code, townRead: town.raw) else { return false }
        apply(place.name.uppercased(), to: &town, reason: "the place of the postcode as read: the town as read resembles no place")
        return place.isSole
    }

    /// The one place `code` names. Most codes name one; where a code names several, the one the
    /// reading resembles most, if no other comes as close. Nil for an empty town: a field left
    /// blank stays blank. `isSole` tells whether the code names no other place.
    private func onlyPlace(of code: String, townRead: String) -> (name: String, isSole: Bool)? {
        guard !townRead.isEmpty, let localities = try? directory.localities(of: code, country: country) else { return nil }
        let names = Array(Set(localities.map(\.name)))
        guard names.count > 1 else { return names.first.map { ($0, true) } }
        let ranked = names.map { (name: $0, similarity: PostcodeDirectory.similarity(townRead, $0)) }
            .sorted { $0.similarity > $1.similarity }
        return ranked[0].similarity - ranked[1].similarity >= 0.1 ? (ranked[0].name, false) : nil
    }

    private func bestTownSimilarity(for postcode: String, townRead: String) -> Double {
        guard let code = normalised(postcode), let localities = try? directory.localities(of: code, country: country) else { return 0 }
        return localities.map { PostcodeDirectory.similarity(townRead, $0.name) }.max() ?? 0
    }

    private func normalised(_ text: String) -> String? { directory.normalise(text, country: country) }

    /// How many boxes two codes of one length differ in; nil for codes of different lengths.
    static func boxesApart(_ a: String, _ b: String) -> Int? {
        guard a.count == b.count else { return nil }
        return zip(a, b).filter { $0 != $1 }.count
    }

    private func apply(_ value: String, to field: inout FieldResult, reason: String) {
        if value != field.value {
            field.corrections.append(Correction(from: field.value, to: value, reason: reason))
            field.value = value
        }
    }
}
