import Crypto
import Foundation

/// Streams a file through SHA-256 in fixed-size chunks, so large files cost no memory.
enum FileHasher {
    /// The lowercase hex SHA-256 of the file at `path` and its size in bytes.
    static func sha256(path: String, chunkSize: Int = 1 << 20) throws(HashError) -> (hex: String, size: Int64) {
        try sha256(paths: [path], chunkSize: chunkSize)
    }

    /// The hash of the files' bytes one after the other: the identity of a letter scanned as
    /// several page images (`X-1.png`, `X-2.png`).
    static func sha256(paths: [String], chunkSize: Int = 1 << 20) throws(HashError) -> (hex: String, size: Int64) {
        var hasher = SHA256()
        var size: Int64 = 0
        for path in paths {
            guard let handle = FileHandle(forReadingAtPath: path) else {
                let prefix = paths.count > 1 ? "\(path) " : ""
                throw HashError(reason: prefix + "cannot be opened for reading (\(String(cString: strerror(errno))))")
            }
            defer { try? handle.close() }
            do {
                while let chunk = try handle.read(upToCount: chunkSize), !chunk.isEmpty {
                    hasher.update(data: chunk)
                    size += Int64(chunk.count)
                }
            } catch {
                throw HashError(reason: "read failed (\((error as NSError).localizedDescription))")
            }
        }
        return (hex(hasher.finalize()), size)
    }

    /// A digest as lowercase hex, the form documents are known by.
    static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }

    /// Why a file could not be hashed.
    struct HashError: Error, Sendable {
        let reason: String
    }
}
