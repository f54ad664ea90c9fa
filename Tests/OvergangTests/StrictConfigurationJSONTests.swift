import Foundation
import XCTest
@testable import Pipeline

/// pipeline.json is read by a strict reader of our own: what Foundation's decoder accepts
/// silently (a key twice, 1e999) or reports without a place (a trailing comma) is refused
/// in one line naming the line, column and key path.
final class StrictConfigurationJSONTests: XCTestCase {
    func message(_ json: String) -> String {
        do {
            _ = try Configuration.parse(json: json)
            return "accepted"
        } catch {
            XCTAssertTrue(error is ConfigurationError, "\(error)")
            return "\(error)"
        }
    }

    func testANumberOverflowingToInfinityIsRefusedWithItsKeyPath() {
        XCTAssertEqual(message("{\n  \"output\": {\n    \"minCellCount\": 1e999\n  }\n}\n"),
                       "pipeline.json:3:21: output.minCellCount: 1e999 is not a finite number")
        XCTAssertEqual(message(#"{"input": {"maxRejectedShare": -1E400}}"#),
                       "pipeline.json:1:32: input.maxRejectedShare: -1E400 is not a finite number")
    }

    func testATrailingCommaIsRefusedWithLineAndColumn() {
        XCTAssertEqual(message("{\n  \"output\": {\n    \"minCellCount\": 3,\n  }\n}\n"), "pipeline.json:3:22: trailing comma")
        XCTAssertEqual(message(#"{"cohorts": {"breakdowns": ["enhet",]}}"#), "pipeline.json:1:36: trailing comma")
    }

    func testADuplicatedKeyIsRefusedNamingTheKeyPath() {
        XCTAssertEqual(message("{\n  \"output\": {\n    \"minCellCount\": 3,\n    \"minCellCount\": 5\n  }\n}\n"),
                       "pipeline.json:4:5: output.minCellCount: the key appears twice (first on line 3)")
        XCTAssertEqual(message(#"{"comparisons": [{"name": "a", "name": "b"}]}"#),
                       "pipeline.json:1:32: comparisons[0].name: the key appears twice (first on line 1)")
        XCTAssertEqual(message(#"{"output": {}, "output": {}}"#), "pipeline.json:1:16: output: the key appears twice (first on line 1)")
    }

    func testOtherDeparturesFromTheStandardNameTheirPlace() {
        let cases: [(String, String)] = [
            ("", "pipeline.json:1:1: empty file; expected a JSON object"),
            ("[]", "pipeline.json: expected a JSON object ({ … }) at the top"),
            (#"{"output": {"minCellCount": 05}}"#, "pipeline.json:1:29: output.minCellCount: '05' is not a JSON number"),
            (#"{"output": {"minCellCount": NaN}}"#, "pipeline.json:1:29: output.minCellCount: unexpected 'N'; expected a value"),
            (#"{"output": {"minCellCount": 1.}}"#, "pipeline.json:1:29: output.minCellCount: '1.' is not a JSON number"),
            ("{\"output\": {} // note\n}", "pipeline.json:1:15: unexpected '/'; expected ',' or '}'"),
            (#"{'output': {}}"#, "pipeline.json:1:2: unexpected '''; expected a key in double quotes"),
            (#"{"output" {}}"#, "pipeline.json:1:11: output: unexpected '{'; expected ':' after the key"),
            (#"{"output": {}} x"#, "pipeline.json:1:16: unexpected 'x' after the end of the JSON value"),
            ("{\"input\": {\"directory\": \"a\tb\"}}", "pipeline.json:1:27: input.directory: a control character inside a string"),
            (#"{"input": {"directory": "a\qb"}}"#, #"pipeline.json:1:28: input.directory: unknown escape \'q' in a string"#),
            (String(repeating: "[", count: 200), "pipeline.json:1:101: nested more than 100 levels deep"),
        ]
        for (json, expected) in cases {
            XCTAssertTrue(message(json).hasPrefix(expected), "\(json): '\(message(json))' does not start with '\(expected)'")
        }
    }

    func testStandardJSONStillReads() throws {
        let c = try Configuration.parse(json: """
            \u{FEFF}{ "input": {"directory": "d\\u00e6ta/\\ud83d\\ude00\\"x\\"", "maxRejectedShare": 1e-3, "from": null},
              "output": {"minCellCount": 5.0E0}, "cohorts": {"breakdowns": []}, "cache": {"enabled": false} }
            """)
        XCTAssertEqual(c.input.directory, "dæta/😀\"x\"")
        XCTAssertEqual(c.input.maxRejectedShare, 0.001)
        XCTAssertEqual(c.output.minCellCount, 5)
        XCTAssertEqual(c.cohortBreakdowns, [])
        XCTAssertFalse(c.cache.enabled)
        // Columns count characters, not bytes.
        XCTAssertEqual(message(#"{"input": {"directory": "æøå", "x": 1,}}"#), "pipeline.json:1:38: trailing comma")
    }

    func testTheSameRuleForMinCellInTheFileAndOnTheCommandLine() throws {
        XCTAssertEqual(try Configuration.parse(json: #"{"output": {"minCellCount": 1000000}}"#).output.minCellCount, 1_000_000)
        XCTAssertEqual(message(#"{"output": {"minCellCount": 1000001}}"#),
                       "pipeline.json: output.minCellCount: expected a whole number from 0 to 1000000")
        XCTAssertEqual(try CommandLineValue.minCellCount("1000000"), 1_000_000)
        XCTAssertEqual(try CommandLineValue.minCellCount("0"), 0)
        for bad in ["1000001", "-1", "2.5", "", "ten"] {
            XCTAssertThrowsError(try CommandLineValue.minCellCount(bad)) {
                XCTAssertEqual("\($0)", "--min-cell \(bad): expected a whole number from 0 to 1000000")
            }
        }
    }

    func testAReversedPeriodIsCalledReversed() {
        XCTAssertThrowsError(try CommandLineValue.period("2023-05..2023-01", option: "--baseline")) {
            XCTAssertEqual("\($0)", "--baseline 2023-05..2023-01: the period is reversed (from is after to)")
        }
        XCTAssertThrowsError(try CommandLineValue.period("2023-05", option: "--comparison")) {
            XCTAssertEqual("\($0)", "--comparison 2023-05: expected a period YYYY-MM..YYYY-MM")
        }
        XCTAssertEqual(try CommandLineValue.period("2023-01..2023-05", option: "--baseline").description, "2023-01..2023-05")
        XCTAssertEqual(message(#"{"survival": {"baseline": {"from": "2023-05", "to": "2023-01"}}}"#),
                       "pipeline.json: survival.baseline: from 2023-05 is after to 2023-01: the period is reversed")
        XCTAssertEqual(message(#"{"input": {"from": "2023-05", "to": "2023-01"}}"#),
                       "pipeline.json: input.from: 2023-05 is after input.to 2023-01: the period is reversed")
    }

    func testAMissingConfigurationFileIsNamedAsSuch() {
        let dir = temporaryDirectory()
        XCTAssertThrowsError(try Configuration.load(path: dir + "/missing.json")) {
            XCTAssertEqual("\($0)", "configuration file \(dir)/missing.json does not exist")
        }
        XCTAssertThrowsError(try Configuration.load(path: dir)) {
            XCTAssertEqual("\($0)", "configuration file \(dir) is a folder, not a file")
        }
    }

    func testAMissingInputFolderIsAUsageErrorNamingIt() throws {
        let dir = temporaryDirectory()
        var input = Configuration.Input()
        input.directory = dir + "/missing"
        XCTAssertThrowsError(try input.checkFolder(option: "--input", source: nil)) {
            XCTAssertTrue($0 is ConfigurationError)
            XCTAssertEqual("\($0)", "--input: input folder \(dir)/missing does not exist")
        }
        XCTAssertThrowsError(try input.checkFolder(option: nil, source: "p.json")) {
            XCTAssertEqual("\($0)", "p.json: input.directory: input folder \(dir)/missing does not exist")
        }
        input.directory = dir
        XCTAssertNoThrow(try input.checkFolder(option: "--input", source: nil))
    }
}
