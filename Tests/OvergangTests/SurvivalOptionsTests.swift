import XCTest
@testable import Extracts
@testable import Pipeline

/// The survival options of definitions.md §5: `survival.covariates` (an extra Cox term taken
/// at the entry month, spells without a value left out and counted, bad files refused before
/// ingest), `survival.pooled` (period `all` in every survival table, Cox without the period
/// term) and `survival.ties`. The Cox models are compared with R's coxph on the same spells,
/// joined to the covariate by R itself (`Fixtures/cox/make_options_fixture.sh`).
final class SurvivalOptionsTests: XCTestCase {
    func rows(_ path: String) throws -> [[String: String]] { try csvRecords(atPath: path) }

    func manifest(_ output: String) throws -> [String: JSONValue] {
        guard case .object(let m) = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: URL(fileURLWithPath: output + "/manifest.json")))
        else { throw ConfigurationError("manifest.json") }
        return m
    }

    func testCoxWithCovariateAndPooledWindowEqualR() throws {
        let folder = CoxOptionsFixture.folder.path
        for ties in ["breslow", "efron"] {
            var config = try CoxOptionsFixture.config(ties: ties)
            let output = temporaryDirectory() + "/out"
            config.output.directory = output
            let summary = try PipelineRun(config: config).run()
            let ours = try rows(output + "/cox.csv"), fits = try rows(output + "/cox_fit.csv")
            guard case .object(let survival)? = try manifest(output)["survival"],
                  case .object(let cox)? = survival["cox"], case .object(let coxPooled)? = survival["coxPooled"] else {
                return XCTFail("manifest survival.cox / coxPooled")
            }
            var compared = 0
            for event in ["deregistered", "transferred", "job", "measure", "situational"] {
                for (model, period, counts) in [("periods", "baseline+comparison", cox), ("pooled", "all", coxPooled)] {
                    let label = "\(ties) \(event) \(model)"
                    // As many spells left out for want of a value as R's own join leaves out.
                    let leftOut = try String(contentsOfFile: "\(folder)/\(event)_\(model)_left_out.txt", encoding: .utf8)
                    guard case .object(let c)? = counts[event] else { XCTFail("\(label): manifest"); continue }
                    XCTAssertEqual(c["spellsWithoutCovariate"], .number(Double(leftOut.trimmingCharacters(in: .whitespacesAndNewlines))!), label)
                    XCTAssertTrue(summary.warnings.contains { $0.hasPrefix("cox \(event)\(model == "pooled" ? " (all)" : ""): \(leftOut.trimmingCharacters(in: .whitespacesAndNewlines)) spells left out") }, label)
                    let mine = ours.filter { $0["event"] == event && $0["period"] == period }
                    let reference = "\(folder)/\(event)_\(model)_\(ties)"
                    if FileManager.default.fileExists(atPath: reference + "/notes.txt") {
                        // R warns that a coefficient may be infinite: here it is flagged.
                        XCTAssertTrue(mine.contains { $0["flag"] == "diverged" }, label)
                        continue
                    }
                    let theirs = try rows(reference + "/cox.csv")
                    XCTAssertEqual(mine.map { $0["term"]! }, theirs.map { $0["term"]! }, label)
                    XCTAssertEqual(mine.last?["term"], "vacancies", label)
                    XCTAssertEqual(mine.contains { $0["term"] == "comparison_period" }, model == "periods" && event != "transferred", label)
                    for (m, r) in zip(mine, theirs) {
                        XCTAssertEqual(m["flag"], "", "\(label) \(m["term"]!)")
                        for column in ["coef", "se", "p", "hr", "hr_low", "hr_high"] {
                            let a = Double(m[column]!)!, b = Double(r[column]!)!
                            XCTAssertEqual(a, b, accuracy: max(1e-10, abs(b) * 1e-6), "\(label) \(m["term"]!) \(column)")
                            compared += 1
                        }
                    }
                    let fit = try rows(reference + "/fit.csv")[0]
                    let myFit = fits.first { $0["event"] == event && $0["period"] == period }!
                    XCTAssertEqual(myFit["n"], fit["n"], label)
                    XCTAssertEqual(myFit["events"], fit["events"], label)
                    XCTAssertEqual(Double(myFit["loglik"]!)!, Double(fit["loglik"]!)!, accuracy: abs(Double(fit["loglik"]!)!) * 1e-9, label)
                }
            }
            XCTAssertGreaterThan(compared, 300, ties)
        }
    }

    /// Pooled over exactly the two periods' months: the `all` spells are their union, and
    /// the life table, Kaplan-Meier curve and incidence of `all` are there; log-rank stays
    /// baseline against comparison.
    func testPooledWindowIsThePeriodsSpellsTogether() throws {
        var config = try Configuration.load(path: SampleDataFixtureTests.repository.appendingPathComponent("pipeline.json").path)
        // The unit has entries from 2022 on (so that the incidence has all three periods).
        config.survival.baseline = MonthRange("2022-09..2023-02")!
        config.survival.comparison = MonthRange("2023-03..2023-08")!
        config.survival.pooled = [PooledWindow(name: "all", range: MonthRange("2022-09..2023-08")!)]
        config.comparisons = []
        config.report.formats = []
        let output = temporaryDirectory() + "/out"
        config.output.directory = output
        _ = try PipelineRun(config: config).run()
        var sums = [String: [String: Int]]()   // event,time,end → period → count
        for r in try rows(output + "/survival_spells.csv") {
            sums["\(r["event"]!),\(r["time"]!),\(r["end"]!)", default: [:]][r["period"]!, default: 0] += Int(r["count"]!)!
        }
        XCTAssertGreaterThan(sums.count, 50)
        for (key, byPeriod) in sums {
            XCTAssertEqual(byPeriod["all"] ?? 0, (byPeriod["baseline"] ?? 0) + (byPeriod["comparison"] ?? 0), key)
        }
        for table in ["lifetables.csv", "kaplan_meier.csv"] {
            let periods = Set(try rows("\(output)/\(table)").map { $0["period"]! })
            XCTAssertEqual(periods, ["baseline", "comparison", "all"], table)
        }
        XCTAssertEqual(Set(try rows(output + "/cumulative_incidence.csv").map { $0["period"]! }), ["baseline", "comparison", "all"])
        XCTAssertEqual(try rows(output + "/logrank.csv").count, config.survival.events.count)
        let cox = try rows(output + "/cox.csv")
        XCTAssertFalse(cox.contains { $0["period"] == "all" && $0["term"] == "comparison_period" })
        XCTAssertTrue(cox.contains { $0["period"] == "all" && $0["term"] == "age" })
        XCTAssertTrue(cox.contains { $0["period"] == "baseline+comparison" && $0["term"] == "comparison_period" })
    }

    /// Every kind of bad covariate file, and a pooled window outside the data, stops the run
    /// before any extract is read (exit code 64), naming the file and line, and publishes nothing.
    func testBadCovariateFilesAndPooledWindowAreConfigurationErrors() throws {
        let dir = temporaryDirectory()
        let cases: [(content: String?, message: String)] = [
            (nil, "values.csv: survival.covariates.vacancies: cannot read the file"),
            ("month;value\n2021-03;1\n", "values.csv: line 1: survival.covariates.vacancies: expected the header 'month,value'"),
            ("month,value\n2021-03,1\n2021-4,2\n", "values.csv: line 3: survival.covariates.vacancies: expected a month YYYY-MM, found '2021-4'"),
            ("month,value\n2021-03,1\n2021-04,x\n", "values.csv: line 3: survival.covariates.vacancies: expected a finite number, found 'x'"),
            ("month,value\n2021-03,inf\n", "values.csv: line 2: survival.covariates.vacancies: expected a finite number, found 'inf'"),
            ("month,value\n2021-03,1\n2021-03,2\n", "values.csv: line 3: survival.covariates.vacancies: month 2021-03 appears twice (first on line 2)"),
            ("month,value\n2021-03,1,2\n", "values.csv: line 2: survival.covariates.vacancies: expected 2 fields"),
            ("month,value\n2021-03,1\n2021-04,1\n2021-06,2\n", "values.csv: between line 3 (2021-04) and line 4 (2021-06): survival.covariates.vacancies: no row for 2021-05"),
        ]
        for (content, message) in cases {
            let path = dir + "/values.csv"
            try? FileManager.default.removeItem(atPath: path)
            if let content { try content.write(toFile: path, atomically: true, encoding: .utf8) }
            var config = try Configuration.load(path: SampleDataFixtureTests.repository.appendingPathComponent("pipeline.json").path)
            config.survival.covariates = ["vacancies": path]
            config.output.directory = dir + "/out"
            XCTAssertThrowsError(try PipelineRun(config: config).run(), message) { error in
                XCTAssertTrue(error is ConfigurationError, "\(error)")
                XCTAssertTrue("\(error)".contains(message), "\(error)")
            }
            XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/out"), message)
        }
        // Months outside the survival periods may be missing (before, after or between them).
        try "month,value\n2021-03,1\n2021-04,2\n2021-05,3\n2021-06,4\n2021-07,5\n2021-08,6\n2021-09,7\n2021-10,8\n2021-11,9\n2023-01,1\n"
            .write(toFile: dir + "/values.csv", atomically: true, encoding: .utf8)
        var config = try Configuration.load(path: SampleDataFixtureTests.repository.appendingPathComponent("pipeline.json").path)
        config.survival.covariates = ["vacancies": dir + "/values.csv"]
        XCTAssertNoThrow(try SurvivalStage.prepare(config, months: MonthRange("2020-11..2024-02")!))
        // The pooled window must lie inside the data.
        config.survival.covariates = [:]
        config.survival.pooled = [PooledWindow(name: "all", range: MonthRange("2019-01..2021-06")!)]
        config.output.directory = dir + "/out"
        XCTAssertThrowsError(try PipelineRun(config: config).run()) { error in
            XCTAssertTrue(error is ConfigurationError, "\(error)")
            XCTAssertTrue("\(error)".contains("survival.pooled: 2019-01..2021-06 reaches outside the analysed months 2020-11..2024-02"), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/out"))
    }

    func testCovariateKeysAreCheckedAndPathsResolvedAgainstTheConfigurationFolder() throws {
        for (json, message) in [
            (#"{"survival": {"covariates": {"age": "a.csv"}}}"#, "survival.covariates.age: age is already a Cox term"),
            (#"{"survival": {"covariates": {"vacancies (k)": "a.csv"}}}"#, "a term name is letters, digits and _ only"),
            (#"{"survival": {"covariates": {"vacancies": 3}}}"#, "survival.covariates.vacancies: expected a string"),
            (#"{"survival": {"covariates": {"vacancies": ""}}}"#, "survival.covariates.vacancies: expected the path"),
            (#"{"survival": {"pooled": {"from": "2022-05", "to": "2022-01"}}}"#, "survival.pooled: from 2022-05 is after to 2022-01"),
        ] {
            XCTAssertThrowsError(try Configuration.parse(json: json)) { XCTAssertTrue("\($0)".contains(message), "\($0)") }
        }
        let dir = temporaryDirectory()
        try #"{"survival": {"covariates": {"vacancies": "series/vacancies.csv"}, "pooled": {"from": "2021-03", "to": "2023-11"}}}"#
            .write(toFile: dir + "/pipeline.json", atomically: true, encoding: .utf8)
        let config = try Configuration.load(path: dir + "/pipeline.json")
        XCTAssertEqual(config.survival.covariates["vacancies"], dir + "/series/vacancies.csv")
        XCTAssertEqual(config.survival.pooled, [PooledWindow(name: "all", range: MonthRange("2021-03..2023-11")!)])
    }
}
