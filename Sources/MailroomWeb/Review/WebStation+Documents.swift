import Foundation
import Hummingbird
import MailroomStore

extension WebStation {
    func addDocumentRoutes(to router: Router<BasicRequestContext>) {
        router.get("/documents/:document") { request, context in
            switch try pageSession(request, needs: .seePersonalData) {
            case let .refused(answer): return answer
            case let .allowed(session):
                let id = try context.parameters.require("document", as: Int64.self)
                return try documentPage(id, highlight: request.uri.queryParameters.get("field"), session: session)
            }
        }
        router.get("/documents/:document/page/:number") { request, context in
            try require(.seePersonalData, try apiSession(request))
            let id = try context.parameters.require("document", as: Int64.self)
            let number = try context.parameters.require("number", as: Int.self)
            let document = try loadDocument(id)
            guard let picture = crops.page(document, number: number, orientationDegrees: try orientation(of: id)) else {
                throw HTTPError(.notFound, message: "document \(id) has no picture of page \(number) (the file may have moved)")
            }
            return Response(status: .ok, headers: [.contentType: "image/png", .cacheControl: "private, no-store"],
                            body: .init(byteBuffer: ByteBuffer(bytes: picture.png)))
        }
    }

    /// The whole document: its first page with every field's box drawn (the chosen one
    /// highlighted), the fields with their values and decisions, and the recognised text.
    func documentPage(_ id: Int64, highlight: String?, session: WebSessionRecord) throws -> Response {
        let document = try loadDocument(id)
        let fields = try storing { () throws(StoreError) in try database.fields(documentID: id) }
        var values: [String: Any] = Self.present([
            "id": String(id), "path": document.path, "kind": document.kind.rawValue, "form": document.formID,
            "state": document.state.rawValue, "text": document.text ?? "", "hasText": !(document.text ?? "").isEmpty,
            "highlight": highlight,
        ])
        if let picture = crops.page(document, number: 1, orientationDegrees: try orientation(of: id)) {
            values["picture"] = [
                "src": "/documents/\(id)/page/1", "width": String(picture.width), "height": String(picture.height),
                "boxes": fields.compactMap { field -> [String: Any]? in
                    guard let box = field.box else { return nil }
                    let s = picture.scale
                    return ["x": Self.number(Double(box.x) * s), "y": Self.number(Double(box.y) * s),
                            "width": Self.number(Double(box.width) * s), "height": Self.number(Double(box.height) * s),
                            "name": field.name, "class": field.name == highlight ? "box chosen" : "box"]
                },
            ]
        }
        values["morePages"] = (1..<max(1, document.pageCount)).map { ["src": "/documents/\(id)/page/\($0 + 1)", "number": String($0 + 1)] }
        values["fields"] = fields.map { field in
            [
                "name": field.name, "type": field.type, "value": field.value ?? "", "raw": field.raw ?? "",
                "decision": field.decision.rawValue, "reason": field.reason ?? "", "chosen": field.name == highlight,
            ] as [String: Any]
        }
        return page("document", title: "Document \(id)", session: session, values: values)
    }

    func loadDocument(_ id: Int64) throws -> DocumentRecord {
        guard let document = try storing({ () throws(StoreError) in try database.document(id: id) }) else {
            throw HTTPError(.notFound, message: "no document \(id)")
        }
        return document
    }

    func orientation(of id: Int64) throws -> Int? {
        try storing { () throws(StoreError) in try database.pages(documentID: id) }.first?.orientationDegrees
    }

    static func number(_ value: Double) -> String { String(format: "%.1f", value) }

    /// The values that are there: Mustache shows a section for any string, even an empty one.
    static func present(_ values: [String: Any?]) -> [String: Any] {
        values.compactMapValues { value in
            if let text = value as? String, text.isEmpty { return nil }
            return value
        }
    }
}
