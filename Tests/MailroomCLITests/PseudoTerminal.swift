import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a process on a real pseudo-terminal, so `isatty(0)` is true in it, and lets a test
/// type lines and read what the process printed (with the terminal's echo).
final class PseudoTerminal: @unchecked Sendable {
    let process = Process()
    private let master: Int32
    private let lock = NSLock()
    private var output = Data()
    private var reader: Thread?

    init(_ executable: URL, arguments: [String], directory: URL, environment: [String: String]) throws {
        master = Self.openpt(O_RDWR | O_NOCTTY)
        var name = [CChar](repeating: 0, count: 128)
        guard master >= 0, Self.grantpt(master) == 0, Self.unlockpt(master) == 0,
              Self.ptsname(master, &name, name.count) == 0 else {
            throw CocoaError(.fileReadUnknown)
        }
        let slave = open(String(cString: name), O_RDWR | O_NOCTTY)
        guard slave >= 0 else { throw CocoaError(.fileReadUnknown) }
        let handle = FileHandle(fileDescriptor: slave, closeOnDealloc: true)
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = environment
        process.standardInput = handle
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        try handle.close()
        let master = self.master
        let thread = Thread { [weak self] in
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = read(master, &buffer, buffer.count)
                if count <= 0 { break }
                guard let self else { break }
                self.lock.withLock { self.output.append(contentsOf: buffer[0..<count]) }
            }
        }
        thread.start()
        reader = thread
    }

    deinit { close(master) }

    // Glibc declares these only under _XOPEN_SOURCE, which Swift's module map leaves out.
    private static func symbol<T>(_ name: String, as type: T.Type) -> T {
        guard let pointer = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { fatalError("no \(name) in libc") }
        return unsafeBitCast(pointer, to: type)
    }
    private static let openpt = symbol("posix_openpt", as: (@convention(c) (Int32) -> Int32).self)
    private static let grantpt = symbol("grantpt", as: (@convention(c) (Int32) -> Int32).self)
    private static let unlockpt = symbol("unlockpt", as: (@convention(c) (Int32) -> Int32).self)
    private static let ptsname = symbol("ptsname_r", as: (@convention(c) (Int32, UnsafeMutablePointer<CChar>, Int) -> Int32).self)

    var text: String { lock.withLock { String(decoding: output, as: UTF8.self) } }

    /// Waits until `needle` has appeared `count` times in the output.
    ///
    /// Counted on bytes: the terminal turns "\n" into "\r\n", which Swift strings treat as one
    /// character, so a string search for "\n> " would never match.
    @discardableResult
    func wait(for needle: String, count: Int = 1, timeout: TimeInterval = 30) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        let bytes = Data(needle.utf8)
        while Date() < deadline {
            let data = lock.withLock { output }
            var found = 0
            var start = data.startIndex
            while let range = data.range(of: bytes, in: start..<data.endIndex) {
                found += 1
                start = range.upperBound
            }
            if found >= count { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return false
    }

    func type(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Waits for the process to end and returns its status.
    func finish(timeout: TimeInterval = 30) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            process.terminate()
            return nil
        }
        return process.terminationStatus
    }
}
