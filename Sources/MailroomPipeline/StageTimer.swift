import Foundation

/// Milliseconds per pipeline stage of one document, each stage timed from the end of the one
/// before, with the reader's own steps beside them (`document.timings`, `bench/timings`).
final class StageTimer {
    private(set) var timings: [String: Double] = [:]
    private var clock = Date()

    /// Ends the stage `name`.
    func lap(_ name: String) {
        let now = Date()
        timings[name] = (now.timeIntervalSince(clock) * 1000).rounded()
        clock = now
    }

    /// Adds the reader's steps, rounded, as `read: <step>`.
    func addReaderSteps(_ steps: [String: Double]) {
        for (step, milliseconds) in steps { timings["read: " + step] = milliseconds.rounded() }
    }
}
