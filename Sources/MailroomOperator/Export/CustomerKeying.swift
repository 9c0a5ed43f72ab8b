import MailroomPostcodes

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
