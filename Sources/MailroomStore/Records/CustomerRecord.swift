import Foundation
import GRDB

/// One customer of the company's customer list: a row of `customer`.
///
/// `id` is the company's own customer id. `nameKey` and `postcodeKey` are the folded forms
/// the linker compares; the importer computes them, the store only keeps them.
public struct CustomerRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "customer"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: String
    public var name: String
    public var street: String?
    public var postcode: String?
    public var town: String?
    /// ISO 3166 alpha-2, upper case.
    public var country: String?
    public var email: String?
    public var phone: String?
    public var contractLevel: String?
    public var vip: Bool
    public var importedAt: Date
    public var nameKey: String
    public var postcodeKey: String?

    public init(
        id: String, name: String, street: String? = nil, postcode: String? = nil, town: String? = nil,
        country: String? = nil, email: String? = nil, phone: String? = nil, contractLevel: String? = nil,
        vip: Bool = false, importedAt: Date = Date(), nameKey: String, postcodeKey: String? = nil
    ) {
        self.id = id
        self.name = name
        self.street = street
        self.postcode = postcode
        self.town = town
        self.country = country
        self.email = email
        self.phone = phone
        self.contractLevel = contractLevel
        self.vip = vip
        self.importedAt = importedAt
        self.nameKey = nameKey
        self.postcodeKey = postcodeKey
    }
}

extension CustomerRecord {
    public enum Columns {
        public static let id = Column("id")
        public static let email = Column("email")
        public static let postcodeKey = Column("postcode_key")
    }
}
