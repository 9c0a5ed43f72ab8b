/// RFC 4180 CSV: comma-separated fields, CRLF line ends, quoting only where needed.
public enum CSVText {
    /// One field, quoted when it holds a comma, a double quote, CR, LF, or space at either end;
    /// a double quote inside a quoted field is doubled.
    public static func field(_ value: String) -> String {
        let needsQuotes = value.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
            || value.first == " " || value.last == " "
        guard needsQuotes else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One record, ending in CRLF.
    public static func record(_ values: [String]) -> String {
        values.map(field).joined(separator: ",") + "\r\n"
    }
}
