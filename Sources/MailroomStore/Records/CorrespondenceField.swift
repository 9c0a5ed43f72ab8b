/// The names of the `field` rows that letters and e-mails carry, shared by the reader that
/// writes them and the case desk that reads them.
///
/// A letter's sender block, date, references and subject are stored as ordinary fields, so
/// the operator reviews them like coupon fields and a re-run can rebuild a case intake from
/// the database alone.
public enum CorrespondenceField: String, CaseIterable, Sendable {
    case senderName = "sender_name"
    case senderStreet = "sender_street"
    case senderPostcode = "sender_postcode"
    case senderTown = "sender_town"
    /// ISO 3166 alpha-2, upper case.
    case senderCountry = "sender_country"
    case senderEmail = "sender_email"
    case senderPhone = "sender_phone"
    /// ISO 8601 day (`2026-06-16`).
    case letterDate = "letter_date"
    case subject
    /// The first sentences after the salutation.
    case summary
    /// References found in the text, one per field, named `reference_<kind>`
    /// (`reference_order`, `reference_customer`, `reference_account`, `reference_case`).
    case referenceOrder = "reference_order"
    case referenceCustomer = "reference_customer"
    case referenceAccount = "reference_account"
    case referenceCase = "reference_case"
    /// E-mail threading: this message's `Message-ID`, and the ids it answers
    /// (`In-Reply-To` then `References`, space-separated).
    case messageID = "message_id"
    case inReplyTo = "in_reply_to"
}
