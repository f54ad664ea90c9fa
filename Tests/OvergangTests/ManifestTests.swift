import Foundation
import XCTest
@testable import Extracts
@testable import Pipeline
@testable import Report
@testable import Catalogue

/// `manifest.json` as one typed, versioned file: the pipeline writes the bytes the untyped
/// writer wrote before it (fixtures in `Fixtures/manifest/`, written by overgang at f2be4f5 and
/// normalized by `normalize.py`), plus `formatVersion`; a manifest without it reads as format
/// 1; one that cannot be read names the file and the field.
final class ManifestTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/manifest")

    private func fixture(_ name: String) throws -> String {
        try String(contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8)
    }

    /// `normalize.py`'s rules: folders, times and stage timings.
    private func normalized(_ text: String, output: String) -> String {
        var text = text.replacingOccurrences(of: output, with: "<output>")
            .replacingOccurrences(of: SampleDataFixtureTests.repository.path, with: "<repo>")
            .replacingOccurrences(of: #""(startedAt|finishedAt)" : "[^"]*""#, with: #""$1" : "<time>""#, options: .regularExpression)
        let timings = text.range(of: #""timings" : \{[^}]*\}"#, options: .regularExpression)!
        text.replaceSubrange(timings, with: text[timings].replacingOccurrences(of: #": [0-9.e+-]+"#, with: ": 0", options: .regularExpression))
        return text
    }

    func testTheManifestIsTheOneWrittenBeforeItWasTyped() throws {
        for (name, minCell, comparison) in [("sample.json", 0, nil), ("sample-min-cell-5.json", 5, "2023-02..2023-10")] {
            var config = try Configuration.load(path: SampleDataFixtureTests.repository.appendingPathComponent("pipeline.json").path)
            config.output.directory = temporaryDirectory() + "/out"
            config.cache.enabled = false
            config.output.minCellCount = minCell
            config.comparisonOverride = try comparison.map { try CommandLineValue.period($0, option: "--comparison") }
            try config.applyPeriodOverrides()
            _ = try PipelineRun(config: config).run()
            let written = try String(contentsOfFile: config.output.directory + "/manifest.json", encoding: .utf8)
            let versionLine = "  \"formatVersion\" : 1,\n"
            XCTAssertTrue(written.contains(versionLine), name)
            XCTAssertEqual(normalized(written.replacingOccurrences(of: versionLine, with: ""), output: config.output.directory),
                           try fixture(name), name)
        }
    }

    /// A manifest of the untyped writer (no `formatVersion`) is format 1, and writing what was
    /// read gives its bytes back: the type holds every field.
    func testAManifestWithoutTheVersionReadsAsFormat1() throws {
        for name in ["sample.json", "sample-min-cell-5.json"] {
            let text = try fixture(name)
            let manifest = try Manifest.decoded(Data(text.utf8), file: name)
            XCTAssertNil(manifest.formatVersion)
            XCTAssertEqual(manifest.format, 1)
            XCTAssertEqual(String(decoding: try manifest.encoded(), as: UTF8.self), text, name)
        }
        let facts = RunFacts(try Manifest.decoded(Data(try fixture("sample.json").utf8), file: "sample.json"))
        XCTAssertEqual(facts.exitsTabulated, 5921)
        XCTAssertEqual(facts.pendingExits, 1709)
        XCTAssertEqual(facts.inputFiles, 120)
        XCTAssertEqual(facts.months?.from, "2020-11")
        XCTAssertEqual(facts.survivalUnit, "4154")
        XCTAssertEqual(facts.comparisons.map(\.name), ["example", "all_exits"])
        XCTAssertEqual(facts.comparisons.map(\.plain), [false, true])
        XCTAssertEqual(facts.comparisons.map(\.treatment), [["0301"], []])
    }

    func testAManifestThatCannotBeReadNamesTheFileAndTheField() throws {
        let text = try fixture("sample.json")
        func message(_ text: String) -> String {
            do { _ = try Manifest.decoded(Data(text.utf8), file: "out/manifest.json"); return "read" } catch { return "\(error)" }
        }
        XCTAssertEqual(message(text.replacingOccurrences(of: "\"finishedAt\"", with: "\"formatVersion\" : 2,\n  \"finishedAt\"")),
                       "out/manifest.json: format 2 is newer than this overgang reads (1): use the version that wrote it")
        XCTAssertEqual(message(text.replacingOccurrences(of: "\"pendingDecision\"", with: "\"pendingDecisions\"")),
                       "out/manifest.json: not a manifest this overgang reads: no exits.pendingDecision")
        XCTAssertEqual(message(text.replacingOccurrences(of: "\"sha256\" : \"", with: "\"sha256\" : 1, \"x\" : \"")),
                       "out/manifest.json: not a manifest this overgang reads: inputs[0].sha256: expected String")
        XCTAssertEqual(message("{"), "out/manifest.json: not a manifest this overgang reads: not JSON")
        XCTAssertEqual(message(text.replacingOccurrences(of: "\"persons\"", with: "\"unknownField\" : 1,\n  \"persons\"")), "read",
                       "a field this version does not know is passed over")
    }
}
