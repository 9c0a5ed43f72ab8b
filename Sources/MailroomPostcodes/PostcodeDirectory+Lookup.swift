/// Postcode → localities, and postcode membership for candidate generation.
extension PostcodeDirectory {
    /// Whether `postcode` is shipped for `country` (any spelling `normalise` accepts).
    ///
    /// Where the data is coarser than a full postcode, a code inside a shipped district
    /// counts: GB "SW1A 1AA" is in area "SW", CA "K1A 0B1" in FSA "K1A", US "20121-1234" in ZIP
    /// "20121". Throws `.unknownCountry` or `.noLocalityData` (skip and flag) and, if the
    /// installation is damaged, `.corruptDataFile`.
    public func contains(postcode: String, country: String) throws(PostcodeError) -> Bool {
        !(try entryIndices(postcode: postcode, country: country).isEmpty)
    }

    /// The localities `postcode` serves in `country`, in data order; empty when unknown.
    public func localities(of postcode: String, country: String) throws(PostcodeError) -> [Locality] {
        let index = try index(for: country)
        var seen = Set<Locality>()
        return try entryIndices(postcode: postcode, country: country).compactMap { i in
            let locality = index.entries[Int(i)].locality
            return seen.insert(locality).inserted ? locality : nil
        }
    }

    /// Every shipped postcode of `country` in canonical spelling (the same spelling `normalise`
    /// returns), for checking many OCR candidates at once. Built at load; cheap to call.
    public func allPostcodes(country: String) throws(PostcodeError) -> Set<String> {
        try index(for: country).postcodes
    }

    /// The canonical postcode(s) the lookup of `postcode` lands on: itself, or the shipped
    /// district that contains it. Empty when it is not shipped.
    public func resolvedPostcodes(of postcode: String, country: String) throws(PostcodeError) -> [String] {
        let index = try index(for: country)
        var seen = Set<String>()
        return try entryIndices(postcode: postcode, country: country).compactMap { i in
            let code = index.entries[Int(i)].postcode
            return seen.insert(code).inserted ? code : nil
        }
    }

    private func entryIndices(postcode: String, country: String) throws(PostcodeError) -> [Int32] {
        let index = try index(for: country)
        let (_, format) = try resolve(country)
        // Only a well-formed code may be matched to a coarser district ("2012112" is no US ZIP+4).
        let normalised = format.normalise(postcode)
        let key = format.key(normalised ?? postcode)
        guard !key.isEmpty else { return [] }
        return index.entries(forKey: key, allowCoarser: normalised != nil)
    }
}
