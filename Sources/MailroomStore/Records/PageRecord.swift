import Foundation
import GRDB

/// One page of a document as the imaging stage saw it: a row of `page`.
public struct PageRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "page"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    /// Set by the store when the page is saved with its document.
    public var documentID: Int64
    /// 1-based page number.
    public var number: Int
    public var width: Int
    public var height: Int
    public var dpi: Int?
    public var skewDegrees: Double?
    public var orientationDegrees: Int?
    public var text: String?

    public init(
        documentID: Int64 = 0, number: Int, width: Int, height: Int, dpi: Int? = nil,
        skewDegrees: Double? = nil, orientationDegrees: Int? = nil, text: String? = nil
    ) {
        self.documentID = documentID
        self.number = number
        self.width = width
        self.height = height
        self.dpi = dpi
        self.skewDegrees = skewDegrees
        self.orientationDegrees = orientationDegrees
        self.text = text
    }

    enum CodingKeys: String, CodingKey {
        case documentID = "documentId"
        case number, width, height, dpi, skewDegrees, orientationDegrees, text
    }
}

extension PageRecord {
    public enum Columns {
        public static let documentID = Column("document_id")
        public static let number = Column("number")
    }
}
