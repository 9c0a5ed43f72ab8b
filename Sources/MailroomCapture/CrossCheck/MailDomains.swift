/// The consumer mail providers most addresses on a coupon use, for checking a read e-mail's domain.
///
/// What the postcode directory is to a postcode, this list is to an e-mail domain: a read
/// domain one or two slips away from exactly one of these (`gmai1.com`, `llbero.it`,
/// `wp.p1`) is that provider. A domain not near any of them is left as read; companies and
/// small providers have their own.
enum MailDomains {
    /// International providers, then Italian, Polish and US ones.
    static let common: Set<String> = [
        "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com",
        "icloud.com", "me.com", "mac.com", "aol.com", "gmx.com", "gmx.net", "mail.com", "proton.me",
        "protonmail.com", "yandex.com",
        "libero.it", "virgilio.it", "alice.it", "tin.it", "tiscali.it", "fastwebnet.it", "email.it",
        "inwind.it", "iol.it", "hotmail.it", "live.it", "outlook.it", "yahoo.it", "aruba.it", "katamail.com",
        "wp.pl", "o2.pl", "onet.pl", "op.pl", "interia.pl", "interia.eu", "poczta.onet.pl", "gazeta.pl",
        "tlen.pl", "vp.pl", "go2.pl", "poczta.fm", "int.pl", "autograf.pl", "buziaczek.pl", "onet.eu",
        "comcast.net", "verizon.net", "att.net", "sbcglobal.net", "cox.net", "charter.net", "bellsouth.net",
    ]

    /// Top-level domains of consumer addresses: the generic ones and the country codes of
    /// Europe and North America.
    static let topLevel: Set<String> = [
        "com", "net", "org", "info", "biz", "eu", "edu", "gov", "me", "io",
        "it", "pl", "de", "fr", "es", "pt", "nl", "be", "lu", "ch", "at", "uk", "ie", "dk", "se", "no", "fi",
        "is", "cz", "sk", "hu", "si", "hr", "ro", "bg", "gr", "lt", "lv", "ee", "ua", "by", "ru", "sm", "va",
        "mt", "cy", "us", "ca",
    ]

    /// The top-level domains no country owns.
    static let genericTopLevel: Set<String> = ["com", "net", "org", "info", "biz", "eu", "edu", "gov", "me", "io"]

    /// `address` with a dot put before the top-level domain its last label ends with, when the
    /// reader lost that dot (`examplenet` becomes `example.net`); nil when the last label is a
    /// top-level domain already or ends with none.
    static func dottingTopLevel(address: String) -> String? {
        guard let at = address.lastIndex(of: "@") else { return nil }
        let domain = address[address.index(after: at)...]
        let label = domain.split(separator: ".", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        guard !topLevel.contains(label) else { return nil }
        for length in [4, 3, 2] where label.count >= length + 2 {
            let suffix = String(label.suffix(length))
            if topLevel.contains(suffix) { return String(address.dropLast(length)) + "." + suffix }
        }
        return nil
    }

    /// `address` with a last label of two to four letters that is no top-level domain replaced
    /// by the one top-level domain a single slip away (`example.nef` becomes `example.net`,
    /// `example.drg` `example.org`); nil when there is none, or more than one, that near.
    ///
    /// Between several as near, `home` (the coupon's country's) is taken when it is one of them
    /// and the label read is no top-level domain at all: `example.jt` on an Italian coupon is
    /// `example.it`, though `.mt` and `.at` are a slip away too.
    static func correctingTopLevel(address: String, home: String? = nil) -> String? {
        guard let at = address.lastIndex(of: "@"), let dot = address.lastIndex(of: "."), dot > at else { return nil }
        let label = String(address[address.index(after: dot)...])
        guard (2...4).contains(label.count), !topLevel.contains(label) else { return nil }
        let scored = topLevel.map { (label: $0, cost: distance(label, $0)) }.filter { $0.cost <= 1 }
        guard let best = scored.min(by: { $0.cost < $1.cost }) else { return nil }
        let nearest = scored.filter { $0.cost == best.cost }.map(\.label)
        if nearest.count == 1 { return String(address[...dot]) + best.label }
        guard let home, nearest.contains(home), !couldBeTopLevel(label) else { return nil }
        return String(address[...dot]) + home
    }

    /// Characters a reader confuses in an address; swapping one costs half an edit.
    private static let lookAlikes: Set<[Character]> = [
        ["0", "o"], ["1", "l"], ["1", "i"], ["i", "l"], ["5", "s"], ["8", "b"], ["2", "z"], ["6", "g"],
        ["9", "g"], ["9", "q"], ["u", "v"], ["n", "h"], ["c", "e"], ["a", "o"], ["t", "f"], ["r", "n"],
    ]

    /// A domain's last label (`pl` of `poczta.example.pl`), or nil when it has no dot.
    static func topLevel(of domain: String) -> String? {
        domain.lastIndex(of: ".").map { String(domain[domain.index(after: $0)...]) }
    }

    /// The share of a provider's length a misreading of it may differ by.
    static let providerShare = 0.2

    /// The common provider (or other of `domains`) `domain` was most likely meant to be, or nil
    /// when it is one already, is close to none, or is as close to two of them.
    ///
    /// Allowed distance: `share` of the provider's length (a fifth), at most `maximum`
    /// (`gmail.com` tolerates 1.8 edits, `wp.pl` 1).
    static func correction(for domain: String, among domains: Set<String> = common, maximum: Double = 2,
                           share: Double = providerShare) -> String? {
        guard !domain.isEmpty, !domains.contains(domain) else { return nil }
        let scored = domains.map { (domain: $0, cost: distance(domain, $0)) }.sorted { ($0.cost, $0.domain) < ($1.cost, $1.domain) }
        guard let best = scored.first, best.cost <= min(maximum, Double(best.domain.count) * share) else { return nil }
        // Farther than a fifth of its length, a domain is taken only with the top-level domain
        // as read (or mended): `example.wet`, mended to `example.net`, is no `example.org`.
        if best.cost > Double(best.domain.count) * providerShare, let read = topLevel(of: domain),
           read != topLevel(of: best.domain) { return nil }
        if let next = scored.dropFirst().first, next.cost <= best.cost { return nil }
        return best.domain
    }

    /// `address` with its domain replaced by the common provider it was most likely meant to
    /// be, or nil when there is nothing to replace.
    static func corrected(address: String) -> String? {
        guard let at = address.lastIndex(of: "@"),
              let provider = correction(for: String(address[address.index(after: at)...])) else { return nil }
        return String(address[...at]) + provider
    }

    /// Pairs of letters a hand-printed address often has read as one (`il` as `n` in `gman.com`,
    /// `rn` as `m`), by the one character; either way round costs half an edit.
    private static let merged: [Character: Set<String>] = [
        "n": ["il", "li", "ii", "ri"], "u": ["ii", "il", "li", "ij"], "m": ["rn", "nn", "in", "ni"],
        "w": ["vv", "iv", "vi"], "d": ["cl"], "h": ["li"], "k": ["lc", "ic"], "b": ["lo", "io"],
    ]

    /// Edit distance where swapping two look-alike characters, or one character for the two
    /// letters it merged (or split into), costs 0.5.
    static func distance(_ a: String, _ b: String) -> Double {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty, !b.isEmpty else { return Double(max(a.count, b.count)) }
        let columns = b.count + 1
        var table = [Double](repeating: 0, count: (a.count + 1) * columns)
        for i in 0...a.count { table[i * columns] = Double(i) }
        for j in 0...b.count { table[j] = Double(j) }
        func mergeable(_ one: Character, _ first: Character, _ second: Character) -> Bool {
            merged[one]?.contains(String([first, second])) ?? false
        }
        for i in 1...a.count {
            for j in 1...b.count {
                let swap: Double = a[i - 1] == b[j - 1] ? 0
                    : (lookAlikes.contains([a[i - 1], b[j - 1]]) || lookAlikes.contains([b[j - 1], a[i - 1]]) ? 0.5 : 1)
                var best = min(table[(i - 1) * columns + j] + 1, table[i * columns + j - 1] + 1,
                               table[(i - 1) * columns + j - 1] + swap)
                if j >= 2, mergeable(a[i - 1], b[j - 2], b[j - 1]) { best = min(best, table[(i - 1) * columns + j - 2] + 0.5) }
                if i >= 2, mergeable(b[j - 1], a[i - 2], a[i - 1]) { best = min(best, table[(i - 2) * columns + j - 1] + 0.5) }
                table[i * columns + j] = best
            }
        }
        return table[a.count * columns + b.count]
    }
}
