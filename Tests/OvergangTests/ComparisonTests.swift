import XCTest
@testable import Episodes
@testable import Extracts
@testable import Pipeline
@testable import Tables

/// The comparison stage of the pipeline: counts by office and period, empty cells, the
/// configuration checks, and `--baseline`/`--comparison`.
final class ComparisonTests: XCTestCase {
    /// Exits in 2022-02 (baseline) and 2022-06 (comparison) at offices 0301 (treatment) and 0219
    /// (control): person i exits from `office` in month `month` and works afterwards if `works`.
    func buildSet() throws -> String {
        var b = ExtractSetBuilder(from: "2022-01", to: "2022-10")
        var n = 0
        func exit(_ office: String, _ month: Int, works: Bool, tiltak: String = "") {
            n += 1
            let p = "X\(n)"
            b.register(p, month, enhet: office, tiltak: tiltak)
            if works { b.employ(p, month + 2, start: "2020-01-01") }
        }
        // 0301 baseline 3 of 4 work; comparison 1 of 2. 0219 baseline 1 of 2; comparison 2 of 2.
        for w in [true, true, true, false] { exit("0301", 1, works: w) }
        for w in [true, false] { exit("0301", 5, works: w, tiltak: "ARBTREN") }
        for w in [true, false] { exit("0219", 1, works: w) }
        for w in [true, true] { exit("0219", 5, works: w) }
        // Another office, outside the groups.
        exit("1103", 1, works: true)
        return try b.write()
    }

    func run(_ dir: String, comparisons: [Comparison]) throws -> (rows: [[String: String]], warnings: [String]) {
        let (panel, set) = try exits(in: dir)
        var tables = ComparisonTables(panel: panel, exits: set, comparisons: comparisons)
        let csv = tables.comparisonTable().csvText()
        let lines = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        return (lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(lines[0], $0)) }, tables.warnings)
    }

    let baseline = MonthRange("2022-01..2022-03")!, comparison = MonthRange("2022-05..2022-07")!

    func testCountsByPairTotalAndAll() throws {
        let dir = try buildSet()
        let c = Comparison(name: "trial", baseline: baseline, comparison: comparison, treatment: ["0301"], control: ["0219"],
                           pairs: [("0301", "0219")])
        let all = Comparison(name: "everyone", baseline: baseline, comparison: comparison)
        let (rows, warnings) = try run(dir, comparisons: [c, all])
        XCTAssertEqual(warnings, [])
        XCTAssertEqual(rows.map { "\($0["comparison"]!) \($0["unit"]!) \($0["measure"]!)" }, [
            "trial 0301 work", "trial 0301 work_benefit", "trial 0301 work_total",
            "trial total work", "trial total work_benefit", "trial total work_total",
            "everyone all work", "everyone all work_benefit", "everyone all work_total"])
        let work = rows[0]
        XCTAssertEqual(work["treatment_baseline_pct"], "75.0")
        XCTAssertEqual(work["treatment_comparison_pct"], "50.0")
        XCTAssertEqual(work["control_baseline_pct"], "50.0")
        XCTAssertEqual(work["control_comparison_pct"], "100.0")
        XCTAssertEqual(work["did_pp"], "-75.0")
        XCTAssertEqual(work["treatment_baseline_exits"], "4")
        XCTAssertEqual(work["treatment_baseline_count"], "3")
        // The whole population: baseline 5 of 7 work (0301: 3/4, 0219: 1/2, 1103: 1/1), comparison 3 of 4.
        let everyone = rows[6]
        XCTAssertEqual(everyone["treatment_baseline_exits"], "7")
        XCTAssertEqual(everyone["treatment_comparison_count"], "3")
        XCTAssertEqual(everyone["control_baseline_pct"], "")
        XCTAssertEqual(everyone["did_pp"], "")
    }

    func testFilterByMeasure() throws {
        let dir = try buildSet()
        let c = Comparison(name: "f", baseline: baseline, comparison: comparison, filter: .init(tiltak: ["ARBTREN"]))
        let (rows, warnings) = try run(dir, comparisons: [c])
        XCTAssertEqual(rows[0]["treatment_baseline_exits"], "0")
        XCTAssertEqual(rows[0]["treatment_comparison_exits"], "2")
        // An empty baseline: reported as a cell with 0 exits, derived figures empty, a warning.
        XCTAssertEqual(rows[0]["treatment_baseline_pct"], "")
        XCTAssertEqual(rows[0]["treatment_change_pp"], "")
        XCTAssertEqual(warnings.count, 1)
        XCTAssertTrue(warnings[0].contains("no exits in the treatment group in the baseline period"), warnings[0])
    }

    func testEmptyControlCellLeavesDerivedFiguresEmpty() throws {
        let dir = try buildSet()
        let c = Comparison(name: "e", baseline: baseline, comparison: comparison, treatment: ["0301"], control: ["5501"])
        let (rows, warnings) = try run(dir, comparisons: [c])
        XCTAssertEqual(rows[0]["did_pp"], "")
        XCTAssertEqual(rows[0]["se_pp"], "")
        XCTAssertEqual(rows[0]["z"], "")
        XCTAssertEqual(rows[0]["treatment_change_pp"], "-25.0")
        XCTAssertEqual(warnings.count, 2)
        XCTAssertFalse(rows.contains { $0.values.contains { $0.lowercased().contains("nan") || $0.lowercased().contains("inf") } })
    }

    func testConfigurationErrorsBeforeAnyIngest() {
        let base = #""baseline": {"from": "2021-03", "to": "2021-11"}, "comparison": {"from": "2023-03", "to": "2023-11"}"#
        let cases: [(String, String)] = [
            (#"{"name": "a", "baseline": {"from": "2021-03", "to": "2021-11"}, "comparison": {"from": "2021-10", "to": "2022-02"}}"#,
             "comparisons[0]: the baseline 2021-03..2021-11 and the comparison 2021-10..2022-02 overlap"),
            (#"{"name": "a", \#(base), "treatment": ["0301"], "control": ["0219"], "pairs": [["0301", "0220"]]}"#,
             "comparisons[0]: the pair [0301, 0220] names 0220, which is not a control office"),
            (#"{"name": "a", \#(base), "treatment": ["0301"], "control": ["0219"], "pairs": [["0219", "0301"]]}"#,
             "comparisons[0]: the pair [0219, 0301] names 0219, which is not a treatment office"),
            (#"{"name": "a", \#(base), "filter": {"kommune": []}}"#, "comparisons[0].filter.kommune: unknown key"),
            (#"{"name": "a", \#(base), "treatment": ["0301"]}"#, "comparisons[0]: treatment and control go together"),
            (#"{"name": "a", \#(base), "treatment": ["301"], "control": ["0219"]}"#, "comparisons[0]: '301' is not a 4-digit enhet"),
            (#"{"name": "a", \#(base), "se": "robust"}"#, "comparisons[0].se: expected \"binomial\" or \"baseline-counts\""),
            // Listed twice, an office's exits would count twice and shrink the SE.
            (#"{"name": "a", \#(base), "treatment": ["0301", "0301"], "control": ["0219"]}"#,
             "comparisons[0]: office 0301 is listed twice in the treatment group"),
            (#"{"name": "a", \#(base), "treatment": ["0301"], "control": ["0219", "0220", "0219"]}"#,
             "comparisons[0]: office 0219 is listed twice in the control group"),
            (#"{"\#(base.dropFirst())}"#, "comparisons[0].name: every comparison needs a name"),
        ]
        for (comparison, message) in cases {
            let json = #"{"comparisons": ["# + comparison + "]}"
            XCTAssertThrowsError(try Configuration.parse(json: json), json) { error in
                XCTAssertTrue("\(error)".hasPrefix("pipeline.json: " + message), "'\(error)' does not start with '\(message)'")
            }
        }
    }

    func testPeriodOverridesReplaceEveryComparisonAndAreChecked() throws {
        var config = try Configuration.parse(json: #"""
            {"comparisons": [{"name": "a", "baseline": {"from": "2021-03", "to": "2021-11"}, "comparison": {"from": "2023-03", "to": "2023-11"}},
                             {"name": "b", "baseline": {"from": "2020-03", "to": "2020-11"}, "comparison": {"from": "2022-03", "to": "2022-11"}}]}
            """#)
        config.baselineOverride = MonthRange("2022-01..2022-03")
        config.comparisonOverride = MonthRange("2022-05..2022-07")
        try config.applyPeriodOverrides()
        XCTAssertEqual(config.comparisons.map(\.baseline), [MonthRange("2022-01..2022-03")!, MonthRange("2022-01..2022-03")!])
        XCTAssertEqual(config.comparisons.map(\.comparison), [MonthRange("2022-05..2022-07")!, MonthRange("2022-05..2022-07")!])
        // The survival periods are replaced too.
        XCTAssertEqual(config.survival.baseline, MonthRange("2022-01..2022-03"))
        XCTAssertEqual(config.survival.comparison, MonthRange("2022-05..2022-07"))
        config.comparisonOverride = MonthRange("2022-03..2022-07")
        XCTAssertThrowsError(try config.applyPeriodOverrides()) { error in
            XCTAssertTrue("\(error)".contains("overlap"), "\(error)")
        }
    }

    /// The same periods give the same table whether configured or given on the command line,
    /// and whether the data hold just those months or many more.
    func testSameCountsFromOverriddenPeriodsAndFromAWiderExtractSet() throws {
        let dir = try buildSet()
        var config = Configuration()
        config.input.directory = dir
        config.output.directory = temporaryDirectory() + "/configured"
        config.comparisons = [Comparison(name: "trial", baseline: baseline, comparison: comparison, treatment: ["0301"],
                                         control: ["0219"], pairs: [("0301", "0219")])]
        _ = try PipelineRun(config: config).run()
        let configured = try String(contentsOfFile: config.output.directory + "/comparisons.csv", encoding: .utf8)

        var rerun = config
        rerun.output.directory = temporaryDirectory() + "/rerun"
        rerun.comparisons[0].baseline = MonthRange("2020-01..2020-02")!
        rerun.comparisons[0].comparison = MonthRange("2020-03..2020-04")!
        rerun.baselineOverride = baseline
        rerun.comparisonOverride = comparison
        try rerun.applyPeriodOverrides()
        _ = try PipelineRun(config: rerun).run()
        XCTAssertEqual(try String(contentsOfFile: rerun.output.directory + "/comparisons.csv", encoding: .utf8), configured)

        // Only the months the periods need (plus the two after for the status): the same table.
        var narrow = config
        narrow.output.directory = temporaryDirectory() + "/narrow"
        narrow.input.from = Month("2022-01")
        narrow.input.to = Month("2022-09")
        _ = try PipelineRun(config: narrow).run()
        XCTAssertEqual(try String(contentsOfFile: narrow.output.directory + "/comparisons.csv", encoding: .utf8), configured)
        let manifest = try String(contentsOfFile: rerun.output.directory + "/manifest.json", encoding: .utf8)
        XCTAssertTrue(manifest.contains("\"periodOverrides\""))
    }
}
