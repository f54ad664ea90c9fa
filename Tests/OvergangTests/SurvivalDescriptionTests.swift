import XCTest
@testable import Pipeline
import Episodes
import Extracts
import Statistics

/// The outputs of definitions.md §7a on `sample-data/` with `pipeline.json`: entries by route
/// and the profile against the independent Python script (`Fixtures/reference/
/// survival_entries.py`, output in `Fixtures/sample-expected/`), the quantiles against R's
/// `quantile(survfit(...))` and the Cox joint tests and covariances against R's `vcov(coxph)`
/// on the same spells (`Fixtures/survival/sample/`, `Fixtures/cox/sample/`).
final class SurvivalDescriptionTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    func runSample(_ change: (inout Configuration) -> Void = { _ in }) throws -> String {
        let output = temporaryDirectory() + "/out"
        var config = try Configuration.load(path: SampleDataFixtureTests.repository.appendingPathComponent("pipeline.json").path)
        config.output.directory = output
        change(&config)
        _ = try PipelineRun(config: config).run()
        return output
    }

    func rows(_ path: String) throws -> [[String: String]] {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(lines[0], $0)) }
    }

    func testSampleDataEstimatesEqualPythonAndR() throws {
        let output = try runSample()
        for name in ["survival_entries.csv", "survival_profile.csv"] {
            let ours = try String(contentsOfFile: "\(output)/\(name)", encoding: .utf8)
            let reference = try String(contentsOf: Self.fixtures.appendingPathComponent("sample-expected/\(name)"), encoding: .utf8)
            XCTAssertEqual(ours, reference, name)
        }
        let quantiles = try rows("\(output)/survival_quantiles.csv")
        var compared = 0
        for event in SpellEvent.allCases.map(\.rawValue) {
            let reference = try rows(Self.fixtures.appendingPathComponent("survival/sample/\(event)/quantiles.csv").path).filter { $0["period"] != "all" }
            let mine = quantiles.filter { $0["event"] == event }
            XCTAssertEqual(mine.map { "\($0["period"]!) \($0["quantile"]!)" }, reference.map { "\($0["period"]!) \($0["quantile"]!)" }, event)
            for (m, r) in zip(mine, reference) {
                for column in ["months", "ci_low", "ci_high"] {
                    XCTAssertEqual(m[column].flatMap { Double($0) }, r[column].flatMap { Double($0) }, "\(event) \(r["period"]!) \(r["quantile"]!) \(column)")
                    compared += 1
                }
            }
        }
        XCTAssertGreaterThan(compared, 50)
        try compareCox(output)
    }

    /// Joint tests and covariances of the run's models against R (events without a diverged term).
    func compareCox(_ output: String) throws {
        let tests = try rows("\(output)/cox_tests.csv"), vcov = try rows("\(output)/cox_vcov.csv")
        for event in ["deregistered", "transferred", "job"] {
            let folder = Self.fixtures.appendingPathComponent("cox/sample/\(event)_efron")
            let reference = try rows(folder.appendingPathComponent("tests.csv").path)
            let mine = tests.filter { $0["event"] == event && $0["period"] == "baseline+comparison" }
            XCTAssertEqual(mine.map { $0["factor"]! }, reference.map { $0["factor"]! }, event)
            for (m, r) in zip(mine, reference) {
                XCTAssertEqual(m["df"], r["df"])
                for column in ["chisq", "p"] {
                    let a = Double(m[column]!)!, b = Double(r[column]!)!
                    XCTAssertEqual(a, b, accuracy: abs(b) * 1e-6, "\(event) \(r["factor"]!) \(column)")
                }
            }
            let cells = try rows(folder.appendingPathComponent("vcov.csv").path)
            let ours = Dictionary(uniqueKeysWithValues: vcov.filter { $0["event"] == event }.map { ("\($0["row_term"]!) \($0["col_term"]!)", Double($0["covariance"]!)!) })
            XCTAssertEqual(ours.count, cells.count, event)
            for r in cells {
                let b = Double(r["covariance"]!)!
                XCTAssertEqual(ours["\(r["row_term"]!) \(r["col_term"]!)"] ?? .nan, b, accuracy: abs(b) * 1e-6, "\(event) vcov")
            }
        }
    }

    /// Named pooled windows are periods of their own: a window equal to the baseline has the
    /// baseline's entries and profile, and its own Cox model without the period term.
    func testNamedPooledWindows() throws {
        let output = try runSample { config in
            config.survival.pooled = [PooledWindow(name: "early", range: config.survival.baseline),
                                      PooledWindow(name: "both", range: MonthRange(from: config.survival.baseline.from, to: config.survival.comparison.to))]
        }
        let entries = try rows("\(output)/survival_entries.csv")
        func strip(_ period: String) -> [[String: String]] { entries.filter { $0["period"] == period }.map { $0.filter { $0.key != "period" } } }
        XCTAssertEqual(strip("early"), strip("baseline"))
        XCTAssertFalse(strip("both").isEmpty)
        let cox = try rows("\(output)/cox.csv")
        XCTAssertEqual(Set(cox.map { $0["period"]! }), ["baseline+comparison", "early", "both"])
        XCTAssertFalse(cox.contains { $0["period"] == "early" && $0["term"] == "comparison_period" })
        let manifest = try String(contentsOfFile: "\(output)/manifest.json", encoding: .utf8)
        XCTAssertTrue(manifest.contains("\"coxWindows\""), "manifest names the windows' models")
    }

    func testPooledAsListOrSingleObject() throws {
        let dir = temporaryDirectory()
        let single = #"{"survival": {"pooled": {"from": "2021-03", "to": "2023-11"}}}"#
        let list = #"{"survival": {"pooled": [{"name": "a", "from": "2021-03", "to": "2021-11"}, {"name": "b", "from": "2023-03", "to": "2023-11"}]}}"#
        try single.write(toFile: "\(dir)/s.json", atomically: true, encoding: .utf8)
        try list.write(toFile: "\(dir)/l.json", atomically: true, encoding: .utf8)
        XCTAssertEqual(try Configuration.load(path: "\(dir)/s.json").survival.pooled.map(\.name), ["all"])
        XCTAssertEqual(try Configuration.load(path: "\(dir)/l.json").survival.pooled.map(\.name), ["a", "b"])
        for bad in [#"[{"name": "a", "from": "2021-03", "to": "2021-11"}, {"name": "a", "from": "2023-03", "to": "2023-11"}]"#,
                    #"[{"name": "baseline", "from": "2021-03", "to": "2021-11"}]"#, #"[{"from": "2021-03", "to": "2021-11"}]"#, "3"] {
            try #"{"survival": {"pooled": \#(bad)}}"#.write(toFile: "\(dir)/b.json", atomically: true, encoding: .utf8)
            XCTAssertThrowsError(try Configuration.load(path: "\(dir)/b.json"), bad)
        }
    }
}

extension SurvivalDescriptionTests {
    /// `survival.spellCovariates`: the spells file refit by `overgang cox` (RunSpells) gives
    /// the run's own cox.csv, and holds the very spells R's coxph fitted for
    /// `Fixtures/cox/sample/` (whose fit SampleDataFixtureTests checks against the run).
    func testSpellsWithCovariatesRefitToTheRunsModels() throws {
        let output = try runSample { $0.survival.spellCovariates = true }
        let spells = try XCTUnwrap(try RunSpells.read(path: "\(output)/survival_spells.csv"))
        XCTAssertEqual(spells.covariateNames, ["male", "age", "edu_V", "edu_H4", "edu_H5", "edu_unknown", "immigrant_J",
                                               "immigrant_unknown", "laid_off"])
        let cox = try rows("\(output)/cox.csv").filter { $0["period"] == "baseline+comparison" }
        for (event, data) in spells.coxData {
            let model = CoxModel(data, ties: .efron)
            let theirs = cox.filter { $0["event"] == event }
            XCTAssertEqual(model.terms.map(\.name), theirs.map { $0["term"]! }, event)
            for (term, row) in zip(model.terms, theirs) where row["flag"] == "" {
                XCTAssertEqual(term.coefficient, Double(row["coef"]!)!, accuracy: 1e-9, "\(event) \(term.name)")
                XCTAssertEqual(term.standardError, Double(row["se"]!)!, accuracy: 1e-9, "\(event) \(term.name)")
            }
            // R's input for the same event: the same spells, row for row once aggregated.
            let rInput = try rows(Self.fixtures.appendingPathComponent("cox/sample/\(event).csv").path)
            var expected = [String: Int](), ours = [String: Int]()
            let names = data.names
            for r in rInput { expected[(["time", "event"] + names).map { r[$0]! }.joined(separator: ","), default: 0] += Int(r["count"]!)! }
            for i in 0..<data.count {
                let x = data.values[(i * names.count)..<((i + 1) * names.count)].map { String(Int($0)) }
                ours[([String(Int(data.times[i])), data.events[i] ? "1" : "0"] + x).joined(separator: ","), default: 0] += Int(data.counts[i])
            }
            XCTAssertEqual(ours, expected, event)
        }
    }
}
