import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Folder listings by the names' own bytes.
///
/// A name that is not UTF-8 (a Latin-1 `Müller.jpg` copied from an old file server) cannot
/// be spelled as a Swift path: Foundation's listing hands it over with a replacement
/// character, and the file then "vanishes" between listing and reading. Such names are kept
/// apart, shown with their odd bytes escaped, so the run can name the file and say what to do.
extension Discovery {
    /// One folder's entries.
    struct Listing {
        /// Names spelled in UTF-8, sorted.
        var names: [String]
        /// Names that are not UTF-8, with every byte above 0x7F written `\xHH`, and whether each is a folder.
        var misspelled: [(shown: String, isFolder: Bool)]
    }

    /// The entries of the folder at `path` (without `.` and `..`), or the system's reason it cannot be listed.
    static func listing(of path: String) -> Result<Listing, ListingFailure> {
        guard let directory = opendir(path) else { return .failure(ListingFailure(reason: String(cString: strerror(errno)))) }
        defer { closedir(directory) }
        var listing = Listing(names: [], misspelled: [])
        while true {
            errno = 0
            guard let entry = readdir(directory) else {
                if errno != 0 { return .failure(ListingFailure(reason: String(cString: strerror(errno)))) }
                break
            }
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if bytes == Array(".".utf8) || bytes == Array("..".utf8) { continue }
            if let name = String(validating: bytes, as: UTF8.self) {
                listing.names.append(name)
            } else {
                listing.misspelled.append((escaped(bytes), Int32(entry.pointee.d_type) == Int32(DT_DIR)))
            }
        }
        listing.names.sort()
        listing.misspelled.sort { $0.shown < $1.shown }
        return .success(listing)
    }

    /// Why a folder could not be listed, in the system's words.
    struct ListingFailure: Error {
        var reason: String
    }

    /// `bytes` as text, each byte above 0x7F written `\xHH` (`M\xFCller.jpg`).
    static func escaped(_ bytes: [UInt8]) -> String {
        bytes.map { $0 < 0x80 ? String(UnicodeScalar($0)) : "\\x" + String($0, radix: 16, uppercase: true) }.joined()
    }

    /// Why a file or folder whose name is not UTF-8 is not read.
    static func misspelledReason(isFolder: Bool) -> String {
        "its name is not UTF-8 (the bytes shown as \\xHH)\(isFolder ? ", so nothing in this folder was scanned" : ""): "
            + "rename it in UTF-8 (for example `convmv -f latin1 -t utf-8 --notest NAME`) and scan again"
    }
}
