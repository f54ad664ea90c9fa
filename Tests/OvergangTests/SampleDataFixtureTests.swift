import XCTest
@testable import Pipeline
import Episodes

/// The tables for `sample-data/` against values computed independently from the spec by
/// `Fixtures/reference/exit_cohorts.py` (standard-library Python; its output is committed
/// in `Fixtures/sample-expected/`, so this test needs no Python).
final class SampleDataFixtureTests: XCTestCase {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let expected = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/sample-expected")

    /// Rows keyed by every column but the numbers, so the comparison does not depend on row order.
    func keyed(_ text: String, keyColumns: Int) -> [String: [String]] {
        var out = [String: [String]]()
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            out[fields.prefix(keyColumns).joined(separator: ",")] = Array(fields.dropFirst(keyColumns))
        }
        return out
    }

    func testSampleDataTablesEqualTheIndependentReference() throws {
        try checkExitTables(exit: nil, against: Self.expected)
    }

    /// Measure exits (§1b) of `sample-data/` with a list of three codes against the same
    /// oracle run with `--kind measure --measures ARBTREN,VASV,INDOPPFAG`
    /// (`Fixtures/sample-expected-measure/`).
    func testSampleDataMeasureExitsEqualTheIndependentReference() throws {
        let expected = Self.expected.deletingLastPathComponent().appendingPathComponent("sample-expected-measure")
        try checkExitTables(exit: .measure(codes: ["ARBTREN", "VASV", "INDOPPFAG"]), against: expected)
    }

    /// Runs `pipeline.json` on `sample-data/` (with another exit kind if given) and compares
    /// the exit tables and the exit counts with the oracle's output in `expected`.
    func checkExitTables(exit kind: ExitRules.Kind?, against expected: URL,
                         file: StaticString = #filePath, line: UInt = #line) throws {
        let output = temporaryDirectory() + "/out"
        var config = try Configuration.load(path: Self.repository.appendingPathComponent("pipeline.json").path)
        config.output.directory = output
        if let kind { config.exit.kind = kind }
        let summary = try PipelineRun(config: config).run()

        let tables: [(String, Int)] = [
            ("exit_cohorts.csv", 3), ("exit_cohorts_detailed.csv", 3), ("exit_cohorts_by_enhet.csv", 4),
            ("exit_cohorts_by_fylke.csv", 4), ("exit_cohorts_by_kjonn.csv", 4), ("exit_cohorts_by_aldersgruppe.csv", 4),
            ("exit_cohorts_by_innsatsgruppe.csv", 4),
        ]
        for (name, keys) in tables {
            let ours = try String(contentsOfFile: "\(output)/\(name)", encoding: .utf8)
            let reference = try String(contentsOf: expected.appendingPathComponent(name), encoding: .utf8)
            XCTAssertEqual(ours.split(separator: "\n").first, reference.split(separator: "\n").first, "\(name) header", file: file, line: line)
            let a = keyed(ours, keyColumns: keys), b = keyed(reference, keyColumns: keys)
            XCTAssertEqual(a.count, b.count, "\(name) rows", file: file, line: line)
            XCTAssertFalse(a.isEmpty, name, file: file, line: line)
            for (key, theirs) in b {
                guard let mine = a[key] else { XCTFail("\(name): no row \(key)", file: file, line: line); continue }
                XCTAssertEqual(mine[0], theirs[0], "\(name) \(key) count", file: file, line: line)
                XCTAssertEqual(mine[1], theirs[1], "\(name) \(key) exits", file: file, line: line)
                // Shares: the same double (both print the shortest round-trip text).
                XCTAssertEqual(Double(mine[2]), Double(theirs[2]), "\(name) \(key) pct", file: file, line: line)
            }
        }
        // Exits and pending exits as the reference counts them.
        let refSummary = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: expected.appendingPathComponent("summary.json")))
        guard case .object(let s) = refSummary else { return XCTFail("summary.json", file: file, line: line) }
        XCTAssertEqual(s["exits"], JSONValue(summary.exitsTabulated), file: file, line: line)
        XCTAssertEqual(s["pending_decision"], JSONValue(summary.pendingDecision), file: file, line: line)
        XCTAssertEqual(s["pending_outcome"], JSONValue(summary.pendingOutcome), file: file, line: line)
        XCTAssertEqual(summary.rowsSetAside, 0, file: file, line: line)
    }
}

extension SampleDataFixtureTests {
    /// The survival tables of the run on `sample-data/` against R on the same spells
    /// (`Fixtures/survival/make_sample_fixture.sh`; R's extra `all` blocks are not compared).
    func testSampleDataSurvivalTablesEqualR() throws {
        let output = temporaryDirectory() + "/out"
        var config = try Configuration.load(path: Self.repository.appendingPathComponent("pipeline.json").path)
        config.output.directory = output
        _ = try PipelineRun(config: config).run()
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/survival/sample")
        func rows(_ text: String, keys: Int) -> (header: Substring, rows: [String: [String]]) {
            var out = [String: [String]]()
            let lines = text.split(separator: "\n")
            for line in lines.dropFirst() {
                let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                out[f.prefix(keys).joined(separator: ",")] = Array(f.dropFirst(keys))
            }
            return (lines[0], out)
        }
        var compared = 0
        for (table, keys) in [("lifetables.csv", 3), ("kaplan_meier.csv", 3), ("logrank.csv", 1), ("cumulative_incidence.csv", 3)] {
            let ours = rows(try String(contentsOfFile: "\(output)/\(table)", encoding: .utf8), keys: keys)
            var reference = [String: [String]]()
            for event in ["deregistered", "transferred", "job", "measure", "situational", "unit_end"] {
                let path = fixtures.appendingPathComponent("\(event)/\(table)").path
                guard FileManager.default.fileExists(atPath: path) else { continue }
                let r = rows(try String(contentsOfFile: path, encoding: .utf8), keys: keys)
                XCTAssertEqual(r.header, ours.header, table)
                for (k, v) in r.rows where !k.contains(",all,") { reference[k] = v }
            }
            XCTAssertEqual(Set(ours.rows.keys), Set(reference.keys), table)
            for (key, theirs) in reference {
                guard let mine = ours.rows[key] else { continue }
                for (x, y) in zip(mine, theirs) {
                    compared += 1
                    if x.isEmpty || y.isEmpty { XCTAssertEqual(x, y, "\(table) \(key)"); continue }
                    XCTAssertEqual(Double(x)!, Double(y)!, accuracy: max(1e-12, abs(Double(y)!) * 1e-10), "\(table) \(key)")
                }
            }
        }
        XCTAssertGreaterThan(compared, 2000)
    }
}

extension SampleDataFixtureTests {
    /// The Cox models of the run on `sample-data/` against R's coxph on the same spells
    /// (`Fixtures/cox/sample/`, exported by `FixtureExport`, fitted by `cox_fixture.R`).
    func testSampleDataCoxModelsEqualR() throws {
        let output = temporaryDirectory() + "/out"
        var config = try Configuration.load(path: Self.repository.appendingPathComponent("pipeline.json").path)
        config.output.directory = output
        let summary = try PipelineRun(config: config).run()
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/cox/sample")
        func rows(_ path: String) throws -> [[String: String]] {
            let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
                .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(lines[0], $0)) }
        }
        let ours = try rows("\(output)/cox.csv")
        for event in ["deregistered", "transferred", "job"] {
            let reference = try rows(folder.appendingPathComponent("\(event)_efron/cox.csv").path)
            let mine = ours.filter { $0["event"] == event }
            XCTAssertEqual(mine.map { $0["term"]! }, reference.map { $0["term"]! }, event)
            for (m, r) in zip(mine, reference) {
                XCTAssertEqual(m["flag"], "", "\(event) \(m["term"]!)")
                for column in ["coef", "se", "p", "hr_low", "hr_high"] {
                    let a = Double(m[column]!)!, b = Double(r[column]!)!
                    XCTAssertEqual(a, b, accuracy: max(1e-10, abs(b) * 1e-6), "\(event) \(m["term"]!) \(column)")
                }
            }
        }
        // R warns that laid_off's coefficient may be infinite for measure and situational;
        // here it is flagged, with no numbers, and the run warns.
        for event in ["measure", "situational"] {
            let notes = try String(contentsOf: folder.appendingPathComponent("\(event)_efron/notes.txt"), encoding: .utf8)
            XCTAssertTrue(notes.contains("before variable  10 ; coefficient may be infinite"), event)
            let laidOff = ours.first { $0["event"] == event && $0["term"] == "laid_off" }!
            XCTAssertEqual(laidOff["flag"], "diverged")
            XCTAssertEqual(laidOff["coef"], "")
            XCTAssertTrue(summary.warnings.contains { $0.contains("cox \(event): the estimate of laid_off runs off to infinity") })
        }
        XCTAssertTrue(summary.warnings.contains("cox transferred: term comparison_period left out (no variation)"))
    }
}
