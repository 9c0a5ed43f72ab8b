import Foundation

/// Parsing of `countries.tsv`, the one file read when the directory opens.
extension PostcodeDirectory {
    /// Reads `code TAB name TAB format TAB regex TAB codes` lines after a header.
    static func readCountries(at url: URL) throws(PostcodeError) -> [Country] {
        let folder = url.deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: url.path) else { throw .dataFolderMissing(folder) }
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw .malformedCountryList(url.path, line: 0, "cannot be read as UTF-8: \(error.localizedDescription)")
        }
        var countries: [Country] = []
        for (offset, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let number = offset + 1
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            if number == 1, fields.first?.lowercased() == "code" { continue }
            guard fields.count >= 5 else {
                throw .malformedCountryList(url.path, line: number, "expected 5 tab-separated fields, found \(fields.count)")
            }
            let code = fields[0].uppercased()
            guard code.count == 2, code.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                throw .malformedCountryList(url.path, line: number, "'\(fields[0])' is not a two-letter country code")
            }
            guard let shipped = Int(fields[4]), shipped >= 0 else {
                throw .malformedCountryList(url.path, line: number, "'\(fields[4])' is not a count of postcodes")
            }
            let regex = ["", "null", "none"].contains(fields[3].lowercased()) ? nil : fields[3]
            let format = ["null", "none"].contains(fields[2].lowercased()) ? "" : fields[2]
            countries.append(Country(code: code, name: fields[1], format: format, regex: regex, postcodeCount: shipped))
        }
        guard !countries.isEmpty else { throw .malformedCountryList(url.path, line: 1, "lists no countries") }
        return countries
    }
}
