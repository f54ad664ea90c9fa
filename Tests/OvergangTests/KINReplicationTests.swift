import XCTest
@testable import Pipeline

/// The KIN trial's final evaluation (AFI 2016, chapter 2), reproduced from extracts.
///
/// `Fixtures/kin/make_extracts.py` builds extracts whose measure exits have the PUBLISHED
/// counts of table 2-1 (`Fixtures/kin/published/`, transcribed from the report with notes), per
/// office and period; the whole pipeline runs on them with `Fixtures/kin/pipeline.json`
/// (measure exits, five office pairs with `filters`, `"se": "baseline-counts"`, the report's
/// marks). Two checks:
///
/// - every figure of `comparisons.csv` against `expected.csv`, which `reference.py` computes
///   from the published counts alone with numpy/scipy (both SE methods, full precision);
/// - every printed figure of tables 2-1 … 2-4 and of the text, against our figures rounded as
///   the report rounds: to the printed decimals (one; z two), half away from zero. (Every
///   printed figure but one row follows from the counts this way; the shares are rounded
///   unrounded, not from rounded shares: Ski 'I arbeid' changes 1.8 = 6.358 − 4.520, not
///   6.4 − 4.5.)
///
/// The one printed row that does not follow from its own counts, table 2-4 Åsane 'I arbeid',
/// is asserted against the counts and marked as the report's error.
final class KINReplicationTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/kin")

    /// One run for all tests (also `TrialTablesTests`').
    nonisolated(unsafe) static var output: String?

    static func run() throws -> String {
        if let done = output { return done }
        var config = try Configuration.load(path: folder.appendingPathComponent("pipeline.json").path)
        config.output.directory = temporaryDirectory() + "/out"
        _ = try PipelineRun(config: config).run()
        output = config.output.directory
        return config.output.directory
    }

    func runOutput() throws -> String { try Self.run() }

    func published(_ name: String) throws -> [[String: String]] {
        try csvRecords(atPath: Self.folder.appendingPathComponent("published/\(name)").path)
    }

    /// The report's rounding: half away from zero at the printed decimals.
    static func printed(_ x: Double, decimals: Int = 1) -> Double {
        let scale = pow(10, Double(decimals))
        return (x * scale).rounded(.toNearestOrAwayFromZero) / scale
    }

    /// Our `comparisons.csv` rows of the comparison `kin`, by (unit, measure).
    func kinRows() throws -> [String: [String: String]] {
        let rows = try csvRecords(atPath: try runOutput() + "/comparisons.csv").filter { $0["comparison"] == "kin" }
        return Dictionary(uniqueKeysWithValues: rows.map { ("\($0["unit"]!)/\($0["measure"]!)", $0) })
    }

    /// A report office's row unit (the pair's treatment enhet, or `total` for 'I alt') and group.
    func unit(of office: String) throws -> String {
        if office == "I alt" { return "total" }
        let offices = try csvRecords(atPath: Self.folder.appendingPathComponent("offices.csv").path)
        let row = try XCTUnwrap(offices.first { $0["office"] == office }, office)
        return try XCTUnwrap(offices.first { $0["pair"] == row["pair"] && $0["group"] == "treatment" })["enhet"]!
    }

    func assertPrinted(_ ours: String?, _ print: String?, decimals: Int = 1, _ citation: String,
                       file: StaticString = #filePath, line: UInt = #line) {
        guard let ours = ours.flatMap(Double.init), let print = print.flatMap(Double.init) else {
            return XCTFail("\(citation): no figure (ours \(ours ?? "none"), printed \(print ?? "none"))", file: file, line: line)
        }
        XCTAssertEqual(Self.printed(ours, decimals: decimals), print, accuracy: 1e-9, "\(citation): ours \(ours)", file: file, line: line)
    }

    func testPipelineGivesTheReferenceFiguresFromThePublishedCounts() throws {
        let ours = try csvRecords(atPath: try runOutput() + "/comparisons.csv")
        let expected = try csvRecords(atPath: Self.folder.appendingPathComponent("expected.csv").path)
        XCTAssertEqual(ours.count, expected.count)
        XCTAssertEqual(expected.count, 2 * 6 * 3)   // 2 comparisons × (5 pairs + total) × 3 measures
        for want in expected {
            let key = "\(want["comparison"]!)/\(want["unit"]!)/\(want["measure"]!)"
            guard let got = ours.first(where: { $0["comparison"] == want["comparison"] && $0["unit"] == want["unit"] && $0["measure"] == want["measure"] })
            else { XCTFail("no row \(key)"); continue }
            for (column, value) in want where !["comparison", "unit", "measure"].contains(column) {
                if let w = Double(value), let g = got[column].flatMap(Double.init), !column.hasSuffix("_exits"), !column.hasSuffix("_count") {
                    XCTAssertEqual(g, w, accuracy: 1e-9 * max(1, abs(w)), "\(key) \(column)")
                } else {
                    XCTAssertEqual(got[column], value, "\(key) \(column)")
                }
            }
            XCTAssertEqual(got["se_method"], want["comparison"] == "kin" ? "baseline-counts" : "binomial", key)
        }
        // The reports' SE is one number per row, whatever the measure: 100·sqrt(1/177 + 1/135)
        // for Ski–Nittedal (their baseline exits, table 2-1), worked by hand.
        let ski = ours.filter { $0["comparison"] == "kin" && $0["unit"] == "1201" }
        XCTAssertEqual(Set(ski.map { $0["se_pp"]! }).count, 1)
        XCTAssertEqual(Double(ski[0]["se_pp"]!)!, 11.426777726696052, accuracy: 1e-12)
    }

    /// Table 2-1: the exits and the counts in each status, per office and period, 'I alt' pooled.
    func testCountsAreTable2_1() throws {
        let rows = try kinRows()
        for p in try published("table_2-1_counts.csv") {
            let unit = try unit(of: p["office"]!), prefix = "\(p["group"]!)_\(p["period"]!)_"
            let cite = "table 2-1, \(p["office"]!), \(p["period"]!)"
            for measure in ["work", "work_benefit", "work_total"] {
                let row = try XCTUnwrap(rows["\(unit)/\(measure)"], cite)
                XCTAssertEqual(row[prefix + "exits"], p["exits"], "\(cite), exits")
                XCTAssertEqual(row[prefix + "count"], p[measure], "\(cite), \(measure)")
            }
        }
    }

    /// Table 2-2: the shares in percent, one decimal.
    func testSharesAreTable2_2() throws {
        let rows = try kinRows()
        let shares = try published("table_2-2_shares.csv")
        XCTAssertEqual(shares.count, 24)
        for p in shares {
            let unit = try unit(of: p["office"]!)
            for measure in ["work", "work_benefit", "work_total"] {
                let row = try XCTUnwrap(rows["\(unit)/\(measure)"])
                assertPrinted(row["\(p["group"]!)_\(p["period"]!)_pct"], p["\(measure)_pct"],
                              "table 2-2, \(p["office"]!), \(p["period"]!), \(Self.label[measure]!)")
            }
        }
    }

    /// Table 2-3: the changes in percentage points, comparison − baseline.
    func testChangesAreTable2_3() throws {
        let rows = try kinRows()
        let changes = try published("table_2-3_changes.csv")
        XCTAssertEqual(changes.count, 12)
        for p in changes {
            let unit = try unit(of: p["office"]!)
            for measure in ["work", "work_benefit", "work_total"] {
                let row = try XCTUnwrap(rows["\(unit)/\(measure)"])
                assertPrinted(row["\(p["group"]!)_change_pp"], p["\(measure)_pp"], "table 2-3, \(p["office"]!), \(Self.label[measure]!)")
            }
        }
    }

    /// Table 2-4: DiD, its interval, z (two decimals) and the mark, with the one printed row
    /// that does not follow from its counts asserted against the counts.
    func testDifferenceInDifferencesIsTable2_4() throws {
        let rows = try kinRows()
        let did = try published("table_2-4_did.csv")
        XCTAssertEqual(did.count, 18)
        for p in did {
            let unit = try unit(of: p["treatment_office"]!), measure = p["measure"]!
            let row = try XCTUnwrap(rows["\(unit)/\(measure)"])
            let cite = "table 2-4, \(p["treatment_office"]!), \(Self.label[measure]!)"
            assertPrinted(row["did_pp"], p["did_pp"], cite + ", DiD")
            XCTAssertEqual(row["mark"], p["mark"], cite + ", mark")
            if p["treatment_office"] == "Åsane" && measure == "work" { continue }   // below
            assertPrinted(row["ci_low_pp"], p["ci_low_pp"], cite + ", interval low")
            assertPrinted(row["ci_high_pp"], p["ci_high_pp"], cite + ", interval high")
            assertPrinted(row["z"], p["z"], decimals: 2, cite + ", z")
        }
        // The report's error: table 2-4, Åsane, 'I arbeid' prints the interval −13.1 to 23.8 and
        // z 0.57, centred on about 5.35, while its own counts (45/439, 38/348, 18/152, 17/210,
        // table 2-1) give DiD 4.4 with −14.0 to 22.9 and z 0.47. We follow the counts.
        let asane = try XCTUnwrap(rows["1501/work"])
        let cite = "table 2-4, Åsane, I arbeid (the report's error: its interval and z do not follow from its counts)"
        assertPrinted(asane["ci_low_pp"], "-14.0", cite + ", interval low from the counts")
        assertPrinted(asane["ci_high_pp"], "22.9", cite + ", interval high from the counts")
        assertPrinted(asane["z"], "0.47", decimals: 2, cite + ", z from the counts")
        let print = try XCTUnwrap(did.first { $0["treatment_office"] == "Åsane" && $0["measure"] == "work" })
        XCTAssertNotEqual(Self.printed(Double(asane["z"]!)!, decimals: 2), Double(print["z"]!), cite + ": the print is 0.57")
    }

    /// The text: "Arbeid i alt" for all offices "9,3 prosentpoeng eller 39,0 prosent";
    /// 'I arbeid' "1,8 prosentpoeng eller 18,5 prosent" (DiD and DiD as a percentage of the
    /// trial offices' baseline share).
    func testRelativeEffectsAreTheText() throws {
        let rows = try kinRows()
        let total = try XCTUnwrap(rows["total/work_total"]), work = try XCTUnwrap(rows["total/work"])
        assertPrinted(total["did_pp"], "9.3", "text, Arbeid i alt, all offices, percentage points")
        assertPrinted(total["did_pct"], "39.0", "text, Arbeid i alt, all offices, per cent")
        assertPrinted(work["did_pp"], "1.8", "text, I arbeid, all offices, percentage points")
        assertPrinted(work["did_pct"], "18.5", "text, I arbeid, all offices, per cent")
    }

    /// The text, on those who combine work and benefit: on AAP 78 % (baseline) and 65 % (trial
    /// period) at the trial offices, 65 % and 70 % at the control offices (whole per cent); on
    /// disability benefit 1.4 % and 2.4 %, 1.1 % and 1.5 % — shares of all exits (status
    /// `disability`), since among 235 exits with work and benefit 1.4 % is no whole number.
    /// `make_extracts.py` gives the extracts these (the report does not say how they are
    /// spread over the offices); the pipeline must read them back.
    func testBenefitSharesAreTheText() throws {
        let output = try runOutput()
        let benefits = try csvRecords(atPath: output + "/comparison_benefits.csv")
        let status = try csvRecords(atPath: output + "/comparison_status.csv")
        for (group, period, aap, disability) in [("treatment", "baseline", "78", "1.4"), ("treatment", "comparison", "65", "2.4"),
                                                 ("control", "baseline", "65", "1.1"), ("control", "comparison", "70", "1.5")] {
            let cell = { (row: [String: String]) in row["comparison"] == "kin" && row["unit"] == "total" && row["group"] == group && row["period"] == period }
            let onAAP = try XCTUnwrap(benefits.first { cell($0) && $0["benefit"] == "AAP" })
            assertPrinted(onAAP["pct"], aap, decimals: 0, "text, \(group) offices, \(period), on AAP among work and benefit")
            let disabled = try XCTUnwrap(status.first { cell($0) && $0["outcome_detail"] == "disability" })
            assertPrinted(disabled["pct"], disability, "text, \(group) offices, \(period), on disability benefit")
        }
    }

    static let label = ["work": "I arbeid", "work_benefit": "Arbeid og ytelse", "work_total": "Arbeid i alt"]
}

/// `examples/kin.json`, the configuration of the README's recipe, parses and runs on the KIN
/// fixture extracts as it stands, and gives the published table 2-4 (its comparison is the
/// fixture's `kin`).
final class KINExampleTests: XCTestCase {
    func testTheExampleRunsAndGivesTheFixturesComparison() throws {
        let path = SampleDataFixtureTests.repository.appendingPathComponent("examples/kin.json").path
        var config = try Configuration.load(path: path)
        XCTAssertEqual(URL(fileURLWithPath: config.input.directory).standardized.path,
                       KINReplicationTests.folder.appendingPathComponent("extracts").standardized.path)
        XCTAssertEqual(config.comparisons.map(\.name), ["kin"])
        XCTAssertEqual(config.comparisons[0].marks.marks.count, 4)
        config.output.directory = temporaryDirectory() + "/out"
        config.report.formats = [.md]
        _ = try PipelineRun(config: config).run()
        let ours = try csvRecords(atPath: config.output.directory + "/comparisons.csv")
        let fixture = try csvRecords(atPath: try KINReplicationTests.run() + "/comparisons.csv").filter { $0["comparison"] == "kin" }
        XCTAssertEqual(ours, fixture)
        for name in ["comparison_benefits.csv", "comparison_measures.csv", "exit_durations.csv", "exit_cohorts_by_varighet.csv", "report.md"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: config.output.directory + "/" + name), name)
        }
    }
}
