import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One thing found while walking the scan folders.
public enum DiscoveredItem: Sendable, Equatable {
    /// A regular file to hash and read (its content decides whether it is an image).
    case file(path: String, size: Int64)
    /// The page images of one letter, named `X-1.png`, `X-2.png`… (see ``PageGroup``), in page order.
    case pages(paths: [String], size: Int64)
    /// A file left alone on purpose (sidecar, dotfile, the database itself…).
    case ignored(path: String, reason: String)
    /// Something that could not be walked or read; quarantined by path.
    case problem(path: String, reason: String)
}

/// Walks folders depth-first and yields files one by one, without collecting the tree.
///
/// Memory grows with the depth of the tree and the size of one folder listing, not with
/// the number of files. Symbolic links are followed, but a folder already visited
/// (same device and inode) is not entered again, so link loops end.
///
/// File selection: every regular file is a candidate and its bytes decide whether it is a
/// scan; ``ignoreReason(name:mode:)`` lists the sidecars skipped silently.
public final class Discovery: IteratorProtocol, Sequence {
    private struct FileID: Hashable { var device: UInt64; var inode: UInt64 }
    private struct Frame {
        var directory: String
        var names: [String]
        /// Entries whose names are not UTF-8, reported before the others.
        var misspelled: [(shown: String, isFolder: Bool)] = []
        var index = 0
        /// Later pages already handed out with their page 1.
        var taken: Set<String> = []
    }

    private var pendingRoots: [String]
    private var stack: [Frame] = []
    private var visited: Set<FileID> = []
    private let excluded: Set<String>

    private let groupPages: Bool

    /// Walks `roots` in order; paths in `excluding` (the database files, the parts folder) are ignored.
    /// With `groupPages`, `X-1.png`, `X-2.png`… come as one ``DiscoveredItem/pages(paths:size:)``.
    public init(roots: [URL], excluding: [String] = [], groupPages: Bool = true) {
        self.groupPages = groupPages
        self.pendingRoots = roots.map { $0.standardizedFileURL.path }.reversed()
        self.excluded = Set(excluding.map { URL(fileURLWithPath: $0).standardizedFileURL.path })
    }

    /// Why a file is skipped without being read, or nil when it is a candidate scan.
    ///
    /// Skipped: dotfiles, `README*`, `*.json` (truth files and other sidecars), `*.md`,
    /// `*.sqlite*` and `*.lock` (databases), and executables (scripts like `samples/generate`).
    public static func ignoreReason(name: String, mode: mode_t) -> String? {
        let lower = name.lowercased()
        if name.hasPrefix(".") { return "dotfile" }
        if lower.hasPrefix("readme") { return "readme" }
        if lower.hasSuffix(".json") || lower.hasSuffix(".md") { return "sidecar" }
        if lower.contains(".sqlite") || lower.hasSuffix(".lock") { return "database file" }
        if mode & 0o111 != 0 { return "executable" }
        return nil
    }

    public func next() -> DiscoveredItem? {
        while true {
            if var frame = stack.popLast() {
                let directory = frame.directory == "/" ? "" : frame.directory
                if let odd = frame.misspelled.popLast() {
                    stack.append(frame)
                    return .problem(path: directory + "/" + odd.shown, reason: Self.misspelledReason(isFolder: odd.isFolder))
                }
                guard frame.index < frame.names.count else { continue }
                let name = frame.names[frame.index]
                frame.index += 1
                if frame.taken.contains(name) { stack.append(frame); continue }
                let later = groupPages ? PageGroup.laterPages(of: name, among: frame.names) : []
                frame.taken.formUnion(later)
                stack.append(frame)
                let item = visit(directory + "/" + name, name: name)
                if !later.isEmpty, case let .file(path, size)? = item {
                    return pageGroup(first: path, size: size, later: later.map { directory + "/" + $0 })
                }
                if let item { return item }
            } else if let root = pendingRoots.popLast() {
                if let item = visit(root, name: nil) { return item }
            } else {
                return nil
            }
        }
    }

    /// Page 1 with its later pages, each checked like any file; a page that is not a
    /// regular file makes the group a problem, so no letter is read with a page missing.
    private func pageGroup(first: String, size: Int64, later: [String]) -> DiscoveredItem {
        var total = size
        for path in later {
            var info = stat()
            guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
                return .problem(path: first, reason: "page \(path) of this letter cannot be read")
            }
            total += Int64(info.st_size)
        }
        return .pages(paths: [first] + later, size: total)
    }

    /// Handles one path: enters a folder (returning nil) or returns the item for a file.
    private func visit(_ path: String, name: String?) -> DiscoveredItem? {
        if excluded.contains(path) { return .ignored(path: path, reason: "Mailroom's own (database or parts folder)") }
        if let name, name.hasPrefix(".") { return .ignored(path: path, reason: "dotfile") }
        var info = stat()
        guard stat(path, &info) == 0 else {
            // Missing, a folder named on the command line is most often a mistyped or unmounted path.
            let reason = errno != ENOENT ? String(cString: strerror(errno))
                : name == nil ? "no such file or folder; check the path given to the scan" : "dangling symbolic link or vanished file"
            return .problem(path: path, reason: name == nil ? "cannot be scanned: \(reason)" : reason)
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            let id = FileID(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
            guard visited.insert(id).inserted else { return .ignored(path: path, reason: "folder already visited (link loop)") }
            switch Self.listing(of: path) {
            case let .success(listing):
                stack.append(Frame(directory: path, names: listing.names, misspelled: listing.misspelled.reversed()))
                return nil
            case let .failure(failure):
                return .problem(path: path, reason: "folder cannot be listed: \(failure.reason)")
            }
        case S_IFREG:
            if let name, let reason = Self.ignoreReason(name: name, mode: info.st_mode) {
                return .ignored(path: path, reason: reason)
            }
            return .file(path: path, size: Int64(info.st_size))
        default:
            return .ignored(path: path, reason: "not a regular file")
        }
    }
}
