/// The names of the fields a letter's details are stored under.
///
/// Capture knows nothing of the store, so the store's `CorrespondenceField` (which the case
/// desk reads) repeats these names; a pipeline test checks that the two lists agree.
public enum LetterField: String, CaseIterable, Sendable {
    case senderName = "sender_name"
    case senderStreet = "sender_street"
    case senderPostcode = "sender_postcode"
    case senderTown = "sender_town"
    case senderCountry = "sender_country"
    case senderEmail = "sender_email"
    case senderPhone = "sender_phone"
    case letterDate = "letter_date"
    case subject
    case summary
    case referenceOrder = "reference_order"
    case referenceCustomer = "reference_customer"
    case referenceAccount = "reference_account"
    case referenceCase = "reference_case"
    case messageID = "message_id"
    case inReplyTo = "in_reply_to"
}
