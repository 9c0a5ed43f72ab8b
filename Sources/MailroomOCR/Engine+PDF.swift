import CTesseract
import Foundation
import MailroomImaging

extension Engine {
    /// Writes `pages` as one searchable PDF: each page image with Tesseract's invisible text
    /// layer over it, so the archived letter looks like the paper and its words can be found.
    ///
    /// The pages are recognised again here (the renderer needs the engine's own layout), which
    /// takes as long as reading them did. Pages without a resolution are taken as 300 dpi.
    public func writeSearchablePDF(_ pages: [Image], to url: URL, title: String) throws(OCRError) {
        guard !pages.isEmpty else { throw .noImage }
        let base = url.pathExtension.lowercased() == "pdf" ? url.deletingPathExtension().path : url.path
        guard let renderer = TessPDFRendererCreate(base, tessdataDirectory, 0) else {
            throw .recognitionFailed("Tesseract could not start its PDF renderer for \(url.path)")
        }
        defer { TessDeleteResultRenderer(renderer) }
        keep("tessedit_do_invert", "1")  // as `readPage`: a letter may hold white-on-black print
        guard TessResultRendererBeginDocument(renderer, title) != 0 else {
            throw .recognitionFailed("cannot write \(base).pdf; check that its folder exists and is writable")
        }
        for (index, page) in pages.enumerated() {
            if page.resolution == nil { page.resolution = 300 }
            // An empty input name makes the renderer embed the pixels it is given, not a file.
            guard TessBaseAPIProcessPage(handle, page.pix, Int32(index), "", nil, Int32(deadlineMilliseconds), renderer) != 0 else {
                throw .recognitionFailed("page \(index + 1) of \(base).pdf could not be recognised")
            }
        }
        guard TessResultRendererEndDocument(renderer) != 0 else {
            throw .recognitionFailed("cannot finish \(base).pdf; the disk may be full")
        }
    }
}
