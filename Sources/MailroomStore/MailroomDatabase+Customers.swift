import Foundation
import GRDB

/// What an upsert of customers did.
public struct CustomerUpsertCounts: Sendable, Equatable {
    public var inserted: Int
    public var updated: Int
}

extension MailroomDatabase {
    /// Inserts new customers and replaces known ones (same id), all in one transaction.
    @discardableResult
    public func upsertCustomers(_ customers: [CustomerRecord]) throws(StoreError) -> CustomerUpsertCounts {
        if customers.isEmpty { return CustomerUpsertCounts(inserted: 0, updated: 0) }
        return try write { db in
            var counts = CustomerUpsertCounts(inserted: 0, updated: 0)
            for customer in customers {
                if try CustomerRecord.exists(db, key: customer.id) {
                    try customer.update(db)
                    counts.updated += 1
                } else {
                    try customer.insert(db)
                    counts.inserted += 1
                }
            }
            return counts
        }
    }

    /// The customer with this id, or nil.
    public func customer(id: String) throws(StoreError) -> CustomerRecord? {
        try read { db in try CustomerRecord.fetchOne(db, key: id) }
    }

    /// Customers whose e-mail equals `email` ignoring case, by id.
    public func customers(email: String) throws(StoreError) -> [CustomerRecord] {
        try read { db in
            try CustomerRecord.fetchAll(
                db, sql: "SELECT * FROM customer WHERE lower(email) = lower(?) ORDER BY id", arguments: [email])
        }
    }

    /// Customers whose folded postcode is `postcodeKey`, by id.
    public func customers(postcodeKey: String) throws(StoreError) -> [CustomerRecord] {
        try read { db in
            try CustomerRecord.filter(CustomerRecord.Columns.postcodeKey == postcodeKey)
                .order(CustomerRecord.Columns.id).fetchAll(db)
        }
    }

    /// How many customers the database holds.
    public func customerCount() throws(StoreError) -> Int {
        try read { db in try CustomerRecord.fetchCount(db) }
    }

    /// The linking outcome saved for a document, or nil when it was never linked.
    public func documentCustomer(documentID: Int64) throws(StoreError) -> DocumentCustomerRecord? {
        try read { db in try DocumentCustomerRecord.fetchOne(db, key: documentID) }
    }

    /// Every document linked to a customer, with the customer's id.
    public func customerLinks() throws(StoreError) -> [Int64: String] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT document_id, customer_id FROM document_customer WHERE customer_id IS NOT NULL")
            var links: [Int64: String] = [:]
            for row in rows { links[row["document_id"]] = row["customer_id"] }
            return links
        }
    }

    /// Saves (or replaces) the linking outcome of one document.
    public func saveDocumentCustomer(_ link: DocumentCustomerRecord) throws(StoreError) {
        try write { db in try link.save(db) }
    }
}
