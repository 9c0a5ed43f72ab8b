import Foundation

/// The fields of any case action form; each action reads the ones it needs.
struct CaseActionForm: Decodable, CSRFCarrying {
    var csrf: String?
    /// Assign: who gets the case.
    var agent: String?
    /// Note, reply, unit answer, close and reopen reasons.
    var text: String?
    /// Forward: the line unit and the day its answer is due (`YYYY-MM-DD`).
    var unit: String?
    var due: String?
}

/// The actions the case page offers, in the order it shows them.
enum WebCaseAction: String, CaseIterable {
    case take, assign, triage, note, forward
    case unitAnswered = "unit-answered"
    case reply, close, reopen

    /// The desk's action this web action performs (taking a case is assigning it to oneself).
    var deskAction: String { self == .take ? "assign" : rawValue }

    var label: String {
        switch self {
        case .take: "Take it"
        case .assign: "Assign"
        case .triage: "Triage"
        case .note: "Add note"
        case .forward: "Forward to unit"
        case .unitAnswered: "Unit answered"
        case .reply: "Reply to customer"
        case .close: "Close"
        case .reopen: "Reopen"
        }
    }

    /// Whether the action needs a supervisor (giving a case to someone else, reopening).
    var needsManager: Bool { self == .assign || self == .reopen }
}
