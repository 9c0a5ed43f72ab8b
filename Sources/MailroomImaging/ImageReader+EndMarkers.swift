import Foundation

extension ImageReader {
    /// Whether a JPEG reaches its end-of-image marker, found by walking its segments.
    ///
    /// Looking only at the last bytes called whole files truncated: phones and scanners append
    /// data after the end marker (maker trailers, zero padding to a block size), and every
    /// decoder ignores it. The walk skips each segment by its length, so the end marker of a
    /// thumbnail inside the EXIF block does not count, and steps through entropy-coded data,
    /// where a 0xFF byte is always followed by a stuffed zero or a restart marker.
    static func jpegReachesEnd(_ data: Data) -> Bool {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Bool in
            let bytes = raw.bindMemory(to: UInt8.self)
            let count = bytes.count
            guard count >= 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { return false }
            var index = 2
            while index + 1 < count {
                guard bytes[index] == 0xFF else { return false }
                let marker = bytes[index + 1]
                switch marker {
                case 0xD9:
                    return true
                case 0xFF:  // fill byte before a marker
                    index += 1
                    continue
                case 0x01, 0xD0...0xD7:  // markers without a length
                    index += 2
                    continue
                default:
                    break
                }
                guard index + 3 < count else { return false }
                let length = Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
                guard length >= 2 else { return false }
                index += 2 + length
                guard marker == 0xDA else { continue }
                // Entropy-coded data runs to the next marker that is not a stuffed zero or a restart.
                while index + 1 < count {
                    if bytes[index] == 0xFF {
                        let next = bytes[index + 1]
                        if next != 0x00, !(0xD0...0xD7).contains(next), next != 0xFF { break }
                    }
                    index += 1
                }
            }
            return false
        }
    }

    /// Whether a PNG reaches its IEND chunk, found by walking its chunks; bytes after it are
    /// ignored, as every decoder does.
    static func pngReachesEnd(_ data: Data) -> Bool {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Bool in
            let bytes = raw.bindMemory(to: UInt8.self)
            var index = 8
            while index + 8 <= bytes.count {
                let length = (0..<4).reduce(0) { $0 << 8 | Int(bytes[index + $1]) }
                let isEnd = bytes[index + 4] == 0x49 && bytes[index + 5] == 0x45 && bytes[index + 6] == 0x4E
                    && bytes[index + 7] == 0x44
                let next = index + 12 + length
                guard next <= bytes.count else { return false }
                if isEnd { return true }
                index = next
            }
            return false
        }
    }

    /// Whether a GIF reaches its trailer byte, found by walking its blocks; bytes after it are
    /// ignored, as every decoder does.
    static func gifReachesEnd(_ data: Data) -> Bool {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Bool in
            let bytes = raw.bindMemory(to: UInt8.self)
            let count = bytes.count
            func colourTable(_ flags: UInt8) -> Int { flags & 0x80 != 0 ? 3 << (Int(flags & 0x07) + 1) : 0 }
            /// The index after a run of sub-blocks (each a length byte and its data, then a zero).
            func skipSubBlocks(_ start: Int) -> Int? {
                var index = start
                while index < count {
                    let length = Int(bytes[index])
                    index += 1
                    if length == 0 { return index }
                    index += length
                }
                return nil
            }
            guard count >= 13 else { return false }
            var index = 13 + colourTable(bytes[10])
            while index < count {
                switch bytes[index] {
                case 0x3B:
                    return true
                case 0x21:
                    guard let next = skipSubBlocks(index + 2) else { return false }
                    index = next
                case 0x2C:
                    guard index + 10 < count else { return false }
                    let start = index + 10 + colourTable(bytes[index + 9]) + 1  // + LZW minimum code size
                    guard let next = skipSubBlocks(start) else { return false }
                    index = next
                default:
                    return false
                }
            }
            return false
        }
    }
}
