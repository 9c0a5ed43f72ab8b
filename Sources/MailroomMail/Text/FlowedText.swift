/// RFC 3676 `format=flowed` text: soft line breaks marked by a trailing space.
enum FlowedText {
    /// Joins flowed lines into paragraphs. Quote depth (`>` count) must match to join; space-stuffing
    /// is removed; the signature separator `-- ` is never joined; `delsp=yes` drops the marker space.
    static func unflow(_ text: String, deleteSpace: Bool) -> String {
        var output: [String] = []
        var current: (depth: Int, text: String, open: Bool)?
        for rawLine in text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false) {
            var line = Substring(rawLine)
            let depth = line.prefix(while: { $0 == ">" }).count
            line = line.dropFirst(depth)
            if line.first == " " { line = line.dropFirst() }
            let isSignature = line == "-- "
            let flowed = line.hasSuffix(" ") && !isSignature
            var content = String(line)
            if flowed && deleteSpace { content.removeLast() }
            if let open = current, open.open, open.depth == depth, !isSignature {
                current = (depth, open.text + content, flowed)
            } else {
                if let done = current { output.append(prefix(done.depth) + done.text) }
                current = (depth, content, flowed)
            }
        }
        if let done = current { output.append(prefix(done.depth) + done.text) }
        return output.joined(separator: "\n")
    }

    private static func prefix(_ depth: Int) -> String {
        depth == 0 ? "" : String(repeating: ">", count: depth) + " "
    }
}
