import Foundation
import MailroomStore

/// Why the case desk refused or could not do something; the message says what to do.
public enum CaseError: Error, Sendable, Equatable {
    /// The action is not legal in the case's state; `allowed` lists what is.
    case illegalTransition(reference: String, action: CaseAction, from: CaseState, allowed: [CaseAction])
    /// The case is archived and can no longer change.
    case archived(reference: String)
    /// No case, document or file by that name.
    case notFound(String)
    /// An argument the desk can not use (empty agent, missing reply file…).
    case invalidArgument(String)
    /// The database refused or failed.
    case store(StoreError)
}

extension CaseError: CustomStringConvertible, LocalizedError {
    public var description: String {
        switch self {
        case let .illegalTransition(reference, action, from, allowed):
            let options = allowed.map(\.rawValue).joined(separator: ", ")
            return "case \(reference) is \(from.rawValue): '\(action.rawValue)' is not allowed there; "
                + "allowed now: \(options.isEmpty ? "nothing" : options)"
        case let .archived(reference):
            return "case \(reference) is archived and read-only; open a new case instead"
        case let .notFound(what):
            return "\(what) was not found; check the id or reference (cases list shows them)"
        case let .invalidArgument(message):
            return message
        case let .store(error):
            return error.description
        }
    }

    public var errorDescription: String? { description }
}

/// Runs a store call, wrapping its error as ``CaseError/store(_:)``.
func storing<T>(_ body: () throws(StoreError) -> T) throws(CaseError) -> T {
    do {
        return try body()
    } catch {
        throw .store(error)
    }
}
