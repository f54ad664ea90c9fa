import Foundation
import XCTest

/// Package.swift declares for each target exactly the modules its sources import: a module
/// declared but never imported links for nothing, one imported but not declared builds only
/// while some other dependency happens to bring it in.
final class PackageDependencyTests: XCTestCase {
    /// Modules of the toolchain and the system, never declared.
    static let system: Set<String> = ["Foundation", "FoundationXML", "Dispatch", "Glibc", "Darwin", "XCTest"]

    /// Each Swift target's name, folder and declared dependencies, read from the manifest's text.
    static func declaredTargets(_ manifest: String) -> [(name: String, folder: String, dependencies: Set<String>)] {
        let starts = ["target", "executableTarget", "testTarget"].map { ".\($0)(name: \"" }
        var out = [(name: String, folder: String, dependencies: Set<String>)]()
        let pieces = manifest.components(separatedBy: "\n").joined(separator: " ")
        for start in starts {
            for chunk in pieces.components(separatedBy: start).dropFirst() {
                let name = String(chunk.prefix { $0 != "\"" })
                // The target's own text ends where the next target begins.
                let own = starts.reduce(chunk) { $0.components(separatedBy: $1)[0] }
                var dependencies = Set<String>()
                if let list = own.range(of: "dependencies: [") {
                    // `.product(name: "X", package: "y")` brings module X; a plain string names a target.
                    let text = String(own[list.upperBound...].prefix { $0 != "]" })
                        .replacingOccurrences(of: #"package: "[^"]*""#, with: "", options: .regularExpression)
                    let quoted = try! NSRegularExpression(pattern: #""([A-Za-z]+)""#)
                    for m in quoted.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                        dependencies.insert(String(text[Range(m.range(at: 1), in: text)!]))
                    }
                }
                out.append((name, (start.contains("test") ? "Tests/" : "Sources/") + name, dependencies))
            }
        }
        return out
    }

    /// The modules the Swift files under `folder` import (other than the system's).
    static func imports(under folder: URL) -> Set<String> {
        var modules = Set<String>()
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        while let file = files?.nextObject() as? URL {
            guard file.pathExtension == "swift", let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
            for line in text.split(separator: "\n") {
                let words = line.split(separator: " ")
                guard let i = words.firstIndex(of: "import"), i + 1 < words.count,
                      words[..<i].allSatisfy({ $0 == "@testable" }) else { continue }
                modules.insert(String(words[i + 1]))
            }
        }
        return modules.subtracting(system)
    }

    func testDependenciesEqualTheImports() throws {
        let root = SampleDataFixtureTests.repository
        let manifest = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let targets = Self.declaredTargets(manifest)
        XCTAssertEqual(Set(targets.map(\.name)), ["CSystem", "Extracts", "Panel", "Episodes", "Statistics", "Catalogue", "LinearAudit", "Disclosure", "Tables", "Report",
                                                  "Generator", "Pipeline", "overgang", "OvergangTests"])
        for target in targets {
            let imported = Self.imports(under: root.appendingPathComponent(target.folder))
            // CSystem is C: it imports nothing in Swift and declares nothing.
            XCTAssertEqual(target.dependencies, imported, target.name)
        }
    }

    /// The report reads a finished folder: neither it nor anything it links reads extracts
    /// (issue 17: the report module does not link the ingest stack).
    func testTheReportLinksNoIngestStack() throws {
        let manifest = try String(contentsOf: SampleDataFixtureTests.repository.appendingPathComponent("Package.swift"), encoding: .utf8)
        let declared = Dictionary(Self.declaredTargets(manifest).map { ($0.name, $0.dependencies) }, uniquingKeysWith: { a, _ in a })
        var linked = Set<String>(), next = ["Report"]
        while let target = next.popLast() {
            for d in declared[target] ?? [] where linked.insert(d).inserted { next.append(d) }
        }
        XCTAssertTrue(linked.contains("Catalogue"))
        XCTAssertTrue(linked.isDisjoint(with: ["Extracts", "Panel", "Episodes", "Tables", "Statistics", "Pipeline"]), "\(linked.sorted())")
    }

    /// The reading of Package.swift finds what it should (else the test above proves nothing).
    func testTheManifestReadingSeesProductsAndPlainTargets() {
        let text = """
            .target(name: "A", dependencies: ["B", .product(name: "Crypto", package: "swift-crypto")]),
            .target(name: "B"),
            .testTarget(name: "T", dependencies: [
                "A",
            ], exclude: ["Fixtures"]),
            """
        let targets = Self.declaredTargets(text)
        XCTAssertEqual(targets.map(\.name), ["A", "B", "T"])
        XCTAssertEqual(targets.map(\.dependencies), [["B", "Crypto"], [], ["A"]])
        XCTAssertEqual(targets.map(\.folder), ["Sources/A", "Sources/B", "Tests/T"])
    }
}
