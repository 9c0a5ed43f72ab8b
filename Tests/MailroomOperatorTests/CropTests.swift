import Foundation
import MailroomCapture
import MailroomImaging
import MailroomOperator
import MailroomStore
import MailroomTestSupport
import Testing

@Suite struct CropTests {
    let sample = TestPaths.samples.appendingPathComponent("coupon-it-fedelta-001.jpg")

    /// The page the crop rebuilds is the reader's page: `mailroom scan` stored this page as
    /// 1869×1374 and the surname box at (201, 451, 713×76) for this sample.
    @Test func theRebuiltPageHasTheReadersGeometry() throws {
        let forms = try FormLibrary(directory: TestPaths.forms)
        let form = try #require(forms.form(id: "it-fedelta"))
        let scan = try #require(try ImageReader().read(sample).first)
        let page = try #require(try CouponPage.upright(scan, form: form, orientationDegrees: 0))
        #expect(abs(page.width - 1869) <= 2 && abs(page.height - 1374) <= 2)
    }

    @Test func theSurnameCropHoldsTheHandwritingAndFitsTheWidth() throws {
        let crop = FieldCrop(forms: try FormLibrary(directory: TestPaths.forms))
        let raster = try #require(crop.raster(path: sample.path, formID: "it-fedelta",
                                              box: FieldBox(x: 201, y: 451, width: 713, height: 76), maxWidth: 100))
        #expect(raster.width == 100)
        #expect(raster.height > 8 && raster.height < 20)
        // Handwriting: a fair share of dark pixels in the middle rows, none of them on the page edge.
        let middle = (raster.height / 3)..<(2 * raster.height / 3)
        let dark = middle.flatMap { y in (0..<raster.width).map { raster[$0, y] } }.filter { $0 < 128 }.count
        #expect(dark > raster.width / 4)
        #expect(crop.raster(path: "/no/such/scan.png", formID: "it-fedelta", box: FieldBox(x: 0, y: 0, width: 10, height: 10)) == nil)
    }
}
