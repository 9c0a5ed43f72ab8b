import Foundation

/// Prepares the process environment before any Tesseract code runs.
enum Launcher {
    /// Re-executes the program once with `OMP_THREAD_LIMIT=1` unless it is already set.
    ///
    /// libtesseract is linked with OpenMP, whose runtime reads the variable when the library
    /// loads, before `main` runs; setting it later has no effect. Tesseract's own threads then
    /// fight the pipeline's workers and everything runs several times slower, so the variable
    /// must be in the environment the process starts with.
    static func ensureSingleThreadedOpenMP() {
        guard ProcessInfo.processInfo.environment["OMP_THREAD_LIMIT"] == nil else { return }
        setenv("OMP_THREAD_LIMIT", "1", 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        // execv only returns on failure: carry on, slower but correct.
    }
}
