import Foundation

/// What the pipeline does when a step fails.
public enum FailurePolicy: Sendable, Hashable, CustomStringConvertible {
    /// Try again up to `attempts` times in all, waiting `backoff` seconds, doubled each time.
    case retry(attempts: Int, backoff: Double)
    /// Carry on and flag the affected fields for review; counted in the summary.
    case skipAndFlag
    /// Store the document in `deferred` state; the next run finishes it.
    case deferred
    /// Set the document aside with the stage and reason, and continue with the next one.
    case quarantine
    /// Stop the run: nothing later can succeed (lock held, disk full).
    case abort

    public var description: String {
        switch self {
        case let .retry(attempts, backoff): "retry \(attempts)x, backoff \(backoff)s"
        case .skipAndFlag: "skip and flag"
        case .deferred: "defer to next run"
        case .quarantine: "quarantine document"
        case .abort: "abort run"
        }
    }
}

/// The steps of the pipeline, each with its declared failure policy.
public enum PipelineStage: String, Sendable, Hashable, Codable, CaseIterable {
    /// Walking the folders; an unreadable folder or file is quarantined by path.
    case discover
    /// Reading the file to hash it.
    case hash
    /// Decoding the image bytes (format sniffing, size limits, truncation).
    case decode
    /// Preprocessing and OCR inside `DocumentReader` (Tesseract failures, timeouts).
    case recognise
    /// Matching a coupon to a form; an unknown form is quarantined.
    case classify
    /// Cross-checking postcodes: missing country data flags the field.
    case validate
    /// Later steps such as routing a letter to a customer case.
    case route
    /// Writing to the database: a busy database is retried.
    case persist

    /// What happens when this stage fails.
    public var policy: FailurePolicy {
        switch self {
        case .discover, .hash, .decode, .recognise, .classify: .quarantine
        case .validate: .skipAndFlag
        case .route: .deferred
        case .persist: .retry(attempts: 6, backoff: 0.25)
        }
    }

    /// Every stage with its policy, for the summary and `--help`.
    public static var policyTable: [String: String] {
        Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0.policy.description) })
    }
}

/// Runs `body` under a retry policy, calling `onRetry` before each new attempt.
func withRetry<T, E: Error>(
    _ policy: FailurePolicy, shouldRetry: (E) -> Bool, onRetry: (E, Int) -> Void = { _, _ in },
    _ body: () throws(E) -> T
) throws(E) -> T {
    guard case let .retry(attempts, backoff) = policy else { return try body() }
    var delay = backoff
    var attempt = 1
    while true {
        do {
            return try body()
        } catch {
            guard attempt < attempts, shouldRetry(error) else { throw error }
            onRetry(error, attempt)
            Thread.sleep(forTimeInterval: delay)
            delay *= 2
            attempt += 1
        }
    }
}
