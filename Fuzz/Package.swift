// swift-tools-version:6.0
// libFuzzer target for the gzip and CSV readers. Not part of `swift test`; see the README:
//   cd Fuzz && swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
//   .build/release/ExtractsFuzzer corpus -max_total_time=1800 -timeout=10 -rss_limit_mb=2048
import PackageDescription

let package = Package(
    name: "OvergangFuzz",
    dependencies: [.package(name: "Overgang", path: "..")],
    targets: [
        .executableTarget(name: "ExtractsFuzzer", dependencies: [.product(name: "OvergangExtracts", package: "Overgang")]),
    ]
)
