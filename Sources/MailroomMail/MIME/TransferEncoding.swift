/// Content-Transfer-Encoding decoders: quoted-printable and base64, tolerant of real-world damage.
///
/// They work on raw buffers rather than generic collections: attachments reach tens of megabytes.
enum TransferEncoding {
    /// The result of decoding base64: bytes, stray characters skipped, and whether the last group was incomplete.
    struct Base64Result {
        var bytes: [UInt8]
        var skipped: Int
        var incomplete: Bool
    }

    private static let base64Values: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (index, char) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(char)] = Int8(index)
        }
        // URL-safe alphabet, seen from some webmail exporters.
        table[Int(UInt8(ascii: "-"))] = 62
        table[Int(UInt8(ascii: "_"))] = 63
        // Whitespace is expected between lines and is not counted as junk.
        for blank in [0x20, 0x09, 0x0D, 0x0A] { table[blank] = -2 }
        return table
    }()

    static func base64(_ input: [UInt8]) -> Base64Result { base64(input[...]) }

    /// Decodes base64, skipping line breaks, whitespace and junk characters.
    static func base64(_ input: ArraySlice<UInt8>) -> Base64Result {
        // Locals only, no closures capturing them: keeps the hot loop free of exclusivity checks.
        base64Values.withUnsafeBufferPointer { table in
            input.withUnsafeBufferPointer { buffer in
                var output = [UInt8](repeating: 0, count: buffer.count / 4 * 3 + 3)
                var written = 0
                var accumulator: UInt32 = 0
                var count = 0
                var skipped = 0
                var broken = false
                var index = 0
                // One pass past the end flushes the last group, as padding would.
                while index <= buffer.count {
                    let byte = index < buffer.count ? buffer[index] : UInt8(ascii: "=")
                    index += 1
                    let value = table[Int(byte)]
                    if value >= 0 {
                        accumulator = accumulator << 6 | UInt32(value)
                        count += 1
                        if count == 4 {
                            output[written] = UInt8(accumulator >> 16 & 0xFF)
                            output[written + 1] = UInt8(accumulator >> 8 & 0xFF)
                            output[written + 2] = UInt8(accumulator & 0xFF)
                            written += 3
                            accumulator = 0
                            count = 0
                        }
                    } else if byte == UInt8(ascii: "=") {
                        // Padding ends a group; data after it is another stream glued on (some encoders pad per line).
                        if index > buffer.count && count != 0 { broken = true } // unpadded at the end: cut off
                        switch count {
                        case 1: broken = true
                        case 2:
                            output[written] = UInt8(accumulator >> 4 & 0xFF)
                            written += 1
                        case 3:
                            output[written] = UInt8(accumulator >> 10 & 0xFF)
                            output[written + 1] = UInt8(accumulator >> 2 & 0xFF)
                            written += 2
                        default: break
                        }
                        accumulator = 0
                        count = 0
                    } else if value == -1 {
                        skipped += 1
                    }
                }
                output.removeLast(output.count - written)
                return Base64Result(bytes: output, skipped: skipped, incomplete: broken)
            }
        }
    }

    static func quotedPrintable(_ input: [UInt8]) -> [UInt8] { quotedPrintable(input[...]) }

    /// Decodes quoted-printable: `=XX` escapes, `=` soft line breaks, trailing whitespace dropped.
    ///
    /// A lone `=` not followed by two hex digits is kept literally, as RFC 2045 advises.
    static func quotedPrintable(_ input: ArraySlice<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        input.withUnsafeBufferPointer { bytes in
            var lineStart = 0
            while lineStart < bytes.count {
                var lineEnd = lineStart
                while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
                let hasNewline = lineEnd < bytes.count
                var contentEnd = lineEnd
                if contentEnd > lineStart && bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
                // Transport may add trailing whitespace; RFC 2045 says to drop it.
                while contentEnd > lineStart && (bytes[contentEnd - 1] == 0x20 || bytes[contentEnd - 1] == 0x09) { contentEnd -= 1 }
                var soft = false
                var i = lineStart
                while i < contentEnd {
                    let byte = bytes[i]
                    if byte == UInt8(ascii: "=") {
                        if i + 1 == contentEnd { soft = true; i += 1; continue }
                        if i + 2 < contentEnd, let high = hexValue(bytes[i + 1]), let low = hexValue(bytes[i + 2]) {
                            output.append(high << 4 | low)
                            i += 3
                            continue
                        }
                    }
                    output.append(byte)
                    i += 1
                }
                if hasNewline && !soft { output.append(0x0A) }
                lineStart = hasNewline ? lineEnd + 1 : lineEnd
            }
        }
        return output
    }

    /// Decodes the `Q` encoding of RFC 2047: like quoted-printable, with `_` for a space.
    static func qEncoding(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "_") {
                output.append(0x20)
            } else if byte == UInt8(ascii: "="), i + 2 < bytes.count, let high = hexValue(bytes[i + 1]), let low = hexValue(bytes[i + 2]) {
                output.append(high << 4 | low)
                i += 3
                continue
            } else {
                output.append(byte)
            }
            i += 1
        }
        return output
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        default: return nil
        }
    }
}
