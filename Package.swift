// swift-tools-version:6.0
// Overgang: NAV register extracts → 60-day exits → status after exit → published tables.
// The targets follow the data's way: Extracts → Panel → Episodes → Tables → Pipeline → overgang;
// what a run publishes (Catalogue, Disclosure) and the report need none of the ingest stack.
import PackageDescription

let package = Package(
    name: "Overgang",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "overgang", targets: ["overgang"]),
        // For the fuzz package in Fuzz/ (and other tools): the extract readers.
        .library(name: "OvergangExtracts", targets: ["Extracts", "Generator"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        // Reads report.xlsx back in the tests (the pipeline writes the zip container itself).
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
    ],
    targets: [
        // zlib, the system C library (Debian: zlib1g-dev). Not called CZlib: ZIPFoundation ships
        // a module of that name, and two modules of one name cannot be linked together.
        .systemLibrary(name: "SystemZlib", path: "Sources/SystemZlib",
                       providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]),
        // One system call Swift's Glibc module does not expose (atomic exchange of two folders).
        .target(name: "CSystem"),
        // Streaming gzip, CSV tokenizer, the three schemas, validation, quarantine.
        .target(name: "Extracts", dependencies: ["CSystem", "SystemZlib", .product(name: "Crypto", package: "swift-crypto")]),
        // The compact person-month store built from parsed extracts.
        .target(name: "Panel", dependencies: ["CSystem", "Extracts"]),
        // Exits (§1) and their status after exit (§2).
        .target(name: "Episodes", dependencies: ["Panel", "Extracts"]),
        // Pure numerics with no knowledge of registers: proportions, DiD, (later) survival.
        .target(name: "Statistics"),
        // What a run publishes: the catalogue of its tables, the tables as cells (written and
        // read back), the small-CSV reader and the manifest. Foundation only.
        .target(name: "Catalogue"),
        // The ranges an intruder can put on blanked cells: linear programming (a dense simplex,
        // blocks for large sets) and the values linear equations fix. Pure numerics, no tables.
        // Compiled optimised even in debug builds: an audit solves many small linear programmes,
        // which unoptimised code makes some twenty times slower (the tests run a debug build).
        .target(name: "LinearAudit", swiftSettings: [.unsafeFlags(["-O"])]),
        // Small-cell suppression of finished tables: one model over the catalogue's tables.
        .target(name: "Disclosure", dependencies: ["Catalogue", "LinearAudit"], swiftSettings: [.unsafeFlags(["-O"])]),
        // The published tables, built from the episodes.
        .target(name: "Tables", dependencies: ["Episodes", "Panel", "Extracts", "Statistics", "Catalogue", "Disclosure"]),
        // Report-ready exports of a run's tables: Excel, HTML with charts, Markdown. Reads a
        // finished folder: links no part of the ingest stack.
        .target(name: "Report", dependencies: ["CSystem", "SystemZlib", "Catalogue", "Disclosure"]),
        // Synthetic extracts in the delivery format.
        .target(name: "Generator", dependencies: ["SystemZlib", "Extracts"]),
        // Configuration, stages, manifest, atomic publishing of outputs.
        .target(name: "Pipeline", dependencies: [
            "CSystem", "Extracts", "Panel", "Episodes", "Statistics", "Catalogue", "Disclosure", "Tables", "Report",
            .product(name: "Logging", package: "swift-log"),
            // SHA-256 of the survival covariate files, for the manifest.
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // The command line, thin.
        .executableTarget(name: "overgang", dependencies: [
            "Pipeline", "Generator", "Extracts", "Statistics", "Catalogue", "Tables", "Report",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "OvergangTests", dependencies: [
            "CSystem", "SystemZlib", "Extracts", "Panel", "Episodes", "Statistics", "Catalogue", "LinearAudit", "Disclosure", "Tables", "Report",
            "Pipeline", "Generator",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ], exclude: ["Fixtures"]),
    ]
)
