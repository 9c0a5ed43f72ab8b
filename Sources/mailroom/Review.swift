import ArgumentParser
import Foundation
import MailroomOperator

/// `mailroom review`: the operator's review of doubtful fields.
struct Review: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Review doubtful fields: interactively on a terminal, or with list/show/set/accept.",
        discussion: """
            Interactive keys (one answer per line): Enter accepts the suggestion; typing a value \
            then Enter corrects it; #N picks choice N (a bare N also picks on letter fields; on \
            digit fields it is a value); =TEXT types TEXT literally; s skips; u undoes your last \
            decision; q quits. Run it again to resume; skipped fields come back then.
            """,
        subcommands: [List.self, Show.self, SetValue.self, Accept.self]
    )

    @OptionGroup var options: OperatorOptions

    @Option(help: "Terminal colours for the field picture: 24bit or 256 (default: from COLORTERM).")
    var colours: String?

    @Flag(help: "Do not draw the field pictures.")
    var noPictures = false

    func run() throws {
        guard isatty(0) == 1 else {
            throw ValidationError("interactive review needs a terminal on stdin; use 'mailroom review list|show|set|accept'")
        }
        let service = try options.reviewService()
        let palette: TerminalImage.Colours
        if let colours {
            guard let chosen = TerminalImage.Colours(rawValue: colours) else { throw ValidationError("--colours is 24bit or 256") }
            palette = chosen
        } else {
            palette = .detect(environment: ProcessInfo.processInfo.environment)
        }
        let session = ReviewSession(
            service: service, operatorName: options.who, crop: noPictures ? nil : FieldCrop(forms: service.forms),
            colours: palette, readLine: { Swift.readLine(strippingNewline: true) },
            write: { text in FileHandle.standardOutput.write(Data(text.utf8)) })
        _ = try operatorAction("review") { try session.run() }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List coupons with their review state, and letters and e-mails with fields waiting.")
        @OptionGroup var options: OperatorOptions
        @Flag(help: "Print JSON.") var json = false
        @Flag(help: "Only documents with fields waiting.") var pending = false

        func run() throws {
            let service = try options.reviewService()
            var documents = try operatorAction("review list") { try service.documents() }
            if pending { documents = documents.filter { $0.pending > 0 } }
            if json { return printJSON(documents) }
            print("document  pending/fields  verified  form        path")
            for doc in documents {
                print("\(String(doc.documentID).padding(toLength: 9, withPad: " ", startingAt: 0)) "
                    + "\("\(doc.pending)/\(doc.fields)".padding(toLength: 15, withPad: " ", startingAt: 0)) "
                    + "\((doc.verified ? "yes" : "no").padding(toLength: 9, withPad: " ", startingAt: 0)) "
                    + "\((doc.formID ?? doc.kind).padding(toLength: 11, withPad: " ", startingAt: 0)) \(doc.path)")
            }
            let waiting = documents.reduce(0) { $0 + $1.pending }
            let coupons = documents.filter { $0.kind == "coupon" }
            print("\(coupons.count) coupon(s), \(coupons.filter(\.verified).count) verified, "
                + "\(documents.count - coupons.count) letter(s) and e-mail(s) to check, \(waiting) field(s) waiting")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a document's doubtful fields, or one field.")
        @OptionGroup var options: OperatorOptions
        @Argument(help: "Document id or sha256 prefix.") var document: String
        @Argument(help: "A field name (default: every field waiting for review).") var field: String?
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let service = try options.reviewService()
            let entries = try operatorAction("review show") { () throws -> [ReviewEntry] in
                let doc = try service.resolve(document)
                if let field { return [try service.entry(documentID: doc.id ?? 0, field: field)] }
                return try service.entries(documentID: doc.id ?? 0)
            }
            if json { return printJSON(field == nil ? AnyEncodable(entries) : AnyEncodable(entries[0])) }
            if entries.isEmpty { print("nothing waiting for review on document \(document)") }
            for entry in entries {
                print("document \(entry.documentID) \(entry.path)\n  field \(entry.field) [\(entry.type)] \(entry.decision)")
                if !entry.reasons.isEmpty { print("  reason: \(entry.reasons.joined(separator: "; "))") }
                print("  read: \(entry.raw ?? "")\n  suggestion: \(entry.suggestion ?? "")")
                for (index, choice) in entry.choices.enumerated() { print("  #\(index + 1) \(choice)") }
                if !entry.addressCandidates.isEmpty { print("  directory: \(entry.addressCandidates.joined(separator: " | "))") }
            }
        }
    }

    struct SetValue: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: "Correct a field, checked like a scanned value.")
        @OptionGroup var options: OperatorOptions
        @Argument(help: "Document id or sha256 prefix.") var document: String
        @Argument(help: "The field name.") var field: String
        @Argument(help: "The value.") var value: String

        func run() throws {
            let service = try options.reviewService()
            let outcome = try operatorAction("review set") { () throws -> DecisionOutcome in
                let doc = try service.resolve(document)
                return try service.set(documentID: doc.id ?? 0, field: field, value: value, operator: options.who)
            }
            print("set \(outcome.field) = '\(outcome.newValue ?? "")' on document \(outcome.documentID)"
                + (outcome.documentVerified ? "; document verified" : ""))
            for warning in outcome.warnings { print("warning: \(warning)") }
        }
    }

    struct Accept: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Accept one field, or every doubtful field of a document.")
        @OptionGroup var options: OperatorOptions
        @Argument(help: "Document id or sha256 prefix.") var document: String
        @Argument(help: "A field name (default: every field waiting for review).") var field: String?

        func run() throws {
            let service = try options.reviewService()
            let outcomes = try operatorAction("review accept") { () throws -> [DecisionOutcome] in
                let doc = try service.resolve(document)
                if let field { return [try service.accept(documentID: doc.id ?? 0, field: field, operator: options.who)] }
                return try service.acceptAll(documentID: doc.id ?? 0, operator: options.who)
            }
            for outcome in outcomes {
                print("accepted \(outcome.field) = '\(outcome.newValue ?? "")' on document \(outcome.documentID)")
                for warning in outcome.warnings { print("warning: \(warning)") }
            }
            if outcomes.isEmpty { print("nothing waiting for review on document \(document)") }
            if let last = outcomes.last, last.documentVerified { print("document \(last.documentID) verified") }
        }
    }
}

/// Type-erases an encodable for ``printJSON(_:)``.
struct AnyEncodable: Encodable {
    let encode: (Encoder) throws -> Void
    init<T: Encodable>(_ value: T) { encode = value.encode }
    func encode(to encoder: Encoder) throws { try encode(encoder) }
}
