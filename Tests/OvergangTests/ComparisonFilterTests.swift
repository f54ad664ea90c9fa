import XCTest
@testable import Episodes
@testable import Extracts
@testable import Pipeline
@testable import Report
@testable import Tables
@testable import Catalogue

/// `filters` of a comparison: a filter per group and period (the KIN trial's exits in the
/// trial period come from a measure code that did not exist before), on hand-built exits.
final class ComparisonFilterTests: XCTestCase {
    /// Baseline exits in 2022-02, comparison exits in 2022-06; treatment office 0301, control 0219.
    /// Treatment: baseline 4 ARBTREN (3 work) + 2 without a measure (both work); comparison
    /// 2 KIN (both work) + 1 ARBTREN (no work). Control: baseline 2 ARBTREN (1 work);
    /// comparison 2 ARBTREN (1 work) + 1 KIN (work).
    func buildSet() throws -> String {
        var b = ExtractSetBuilder(from: "2022-01", to: "2022-10")
        var n = 0
        func exit(_ office: String, _ month: Int, _ tiltak: String, works: Bool) {
            n += 1
            b.register("K\(n)", month, enhet: office, tiltak: tiltak)
            if works { b.employ("K\(n)", month + 2, start: "2020-01-01") }
        }
        for w in [true, true, true, false] { exit("0301", 1, "ARBTREN", works: w) }
        for _ in 0..<2 { exit("0301", 1, "", works: true) }
        for _ in 0..<2 { exit("0301", 5, "KIN", works: true) }
        exit("0301", 5, "ARBTREN", works: false)
        for w in [true, false] { exit("0219", 1, "ARBTREN", works: w) }
        for w in [true, false] { exit("0219", 5, "ARBTREN", works: w) }
        exit("0219", 5, "KIN", works: true)
        return try b.write()
    }

    func comparison(_ json: String) throws -> Comparison {
        try Configuration.parse(json: "{\"comparisons\": [\(json)]}").comparisons[0]
    }

    func tables(_ dir: String, _ c: Comparison) throws -> (comparisons: [[String: String]], status: [[String: String]]) {
        let (panel, set) = try exits(in: dir)
        var tables = ComparisonTables(panel: panel, exits: set, comparisons: [c])
        func rows(_ t: CSVTable) -> [[String: String]] {
            let lines = t.csvText().split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(lines[0], $0)) }
        }
        return (rows(tables.comparisonTable()), rows(tables.statusTable()))
    }

    let periods = #""baseline": {"from": "2022-01", "to": "2022-03"}, "comparison": {"from": "2022-05", "to": "2022-07"}"#

    func testTreatmentComparisonCellHasItsOwnMeasure() throws {
        let dir = try buildSet()
        let c = try comparison("""
            {"name": "kin", \(periods), "treatment": ["0301"], "control": ["0219"], "se": "baseline-counts",
             "filter": {"tiltak": ["ARBTREN"]}, "filters": {"treatment": {"comparison": {"tiltak": ["KIN"]}}}}
            """)
        XCTAssertEqual(c.filter(.treatment, .comparison).tiltak, ["KIN"])
        XCTAssertEqual(c.filter(.control, .comparison).tiltak, ["ARBTREN"])
        let (rows, status) = try tables(dir, c)
        let work = rows.first { $0["measure"] == "work" }!
        XCTAssertEqual(work["treatment_baseline_exits"], "4")
        XCTAssertEqual(work["treatment_baseline_pct"], "75.0")
        XCTAssertEqual(work["treatment_comparison_exits"], "2")
        XCTAssertEqual(work["treatment_comparison_pct"], "100.0")
        XCTAssertEqual(work["control_baseline_exits"], "2")
        XCTAssertEqual(work["control_comparison_exits"], "2")   // the control's KIN exit is not counted
        XCTAssertEqual(work["control_change_pp"], "0")
        XCTAssertEqual(work["did_pp"], "25.0")
        // The status table goes through the same filters.
        let exits = status.filter { $0["outcome_detail"] == "work_only" }.map { "\($0["group"]!) \($0["period"]!) \($0["exits"]!)" }
        XCTAssertEqual(exits, ["treatment baseline 4", "treatment comparison 2", "control baseline 2", "control comparison 2"])
    }

    func testOverrideKeepsTheKeysItDoesNotName() throws {
        let dir = try buildSet()
        // Without groups: the one group `all`; the comparison period's override names only tiltak,
        // so filter.enhet (0301 only) still holds there.
        let c = try comparison("""
            {"name": "all", \(periods), "filter": {"enhet": ["0301"]}, "filters": {"all": {"comparison": {"tiltak": ["KIN"]}}}}
            """)
        XCTAssertEqual(c.filter(.all, .comparison), Comparison.Filter(tiltak: ["KIN"], enhet: ["0301"]))
        let work = try tables(dir, c).comparisons[0]
        XCTAssertEqual(work["treatment_baseline_exits"], "6")
        XCTAssertEqual(work["treatment_comparison_exits"], "2")
        // An empty list lifts the default's restriction for that cell only.
        let lifted = try comparison("""
            {"name": "all", \(periods), "filter": {"tiltak": ["ARBTREN"]}, "filters": {"all": {"baseline": {"tiltak": []}}}}
            """)
        let row = try tables(dir, lifted).comparisons[0]
        XCTAssertEqual(row["treatment_baseline_exits"], "8")
        XCTAssertEqual(row["treatment_comparison_exits"], "3")
    }

    func testWithoutFiltersNothingChanges() throws {
        let c = try comparison("{\"name\": \"x\", \(periods), \"filter\": {\"tiltak\": [\"ARBTREN\"]}}")
        XCTAssertTrue(c.filterOverrides.isEmpty)
        for group in Comparison.Group.allCases {
            for period in Comparison.Period.allCases { XCTAssertEqual(c.filter(group, period), c.filter) }
        }
    }

    func testMistakesAreConfigurationErrors() {
        let groups = #""treatment": ["0301"], "control": ["0219"]"#
        let cases: [(String, String)] = [
            (#""filters": {"trial": {"comparison": {"tiltak": ["KIN"]}}}, \#(groups)"#, "comparisons[0].filters.trial: unknown group"),
            (#""filters": {"treatment": {"after": {"tiltak": ["KIN"]}}}, \#(groups)"#, "comparisons[0].filters.treatment.after: unknown period"),
            (#""filters": {"treatment": {"comparison": {"measure": ["KIN"]}}}, \#(groups)"#, "comparisons[0].filters.treatment.comparison.measure: unknown key"),
            (#""filters": {"treatment": {"comparison": {"tiltak": "KIN"}}}, \#(groups)"#, "comparisons[0].filters.treatment.comparison.tiltak: expected a list of strings"),
            (#""filters": {"treatment": {"comparison": {}}}, \#(groups)"#, "filters.treatment.comparison: names neither tiltak nor enhet"),
            (#""filters": {"treatment": {"comparison": {"enhet": ["301"]}}}, \#(groups)"#, "'301' is not a 4-digit enhet"),
            (#""filters": {"all": {"comparison": {"tiltak": ["KIN"]}}}, \#(groups)"#, "filters.all: a comparison with treatment and control has the groups treatment and control"),
            (#""filters": {"control": {"baseline": {"tiltak": ["KIN"]}}}"#, "filters.control: a comparison without treatment and control has the one group all"),
            (#""filters": {"treatment": ["KIN"]}, \#(groups)"#, "comparisons[0].filters.treatment: expected an object"),
            (#""filters": [], \#(groups)"#, "comparisons[0].filters: expected an object"),
        ]
        for (keys, message) in cases {
            XCTAssertThrowsError(try comparison("{\"name\": \"x\", \(periods), \(keys)}"), keys) { error in
                XCTAssertTrue(error is ConfigurationError)
                XCTAssertTrue("\(error)".contains(message), "'\(error)' does not contain '\(message)'")
            }
        }
    }

    func testManifestRecordsTheFilters() throws {
        let c = try Configuration.parse(json: """
            {"comparisons": [{"name": "kin", \(periods), "treatment": ["0301"], "control": ["0219"],
              "filters": {"treatment": {"comparison": {"tiltak": ["KIN"]}}}}]}
            """)
        var manifest = Manifest()
        manifest.configuration = c.effective
        guard case .object(let root) = try JSONDecoder().decode(JSONValue.self, from: manifest.encoded()),
              case .object(let configuration)? = root["configuration"],
              case .array(let list)? = configuration["comparisons"], case .object(let first) = list[0] else {
            return XCTFail("effective configuration")
        }
        XCTAssertEqual(first["filters"], ["treatment": ["comparison": ["tiltak": ["KIN"]]]])
    }
}
