// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Mailroom",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "mailroom", targets: ["mailroom"]),
        .library(name: "MailroomPipeline", targets: ["MailroomPipeline"]),
        .library(name: "MailroomCapture", targets: ["MailroomCapture"]),
        .library(name: "MailroomCases", targets: ["MailroomCases"]),
        .library(name: "MailroomOperator", targets: ["MailroomOperator"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", exact: "5.0.1"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", exact: "0.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", exact: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
    ],
    targets: [
        // Floor 1: C libraries, postcode data, storage.
        .systemLibrary(
            name: "CTesseract",
            providers: [.apt(["libtesseract-dev", "libleptonica-dev"])]
        ),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CMalloc"),
        .target(name: "CKernels"),
        .target(name: "MailroomPostcodes", dependencies: ["CZlib"]),
        .target(
            name: "MailroomStore",
            dependencies: [.product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(name: "MailroomMail"),
        // Floor 2: images; customer cases (linking, workflow, routing, SLA, search).
        .target(name: "MailroomImaging", dependencies: ["CTesseract"]),
        .target(
            name: "MailroomCases",
            dependencies: ["MailroomStore", "MailroomPostcodes", "Yams", "SwiftCSV"]
        ),
        // Floor 3: the OCR engine.
        .target(name: "MailroomOCR", dependencies: ["CTesseract", "CKernels", "MailroomImaging"]),
        // Floor 4: forms, field reading, cross-check.
        .target(
            name: "MailroomCapture",
            dependencies: ["MailroomImaging", "MailroomOCR", "MailroomPostcodes", "MailroomMail", "Yams"]
        ),
        // Floor 5: the nightly batch.
        .target(
            name: "MailroomPipeline",
            dependencies: [
                "MailroomCapture", "MailroomCases", "MailroomStore", "MailroomImaging", "MailroomOCR", "MailroomPostcodes",
                "MailroomMail", "CMalloc",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Floor 5: the operator's review, exports and reports.
        .target(
            name: "MailroomOperator",
            dependencies: [
                "MailroomStore", "MailroomCases", "MailroomCapture", "MailroomPostcodes", "MailroomImaging",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Floor 6: the local web verification station (beside the CLI).
        .target(
            name: "MailroomWeb",
            dependencies: [
                "MailroomOperator", "MailroomCases", "MailroomCapture", "MailroomStore", "MailroomImaging",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Floor 6: the command line.
        .executableTarget(
            name: "mailroom",
            dependencies: [
                "MailroomPipeline", "MailroomCases", "MailroomOperator", "MailroomStore", "MailroomWeb", "CMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Linking accuracy on generated near-duplicate customers (bench/linking, no test uses it).
        .executableTarget(name: "mailroom-linkbench", dependencies: ["MailroomCases", "MailroomStore"], path: "bench/linking"),
        .target(name: "MailroomTestSupport", dependencies: ["MailroomImaging", "CTesseract"], path: "Tests/Support"),
        .testTarget(name: "MailroomImagingTests", dependencies: ["MailroomImaging", "MailroomTestSupport"]),
        .testTarget(name: "MailroomOCRTests", dependencies: ["MailroomOCR", "MailroomTestSupport"]),
        .testTarget(name: "MailroomPostcodesTests", dependencies: ["MailroomPostcodes"]),
        .testTarget(name: "MailroomStoreTests", dependencies: ["MailroomStore"]),
        .testTarget(name: "MailroomMailTests", dependencies: ["MailroomMail", "MailroomTestSupport"]),
        .testTarget(name: "MailroomCaptureTests", dependencies: ["MailroomCapture", "MailroomTestSupport"]),
        .testTarget(name: "MailroomCasesTests", dependencies: ["MailroomCases", "MailroomStore", "MailroomTestSupport"]),
        .testTarget(name: "MailroomOperatorTests", dependencies: ["MailroomOperator", "MailroomCases", "MailroomCapture", "MailroomImaging", "MailroomTestSupport"]),
        .testTarget(name: "MailroomPipelineTests", dependencies: ["MailroomPipeline", "MailroomTestSupport"]),
        .testTarget(
            name: "MailroomWebTests",
            dependencies: [
                "MailroomWeb", "MailroomOperator", "MailroomCapture", "MailroomPostcodes", "MailroomStore", "MailroomTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        // End-to-end: runs the real `mailroom` binary on samples/.
        .testTarget(name: "MailroomCLITests", dependencies: ["mailroom", "MailroomStore", "MailroomTestSupport"]),
    ]
)
