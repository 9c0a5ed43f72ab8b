import MailroomPostcodes

extension FieldChecker {
    /// Accepts an e-mail in review only for its readers' doubts when the coupon vouches for
    /// every part of it.
    ///
    /// Two models never read a long hand-printed address alike, so `modelsDisagree` and
    /// `lowConfidence` hold back nearly every e-mail, right or wrong. But an address is mostly
    /// a copy of the names: its letters are vouched for when they are exactly a shape of the
    /// coupon's accepted names (`EmailNames.isShape`) and the reading was at most one letter
    /// from them, in place (a character dropped may have been a digit: `marianil` for
    /// `mariani1`), or the other model's was, or neither reading may hide a number the shape
    /// lacks (`mayHideNumber`: the names vouch for garbled letters, up to `mostSlipsVouched`
    /// in the nearer reading);
    /// its domain, when it is a common provider or one
    /// read on earlier coupons, and was read so by either model, or one slip from it with no other
    /// such domain near (`EXAMMPLE`), or nearer it than any other by two slips in both readings.
    /// What the names cannot vouch for, the number and the separator, both models must have
    /// read alike, or one a digit's letter look-alike where the other read the digit
    /// (`readsInPlace`), and there must be a separator unless both names are run together
    /// whole; the number's digits must be as sure as a phone's.
    func confirmEmailByNames(_ results: inout [String: FieldResult], _ raws: [String: FieldReader.Raw]) {
        // A domain guessed from a provider's or an earlier coupon's is vouched for below only
        // when a model read it one slip away and no other such domain is near.
        let doubts: Set<ReviewReason> = [.lowConfidence, .modelsDisagree, .mailDomainGuessed, .learnedDomainGuessed]
        guard let field = form.fields.first(where: { $0.type == .email }), var email = results[field.name],
              email.decision == .review, !email.reasons.isEmpty, email.reasons.allSatisfy(doubts.contains),
              let raw = raws[field.name], let witness = raw.witness else { return }
        let names = form.fields.filter { $0.type == .name }.compactMap { results[$0.name] }
        guard !names.isEmpty, names.allSatisfy({ $0.decision == .accepted && !$0.value.isEmpty }) else { return }
        guard let (local, domain) = Self.split(email.value), let (readLocal, readDomain) = Self.split(EmailNormaliser.normalise(email.raw)),
              let (witnessLocal, witnessDomain) = Self.split(EmailNormaliser.normalise(witness)) else { return }
        func nearLocal(_ read: String) -> Bool { read.count == local.count && zip(read, local).filter({ $0 != $1 }).count <= 1 }
        guard MailDomains.common.contains(domain) || learnedDomains.contains(domain),
              readDomain == domain || witnessDomain == domain
                || isOnlyNearDomain(domain, to: readDomain) || isOnlyNearDomain(domain, to: witnessDomain)
                || isNearestDomain(domain, to: readDomain) && isNearestDomain(domain, to: witnessDomain),
              EmailNames.isShape(local, of: names.map(\.value)),
              nearLocal(readLocal) || nearLocal(witnessLocal)
                || !Self.mayHideNumber(local, readLocal) && !Self.mayHideNumber(local, witnessLocal) else { return }
        // Names run together look just like a stop both models lost (`saralombardi` written
        // `sara.lombardi`): without a separator read, only both names in full and nothing else
        // (`beatajablonska`, the commonest way to run them together) are vouched for
        // (`EmailNames.isBothNamesRunTogether`).
        // Letters the shape dropped are not the names' to vouch for: a reading two or more
        // characters longer was most likely written longer (`ROBERTA.LONM` is no `roberta.l`).
        // Nor are letters both readers saw otherwise, past a few: a reading farther from the
        // names may be a nickname or another word written on purpose (`tomaek.zajac` beside
        // Tomasz Zając was accepted as `tomasz.zajac`).
        let slips = min(EditDistance.levenshtein(Array(readLocal), Array(local)),
                        EditDistance.levenshtein(Array(witnessLocal), Array(local)))
        guard slips <= Self.mostSlipsVouched,
              min(readLocal.count, witnessLocal.count) <= local.count + 1,
              local.contains(where: EmailNames.separators.contains) || EmailNames.isBothNamesRunTogether(local, of: names.map(\.value)),
              Self.readsInPlace(local, readLocal, other: witnessLocal), Self.readsInPlace(local, witnessLocal, other: readLocal) else { return }
        // Two models can agree on a wrong digit (phones showed it): the number's own characters
        // must be as sure as a phone's boxes.
        let number = raw.reading.characters.prefix { $0.text != "@" }.filter { $0.text.count == 1 && $0.text.allSatisfy(\.isNumber) }
        guard number.allSatisfy({ $0.confidence >= thresholds.classifiedBoxConfidence && !isSecondGuessed($0) }) else { return }
        email.reasons.removeAll()
        email.decision = .accepted
        results[field.name] = email
    }

    /// The most characters the nearer reading's local part may differ from the names' shape by
    /// for the names to vouch for it.
    ///
    /// Tuning coupons: 6 of 92 accepted e-mails, all right, go to review; on a set where half
    /// the addresses are not the names' (`samples/generate --free-emails 0.5`, seed 31) the
    /// one accepted wrong among them (`tomaek.zajac` as `tomasz.zajac`) does too. At 3 the
    /// tuning sets lose 2 and that one stays accepted (stop 48).
    static let mostSlipsVouched = 2

    /// Whether `read` is at most one slip from `domain` and three or more from every other
    /// common or learned domain: one slip from the only domain it can be is that domain.
    func isOnlyNearDomain(_ domain: String, to read: String) -> Bool {
        isNearestDomain(domain, to: read, within: 1)
    }

    /// Whether `read` is at most `slips` from `domain` and two or more slips nearer it than any
    /// other common or learned domain (three or more from them when it is `domain` itself or
    /// one slip off). Both readers' domains must be so within three slips for it to vouch for
    /// `domain`, since three slips on one reading could as well be a fourth on another domain.
    func isNearestDomain(_ domain: String, to read: String, within slips: Int = 3) -> Bool {
        let letters = Array(read)
        let distance = EditDistance.levenshtein(letters, Array(domain))
        guard distance <= slips else { return false }
        return MailDomains.common.union(learnedDomains).allSatisfy { other in
            other == domain || EditDistance.levenshtein(letters, Array(other)) >= max(distance, 1) + 2
        }
    }

    /// Whether `read` has the digits and separators of `local`, which the names cannot vouch for.
    ///
    /// Read as long as `local`, they must stand in place, and where `local` has a letter `read`
    /// may hold only that letter's digit look-alike (`iorenz0` for `lorenzo`: the names vouch
    /// for the letter, and a stop or a digit more would be a doubt). Where `local` has a digit,
    /// `read` may hold its letter look-alike only when the `other` reading, as long, has the
    /// digit itself there (`ferrariz6` beside `ferrari26`: one model saw the 2's shape, the
    /// other the digit). Read longer or shorter, `read` must have the same digits and
    /// separators in the same order.
    static func readsInPlace(_ local: String, _ read: String, other: String = "") -> Bool {
        func unvouched(_ text: String) -> String { text.filter { $0.isNumber || EmailNames.separators.contains($0) } }
        guard local.count == read.count else { return unvouched(local) == unvouched(read) }
        let other = other.count == local.count ? Array(other) : []
        for (index, (mine, theirs)) in zip(local, read).enumerated() {
            if mine.isNumber, theirs.isLetter, Confusions.digit(lookingLike: theirs) == mine, other.indices.contains(index), other[index] == mine {
                continue
            } else if mine.isNumber || EmailNames.separators.contains(mine) {
                if mine != theirs { return false }
            } else if EmailNames.separators.contains(theirs) {
                return false
            } else if theirs.isNumber, Confusions.digit(lookingLike: mine) != theirs {
                return false
            }
        }
        return true
    }

    /// Whether `read`, longer than the names' shape `local`, ends on a letter that looks like a
    /// digit where `local` ends on a letter: a number the shape lacks, read as letters
    /// (`elena_grecol` for `elena_greco1`).
    static func mayHideNumber(_ local: String, _ read: String) -> Bool {
        guard read.count > local.count, let last = read.last, let shapeLast = local.last else { return false }
        return last.isLetter && Confusions.digit(lookingLike: last) != nil && shapeLast.isLetter && last != shapeLast
    }

    /// An address's local part and domain, lowercased, or nil without exactly one `@`.
    private static func split(_ address: String) -> (local: String, domain: String)? {
        let parts = address.lowercased().split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        return (String(parts[0]), String(parts[1]))
    }
}
