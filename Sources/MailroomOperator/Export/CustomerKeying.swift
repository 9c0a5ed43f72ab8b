import MailroomPostcodes
import MailroomStore

/// Decides which coupons belong to one customer.
///
/// The seam for customer linking: a keying that looks coupons up in a customer list can
/// replace ``CouponIdentityKey`` and fill `customer_id` without touching the export.
public protocol CustomerKeying: Sendable {
    /// The key coupons of one customer share.
    func key(for coupon: CouponValues) -> String
    /// The customer list's id for the key, or empty when there is none.
    func customerID(forKey key: String) -> String
}

/// The default merge rule: the e-mail address when the coupon has one, else the folded first
/// name, surname and postcode.
public struct CouponIdentityKey: CustomerKeying {
    public init() {}

    public func key(for coupon: CouponValues) -> String {
        let email = coupon["email"].trimmingCharacters(in: .whitespaces).lowercased()
        if !email.isEmpty { return "email:" + email }
        let postcode = coupon["postcode"].uppercased().filter { $0.isLetter || $0.isNumber }
        return "name:" + [PostcodeDirectory.fold(coupon["first_name"]), PostcodeDirectory.fold(coupon["surname"]), postcode]
            .joined(separator: "|")
    }

    public func customerID(forKey key: String) -> String { "" }
}

/// Coupons linked to the customer list (by the case desk) merge by customer id; the others
/// fall back to ``CouponIdentityKey``. So one customer who wrote two different e-mail
/// addresses is one row, with `customer_id` filled.
public struct LinkedCustomerKey: CustomerKeying {
    /// Document id → customer id, for the coupons linked.
    public let links: [Int64: String]
    public let fallback: CouponIdentityKey

    public init(links: [Int64: String], fallback: CouponIdentityKey = CouponIdentityKey()) {
        self.links = links
        self.fallback = fallback
    }

    /// The links stored in `database`.
    public static func load(from database: MailroomDatabase) throws(OperatorError) -> LinkedCustomerKey {
        LinkedCustomerKey(links: try storing { () throws(StoreError) in try database.customerLinks() })
    }

    public func key(for coupon: CouponValues) -> String {
        if let id = links[coupon.documentID] { return "customer:" + id }
        return fallback.key(for: coupon)
    }

    public func customerID(forKey key: String) -> String {
        key.hasPrefix("customer:") ? String(key.dropFirst("customer:".count)) : ""
    }
}
