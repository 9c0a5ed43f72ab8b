import MailroomPostcodes

/// The words a letter's layout is recognised by, in the languages Mailroom reads.
///
/// Everything is compared folded (upper case, accents removed), so one entry covers
/// "Oggetto", "OGGETTO" and an OCR read that lost an accent.
enum LetterVocabulary {
    /// Labels that open a subject line.
    static let subjectLabels = [
        "OGGETTO", "RE", "SUBJECT", "SUBJ", "DOTYCZY", "TEMAT", "W SPRAWIE", "BETREFF", "OBJET", "ASUNTO", "CONCERNE",
    ]

    /// Openings of a salutation line ("Dear Sir or Madam,").
    static let salutations = [
        "DEAR", "TO WHOM", "HELLO", "GOOD MORNING", "SPETTABILE", "SPETT", "GENTILE", "GENTILI", "EGREGIO", "EGREGI",
        "CARO", "CARA", "CARI", "BUONGIORNO", "SALVE", "SZANOWNI", "SZANOWNY", "SZANOWNA", "DZIEN DOBRY",
        "SEHR GEEHRTE", "LIEBE", "MADAME", "MONSIEUR", "ESTIMADO", "ESTIMADA",
    ]

    /// Words that mark a company's address block (the recipient), not a private sender.
    static let companyMarkers = [
        "SPA", "S P A", "SRL", "S R L", "SNC", "SAS", "SP Z O O", "SP ZOO", "S A", "SA", "LTD", "LIMITED", "PLC", "INC",
        "LLC", "GMBH", "AG", "CORP", "CUSTOMER SERVICE", "SERVIZIO CLIENTI", "UFFICIO", "DZIAL", "BIURO", "OBSLUGI",
        "DEPARTMENT", "KUNDENSERVICE",
    ]

    /// Month names by folded spelling (nominative and genitive forms), for letter dates.
    static let months: [String: Int] = {
        let lists: [[String]] = [
            ["JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER"],
            ["GENNAIO", "FEBBRAIO", "MARZO", "APRILE", "MAGGIO", "GIUGNO", "LUGLIO", "AGOSTO", "SETTEMBRE", "OTTOBRE", "NOVEMBRE", "DICEMBRE"],
            ["STYCZNIA", "LUTEGO", "MARCA", "KWIETNIA", "MAJA", "CZERWCA", "LIPCA", "SIERPNIA", "WRZESNIA", "PAZDZIERNIKA", "LISTOPADA", "GRUDNIA"],
            ["STYCZEN", "LUTY", "MARZEC", "KWIECIEN", "MAJ", "CZERWIEC", "LIPIEC", "SIERPIEN", "WRZESIEN", "PAZDZIERNIK", "LISTOPAD", "GRUDZIEN"],
            ["JANUAR", "FEBRUAR", "MARZ", "APRIL", "MAI", "JUNI", "JULI", "AUGUST", "SEPTEMBER", "OKTOBER", "NOVEMBER", "DEZEMBER"],
            ["JANVIER", "FEVRIER", "MARS", "AVRIL", "MAI", "JUIN", "JUILLET", "AOUT", "SEPTEMBRE", "OCTOBRE", "NOVEMBRE", "DECEMBRE"],
        ]
        var table: [String: Int] = [:]
        for list in lists { for (index, name) in list.enumerated() { table[name] = index + 1 } }
        for (index, name) in ["JAN", "FEB", "MAR", "APR", "JUN", "JUL", "AUG", "SEP", "SEPT", "OCT", "NOV", "DEC"].enumerated() {
            table[name] = [1, 2, 3, 4, 6, 7, 8, 9, 9, 10, 11, 12][index]
        }
        return table
    }()

    /// Country names a letter may write under the town line, folded, to ISO codes.
    static let countries: [String: String] = [
        "ITALY": "IT", "ITALIA": "IT", "ITALIEN": "IT", "WLOCHY": "IT",
        "POLAND": "PL", "POLSKA": "PL", "POLEN": "PL", "POLONIA": "PL", "POLOGNE": "PL",
        "USA": "US", "U S A": "US", "UNITED STATES": "US", "UNITED STATES OF AMERICA": "US", "STATI UNITI": "US",
        "STANY ZJEDNOCZONE": "US", "GERMANY": "DE", "DEUTSCHLAND": "DE", "GERMANIA": "DE", "NIEMCY": "DE",
        "FRANCE": "FR", "FRANCIA": "FR", "FRANCJA": "FR", "SPAIN": "ES", "ESPANA": "ES", "SPAGNA": "ES",
        "AUSTRIA": "AT", "OSTERREICH": "AT", "SWITZERLAND": "CH", "SCHWEIZ": "CH", "SVIZZERA": "CH", "SUISSE": "CH",
        "UNITED KINGDOM": "GB", "UK": "GB", "GREAT BRITAIN": "GB", "ENGLAND": "GB", "REGNO UNITO": "GB",
        "NETHERLANDS": "NL", "NEDERLAND": "NL", "BELGIUM": "BE", "BELGIQUE": "BE", "CZECH REPUBLIC": "CZ", "CZECHIA": "CZ",
        "GERMANIA FEDERALE": "DE", "SAN MARINO": "SM",
    ]

    /// The country a letter in `language` most likely comes from, when nothing else says.
    static func homeCountry(language: String) -> String? {
        ["ita": "IT", "pol": "PL", "deu": "DE", "fra": "FR", "spa": "ES"][language]
    }

    static func fold(_ text: String) -> String { PostcodeDirectory.fold(text) }

    /// Whether folded `line` starts with one of `openings` as whole words.
    static func starts(_ line: String, with openings: [String]) -> String? {
        let folded = fold(line)
        return openings.first { folded == $0 || folded.hasPrefix($0 + " ") }
    }

    /// Street words: "1062 Church Street" is a house number and a street, not a postcode and a town.
    static let streetWords: Set<String> = [
        "STREET", "ST", "ROAD", "RD", "AVENUE", "AVE", "LANE", "LN", "DRIVE", "DR", "BOULEVARD", "BLVD", "WAY", "COURT",
        "CT", "PLACE", "PL", "SQUARE", "HIGHWAY", "HWY", "PARKWAY", "TERRACE", "VIA", "VIALE", "PIAZZA", "CORSO",
        "LARGO", "VICOLO", "UL", "ULICA", "AL", "ALEJA", "PLAC", "OS", "OSIEDLE", "STRASSE", "STR", "WEG", "GASSE",
        "RUE", "CALLE",
    ]

    /// Whether `text` reads like a street name rather than a town.
    static func isStreet(_ text: String) -> Bool {
        !streetWords.isDisjoint(with: fold(text).split(separator: " ").map(String.init))
    }

    /// Whether `line` names a company or department (a recipient block, not a private sender).
    static func isCompanyLine(_ line: String) -> Bool {
        let words = " " + fold(line) + " "
        return companyMarkers.contains { words.contains(" " + $0 + " ") }
    }
}
