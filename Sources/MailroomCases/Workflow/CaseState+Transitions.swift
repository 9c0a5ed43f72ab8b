/// The one place that says which state changes and actions are legal.
extension CaseState {
    /// Every legal state change. Anything not listed throws ``CaseError/illegalTransition``.
    public static let allowedTransitions: [CaseState: Set<CaseState>] = [
        .new: [.triaged, .assigned, .closed],
        .triaged: [.assigned, .closed],
        .assigned: [.waitingOnUnit, .answered, .closed],
        // A unit's answer hands the case back to its agent, who must follow up.
        .waitingOnUnit: [.assigned, .answered, .closed],
        // The customer writes again: the agent picks it up again.
        .answered: [.assigned, .waitingOnUnit, .closed],
        .closed: [.reopened, .archived],
        .reopened: [.assigned, .closed],
        .archived: [],
    ]

    /// The states this one may move to, in workflow order.
    public var allowedNextStates: [CaseState] {
        (Self.allowedTransitions[self] ?? []).sorted()
    }

    public func canMove(to next: CaseState) -> Bool {
        Self.allowedTransitions[self]?.contains(next) ?? false
    }
}

extension CaseAction {
    /// The state an action moves a case to from `state`, `state` itself for actions that
    /// change no state (a note, a reassignment, a second reply), or nil when it is illegal there.
    public func target(from state: CaseState) -> CaseState? {
        if state == .archived { return nil }
        switch self {
        case .triage:
            return state == .new ? .triaged : nil
        case .assign:
            switch state {
            case .new, .triaged, .reopened: return .assigned
            // Reassignment keeps the state.
            case .assigned, .waitingOnUnit, .answered: return state
            case .closed, .archived: return nil
            }
        case .note:
            return state
        case .forward:
            return [.assigned, .answered].contains(state) ? .waitingOnUnit : nil
        case .unitAnswered:
            return state == .waitingOnUnit ? .assigned : nil
        case .reply:
            return [.assigned, .waitingOnUnit, .answered].contains(state) ? .answered : nil
        case .close:
            return state.canMove(to: .closed) ? .closed : nil
        case .reopen:
            return state == .closed ? .reopened : nil
        case .archive:
            return state == .closed ? .archived : nil
        case .receive:
            switch state {
            case .answered: return .assigned
            case .closed: return .reopened
            default: return state
            }
        }
    }

    /// The actions legal from `state`, for error messages and the operator's menu.
    public static func legal(from state: CaseState) -> [CaseAction] {
        allCases.filter { $0 != .receive && $0.target(from: state) != nil }
    }
}
