import Foundation
#if canImport(CMalloc)
import CMalloc
#endif

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

    /// Serves every allocation of 1 MiB or more with its own mapping, returned on free.
    ///
    /// glibc raises its mmap threshold each time a large block is freed, so after the first
    /// pages the 8–35 MB page images come from the worker threads' heaps, where freed space
    /// stays resident. With a fixed threshold a 240-card scan peaked at 549 MB instead of
    /// 664 MB on 2 jobs (see the README's throughput section).
    static func returnLargeBuffersToTheSystem() {
        #if canImport(CMalloc)
        _ = mallopt(M_MMAP_THRESHOLD, 1 << 20)
        #endif
    }
}
