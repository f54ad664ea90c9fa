import XCTest
@testable import Pipeline
@testable import Tables
@testable import Catalogue
@testable import Disclosure

/// The trial evaluation's tables (definitions.md §7b) — `comparison_benefits.csv`,
/// `comparison_measures.csv`, `exit_durations.csv` and `exit_cohorts_by_varighet.csv` — against
/// the independent oracle `Fixtures/reference/trial_tables.py`, on `sample-data/` (register
/// exits, `pipeline.json`) and on the KIN extracts (measure exits, `Fixtures/kin/pipeline.json`),
/// and their small-cell suppression.
final class TrialTablesTests: XCTestCase {
    static let tables = ["comparison_benefits.csv", "comparison_measures.csv", "exit_durations.csv", "exit_cohorts_by_varighet.csv"]

    /// Every row equal: labels and counts as text, shares and months as the same double.
    func assertTablesEqual(_ output: String, _ expected: URL, file: StaticString = #filePath, line: UInt = #line) throws {
        for name in Self.tables {
            let ours = try csvRecords(atPath: "\(output)/\(name)")
            let theirs = try csvRecords(atPath: expected.appendingPathComponent(name).path)
            XCTAssertEqual(ours.count, theirs.count, name, file: file, line: line)
            for (a, b) in zip(ours, theirs) {
                XCTAssertEqual(Set(a.keys), Set(b.keys), name, file: file, line: line)
                for (column, want) in b {
                    if let w = Double(want), let g = a[column].flatMap(Double.init) {
                        XCTAssertEqual(g, w, "\(name) \(column): \(a) vs \(b)", file: file, line: line)
                    } else {
                        XCTAssertEqual(a[column], want, "\(name) \(column)", file: file, line: line)
                    }
                }
            }
        }
    }

    func testSampleDataEqualsTheIndependentReference() throws {
        var config = try Configuration.load(path: SampleDataFixtureTests.repository.appendingPathComponent("pipeline.json").path)
        config.cohortBreakdowns = [.varighet]
        config.report.formats = []
        config.output.directory = temporaryDirectory() + "/out"
        _ = try PipelineRun(config: config).run()
        try assertTablesEqual(config.output.directory, SampleDataFixtureTests.expected)
        // Not empty by accident: the sample's work-and-benefit exits have benefits.
        XCTAssertGreaterThan(try csvRecords(atPath: config.output.directory + "/comparison_benefits.csv").count, 20)
    }

    func testKINExtractsEqualTheIndependentReference() throws {
        let output = try KINReplicationTests.run()
        try assertTablesEqual(output, KINReplicationTests.folder.appendingPathComponent("trial"))
        XCTAssertGreaterThan(try csvRecords(atPath: output + "/comparison_measures.csv").count, 40)
        // Exits of the first months are cut short at the first month of data (2010-01): a
        // 26-month spell ending in 2011-01 counts 13 months; none reaches 25+ there.
        let january = try csvRecords(atPath: output + "/exit_cohorts_by_varighet.csv").filter { $0["exit_month"] == "2011-01" }
        XCTAssertFalse(january.contains { $0["varighet"] == "25+" })
        XCTAssertTrue(try csvRecords(atPath: output + "/exit_cohorts_by_varighet.csv").contains { $0["varighet"] == "25+" })
    }

    /// Limit 5: a benefit count below it goes with its pct; a blanked pair makes the other
    /// pair go (the pairs add up to `total`).
    func testCodeTablesAreSuppressedWithTheComparisons() throws {
        var status = CSVTable(name: "comparison_status.csv", header: ["comparison", "unit", "group", "period", "outcome_detail", "count", "exits", "pct"])
        var benefits = CSVTable(.comparisonBenefits)
        // Two pairs and their total; treatment baseline only has figures worth a look.
        let workBenefit = ["0301": 20, "0302": 3, "total": 23]
        let aap = ["0301": 12, "0302": 2, "total": 14], dagp = ["0301": 8, "0302": 1, "total": 9]
        for unit in ["0301", "0302", "total"] {
            for group in ["treatment", "control"] {
                for period in ["baseline", "comparison"] {
                    let wb = group == "treatment" && period == "baseline" ? workBenefit[unit]! : 50
                    for (s, n) in [("work_only", 40), ("work_benefit", wb), ("other", 60)] {
                        let n = unit == "total" && !(group == "treatment" && period == "baseline") ? 2 * n : n
                        status.append([.text("c"), .text(unit), .text(group), .text(period), .text(s), .count(n), .count(0), .number(nil)])
                    }
                    if group == "treatment" && period == "baseline" {
                        for (code, counts) in [("AAP", aap), ("DAGP", dagp)] {
                            benefits.append([.text("c"), .text(unit), .text(group), .text(period), .text(code), .count(counts[unit]!),
                                             .number(100 * Double(counts[unit]!) / Double(workBenefit[unit]!))])
                        }
                    }
                }
            }
        }
        for r in status.rows.indices {   // exits: the group's sum
            let key = Array(status.rows[r][0..<4])
            let total = status.rows.filter { Array($0[0..<4]) == key }.reduce(0) { $0 + $1[5].intValue! }
            status.rows[r][6] = .count(total)
        }
        let out = TableSuppression.apply([status, benefits], limit: 5)[1]
        XCTAssertEqual(Array(out.csvText().split(separator: "\n").dropFirst()), [
            // 0302's AAP 2 and DAGP 1 are below the limit; the pairs add up to total, so 0301's
            // 12 and 8 go too (else 14 − 12 gives the 2 back); total keeps its figures (14 less
            // two blanks tells nothing), its pct over its printed work and benefit 23.
            "c,0301,treatment,baseline,AAP,,", "c,0301,treatment,baseline,DAGP,,",
            "c,0302,treatment,baseline,AAP,,", "c,0302,treatment,baseline,DAGP,,",
            "c,total,treatment,baseline,AAP,14,60.869565217391305", "c,total,treatment,baseline,DAGP,9,39.130434782608695",
        ])
    }

    /// Limit 5: exits below it go with mean and median; a month whose exits are two rows (two
    /// measures left) and printed in exit_cohorts.csv loses the other row too.
    func testDurationsAreSuppressedAgainstTheCohortTable() throws {
        var cohorts = CSVTable(name: "exit_cohorts.csv", header: ["exit_month", "exit_status", "outcome", "count", "exits", "pct"])
        for (outcome, n) in [("work", 10), ("work_benefit", 5), ("disability", 5), ("other", 12)] {
            cohorts.append([.text("2021-01"), .text("ARBS"), .text(outcome), .count(n), .count(32), .number(100 * Double(n) / 32)])
        }
        var durations = CSVTable(.exitDurations)
        durations.append([.text("2021-01"), .text("ARBS"), .text("ARBTREN"), .count(29), .number(4.5), .number(4)])
        durations.append([.text("2021-01"), .text("ARBS"), .text("VASV"), .count(3), .number(2), .number(2)])
        let out = TableSuppression.apply([cohorts, durations], limit: 5)[1]
        XCTAssertEqual(Array(out.csvText().split(separator: "\n").dropFirst()),
                       ["2021-01,ARBS,ARBTREN,,,", "2021-01,ARBS,VASV,,,"])
    }
}
