import XCTest
@testable import Extracts
@testable import Pipeline

/// The run as a whole: outputs appear only when everything succeeded; every fatal input
/// error leaves the earlier outputs exactly as they were.
final class PipelineRunTests: XCTestCase {
    func smallSet() -> ExtractSetBuilder { smallExtractSet() }

    func configuration(input: String, output: String) -> Configuration {
        var c = Configuration()
        c.input.directory = input
        c.output.directory = output
        return c
    }

    /// Every file of a folder and its bytes.
    func snapshot(_ dir: String) -> [String: Data] {
        var out = [String: Data]()
        for name in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] {
            out[name] = FileManager.default.contents(atPath: "\(dir)/\(name)")
        }
        return out
    }

    func testRunWritesTablesManifestAndQuarantine() throws {
        let input = try smallSet().write()
        let output = temporaryDirectory() + "/out"
        let summary = try PipelineRun(config: configuration(input: input, output: output)).run()
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: output))
        XCTAssertEqual(names, ["exit_cohorts.csv", "exit_cohorts_detailed.csv", "exit_cohorts_by_enhet.csv",
                               "exit_cohorts_by_fylke.csv", "exit_cohorts_by_kjonn.csv", "exit_cohorts_by_aldersgruppe.csv",
                               "exit_cohorts_by_innsatsgruppe.csv", "exit_durations.csv", "lifetables.csv", "kaplan_meier.csv", "logrank.csv",
                               "cumulative_incidence.csv", "survival_spells.csv", "cox.csv", "cox_fit.csv",
                               "survival_entries.csv", "survival_profile.csv", "survival_quantiles.csv", "cox_tests.csv", "cox_vcov.csv",
                               "stocks_by_enhet.csv", "quarantine.csv", "manifest.json", "report.xlsx", "report.html", "report.md"])
        XCTAssertEqual(summary.rowsNotInArena, 1)
        let mode = try FileManager.default.attributesOfItem(atPath: "\(output)/quarantine.csv")[.posixPermissions] as! Int
        XCTAssertEqual(mode & 0o777, 0o600)
        let manifest = try JSONDecoder().decode(JSONValue.self, from: FileManager.default.contents(atPath: "\(output)/manifest.json")!)
        guard case .object(let m) = manifest, case .array(let inputs)? = m["inputs"], case .object(let first)? = inputs.first,
              case .string(let sha)? = first["sha256"] else { return XCTFail("manifest shape") }
        XCTAssertEqual(inputs.count, 24)
        XCTAssertEqual(sha.count, 64)
        // Nothing that looks like a person key in any output but the quarantine.
        var texts = snapshot(output).filter { $0.key != "quarantine.csv" && $0.key != "report.xlsx" }.mapValues { String(decoding: $0, as: UTF8.self) }
        // The workbook is compressed: its parts are read as text.
        for (part, xml) in try XlsxWriterTests.Workbook(Data(contentsOf: URL(fileURLWithPath: output + "/report.xlsx"))).parts {
            texts["report.xlsx/" + part] = xml.all("t").map(\.text).joined(separator: "\n") + xml.all("v").map(\.text).joined(separator: "\n")
        }
        for (name, text) in texts {
            XCTAssertFalse(text.contains("NOT_IN_ARENA"), name)
            XCTAssertNil(text.range(of: #"\bP[0-9]+\b"#, options: .regularExpression), name)
        }
        // A second run keeps the first result as <output>.previous.
        _ = try PipelineRun(config: configuration(input: input, output: output)).run()
        XCTAssertEqual(snapshot(output + ".previous").keys.sorted(), snapshot(output).keys.sorted())
    }

    /// Runs once to get outputs, breaks the input with `damage`, and checks that the second
    /// run fails with the expected message and leaves the outputs and no staging folder.
    func assertFailureKeepsOutputs(_ damage: (String) throws -> Void, message: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let input = try smallSet().write()
        let root = temporaryDirectory()
        let output = root + "/out"
        _ = try PipelineRun(config: configuration(input: input, output: output)).run()
        let before = snapshot(output)
        try damage(input)
        XCTAssertThrowsError(try PipelineRun(config: configuration(input: input, output: output)).run(), file: file, line: line) { error in
            XCTAssertTrue(error is ExtractError, "\(error)", file: file, line: line)
            XCTAssertTrue("\(error)".contains(message), "'\(error)' lacks '\(message)'", file: file, line: line)
        }
        XCTAssertEqual(snapshot(output), before, file: file, line: line)
        // No staging folder left behind (a kept quarantine of a failed run may stand beside the output).
        let left = try FileManager.default.contentsOfDirectory(atPath: root)
            .filter { !$0.hasSuffix(".rejected-quarantine.csv") && !$0.hasSuffix(".lock") && !$0.hasSuffix(".cache") }
        XCTAssertEqual(left, ["out"], file: file, line: line)
    }

    func testTruncatedGzipLeavesOutputs() throws {
        try assertFailureKeepsOutputs({ input in
            let path = "\(input)/aa_202204.csv.gz"
            let data = FileManager.default.contents(atPath: path)!
            try data.prefix(data.count - 6).write(to: URL(fileURLWithPath: path))
        }, message: "aa_202204.csv.gz: at byte ")   // then the offset where the data ends
    }

    func testNotGzipLeavesOutputs() throws {
        try assertFailureKeepsOutputs({ input in
            try "person_id;ytelse;grad\n".write(toFile: "\(input)/ytelse_202203.csv.gz", atomically: true, encoding: .utf8)
        }, message: "ytelse_202203.csv.gz: at byte 0: not valid gzip")
    }

    func testMissingColumnLeavesOutputs() throws {
        try assertFailureKeepsOutputs({ input in
            try ExtractSetBuilder.writeGzip("\(input)/ytelse_202203.csv.gz", "person_id;ytelse\nP1;DAGP\n")
        }, message: "ytelse_202203.csv.gz: line 1: the header lacks the required column 'grad'")
    }

    func testMissingKindInsideTheRangeLeavesOutputs() throws {
        try assertFailureKeepsOutputs({ input in
            try FileManager.default.removeItem(atPath: "\(input)/aa_202205.csv.gz")
        }, message: "aa_202205.csv.gz: missing — 2022-05 lies inside the analysed range but has no aa extract")
    }

    func testTooManySetAsideLeavesOutputs() throws {
        try assertFailureKeepsOutputs({ input in
            let rows = [ExtractSetBuilder.arenaHeader, "P1;ARBS;IKVAL;0301;03;;35;K;V;N;N", "P2;XXXX;IKVAL;0301;03;;35;K;V;N;N"]
            try ExtractSetBuilder.writeGzip("\(input)/arena_202203.csv.gz", rows.joined(separator: "\n"))
        }, message: "arena_202203.csv.gz: 1 of 2 rows set aside")
    }

    func testRowsSetAsideInAFailedRunAreKeptForTheOwner() throws {
        let input = try smallSet().write()
        let rows = [ExtractSetBuilder.arenaHeader, "P1;ARBS;IKVAL;0301;03;;35;K;V;N;N", "P2;XXXX;IKVAL;0301;03;;35;K;V;N;N"]
        try ExtractSetBuilder.writeGzip("\(input)/arena_202203.csv.gz", rows.joined(separator: "\n"))
        let output = temporaryDirectory() + "/out"
        XCTAssertThrowsError(try PipelineRun(config: configuration(input: input, output: output)).run()) { error in
            XCTAssertTrue("\(error)".hasSuffix("the rows set aside are in \(output).rejected-quarantine.csv"), "\(error)")
        }
        let kept = try String(contentsOfFile: output + ".rejected-quarantine.csv", encoding: .utf8)
        XCTAssertTrue(kept.contains("arena_202203.csv.gz,3,hovedstatus: unknown code 'XXXX'"), kept)
        let mode = try FileManager.default.attributesOfItem(atPath: output + ".rejected-quarantine.csv")[.posixPermissions] as! Int
        XCTAssertEqual(mode & 0o777, 0o600)
    }

    func testStagingFoldersOfDeadRunsAreRemoved() throws {
        let input = try smallSet().write()
        let root = temporaryDirectory()
        // A staging folder left by a run that was killed (pid 999999 does not exist).
        try FileManager.default.createDirectory(atPath: root + "/out.tmp-999999/quarantine-parts", withIntermediateDirectories: true)
        _ = try PipelineRun(config: configuration(input: input, output: root + "/out")).run()
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root).sorted(), ["out", "out.cache", "out.lock"])
    }

    func testNedsLookBackReadsMonthsBeforeTheRange() throws {
        var b = ExtractSetBuilder(from: "2022-01", to: "2022-06")
        b.register("Q", 0, status: "NEDS")
        b.register("Q", 1)   // ARBS in 2022-02, gone in 03 and 04: an exit, NEDS by the look-back
        let input = try b.write()
        var config = configuration(input: input, output: temporaryDirectory() + "/out")
        config.input.from = Month("2022-02")
        let summary = try PipelineRun(config: config).run()
        XCTAssertEqual(summary.months.description, "2022-02..2022-06")
        let table = try String(contentsOfFile: config.output.directory + "/exit_cohorts.csv", encoding: .utf8)
        XCTAssertTrue(table.contains("2022-02,NEDS,other,1,1,100.0"), table)
        XCTAssertFalse(table.contains("2022-01"), table)
    }

    /// A comparison period that starts in the look-back months (read as context, before
    /// `input.from`) is warned about: the exits of those months are not counted.
    func testComparisonPeriodInTheLookBackMonthsIsWarnedAbout() throws {
        let input = try smallSet().write()
        var config = configuration(input: input, output: temporaryDirectory() + "/out")
        config.input.from = Month("2022-03")
        config.comparisons = try Configuration.parse(json: """
            {"comparisons": [{"name": "c", "baseline": {"from": "2022-01", "to": "2022-03"}, "comparison": {"from": "2022-04", "to": "2022-05"}}]}
            """).comparisons
        let summary = try PipelineRun(config: config).run()
        XCTAssertTrue(summary.warnings.contains { $0.hasPrefix("comparison \"c\": period 2022-01..2022-03 starts before the analysed months (2022-03)") },
                      "\(summary.warnings)")
        XCTAssertFalse(summary.warnings.contains { $0.contains("period 2022-04..2022-05 starts before") })
    }

    func testSetAsideRowsWithinTheLimitAreCountedAndWritten() throws {
        let input = try smallSet().write()
        let rows = [ExtractSetBuilder.arenaHeader, "P1;ARBS;IKVAL;0301;03;;35;K;V;N;N", "P2;XXXX;IKVAL;0301;03;;35;K;V;N;N"]
        try ExtractSetBuilder.writeGzip("\(input)/arena_202203.csv.gz", rows.joined(separator: "\n"))
        var config = configuration(input: input, output: temporaryDirectory() + "/out")
        config.input.maxRejectedShare = 0.5
        let summary = try PipelineRun(config: config).run()
        XCTAssertEqual(summary.rowsSetAside, 1)
        let q = try String(contentsOfFile: config.output.directory + "/quarantine.csv", encoding: .utf8)
        XCTAssertEqual(q, "file,line,reason,row\narena_202203.csv.gz,3,hovedstatus: unknown code 'XXXX',\"P2;XXXX;IKVAL;0301;03;;35;K;V;N;N\"\n")
    }

    func testInputRangeLimitsTheMonthsRead() throws {
        let input = try smallSet().write()
        try FileManager.default.removeItem(atPath: "\(input)/aa_202201.csv.gz")   // outside the range: no error
        var config = configuration(input: input, output: temporaryDirectory() + "/out")
        config.input.from = Month("2022-02")
        let summary = try PipelineRun(config: config).run()
        XCTAssertEqual(summary.months.description, "2022-02..2022-08")
        // 7 months × 3 kinds, and the arena file of 2022-01 for the NEDS look-back.
        XCTAssertEqual(summary.files.count, 22)
    }
}
