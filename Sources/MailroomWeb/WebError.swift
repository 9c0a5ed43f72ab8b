import MailroomStore

/// An error of the web station, with a message that says what to do.
public struct WebError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable, Equatable {
        /// A bad name, password, role, host or port: the command line exits 2.
        case usage
        /// The database refused: see the message.
        case store
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    /// The command-line exit code: 2 for usage, else the store's hint (3 when it could not run).
    public var exitCode: Int32 {
        switch code {
        case .usage: 2
        case .store: storeHint
        }
    }

    private var storeHint: Int32 = 1

    static func wrap(_ error: StoreError) -> WebError {
        var wrapped = WebError(.store, error.description)
        wrapped.storeHint = error.exitCodeHint
        return wrapped
    }
}

/// Runs a store call, turning its `StoreError` into a ``WebError``.
func storing<T>(_ body: () throws(StoreError) -> T) throws(WebError) -> T {
    do { return try body() } catch { throw WebError.wrap(error) }
}
