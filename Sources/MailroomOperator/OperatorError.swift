import MailroomStore

/// An error of the operator tools, with a message that says what to do.
public struct OperatorError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable, Equatable {
        /// The document reference matched nothing, or several documents.
        case documentNotFound, ambiguousDocument
        /// The document has no such field, or the field is not waiting for review.
        case fieldNotFound
        /// The value fails the field's checks.
        case invalidValue
        /// Someone else decided the field after it was shown; nothing was written.
        case changedMeanwhile
        /// The alternative number is out of range.
        case noAlternative
        /// The operator has no decision left to undo.
        case nothingToUndo
        /// The export file could not be written.
        case io
        /// A bad argument (date, purpose, format…).
        case usage
        /// The database refused: see ``store``.
        case store
    }

    public let code: Code
    public let message: String
    /// The underlying store error when ``code`` is `.store`.
    public let store: StoreError?

    public init(_ code: Code, _ message: String, store: StoreError? = nil) {
        self.code = code
        self.message = message
        self.store = store
    }

    public var description: String { message }

    /// The command-line exit code: 2 for usage, 3 when the database could not be used, else 1.
    public var exitCode: Int32 {
        switch code {
        case .usage: 2
        case .store: store?.exitCodeHint ?? 1
        default: 1
        }
    }

    static func wrap(_ error: StoreError) -> OperatorError {
        OperatorError(.store, error.description, store: error)
    }
}

/// Runs a store call, turning its `StoreError` into an ``OperatorError``.
func storing<T>(_ body: () throws(StoreError) -> T) throws(OperatorError) -> T {
    do { return try body() } catch { throw OperatorError.wrap(error) }
}
