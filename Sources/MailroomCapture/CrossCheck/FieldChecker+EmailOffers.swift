import MailroomOCR
import MailroomPostcodes

extension FieldChecker {
    /// What the reader offered for each character of `address`'s local part, read off
    /// `reading`; nil when the local part cannot be matched to what was read.
    ///
    /// A character the checks put there (a letter a respelling inserted) offers nothing.
    static func offers(localPartOf address: String, in reading: TextReading) -> [EmailNames.Offer]? {
        localPartCharacters(of: address, in: reading)?.map { character in
            character.map { EmailNames.Offer(alternatives: $0.alternatives) } ?? EmailNames.Offer()
        }
    }

    /// The characters of `reading` that stand at the places of `address`'s local part: place by
    /// place when it is as long as what was read, or a respelling of it letter for letter;
    /// otherwise the characters a respelling kept (`kowkaiczyk.joannagy` respelled
    /// `kowalczyk.joannagy` keeps `joannagy`'s), nil at the places it changed. Nil when no
    /// `@` was read to end the local part.
    private static func localPartCharacters(of address: String, in reading: TextReading) -> [CharacterReading?]? {
        guard let at = address.lastIndex(of: "@") else { return nil }
        let local = Array(address[..<at])
        let characters = reading.characters.filter { !$0.text.allSatisfy(\.isWhitespace) }
        let readLocal = Array(characters.prefix { $0.text != "@" })
        guard characters.count >= local.count else { return nil }
        if readLocal.count == local.count || zip(local, characters).allSatisfy({ $0.lowercased() == $1.text.lowercased() }) {
            return characters.prefix(local.count).map(Optional.some)
        }
        guard readLocal.count < characters.count else { return nil }
        let changes = local.map { $0.lowercased() }.difference(from: readLocal.map { $0.text.lowercased() })
        var removed = Set<Int>(), inserted = Set<Int>()
        for change in changes {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        var kept = readLocal.indices.filter { !removed.contains($0) }.makeIterator()
        return local.indices.map { inserted.contains($0) ? nil : kept.next().map { readLocal[$0] } }
    }
}

extension EmailNames {
    /// What a reader offered for one character of a local part besides what it read.
    struct Offer: Equatable, Sendable {
        /// The digits offered at 5% or more, likeliest first.
        var digits: [Character] = []
        /// Whether the reader found the character likelier a digit than anything else: digits
        /// carry most of the alternatives' weight, or the likeliest alternative is a digit.
        var likelyDigit = false
        /// The letters offered (folded, lowercase), each weighed against the likeliest
        /// alternative (0–1).
        var letters: [Character: Double] = [:]
        /// Whether the reader was sure of what it read: its likeliest alternative at
        /// `sureConfidence` or more, every other under a twentieth of it.
        var sure = false

        init(digits: [Character] = [], likelyDigit: Bool = false, letters: [Character: Double] = [:]) {
            self.digits = digits
            self.likelyDigit = likelyDigit
            self.letters = letters
        }

        init(alternatives: [Alternative]) {
            let ranked = alternatives.likeliestFirst
            digits = ranked.filter { $0.confidence >= 5 && $0.isDigit }.compactMap(\.text.first)
            likelyDigit = alternatives.digitShare > 0.5 || ranked.first?.isDigit == true
            guard let top = ranked.first?.confidence, top > 0 else { return }
            sure = top >= Self.sureConfidence && ranked.dropFirst().allSatisfy { $0.confidence * 20 < top }
            for alternative in ranked where alternative.text.count == 1 {
                guard let letter = TextFolding.fold(alternative.text).lowercased().first, letter.isLetter else { continue }
                letters[letter] = max(letters[letter] ?? 0, min(1, alternative.confidence / top))
            }
        }
    }
}

extension EmailNames.Offer {
    /// The confidence above which a character the reader offered no rival for is taken as read.
    static let sureConfidence = 95.0
}

extension FieldChecker {
    /// Whether spelling `address` as `it` would drop or change a character of its local part
    /// that both readers read alike and the first was sure of (`offers`, one for each).
    ///
    /// Names spell an address only where its reading is in doubt. People write more than their
    /// names (`paolo.galli` for Paolo Gallo, `anna.conte`, `lucabianchi.76`): a letter read
    /// clearly, without a rival and by both models, is what was written, however near a name.
    func overrulesSureCharacters(of address: String, spelling it: String, offers: [EmailNames.Offer]?,
                                 raw: FieldReader.Raw?) -> Bool {
        guard let offers else { return false }
        let read = Array(Self.localPart(ofEmail: address).lowercased())
        if let witness = raw?.witness,
           Array(Self.localPart(ofEmail: EmailNormaliser.normalise(witness)).lowercased()) != read { return false }
        let spelled = Array(Self.localPart(ofEmail: it).lowercased())
        guard offers.count == read.count else { return false }
        return spelled.difference(from: read).contains { change in
            if case .remove(let offset, _, _) = change { return offers[offset].sure }
            return false
        }
    }
}
