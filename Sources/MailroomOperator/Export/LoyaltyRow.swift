import Foundation

/// One customer in the loyalty export. The columns, in this order, are schema version 2.
///
/// Consumers read `schema_version` in every row; a column is only ever added at the end,
/// with a new version number, and never renamed or removed. Version 2 added `action`.
public struct LoyaltyRow: Sendable, Equatable, Codable {
    public static let schemaVersion = 2
    public static let columns = [
        "schema_version", "customer_key", "customer_id", "first_name", "surname", "street", "postcode", "town",
        "country", "email", "phone", "card", "consent", "coupon_count", "first_date", "last_date", "document_ids",
        "action",
    ]

    /// What the receiver does with the row.
    public enum Action: String, Sendable, Codable {
        /// Add the customer, or update them by `customer_key`.
        case add
        /// The customer withdrew consent: delete them by `customer_key`. The row carries no
        /// name, address or contact, only the key and the coupons' ids and dates.
        case withdraw
    }

    public var schemaVersion = LoyaltyRow.schemaVersion
    /// The merge key: `email:ADDRESS`, or `name:FIRST|SURNAME|POSTCODE` folded.
    public var customerKey: String
    /// Empty until customers are linked to a customer list.
    public var customerID: String
    public var firstName: String
    public var surname: String
    public var street: String
    public var postcode: String
    public var town: String
    /// ISO 3166 alpha-2 of the coupon's form.
    public var country: String
    public var email: String
    public var phone: String
    public var card: String
    /// The latest coupon's consent tick.
    public var consent: Bool
    public var couponCount: Int
    /// ISO days of the customer's earliest and latest coupon dates.
    public var firstDate: String
    public var lastDate: String
    /// The coupons' document ids, ascending.
    public var documentIDs: [Int64]
    public var action: Action = .add

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version", customerKey = "customer_key", customerID = "customer_id"
        case firstName = "first_name", surname, street, postcode, town, country, email, phone, card, consent
        case couponCount = "coupon_count", firstDate = "first_date", lastDate = "last_date", documentIDs = "document_ids"
        case action
    }

    /// The row telling marketing to delete `row`'s customer, without their personal data.
    public static func withdrawal(of row: LoyaltyRow) -> LoyaltyRow {
        LoyaltyRow(customerKey: row.customerKey, customerID: row.customerID, firstName: "", surname: "", street: "",
                   postcode: "", town: "", country: row.country, email: "", phone: "", card: "", consent: false,
                   couponCount: row.couponCount, firstDate: row.firstDate, lastDate: row.lastDate,
                   documentIDs: row.documentIDs, action: .withdraw)
    }

    /// The values in ``columns`` order, as CSV text (document ids joined with `;`).
    public var csvValues: [String] {
        [String(schemaVersion), customerKey, customerID, firstName, surname, street, postcode, town, country, email,
         phone, card, consent ? "true" : "false", String(couponCount), firstDate, lastDate,
         documentIDs.map(String.init).joined(separator: ";"), action.rawValue]
    }
}

/// The values of one verified coupon, as the export merges them.
public struct CouponValues: Sendable, Equatable {
    public var documentID: Int64
    public var country: String
    public var values: [String: String]
    /// When the coupon became exportable: its last processing or operator decision, whichever is later.
    public var readyAt: Date

    public subscript(_ name: String) -> String { values[name] ?? "" }
    public var date: String { self["date"] }
    public var consent: Bool { self["consent"] == "true" }
}
