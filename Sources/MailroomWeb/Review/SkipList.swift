import Foundation

/// The fields an operator passed over with Tab in this round of the review queue.
///
/// It travels with the page (a hidden input and the address), not in the database: a skip
/// is not a decision, and the next round starts with the skipped fields again.
struct SkipList: Equatable {
    private(set) var keys: [String]

    /// Reads `12:surname,13:town`; anything unreadable is dropped, and at most 500 are kept.
    init(_ text: String?) {
        keys = (text ?? "").split(separator: ",").map(String.init).filter { key in
            let parts = key.split(separator: ":", maxSplits: 1)
            return parts.count == 2 && Int64(parts[0]) != nil && !parts[1].isEmpty
        }.suffix(500)
    }

    var isEmpty: Bool { keys.isEmpty }
    var count: Int { keys.count }
    var text: String { keys.joined(separator: ",") }
    /// The list for an address's query.
    var queryValue: String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+#")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    func contains(_ document: Int64, _ field: String) -> Bool { keys.contains("\(document):\(field)") }

    func adding(_ document: Int64, _ field: String) -> SkipList {
        var copy = self
        if !contains(document, field) { copy.keys.append("\(document):\(field)") }
        return copy
    }
}
