/// An image file format, recognised from the file's first bytes rather than its name.
public enum ImageFormat: String, Sendable, Hashable, Codable, CaseIterable {
    case png, jpeg, tiff, bmp, webp, gif
    /// Netpbm (PBM, PGM, PPM): what SANE's `scanimage` writes by default.
    case pnm

    public var name: String {
        switch self {
        case .png: "PNG"
        case .jpeg: "JPEG"
        case .tiff: "TIFF"
        case .bmp: "BMP"
        case .webp: "WebP"
        case .gif: "GIF"
        case .pnm: "PNM"
        }
    }

    /// The result of looking at a file's first bytes.
    public enum Sniffed: Sendable, Equatable {
        case image(ImageFormat)
        /// A known non-image or unsupported kind, named for the error message.
        case other(String)
    }

    /// Recognises the format from magic numbers.
    public static func sniff<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Sniffed {
        let head = Array(bytes.prefix(16))
        func starts(_ magic: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + magic.count && Array(head[offset..<offset + magic.count]) == magic
        }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .image(.png) }
        if starts([0xFF, 0xD8, 0xFF]) { return .image(.jpeg) }
        if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) { return .image(.tiff) }
        if starts([0x42, 0x4D]) && head.count >= 14 { return .image(.bmp) }
        if starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) { return .image(.webp) }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return .image(.gif) }
        if starts(Array("%PDF".utf8)) { return .other("a PDF document") }
        if starts([0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50]) || starts([0xFF, 0x4F, 0xFF, 0x51]) { return .other("a JPEG 2000 image") }
        if starts([0x50, 0x4B, 0x03, 0x04]) { return .other("a ZIP archive") }
        // ISO media files name their kind after `ftyp`: a phone photographs a letter as HEIC.
        if starts(Array("ftyp".utf8), at: 4), head.count >= 12 {
            let brand = String(decoding: head[8..<12], as: UTF8.self)
            if ["heic", "heix", "hevc", "heim", "heis", "mif1", "msf1"].contains(brand) {
                return .other("a HEIC/HEIF photo (a phone's default format; export it as JPEG)")
            }
            if ["avif", "avis"].contains(brand) { return .other("an AVIF image") }
        }
        if starts([0xFF, 0x0A]) || starts([0x00, 0x00, 0x00, 0x0C, 0x4A, 0x58, 0x4C, 0x20]) { return .other("a JPEG XL image") }
        if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return .other("an Outlook .msg or other Office compound file (save e-mails as .eml)")
        }
        if head.count >= 3, head[0] == 0x50, (0x31...0x36).contains(head[1]), [0x09, 0x0A, 0x0D, 0x20].contains(head[2]) {
            return .image(.pnm)
        }
        if head.count >= 2, head[0] == 0x50, head[1] == 0x37 { return .other("a PAM image") }
        if !head.isEmpty, head.allSatisfy({ $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || (0x20..<0x7F).contains($0) }) {
            return .other("a text file")
        }
        return .other("an unrecognised file")
    }
}
