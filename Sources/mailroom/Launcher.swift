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

    /// Serves every allocation of 8 MiB or more with its own mapping, returned on free.
    ///
    /// glibc raises its mmap threshold each time a large block is freed, so after the first
    /// pages the 8–35 MB page images came from the worker threads' heaps, where freed space
    /// stays resident: a 240-card scan peaked at 664 MB on 2 jobs. A fixed threshold of 1 MiB
    /// brought that to 549 MB, but every freed buffer of a megabyte or more was then unmapped,
    /// and unmapping in a process whose other worker runs on the other core interrupts that
    /// core too: at 8 MiB a coupon's grey copies (4.3 MB at 300 dpi) are reused from the heap,
    /// 2-job system time fell from about 3.6 s to 1.1 s a 60-card scan, 200 coupons read 15%
    /// faster and peaked at 442 MB instead of 415 MB; full colour and A4 pages are still
    /// mapped and returned (see the README's throughput section).
    static func returnLargeBuffersToTheSystem() {
        #if canImport(CMalloc)
        _ = mallopt(M_MMAP_THRESHOLD, 8 << 20)
        #endif
    }
}
