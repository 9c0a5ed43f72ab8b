import Foundation
import MailroomCapture

/// Human-readable rendering of an evaluation.
enum EvalText {
    static func percent(_ value: Double) -> String { String(format: "%5.1f%%", value * 100) }

    static func render(_ report: EvaluationReport) -> String {
        var lines = [String(format: "%d documents in %.1f s (%.2f documents/s), %d coupons misclassified",
                            report.documents, report.seconds, report.documentsPerSecond, report.documentsMisclassified)]
        let stock = report.total.wrongRawStock != nil
        let header = "field        type      fields " + (stock ? "raw stock " : "") + " raw err  error  auto-acc  acc-err  review"
        lines.append(header)
        func row(_ name: String, _ s: EvaluationReport.FieldStats) -> String {
            name.padding(toLength: 12, withPad: " ", startingAt: 0) + " " + s.type.padding(toLength: 8, withPad: " ", startingAt: 0)
                + String(format: " %7d", s.total) + "  " + (stock ? percent(s.errorRateRawStock ?? 0) + "    " : "")
                + percent(s.errorRateRaw) + " " + percent(s.errorRate) + "   "
                + percent(s.autoAcceptRate) + "  " + percent(s.autoAcceptedErrorRate) + " " + percent(s.reviewRate)
        }
        for (name, stats) in report.perField.sorted(by: { $0.key < $1.key }) { lines.append(row(name, stats)) }
        lines.append(row("ALL", report.total))
        if report.combCharacters > 0 {
            lines.append("comb boxes as read: \(percent(report.combCharacterErrorRate).trimmingCharacters(in: .whitespaces)) character error "
                + "(\(report.combCharacterErrors) of \(report.combCharacters) characters wrong, missed or extra)")
        }
        if report.letters.letters > 0 {
            let l = report.letters
            lines.append("letters: \(l.letters); sender postcode \(percent(l.senderPostcodeAccuracy)), town \(percent(l.senderTownAccuracy)), "
                + "references \(percent(l.referenceAccuracy)); character error \(percent(l.characterErrorRate)) "
                + "(raw OCR \(percent(l.characterErrorRateRaw)))"
                + (l.pagesTurned > 0 ? "; pages turned upright \(percent(l.orientationAccuracy)) of \(l.pagesTurned)" : ""))
        }
        return lines.joined(separator: "\n")
    }

    static func details(_ items: [Evaluator.Item], everyField: Bool = false) -> String {
        var lines: [String] = []
        for item in items {
            let name = (item.path as NSString).lastPathComponent
            if let error = item.error { lines.append("\(name): ERROR \(error)"); continue }
            if case .letter(let letter)? = item.reading {
                lines += letterDetails(name, letter.details, truth: item.truth)
                continue
            }
            guard case .coupon(let coupon, _)? = item.reading else {
                if item.truth.kind == "coupon" { lines.append("\(name): not recognised as a coupon") }
                continue
            }
            for field in coupon.fields {
                guard let truth = item.truth.fields?[field.name] else { continue }
                let ok = truth.matches(field.value)
                if ok && field.decision == .accepted && !everyField { continue }
                // The least sure position: the best alternative's confidence where it is lowest.
                let least = field.alternatives.map { $0.map(\.confidence).max() ?? 0 }.min() ?? 0
                lines.append("\(name) \(field.name): \(ok ? "ok " : "BAD") \(field.decision.rawValue) raw=\"\(field.raw)\" "
                             + "value=\"\(field.value)\" truth=\(truth) conf=\(Int(field.confidence)) min=\(Int(least)) "
                             + field.reasons.map(\.rawValue).joined(separator: ",")
                             + (field.suggestions.isEmpty ? "" : " suggested=\"" + field.suggestions.joined(separator: "|") + "\""))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The letter items that differ from the truth: sender postcode, town and reference.
    static func letterDetails(_ name: String, _ details: LetterDetails, truth: Truth) -> [String] {
        var lines: [String] = []
        let checks: [(String, String?, String?)] = [
            ("sender_postcode", details.senderPostcode, truth.sender?.postcode),
            ("sender_town", details.senderTown, truth.sender?.town),
            ("reference", details.references.map(\.value).joined(separator: ","), truth.reference),
            ("letter_date", details.date, truth.date),
        ]
        for (field, value, expected) in checks where expected != nil && !EvaluationReport.sameText(value ?? "", expected!) {
            lines.append("\(name) \(field): BAD value=\"\(value ?? "")\" truth=\"\(expected!)\"")
        }
        return lines
    }
}
