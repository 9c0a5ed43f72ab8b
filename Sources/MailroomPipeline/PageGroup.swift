import Foundation

/// Letters scanned as one image per page, named `X-1.png`, `X-2.png`, … in one folder.
///
/// Pages are grouped only when page 1 exists and the numbers run on from it without a gap
/// or leading zeros, all with the same extension: `coupon-001.jpg`, `coupon-002.jpg` (zero-
/// padded serial numbers, as scanners write them) stay separate documents, and so does a lone
/// `X-1.png`. `--no-page-groups` turns grouping off for folders whose names mean otherwise.
public enum PageGroup {
    /// The later pages' file names when `name` is page 1 of a group in `names`, else empty.
    public static func laterPages(of name: String, among names: [String]) -> [String] {
        guard let (stem, page, ext) = parse(name), page == 1 else { return [] }
        let present = Set(names)
        var later: [String] = []
        var next = 2
        while present.contains("\(stem)-\(next).\(ext)") {
            later.append("\(stem)-\(next).\(ext)")
            next += 1
        }
        return later
    }

    /// The later pages of a stored page-1 path, found again on disk (for `--reprocess`).
    public static func laterPages(of path: String) -> [String] {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        guard parse(url.lastPathComponent)?.page == 1,
              let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        return laterPages(of: url.lastPathComponent, among: names).map { folder.appendingPathComponent($0).path }
    }

    /// `("X", 2, "png")` for `X-2.png`; nil for names that are not pages.
    static func parse(_ name: String) -> (stem: String, page: Int, ext: String)? {
        guard let match = name.wholeMatch(of: #/(.+)-([1-9][0-9]?)\.([A-Za-z0-9]+)/#) else { return nil }
        return (String(match.1), Int(match.2)!, String(match.3))
    }
}
