import Foundation

/// One country's data file, parsed and indexed for lookups in both directions.
///
/// Built once per country on first use and never mutated, so it is shared by all threads
/// without locking. Postcodes are indexed by `PostcodeFormat.key`, locality names by their
/// folded form (several spellings such as "HELSINKI"/"Helsinki" share one folded name).
/// Parsing works on bytes and leans on the file being sorted by postcode: consecutive lines
/// mostly repeat the previous postcode or locality, which are then reused, not recomputed.
final class CountryIndex: Sendable {
    /// One (postcode, locality) line of the data file.
    struct Entry: Sendable {
        let postcode: String
        let locality: Locality
    }

    let country: String
    let entries: [Entry]
    /// Lookup key → its run of consecutive entries (the usual case, as the file is sorted).
    private let spans: [String: Range<Int32>]
    /// Lookup key → entries, for the rare key whose lines are not consecutive.
    private let scattered: [String: [Int32]]
    /// Lengths of the keys present, longest first, for coarse data (GB areas, CA FSAs).
    let keyLengths: [Int]
    /// Distinct folded locality names and their entries.
    let names: NameTable
    /// Every shipped postcode, canonical spelling.
    let postcodes: Set<String>

    /// Parses the decompressed bytes of `CC.tsv.gz`; `path` only labels errors.
    /// `expectedPostcodes` (from countries.tsv) only sizes the tables up front.
    init(country: String, bytes: [UInt8], format: PostcodeFormat, expectedPostcodes: Int = 0, path: String) throws(PostcodeError) {
        self.country = country
        guard String(decoding: bytes, as: UTF8.self).utf8.elementsEqual(bytes) else {
            throw .corruptDataFile(path, "not UTF-8 text")
        }
        var builder = Builder(format: format, expectedPostcodes: expectedPostcodes)
        var lineNumber = 0
        var start = 0
        bytes.withUnsafeBufferPointer { buffer in
            while start < buffer.count {
                var end = start
                while end < buffer.count, buffer[end] != 0x0A { end += 1 }
                lineNumber += 1
                var last = end
                if last > start, buffer[last - 1] == 0x0D { last -= 1 }
                if last > start, !builder.add(UnsafeBufferPointer(rebasing: buffer[start..<last])) { return }
                start = end + 1
            }
        }
        if builder.failed { throw .corruptDataFile(path, "line \(lineNumber) is not 'postcode TAB locality TAB region'") }
        guard !builder.entries.isEmpty else { throw .corruptDataFile(path, "no postcodes in the file") }
        builder.flushKey()

        entries = builder.entries
        spans = builder.spans
        scattered = builder.scattered
        keyLengths = Set(builder.spans.keys.map(\.utf8.count)).union(builder.scattered.keys.map(\.utf8.count)).sorted(by: >)
        names = builder.names
        postcodes = builder.postcodes
    }

    /// Entries for a lookup key: exact, else the longest shipped code the key starts with,
    /// when the data is coarser than the query (GB "SW1A1AA" → area "SW", US ZIP+4 → ZIP).
    func entries(forKey key: String, allowCoarser: Bool = true) -> [Int32] {
        if let exact = entries(exactly: key) { return exact }
        // A length the data uses is a complete code there (SO ships both 4- and 5-digit codes).
        guard allowCoarser, !keyLengths.contains(key.utf8.count) else { return [] }
        for length in keyLengths where length < key.utf8.count {
            if let coarse = entries(exactly: String(key.prefix(length))) { return coarse }
        }
        return []
    }

    private func entries(exactly key: String) -> [Int32]? {
        scattered[key] ?? spans[key].map { Array($0) }
    }
}

extension CountryIndex {
    /// Accumulates entries line by line while parsing.
    struct Builder {
        let format: PostcodeFormat
        var entries: [Entry] = []
        var spans: [String: Range<Int32>] = [:]
        var scattered: [String: [Int32]] = [:]
        var postcodes = Set<String>()
        var names = NameTable()
        var failed = false

        // The previous line's fields, reused when repeated.
        private var lastStored: [UInt8] = [], lastCanonical = "", lastKey = "", keyStart: Int32 = 0
        private var lastName: [UInt8] = [], lastNameText = "", lastNameID = -1
        private var lastRegion: [UInt8] = [], lastRegionText: String?
        private var nameIDOf: [NameTable.ByteKey: Int] = [:]  // as shipped → folded name id

        init(format: PostcodeFormat, expectedPostcodes: Int) {
            self.format = format
            spans.reserveCapacity(expectedPostcodes)
            postcodes.reserveCapacity(expectedPostcodes)
            entries.reserveCapacity(expectedPostcodes)
        }

        /// Adds one line; false (and `failed`) when it lacks a postcode or a locality.
        mutating func add(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
            guard let tab1 = line.firstIndex(of: 0x09) else { failed = true; return false }
            let rest = line[(tab1 + 1)...]
            let tab2 = rest.firstIndex(of: 0x09) ?? line.endIndex
            let stored = line[..<tab1], name = line[(tab1 + 1)..<tab2]
            let region = tab2 < line.endIndex ? line[(tab2 + 1)...] : line[line.endIndex...]
            guard !stored.isEmpty, !name.isEmpty else { failed = true; return false }
            let index = Int32(entries.count)

            if !stored.elementsEqual(lastStored) {
                flushKey()
                lastStored = Array(stored)
                let text = String(decoding: stored, as: UTF8.self)
                (lastCanonical, lastKey) = format.canonicalAndKey(ofStored: text)
                keyStart = index
                postcodes.insert(lastCanonical)
            }
            if !region.elementsEqual(lastRegion) {
                lastRegion = Array(region)
                let text = String(decoding: region, as: UTF8.self).trimmingCharacters(in: .whitespaces)
                lastRegionText = text.isEmpty ? nil : text
            }
            if !name.elementsEqual(lastName) {
                lastName = Array(name)
                lastNameText = String(decoding: name, as: UTF8.self)
                lastNameID = nameID(of: lastName, text: lastNameText)
            }
            entries.append(Entry(postcode: lastCanonical, locality: Locality(name: lastNameText, region: lastRegionText)))
            names.add(entry: index, to: lastNameID)
            return true
        }

        /// Records the finished run of lines for the previous postcode key.
        mutating func flushKey() {
            let end = Int32(entries.count)
            guard !lastKey.isEmpty, end > keyStart else { return }
            let run = keyStart..<end
            if var list = scattered[lastKey] {
                list.append(contentsOf: run)
                scattered[lastKey] = list
            } else if let earlier = spans.removeValue(forKey: lastKey) {
                if earlier.upperBound == run.lowerBound {
                    spans[lastKey] = earlier.lowerBound..<run.upperBound
                } else {
                    scattered[lastKey] = Array(earlier) + Array(run)
                }
            } else {
                spans[lastKey] = run
            }
        }

        private mutating func nameID(of bytes: [UInt8], text: String) -> Int {
            let key = NameTable.ByteKey(bytes)
            if let id = nameIDOf[key] { return id }
            let id = names.id(of: TextFolding.foldedScalars(text))
            nameIDOf[key] = id
            return id
        }
    }
}
