import Foundation
import Yams

/// The coupon forms Mailroom knows, loaded from a folder of form files.
public struct FormLibrary: Sendable {
    public let forms: [Form]
    public let directory: URL?

    public init(forms: [Form], directory: URL? = nil) {
        self.forms = forms
        self.directory = directory
    }

    /// Loads every `.yaml`, `.yml` and `.json` file in `directory`, sorted by name.
    ///
    /// A file that does not parse or fails validation stops the load with an error naming it:
    /// a broken form must be fixed, not silently skipped, or its coupons would all become letters.
    public init(directory: URL) throws(FormError) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        } catch {
            throw .folderMissing(directory.path)
        }
        var forms: [Form] = []
        for name in names where ["yaml", "yml", "json"].contains((name as NSString).pathExtension.lowercased()) {
            let url = directory.appendingPathComponent(name)
            let form = try Self.load(url)
            if let clash = forms.first(where: { $0.id == form.id }) {
                throw .invalid(url.path, "form id '\(form.id)' is already used by form '\(clash.name)'")
            }
            forms.append(form)
        }
        self.init(forms: forms, directory: directory)
    }

    /// Reads and validates one form file.
    public static func load(_ url: URL) throws(FormError) -> Form {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch { throw .unreadable(url.path) }
        let form: Form
        do {
            form = try YAMLDecoder().decode(Form.self, from: text) // JSON is valid YAML
        } catch let DecodingError.keyNotFound(key, context) {
            throw .invalid(url.path, "missing '\(Self.path(context.codingPath + [key]))'")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw .invalid(url.path, "wrong value at '\(Self.path(context.codingPath))': \(context.debugDescription)")
        } catch let DecodingError.dataCorrupted(context) {
            throw .invalid(url.path, "bad value at '\(Self.path(context.codingPath))': \(context.debugDescription)")
        } catch {
            throw .invalid(url.path, "not valid YAML or JSON (\(error))")
        }
        try validate(form, path: url.path)
        return form
    }

    public func form(id: String) -> Form? { forms.first { $0.id == id } }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }

    static func validate(_ form: Form, path: String) throws(FormError) {
        func inPage(_ zone: Form.Zone) -> Bool {
            zone.w > 0 && zone.h > 0 && zone.x >= 0 && zone.y >= 0 && zone.x + zone.w <= 1.0001 && zone.y + zone.h <= 1.0001
        }
        guard form.anchors.points.count >= 3, form.anchors.points.allSatisfy({ $0.count == 2 }) else {
            throw .invalid(path, "anchors.points needs at least three [x, y] points")
        }
        guard form.anchors.size > 0, form.anchors.size < 0.2 else { throw .invalid(path, "anchors.size must be between 0 and 0.2") }
        guard inPage(form.title.zone) else { throw .invalid(path, "title.zone lies outside the page") }
        guard !form.fields.isEmpty else { throw .invalid(path, "the form declares no fields") }
        var names = Set<String>()
        for field in form.fields {
            guard names.insert(field.name).inserted else { throw .invalid(path, "field '\(field.name)' is declared twice") }
            guard inPage(field.zone) else { throw .invalid(path, "field '\(field.name)' has a zone outside the page") }
            if let boxes = field.boxes, boxes < 1 || boxes > 64 { throw .invalid(path, "field '\(field.name)' has \(boxes) boxes") }
            if let pattern = field.pattern, (try? NSRegularExpression(pattern: pattern)) == nil {
                throw .invalid(path, "field '\(field.name)' has an invalid pattern \(pattern)")
            }
            if let check = field.check, check != "luhn" { throw .invalid(path, "field '\(field.name)': unknown check '\(check)'") }
        }
    }
}

/// Why the forms could not be loaded. Each case names the file and what to fix.
public struct FormError: Error, Sendable, Hashable, CustomStringConvertible {
    public let path: String
    public let reason: String

    public var description: String { "\(path): \(reason)" }

    public static func folderMissing(_ path: String) -> FormError {
        FormError(path: path, reason: "no forms folder here; pass --forms DIR or run from the repository")
    }
    public static func unreadable(_ path: String) -> FormError { FormError(path: path, reason: "cannot be read") }
    public static func invalid(_ path: String, _ reason: String) -> FormError {
        FormError(path: path, reason: "invalid form file: \(reason)")
    }
}
