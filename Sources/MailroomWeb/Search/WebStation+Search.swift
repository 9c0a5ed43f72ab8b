import Foundation
import Hummingbird
import MailroomCases
import MailroomStore

extension WebStation {
    func addSearchRoutes(to router: Router<BasicRequestContext>) {
        router.get("/search") { request, _ in
            switch try pageSession(request, needs: .seePersonalData) {
            case let .refused(answer): return answer
            case let .allowed(session): return try searchPage(request, session: session)
            }
        }
    }

    /// Full-text search over letters, e-mails and coupon fields, with the matching passages.
    func searchPage(_ request: Request, session: WebSessionRecord) throws -> Response {
        let query = request.uri.queryParameters
        let text = (query.get("q") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let kind = query.get("kind").flatMap(DocumentKind.init(rawValue:))
        var values: [String: Any] = [
            "q": text, "kinds": [DocumentKind.letter, .email, .coupon].map { ["name": $0.rawValue, "selected": $0 == kind] },
        ]
        if !text.isEmpty {
            let index = SearchIndex(database: database)
            let hits = try caseCall { () throws(CaseError) in
                try index.search(String(text.prefix(200)), filter: SearchFilter(kind: kind, limit: 50))
            }
            values["searched"] = true
            values["count"] = String(hits.count)
            values["hits"] = hits.map { hit in
                var view: [String: Any] = [
                    "document": String(hit.documentID), "url": "/documents/\(hit.documentID)", "kind": hit.kind,
                    "path": hit.path, "caseState": hit.caseState ?? "", "parts": Self.snippetParts(hit.snippet),
                ]
                if let customer = hit.customerID, !customer.isEmpty { view["customer"] = customer }
                if let reference = hit.caseReference {
                    view["case"] = reference
                    view["caseURL"] = "/cases/\(Self.pathSegment(reference))"
                }
                return view
            }
        }
        return page("search", title: "Search", session: session, values: values)
    }

    /// A snippet's passages, with the words the store wrapped in `[` `]` marked as matches.
    ///
    /// The template escapes each part and wraps the matches in `<mark>`, so a snippet can
    /// never carry markup of its own.
    static func snippetParts(_ snippet: String) -> [[String: Any]] {
        var parts: [[String: Any]] = []
        var rest = Substring(snippet)
        while let open = rest.firstIndex(of: "["), let close = rest[open...].firstIndex(of: "]") {
            if open > rest.startIndex { parts.append(["text": String(rest[..<open]), "match": false]) }
            parts.append(["text": String(rest[rest.index(after: open)..<close]), "match": true])
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { parts.append(["text": String(rest), "match": false]) }
        return parts
    }
}
