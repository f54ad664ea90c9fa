import Foundation
import XCTest
@testable import Pipeline

/// The terminal summary's headline results on `sample-data/`: the share of exits in work
/// against the independent Python reference's exit cohorts, each comparison's DiD and interval
/// computed here from the comparison's four counts (definitions.md §4, binomial SE), and
/// under a limit `:` where the published tables are blank (as the manifest's exit count).
final class RunSummaryHeadlineTests: XCTestCase {
    func run(minCell: Int) throws -> (text: String, output: String) {
        let output = temporaryDirectory() + "/out"
        var config = try Configuration.load(path: SampleDataFixtureTests.repository.appendingPathComponent("pipeline.json").path)
        config.output.directory = output
        config.output.minCellCount = minCell
        config.cache.enabled = false
        config.report.formats = []
        return (try PipelineRun(config: config).run().text, output)
    }

    func testSummaryPrintsTheShareInWorkAndEachComparison() throws {
        let (text, output) = try run(minCell: 0)
        let reference = try csvRecords(atPath: SampleDataFixtureTests.expected.appendingPathComponent("exit_cohorts.csv").path)
        let work = reference.filter { $0["outcome"] == "work" }.reduce(0) { $0 + Int($1["count"]!)! }
        let all = reference.reduce(0) { $0 + Int($1["count"]!)! }
        XCTAssertTrue(text.contains("  in work         \(String(format: "%.1f %%", 100 * Double(work) / Double(all))) of these exits, 2 months after exit"), text)
        XCTAssertEqual(all, 5921)
        XCTAssertTrue(text.contains("  exits           5 921 in 2020-11..2023-12\n"), text)

        let row = try XCTUnwrap(try csvRecords(atPath: output + "/comparisons.csv").first { $0["comparison"] == "example" && $0["unit"] == "total" && $0["measure"] == "work" })
        func share(_ cell: String) -> (p: Double, n: Double) {
            let n = Double(row["\(cell)_exits"]!)!
            return (Double(row["\(cell)_count"]!)! / n, n)
        }
        let cells = ["treatment_baseline", "treatment_comparison", "control_baseline", "control_comparison"].map(share)
        let did = 100 * ((cells[1].p - cells[0].p) - (cells[3].p - cells[2].p))
        let se = 100 * cells.map { $0.p * (1 - $0.p) / $0.n }.reduce(0, +).squareRoot()
        let f = { (x: Double) in String(format: "%+.1f", x) }
        XCTAssertTrue(text.contains("  example         in work: DiD \(f(did)) pp (95 % CI \(f(did - 1.959964 * se)) to \(f(did + 1.959964 * se)))"), text)

        let plain = try XCTUnwrap(try csvRecords(atPath: output + "/comparisons.csv").first { $0["comparison"] == "all_exits" && $0["measure"] == "work" })
        let b = 100 * Double(plain["treatment_baseline_count"]!)! / Double(plain["treatment_baseline_exits"]!)!
        let c = 100 * Double(plain["treatment_comparison_count"]!)! / Double(plain["treatment_comparison_exits"]!)!
        XCTAssertTrue(text.contains("  all_exits       in work: \(String(format: "%.1f %%", b)) baseline, \(String(format: "%.1f %%", c)) comparison"), text)
    }

    /// At limit 10 the cohort table blanks some counts (so the total would give them away) and
    /// the example's DiD; the plain comparison's shares stay.
    func testSummaryBlanksWhatTheTablesBlank() throws {
        let (text, output) = try run(minCell: 10)
        XCTAssertTrue(try String(contentsOfFile: output + "/exit_cohorts.csv", encoding: .utf8).contains(",,"))
        XCTAssertEqual(try csvRecords(atPath: output + "/comparisons.csv").first { $0["comparison"] == "example" && $0["unit"] == "total" }?["did_pp"], "")
        XCTAssertTrue(text.contains("  in work         : of these exits"), text)
        XCTAssertTrue(text.contains("  exits           : in 2020-11..2023-12\n"), text)
        XCTAssertTrue(text.contains("  example         in work: DiD :\n"), text)
        XCTAssertTrue(text.contains("  all_exits       in work: 50.9 % baseline, 47.9 % comparison"), text)
    }
}
