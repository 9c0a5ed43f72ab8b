/// Where a case stands in its workflow.
///
/// ```
/// new → triaged → assigned → waiting_on_unit → assigned (unit answered, follow up)
///                    ↓                ↓
///                 answered ← ← ← ← ← ┘ (reply)
///                    ↓
///                 closed → archived (read-only)
///                    ↓
///                 reopened → assigned …
/// ```
/// The legal moves are listed once, in ``CaseState/allowedTransitions``.
public enum CaseState: String, Codable, Sendable, CaseIterable, Comparable {
    case new
    case triaged
    case assigned
    case waitingOnUnit = "waiting_on_unit"
    case answered
    case closed
    case reopened
    case archived

    /// Open cases are the ones a new letter from the same customer on the same topic joins.
    public var isOpen: Bool { self != .closed && self != .archived }

    public static func < (lhs: CaseState, rhs: CaseState) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// Parses a state as typed by a person ("waiting-on-unit", "WAITING_ON_UNIT").
    public init?(text: String) {
        self.init(rawValue: text.lowercased().replacingOccurrences(of: "-", with: "_"))
    }
}

/// What a person or the desk does to a case; each action is legal only from some states.
public enum CaseAction: String, Codable, Sendable, CaseIterable {
    case triage
    case assign
    case note
    case forward
    case unitAnswered = "unit-answered"
    case reply
    case close
    case reopen
    case archive
    /// A new letter or e-mail joins the case.
    case receive
}
