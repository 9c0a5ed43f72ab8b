import Foundation

/// A processed document with everything read from it, saved together or not at all.
public struct DocumentWrite: Sendable, Equatable {
    /// The document; `id`, `createdAt` and `processedCount` are managed by the store.
    public var document: DocumentRecord
    /// Replace the document's pages; their `documentID` is set by the store.
    public var pages: [PageRecord]
    /// Replace the document's fields; their `id` and `documentID` are set by the store.
    public var fields: [FieldRecord]

    public init(document: DocumentRecord, pages: [PageRecord] = [], fields: [FieldRecord] = []) {
        self.document = document
        self.pages = pages
        self.fields = fields
    }
}

/// A known document found again under a path, recorded without processing it again.
public struct SeenPath: Sendable, Equatable {
    public var documentID: Int64
    public var path: String

    public init(documentID: Int64, path: String) {
        self.documentID = documentID
        self.path = path
    }
}

/// What the pipeline's writer saves in one transaction.
///
/// Batching amortises the commit cost over many documents; a failure anywhere in the
/// batch saves none of it, so a killed process never leaves a half-written document.
public struct StoreBatch: Sendable, Equatable {
    public var documents: [DocumentWrite]
    public var quarantine: [QuarantineRecord]
    public var seenPaths: [SeenPath]

    public init(documents: [DocumentWrite] = [], quarantine: [QuarantineRecord] = [], seenPaths: [SeenPath] = []) {
        self.documents = documents
        self.quarantine = quarantine
        self.seenPaths = seenPaths
    }

    public var isEmpty: Bool { documents.isEmpty && quarantine.isEmpty && seenPaths.isEmpty }
}
