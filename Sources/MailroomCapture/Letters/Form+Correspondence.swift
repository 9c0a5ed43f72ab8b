extension Form {
    /// The fields letters and e-mails carry, as a form, so an operator's correction of a
    /// sender's postcode or town is checked, and offered directory candidates, in the sender's
    /// country just as a coupon's are.
    public static func correspondence(country: String) -> Form {
        let zone = Zone(x: 0, y: 0, w: 1, h: 1)
        let types: [(LetterField, FieldType)] = [
            (.senderName, .name), (.senderStreet, .street), (.senderPostcode, .postcode), (.senderTown, .town),
            (.senderEmail, .email), (.letterDate, .date),
        ]
        return Form(id: "correspondence", name: "Letter or e-mail", languages: [], country: country.uppercased(),
                    sizeMM: Size(width: 210, height: 297), anchors: Anchors(size: 0, points: []),
                    title: Title(text: "", zone: zone),
                    fields: types.map { Field(name: $0.0.rawValue, type: $0.1, zone: zone) })
    }
}
