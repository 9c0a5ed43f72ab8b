import Foundation
@testable import MailroomCapture
import MailroomTestSupport
import Testing

@Suite("Form files")
struct FormTests {
    @Test("the shipped forms load and declare every field type they use")
    func shipped() throws {
        let library = try FormLibrary(directory: TestPaths.forms)
        #expect(Set(library.forms.map(\.id)) == ["it-fedelta", "pl-karta"])
        let polish = try #require(library.form(id: "pl-karta"))
        #expect(polish.fields.first { $0.type == .postcode }?.printed?[2] == "-")
    }

    @Test("a broken form file is refused with its path and the reason")
    func broken() throws {
        let folder = try TestPaths.temporaryDirectory("forms")
        let url = folder.appendingPathComponent("bad.yaml")
        try "id: bad\nname: Bad\nlanguages: [eng]\ncountry: IT\n".write(to: url, atomically: true, encoding: .utf8)
        let error = #expect(throws: FormError.self) { try FormLibrary(directory: folder) }
        #expect(error?.path == url.path)
        #expect(error?.reason.contains("size_mm") == true || error?.reason.contains("anchors") == true)
    }

    @Test("a form whose zone leaves the page is refused")
    func zoneOutside() throws {
        let folder = try TestPaths.temporaryDirectory("forms")
        var text = try String(contentsOf: TestPaths.forms.appendingPathComponent("it-fedelta.yaml"), encoding: .utf8)
        text = text.replacingOccurrences(of: "zone: {x: 0.06, y: 0.545, w: 0.19", with: "zone: {x: 0.96, y: 0.545, w: 0.19")
        try text.write(to: folder.appendingPathComponent("it.yaml"), atomically: true, encoding: .utf8)
        let error = #expect(throws: FormError.self) { try FormLibrary(directory: folder) }
        #expect(error?.reason.contains("outside the page") == true)
    }

    @Test("a missing forms folder says how to fix it")
    func missingFolder() {
        let error = #expect(throws: FormError.self) { try FormLibrary(directory: URL(fileURLWithPath: "/nonexistent/forms")) }
        #expect(error?.reason.contains("--forms") == true)
    }
}
