import CZlib
import Foundation

/// Decompresses gzip (or zlib) data in memory with the system zlib.
///
/// The data files are small (at most ~1 MB compressed), so inflating the whole file into one
/// buffer is simpler and faster than streaming. Concatenated gzip members are accepted.
public enum Gunzip {
    /// Why inflating failed, in words fit for `PostcodeError.corruptDataFile`.
    public struct Failure: Error {
        public let detail: String
    }

    public static func decompress(_ input: [UInt8]) throws(Failure) -> [UInt8] {
        guard !input.isEmpty else { throw Failure(detail: "empty file") }
        var stream = z_stream()
        // 15 + 32: maximum window, automatic gzip/zlib header detection.
        let initStatus = inflateInit2_(&stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard initStatus == Z_OK else { throw Failure(detail: "zlib could not start (status \(initStatus))") }
        defer { inflateEnd(&stream) }

        var output = [UInt8]()
        output.reserveCapacity(input.count * 6)
        var chunk = [UInt8](repeating: 0, count: 1 << 18)
        var consumed = 0

        while true {
            let remaining = input.count - consumed
            let status: Int32 = input.withUnsafeBufferPointer { source in
                chunk.withUnsafeMutableBufferPointer { target in
                    stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress! + consumed)
                    stream.avail_in = uInt(remaining)
                    stream.next_out = target.baseAddress!
                    stream.avail_out = uInt(target.count)
                    let status = inflate(&stream, Z_NO_FLUSH)
                    consumed = input.count - Int(stream.avail_in)
                    return status
                }
            }
            let produced = chunk.count - Int(stream.avail_out)
            output.append(contentsOf: chunk[0..<produced])

            switch status {
            case Z_STREAM_END:
                // Another gzip member may follow; anything else after the end is ignored.
                if consumed < input.count, input[consumed] == 0x1f {
                    guard inflateReset(&stream) == Z_OK else { throw Failure(detail: "zlib could not restart") }
                    continue
                }
                return output
            case Z_OK:
                if consumed == input.count, produced == 0 {
                    throw Failure(detail: "truncated gzip stream")
                }
            case Z_BUF_ERROR:
                if consumed == input.count { throw Failure(detail: "truncated gzip stream") }
            case Z_DATA_ERROR:
                let message = stream.msg.map { String(cString: $0) } ?? "invalid data"
                throw Failure(detail: "not valid gzip data: \(message)")
            case Z_MEM_ERROR:
                throw Failure(detail: "out of memory while inflating")
            default:
                throw Failure(detail: "zlib error \(status)")
            }
        }
    }
}
