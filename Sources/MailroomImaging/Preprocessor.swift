import CTesseract
import Foundation

/// Cleans a decoded page for recognition: grey, upsample, deskew, binarise, clean borders and specks.
///
/// Every step can be switched off and reports what it did and how long it took, so its effect on
/// accuracy and speed can be measured. Page orientation (0/90/180/270) needs Tesseract's OSD and is
/// therefore done by the OCR layer before this runs.
public struct Preprocessor: Sendable {
    /// Which steps run, with their settings.
    public struct Options: Sendable, Hashable, Codable {
        public var deskew: Bool = true
        /// The largest skew searched for, in degrees either way.
        public var maxSkewDegrees: Double = 6
        /// Skew below this is left alone: rotating costs time and blurs strokes.
        public var minSkewDegrees: Double = 0.1
        /// `nil` leaves binarisation to Tesseract.
        public var binarisation: Binarisation? = .otsu
        public var cleanBorders: Bool = true
        /// Black specks smaller than this (pixels, at 300 dpi) are dropped; 0 keeps them.
        public var despeckleSize: Int = 3
        /// Scans below this resolution are upsampled to it.
        public var minResolution: Int = 200
        /// The resolution assumed when a file does not declare one.
        public var assumedResolution: Int = 300

        public init() {}
    }

    /// What preprocessing did to one page.
    public struct Report: Sendable, Hashable, Codable {
        public var sourceResolution: Int
        public var resolution: Int
        public var scale: Double = 1
        public var skewDegrees: Double = 0
        public var skewConfidence: Double = 0
        public var milliseconds: [String: Double] = [:]
    }

    /// A cleaned page: grey for Tesseract, and black-and-white for layout and mark checks.
    public struct Page {
        public let grey: Image
        public let binary: Image?
        public let report: Report
    }

    public var options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    /// Runs the enabled steps on `image`.
    public func run(_ image: Image) throws(ImagingError) -> Page {
        var clock = StepClock()
        let declared = image.resolution
        var report = Report(sourceResolution: declared ?? 0, resolution: declared ?? options.assumedResolution)

        var grey = try clock.time("grey") { () throws(ImagingError) in try image.readingGrey() }
        if grey.resolution == nil { grey.resolution = options.assumedResolution }
        if let dpi = declared, dpi < options.minResolution {
            let factor = Double(options.minResolution) / Double(dpi)
            grey = try clock.time("upsample") { () throws(ImagingError) in try grey.scaled(by: factor) }
            report.scale = factor
            report.resolution = grey.resolution ?? options.minResolution
        } else if let dpi = declared, dpi > Image.finestUsefulResolution {
            // A 600 dpi letter page read 4.6 times as slowly as at 300, and worse.
            grey = try clock.time("reduce") { () throws(ImagingError) in try grey.atWorkingResolution() }
            report.scale = Double(Image.workingResolution) / Double(dpi)
            report.resolution = Image.workingResolution
        }
        if options.deskew {
            let skew = try clock.time("find skew") { () throws(ImagingError) in try grey.skew(maxDegrees: options.maxSkewDegrees) }
            report.skewDegrees = skew.degrees
            report.skewConfidence = skew.confidence
            if abs(skew.degrees) >= options.minSkewDegrees {
                grey = try clock.time("deskew") { () throws(ImagingError) in try grey.rotated(byDegrees: skew.degrees) }
            }
        }
        var binary: Image?
        if let method = options.binarisation {
            var bw = try clock.time("binarise") { () throws(ImagingError) in try grey.binarised(method) }
            if options.cleanBorders {
                bw = try clock.time("clean borders") { () throws(ImagingError) in try bw.borderCleaned() }
            }
            if options.despeckleSize > 0 {
                let size = max(1, options.despeckleSize * report.resolution / 300)
                bw = try clock.time("despeckle") { () throws(ImagingError) in try bw.despeckled(size: size) }
            }
            binary = bw
        }
        report.milliseconds = clock.milliseconds
        return Page(grey: grey, binary: binary, report: report)
    }
}

/// The measured skew of a page.
public struct Skew: Sendable, Hashable {
    /// The rotation, in degrees clockwise, that straightens the page.
    public var degrees: Double
    /// Leptonica's confidence; below about 2 the angle is a guess.
    public var confidence: Double
}

extension Image {
    /// Measures the text-line skew, searching ±`maxDegrees`.
    public func skew(maxDegrees: Double = 6) throws(ImagingError) -> Skew {
        let bw = depth == 1 ? self : try binarised(.otsu)
        var angle: Float = 0, confidence: Float = 0
        let reduction: Int32 = bw.width > 2000 ? 4 : 2
        let status = withExtendedLifetime(bw) {
            pixFindSkewSweepAndSearch(bw.pix, &angle, &confidence, reduction, 1, Float(maxDegrees), 0.5, 0.01)
        }
        guard status == 0 else {
            return Skew(degrees: 0, confidence: 0)
        }
        // Leptonica reports the angle of the text; rotating by it (clockwise-positive) straightens it.
        return Skew(degrees: confidence > 0 ? Double(angle) : 0, confidence: Double(confidence))
    }
}

/// Times named steps in milliseconds.
public struct StepClock: Sendable {
    public private(set) var milliseconds: [String: Double] = [:]

    public init() {}

    public mutating func time<T, E: Error>(_ step: String, _ body: () throws(E) -> T) throws(E) -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { milliseconds[step, default: 0] += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6 }
        return try body()
    }

    /// Adds time measured elsewhere (for example inside Tesseract) to a step.
    public mutating func add(_ step: String, milliseconds value: Double) {
        milliseconds[step, default: 0] += value
    }
}
