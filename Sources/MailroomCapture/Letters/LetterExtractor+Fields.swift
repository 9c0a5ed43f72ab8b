import Foundation

extension LetterExtractor {
    /// The details as fields with decisions: what the case desk reads and the operator reviews.
    func fields(_ details: LetterDetails, sender: SenderBlock?, confidence: Double) -> [FieldResult] {
        var fields: [FieldResult] = []
        func add(_ name: LetterField, _ type: FieldType, _ value: String?, read: String? = nil,
                 corrections: [Correction] = [], reasons: [ReviewReason] = [], required: Bool = false) {
            guard value != nil || required else { return }
            var field = FieldResult(name: name.rawValue, type: type, raw: read ?? value ?? "", value: value ?? "",
                                    confidence: value == nil ? 0 : confidence, corrections: corrections)
            if value == nil || value!.isEmpty { field.flag(.empty) }
            reasons.forEach { field.flag($0) }
            if confidence < acceptConfidence { field.flag(.lowConfidence) }
            fields.append(field)
        }
        let check = sender?.check
        let addressReasons = check?.reasons ?? []
        add(.senderName, .name, details.senderName, required: true)
        add(.senderStreet, .street, details.senderStreet, required: true)
        add(.senderPostcode, .postcode, details.senderPostcode, read: check?.read.postcodeAsRead,
            corrections: check?.corrections.filter { $0.to == check?.postcode } ?? [], reasons: addressReasons, required: true)
        add(.senderTown, .town, details.senderTown, read: check?.read.town,
            corrections: check?.corrections.filter { $0.to == check?.town } ?? [], reasons: addressReasons, required: true)
        add(.senderCountry, .text, details.senderCountry, reasons: check?.confirmed == true ? [] : [.unknownPostcode], required: true)
        add(.senderEmail, .email, details.senderEmail)
        add(.senderPhone, .phone, details.senderPhone)
        add(.letterDate, .date, details.date)
        add(.subject, .text, details.subject)
        add(.summary, .text, details.summary)
        for reference in details.references {
            guard let name = LetterField(rawValue: "reference_" + reference.kind) else { continue }
            if !reference.candidates.isEmpty {
                add(name, .text, reference.value, reasons: [.ambiguous])
                fields[fields.count - 1].suggestions = reference.candidates
                continue
            }
            let corrections = reference.read.map { [Correction(from: $0, to: reference.value, reason: "look-alike characters in a reference")] } ?? []
            add(name, .text, reference.value, read: reference.read, corrections: corrections)
        }
        return fields
    }

    /// The text with repaired references and the checked postcode and town put back.
    func corrected(_ text: String, details: LetterDetails, sender: SenderBlock?) -> String {
        var out = text
        for (from, to) in [("\u{2019}", "'"), ("\u{2018}", "'"), ("\u{201C}", "\""), ("\u{201D}", "\"")] {
            out = out.replacingOccurrences(of: from, with: to)
        }
        for reference in details.references where reference.candidates.isEmpty {
            if let read = reference.read { out = out.replacingOccurrences(of: read, with: reference.value) }
        }
        if let check = sender?.check, check.confirmed {
            let read = check.read
            if read.postcodeAsRead != check.postcode, !read.postcodeAsRead.isEmpty {
                out = out.replacingOccurrences(of: read.postcodeAsRead + " ", with: check.postcode + " ")
            }
            if read.town != check.town, !read.town.isEmpty {
                out = out.replacingOccurrences(of: read.town, with: check.town)
            }
        }
        return out
    }
}
