import Foundation
import MailroomStore

/// The interactive review loop, line by line: show a field, read one answer, decide.
///
/// Answers: an empty line accepts the suggestion; `s` skips (the field comes back in a later
/// session); `u` undoes this operator's last decision; `q` quits; `#N` picks choice N; a bare
/// number N picks choice N on letter fields (names, streets, towns, e-mails, text) but is a
/// typed value on digit fields (postcode, phone, card, date, tick); `=TEXT` types TEXT even
/// when it looks like a command; anything else is the corrected value.
public final class ReviewSession {
    public let service: ReviewService
    public let operatorName: String
    let readLine: () -> String?
    let write: (String) -> Void
    let crop: FieldCrop?
    let colours: TerminalImage.Colours
    /// Fields skipped in this session, not shown again until the next one.
    private var skipped = Set<String>()

    /// What happened in a session, for the closing line.
    public struct Tally: Sendable, Equatable {
        public var decided = 0
        public var skipped = 0
        public var undone = 0
        public var remaining = 0
    }

    public init(service: ReviewService, operatorName: String, crop: FieldCrop?, colours: TerminalImage.Colours,
                readLine: @escaping () -> String?, write: @escaping (String) -> Void) {
        self.service = service
        self.operatorName = operatorName
        self.crop = crop
        self.colours = colours
        self.readLine = readLine
        self.write = write
    }

    /// An answer typed at the prompt.
    public enum Answer: Equatable {
        case accept, skip, undo, quit
        case pick(Int)
        case value(String)

        /// Parses one line for a field of `type`.
        public static func parse(_ line: String, fieldType type: String) -> Answer {
            let text = line.trimmingCharacters(in: .whitespaces)
            switch text {
            case "": return .accept
            case "s", "S": return .skip
            case "u", "U": return .undo
            case "q", "Q": return .quit
            default: break
            }
            if text.hasPrefix("="), text.count > 1 { return .value(String(text.dropFirst())) }
            if text.hasPrefix("#"), let number = Int(text.dropFirst()) { return .pick(number) }
            if let number = Int(text), !digitTypes.contains(type) { return .pick(number) }
            return .value(text)
        }

        static let digitTypes: Set<String> = ["postcode", "phone", "card", "date", "tick"]
    }

    /// Runs until the queue is empty, the operator quits, or input ends.
    @discardableResult
    public func run() throws(OperatorError) -> Tally {
        var tally = Tally()
        while let entry = try next() {
            show(entry)
            var answered = false
            while !answered {
                write("> ")
                guard let line = readLine() else {
                    tally.remaining = try remaining()
                    return tally
                }
                do {
                    answered = try handle(Answer.parse(line, fieldType: entry.type), entry: entry, tally: &tally)
                } catch {
                    write("! \(error.message)\n")
                    // Another operator got there first: move on to what the queue holds now.
                    if error.code == .changedMeanwhile { answered = true }
                }
                if case .quit = Answer.parse(line, fieldType: entry.type) {
                    tally.remaining = try remaining()
                    write("Stopped; \(tally.remaining) field(s) left for review. Run 'mailroom review' to resume.\n")
                    return tally
                }
            }
        }
        tally.remaining = try remaining()
        write("Nothing left to review in this session (\(tally.remaining) field(s) still waiting, skipped ones come back next time).\n")
        return tally
    }

    /// Returns true when the loop should move on to the next field.
    private func handle(_ answer: Answer, entry: ReviewEntry, tally: inout Tally) throws(OperatorError) -> Bool {
        let id = entry.documentID, field = entry.field
        switch answer {
        case .quit:
            return true
        case .accept:
            report(try service.accept(documentID: id, field: field, operator: operatorName, shown: entry))
            tally.decided += 1
        case .pick(let number):
            report(try service.pick(documentID: id, field: field, choice: number, operator: operatorName, shown: entry))
            tally.decided += 1
        case .value(let text):
            report(try service.set(documentID: id, field: field, value: text, operator: operatorName, shown: entry))
            tally.decided += 1
        case .skip:
            try service.skip(documentID: id, field: field, operator: operatorName)
            skipped.insert(key(id, field))
            tally.skipped += 1
            write("skipped \(field)\n")
        case .undo:
            for outcome in try service.undo(operator: operatorName) {
                skipped.remove(key(outcome.documentID, outcome.field))
                write("undone: document \(outcome.documentID) \(outcome.field) back to '\(outcome.newValue ?? "")'\n")
                tally.undone += 1
            }
        }
        return true
    }

    private func report(_ outcome: DecisionOutcome) {
        write("\(outcome.action.rawValue): \(outcome.field) = '\(outcome.newValue ?? "")'\n")
        for warning in outcome.warnings { write("warning: \(warning)\n") }
        if outcome.documentVerified { write("document \(outcome.documentID) is verified\n") }
    }

    private func next() throws(OperatorError) -> ReviewEntry? {
        guard let light = try service.queue().first(where: { !skipped.contains(key($0.documentID, $0.field)) }) else {
            return nil
        }
        return try service.entry(documentID: light.documentID, field: light.field)
    }

    private func remaining() throws(OperatorError) -> Int { try service.queue().count }

    private func key(_ id: Int64, _ field: String) -> String { "\(id)/\(field)" }

    /// Prints one field: where it is, why it is doubtful, the choices, and its picture.
    private func show(_ entry: ReviewEntry) {
        var text = "\n── document \(entry.documentID) (\(entry.sha256.prefix(12))) \(entry.path)\n"
        if let source = entry.source { text += "   cut from \(source)\n" }
        text += "   field \(entry.field) [\(entry.type)]"
        if let form = entry.formID { text += " on form \(form)" }
        text += "\n"
        if !entry.reasons.isEmpty { text += "   reason: \(entry.reasons.joined(separator: "; "))\n" }
        text += "   read:   \(entry.raw ?? "")\n"
        text += "   suggestion: \(entry.suggestion ?? "")\n"
        if let earlier = entry.earlierDecision {
            text += "   earlier decision: \(earlier)\(entry.choices.first == earlier ? " (#1)" : "")\n"
        }
        for (index, choice) in entry.choices.enumerated() { text += "   #\(index + 1) \(choice)\n" }
        if !entry.addressCandidates.isEmpty {
            text += "   directory: \(entry.addressCandidates.joined(separator: " | "))\n"
        }
        write(text)
        if let crop, let box = entry.box,
           let raster = crop.raster(path: entry.path, formID: entry.formID, box: box, orientationDegrees: orientation(entry)) {
            write(TerminalImage.render(raster, colours: colours).joined(separator: "\n") + "\n")
        }
        write("Enter accepts · text corrects · #N picks · s skip · u undo · q quit\n")
    }

    private func orientation(_ entry: ReviewEntry) -> Int? {
        (try? service.database.pages(documentID: entry.documentID))?.first?.orientationDegrees
    }
}
