/// Content-Transfer-Encoding decoders: quoted-printable and base64, tolerant of real-world damage.
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
        return table
    }()

    /// Decodes base64, skipping line breaks, whitespace and junk characters.
    static func base64<Bytes: Collection<UInt8>>(_ input: Bytes) -> Base64Result {
        var output: [UInt8] = []
        output.reserveCapacity(input.count * 3 / 4)
        var accumulator: UInt32 = 0
        var count = 0
        var skipped = 0
        var broken = false
        func flushPartial() {
            switch count {
            case 1: broken = true
            case 2: output.append(UInt8(accumulator >> 4 & 0xFF))
            case 3:
                output.append(UInt8(accumulator >> 10 & 0xFF))
                output.append(UInt8(accumulator >> 2 & 0xFF))
            default: break
            }
        }
        for byte in input {
            if byte == UInt8(ascii: "=") {
                // Padding ends a group; data after it is another stream glued on (some encoders pad per line).
                flushPartial()
                accumulator = 0
                count = 0
                continue
            }
            let value = base64Values[Int(byte)]
            if value < 0 {
                if !(byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A) { skipped += 1 }
                continue
            }
            accumulator = accumulator << 6 | UInt32(value)
            count += 1
            if count == 4 {
                output.append(UInt8(accumulator >> 16 & 0xFF))
                output.append(UInt8(accumulator >> 8 & 0xFF))
                output.append(UInt8(accumulator & 0xFF))
                accumulator = 0
                count = 0
            }
        }
        // A partial group without padding means the data was cut off.
        let incomplete = count != 0 || broken
        flushPartial()
        return Base64Result(bytes: output, skipped: skipped, incomplete: incomplete)
    }

    /// Decodes quoted-printable: `=XX` escapes, `=` soft line breaks, trailing whitespace dropped.
    ///
    /// A lone `=` not followed by two hex digits is kept literally, as RFC 2045 advises.
    static func quotedPrintable<Bytes: BidirectionalCollection<UInt8>>(_ input: Bytes) -> [UInt8] where Bytes.Index == Int {
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var lineStart = input.startIndex
        while lineStart < input.endIndex {
            var lineEnd = lineStart
            while lineEnd < input.endIndex && input[lineEnd] != 0x0A { lineEnd += 1 }
            let hasNewline = lineEnd < input.endIndex
            var contentEnd = lineEnd
            if contentEnd > lineStart && input[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            // Transport may add trailing whitespace; RFC 2045 says to drop it.
            while contentEnd > lineStart && (input[contentEnd - 1] == 0x20 || input[contentEnd - 1] == 0x09) { contentEnd -= 1 }
            var soft = false
            var i = lineStart
            while i < contentEnd {
                let byte = input[i]
                if byte == UInt8(ascii: "=") {
                    if i + 1 == contentEnd { soft = true; i += 1; continue }
                    if i + 2 < contentEnd, let high = hexValue(input[i + 1]), let low = hexValue(input[i + 2]) {
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
        return output
    }

    /// Decodes the `Q` encoding of RFC 2047: like quoted-printable, with `_` for a space.
    static func qEncoding<Bytes: Collection<UInt8>>(_ input: Bytes) -> [UInt8] {
        let bytes = Array(input)
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
