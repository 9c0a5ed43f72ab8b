import Foundation
import MailroomStore

/// Why a scan did not run or stopped early; each case maps to an exit code.
public struct ScanError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure, which decides the exit code.
    public enum Code: String, Sendable, Hashable, Codable {
        /// Bad arguments or configuration (exit 2).
        case configuration
        /// The environment prevented the run (exit 3).
        case couldNotRun
        /// The store refused data for a reason that is not the environment's fault (exit 3).
        case storeFailed
    }

    public let code: Code
    public let reason: String

    public init(code: Code, reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { reason }

    /// The exit code for this failure.
    public var exitCode: ScanExitCode {
        switch code {
        case .configuration: .usage
        case .couldNotRun, .storeFailed: .couldNotRun
        }
    }

    /// A configuration problem the operator must fix before running again.
    public static func configuration(_ reason: String) -> ScanError {
        ScanError(code: .configuration, reason: reason)
    }

    /// A store failure: all of them stop the run with exit 3 (nothing half-written).
    public static func store(_ error: StoreError) -> ScanError {
        ScanError(code: error.isCouldNotRun ? .couldNotRun : .storeFailed, reason: error.description)
    }
}
