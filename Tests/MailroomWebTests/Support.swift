import Foundation
import Hummingbird
import HummingbirdTesting
import MailroomCapture
import MailroomCases
import MailroomOperator
import MailroomPostcodes
import MailroomStore
import MailroomTestSupport
import MailroomWeb
import Testing

/// A station over a real SQLite file in a temporary folder, with the repository's forms and postcodes.
struct Station {
    let folder: URL
    let database: MailroomDatabase
    let station: WebStation
    let desk: CaseDesk
    let runID: Int64

    /// `now` is the case desk's clock: deadlines are judged at that instant.
    init(_ label: String, secureCookies: Bool = false, now: Date = Date(), throttle: LoginThrottle = LoginThrottle()) throws {
        folder = try TestPaths.temporaryDirectory("web-\(label)")
        database = try MailroomDatabase.open(path: folder.appendingPathComponent("test.sqlite").path)
        let review = ReviewService(database: database, forms: try FormLibrary(directory: TestPaths.forms),
                                   postcodes: try PostcodeDirectory(directory: TestPaths.postcodes))
        let rules = try RoutingRules.load(from: TestPaths.root.appendingPathComponent("config/routing.yaml"))
        desk = CaseDesk(database: database, rules: rules, clock: { now })
        station = try WebStation(review: review, accounts: OperatorAccounts(database: database, cost: 4),
                                 sessions: SessionStore(database: database), secureCookies: secureCookies,
                                 desk: desk, throttle: throttle)
        runID = try database.beginRun(jobs: 1, arguments: [])
    }

    /// A letter stored and filed by the desk as a scan run would; returns its case.
    func letterCase(_ n: Int, subject: String, text: String, postcode: String = "00184") throws -> CaseRecord {
        let sha = String(format: "%064x", 10_000 + n)
        let document = DocumentRecord(sha256: sha, path: "/scans/letter-\(n).png", size: 100, pageCount: 1, kind: .letter,
                                      state: .done, runID: runID, language: "ita", text: text)
        let fields = [("sender_name", "Mario Rossi"), ("sender_postcode", postcode), ("subject", subject)].map { name, value in
            FieldRecord(name: name, type: "text", raw: value, value: value, confidence: 90, decision: .accepted)
        }
        let saved = try database.persist(StoreBatch(documents: [DocumentWrite(document: document, fields: fields)]))
        let outcome = try desk.receive(documentID: saved[0].id!)
        return try desk.resolve(try #require(outcome.caseReference))
    }

    var application: some ApplicationProtocol { Application(router: station.router()) }

    /// Adds an account with a real bcrypt hash (at the lowest cost, to keep tests fast).
    func account(_ name: String = "anna", password: String = "correct horse", role: OperatorRole = .operator) throws {
        try station.accounts.add(name: name, role: role, password: password)
    }

    /// Stores an Italian coupon; `values` override the defaults, `review` lists fields sent to review.
    @discardableResult
    func coupon(_ n: Int, values: [String: String] = [:], review: [String: String] = [:],
                path: String? = nil, surnameBox: FieldBox = FieldBox(x: 10, y: 10, width: 60, height: 20)) throws -> Int64 {
        let defaults: [(String, String, String)] = [
            ("card", "card", "7800123456789012"), ("date", "date", "2026-10-05"), ("surname", "name", "ROSSI"),
            ("first_name", "name", "MARIO"), ("street", "street", "VIA ROMA 1"), ("postcode", "postcode", "10121"),
            ("town", "town", "TORINO"), ("email", "email", "mario@example.it"), ("phone", "phone", "3331234567"),
            ("consent", "tick", "true"),
        ]
        let fields = defaults.map { name, type, value in
            FieldRecord(name: name, type: type, raw: values[name] ?? value, value: values[name] ?? value, confidence: 85,
                        alternatives: name == "surname" ? [FieldAlternative(value: "RUSSI"), FieldAlternative(value: "ROSSO")] : [],
                        box: name == "surname" ? surnameBox : FieldBox(x: 10, y: 10, width: 60, height: 20),
                        decision: review[name] == nil ? .accepted : .review, reason: review[name])
        }
        let sha = String(repeating: String(format: "%02x", n), count: 32)
        let document = DocumentRecord(sha256: sha, path: path ?? "/scans/\(sha).png", size: 100, pageCount: 1, kind: .coupon,
                                      formID: "it-fedelta", state: .done, runID: runID)
        let page = PageRecord(number: 1, width: 100, height: 60)
        let saved = try database.persist(StoreBatch(documents: [DocumentWrite(document: document, pages: [page], fields: fields)]))
        return saved[0].id!
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    /// The session cookie's token from Set-Cookie, if the answer set one.
    var sessionToken: String? { cookie("mailroom_session") }

    /// The Set-Cookie header that sets `name`.
    func setCookie(_ name: String) -> String? {
        headers[values: .setCookie].first { $0.hasPrefix("\(name)=") }
    }

    /// The value a Set-Cookie header gives the cookie `name`, if not empty.
    func cookie(_ name: String) -> String? {
        guard let header = setCookie(name) else { return nil }
        let value = header.dropFirst(name.count + 1).prefix { $0 != ";" }
        return value.isEmpty ? nil : String(value)
    }

    /// The CSRF token of the review form (the logout form's when the page has none), or nil
    /// when a form on the page carries an empty or different one.
    var csrfToken: String? {
        let pattern = #"name="csrf" value="([^"]*)""#
        let tokens = text.matches(of: try! Regex(pattern)).map { String(text[$0.range].dropFirst(#"name="csrf" value=""#.count).dropLast()) }
        guard let first = tokens.first, first.count == 64, tokens.allSatisfy({ $0 == first }) else { return nil }
        return first
    }
}

extension TestClientProtocol {
    /// Logs in and returns the session token.
    func login(_ name: String = "anna", password: String = "correct horse") async throws -> String? {
        try await postLogin(name, password: password).sessionToken
    }

    /// Opens the login page as a browser would, then posts the form with its token and cookie
    /// (`withToken: false` leaves the token out).
    func postLogin(_ name: String, password: String, withToken: Bool = true) async throws -> TestResponse {
        let page = try await execute(uri: "/login", method: .get, headers: [:])
        let token = page.cookie("mailroom_login") ?? ""
        var fields = ["name": name, "password": password]
        if withToken { fields["csrf"] = token }
        return try await execute(uri: "/login", method: .post,
                                 headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "mailroom_login=\(token)"],
                                 body: ByteBuffer(string: form(fields)))
    }

    func get(_ uri: String, token: String?) async throws -> TestResponse {
        try await execute(uri: uri, method: .get, headers: token.map { [.cookie: "mailroom_session=\($0)"] } ?? [:])
    }

    func post(_ uri: String, token: String?, _ fields: [String: String]) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let token { headers[.cookie] = "mailroom_session=\(token)" }
        return try await execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: form(fields)))
    }
}

/// URL-encodes form fields.
func form(_ fields: [String: String]) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return fields.sorted { $0.key < $1.key }
        .map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
        .joined(separator: "&")
}
