import Foundation
import XCTest
@testable import Pipeline
@testable import Statistics

/// The command line refuses every mistake in one line that names it in the user's words,
/// with the README's exit code, as text or (with `--log-format json`) as one JSON object.
final class CommandLineRobustnessTests: XCTestCase {
    func assertFails(_ args: [String], in folder: String, code: Int32, _ line: String,
                     file: StaticString = #filePath, at: UInt = #line) throws {
        let (status, text) = try runOvergang(args, in: folder)
        XCTAssertEqual(status, code, "\(args): \(text)", file: file, line: at)
        XCTAssertEqual(text, "overgang: \(line)\n", "\(args)", file: file, line: at)
    }

    func testMinCellHasOneRangeAndOneLineEverywhere() throws {
        let dir = temporaryDirectory()
        try "{}".write(toFile: dir + "/pipeline.json", atomically: true, encoding: .utf8)
        for command in ["run", "report"] {
            try assertFails([command, "--min-cell", "-1"], in: dir, code: 64, "--min-cell -1: expected a whole number from 0 to 1000000")
            try assertFails([command, "--min-cell", "1000001"], in: dir, code: 64,
                            "--min-cell 1000001: expected a whole number from 0 to 1000000")
            try assertFails([command, "--min-cell", "many"], in: dir, code: 64, "--min-cell many: expected a whole number from 0 to 1000000")
        }
    }

    func testMissingFilesAndFoldersAreUsageErrorsNamingThem() throws {
        let dir = temporaryDirectory()
        try assertFails(["run", "--config", "missing.json"], in: dir, code: 64, "configuration file missing.json does not exist")
        try assertFails(["validate", "--config", "missing.json"], in: dir, code: 64, "configuration file missing.json does not exist")
        try assertFails(["report", "--config", "missing.json", "--output", "out"], in: dir, code: 64, "configuration file missing.json does not exist")
        try "{}".write(toFile: dir + "/pipeline.json", atomically: true, encoding: .utf8)
        try assertFails(["run", "--input", "missing"], in: dir, code: 64, "--input: input folder missing does not exist")
        try assertFails(["validate", "--input", "missing"], in: dir, code: 64, "--input: input folder missing does not exist")
        try #"{"input": {"directory": "/no/such/folder"}}"#.write(toFile: dir + "/p.json", atomically: true, encoding: .utf8)
        try assertFails(["run", "--config", "p.json"], in: dir, code: 64, "p.json: input.directory: input folder /no/such/folder does not exist")
        try assertFails(["lifetable", "missing.csv"], in: dir, code: 64, "spell file missing.csv does not exist")
        try assertFails(["cox", "missing.csv", "--time", "t", "--event", "e"], in: dir, code: 64, "spell file missing.csv does not exist")
    }

    func testAReversedPeriodIsCalledReversed() throws {
        let dir = temporaryDirectory()
        try "{}".write(toFile: dir + "/pipeline.json", atomically: true, encoding: .utf8)
        try assertFails(["run", "--baseline", "2023-05..2023-01"], in: dir, code: 64,
                        "--baseline 2023-05..2023-01: the period is reversed (from is after to)")
        try #"{"survival": {"comparison": {"from": "2023-05", "to": "2023-01"}}}"#
            .write(toFile: dir + "/pipeline.json", atomically: true, encoding: .utf8)
        try assertFails(["run"], in: dir, code: 64, "pipeline.json: survival.comparison: from 2023-05 is after to 2023-01: the period is reversed")
    }

    func testStrictConfigurationErrorsReachTheCommandLine() throws {
        let dir = temporaryDirectory()
        try "{\n  \"output\": {\"minCellCount\": 1e999}\n}\n".write(toFile: dir + "/pipeline.json", atomically: true, encoding: .utf8)
        try assertFails(["run"], in: dir, code: 64, "pipeline.json:2:30: output.minCellCount: 1e999 is not a finite number")
    }

    func testWithJsonLoggingTheFinalErrorIsOneJsonObject() throws {
        let dir = temporaryDirectory()
        try "{\n  \"exit\": {\"quietMonths\": 2,}\n}\n".write(toFile: dir + "/pipeline.json", atomically: true, encoding: .utf8)
        try "{}".write(toFile: dir + "/other.json", atomically: true, encoding: .utf8)
        for (args, code, fields) in [
            (["run", "--log-format", "json"], 64, ["file": "pipeline.json", "line": "2", "column": "28",
                                                    "message": "pipeline.json:2:28: trailing comma"]),
            (["validate", "--config", "/dev/null/none.json", "--log-format", "json"], 64,
             ["file": "/dev/null/none.json", "message": "configuration file /dev/null/none.json does not exist"]),
            (["validate", "--config", "other.json", "--input", "missing", "--log-format", "json"], 64,
             ["key": "--input", "message": "--input: input folder missing does not exist"]),
        ] {
            let (status, text) = try runOvergang(args, in: dir)
            XCTAssertEqual(status, Int32(code), text)
            let lines = text.split(separator: "\n")
            XCTAssertEqual(lines.count, 1, text)
            let object = try JSONDecoder().decode([String: String].self, from: Data((lines.first ?? "").utf8))
            XCTAssertEqual(object["level"], "error")
            XCTAssertEqual(object["exitCode"], String(code))
            for (k, v) in fields { XCTAssertEqual(object[k], v, "\(k) in \(text)") }
        }
        // Bad data keeps its own code and names the file and line.
        let input = try smallExtractSet().write()
        try "not gzip".write(toFile: input + "/aa_202203.csv.gz", atomically: true, encoding: .utf8)
        try "{}".write(toFile: dir + "/pipeline.json", atomically: true, encoding: .utf8)
        let (status, text) = try runOvergang(["run", "--input", input, "--output", dir + "/out", "--log-format", "json", "-q"], in: dir)
        XCTAssertEqual(status, 65)
        let object = try JSONDecoder().decode([String: String].self, from: Data(text.split(separator: "\n").last.map(String.init)!.utf8))
        XCTAssertEqual(object["file"], input + "/aa_202203.csv.gz")
        XCTAssertEqual(object["exitCode"], "65")
    }

    func testLifetableRefusesTimesBeyondAHundredYears() throws {
        let dir = temporaryDirectory()
        try "time,event\n3,1\n99999999999,0\n".write(toFile: dir + "/s.csv", atomically: true, encoding: .utf8)
        try assertFails(["lifetable", "s.csv"], in: dir, code: 65,
                        "s.csv: line 3: time '99999999999' is not a whole number of months from 0 to 1200 (100 years)")
        try "time,event\n3,1\n1200,0\n".write(toFile: dir + "/ok.csv", atomically: true, encoding: .utf8)
        XCTAssertEqual(try SpellFile(path: dir + "/ok.csv").maxTime, 1200)
        try assertFails(["lifetable", "ok.csv", "--max-months", "-1"], in: dir, code: 64, "--max-months -1: expected a whole number from 0 to 1200")
        try assertFails(["lifetable", "ok.csv", "--max-months", "5000"], in: dir, code: 64, "--max-months 5000: expected a whole number from 0 to 1200")
        XCTAssertEqual(try runOvergang(["lifetable", "ok.csv", "--max-months", "24"], in: dir).0, 0)
    }

    func testCoxRefusesValuesThatAreNotFiniteAtReading() throws {
        let dir = temporaryDirectory()
        let rows = "time,event,age,group\n1,1,30,a\n2,0,40,b\n\n3,1,50,a\n4,1,60,b\n"
        for (column, bad, line) in [("age", "inf", 7), ("age", "nan", 7), ("age", "1e999", 7), ("time", "inf", 7), ("time", "-nan", 7)] {
            let text = rows + (column == "age" ? "5,0,\(bad),a\n" : "\(bad),0,70,a\n")
            try text.write(toFile: dir + "/c.csv", atomically: true, encoding: .utf8)
            try assertFails(["cox", "c.csv", "--time", "time", "--event", "event"], in: dir, code: 65,
                            "c.csv: line \(line): \(column): '\(bad)' is not a finite number" + (column == "time" ? " ≥ 0" : ""))
        }
        // A categorical column may have a level called "inf".
        try (rows + "5,0,70,inf\n").write(toFile: dir + "/c.csv", atomically: true, encoding: .utf8)
        XCTAssertEqual(try CoxSpellFile(path: dir + "/c.csv", time: "time", event: "event").references["group"], "a")
    }

    func testAFitThatOverflowsIsNotCalledCollinear() {
        var data = CoxData(names: ["huge", "x"])
        for i in 0..<20 {
            data.add(time: Double(i % 7 + 1), event: i % 3 != 0, covariates: [Double(i % 4) * 1e200, Double(i % 5)])
        }
        let model = CoxModel(data)
        XCTAssertEqual(model.dropped.map(\.name), ["huge"])
        XCTAssertFalse(model.dropped[0].reason.contains("collinear"), model.dropped[0].reason)
        XCTAssertTrue(model.dropped[0].reason.contains("does not converge"), model.dropped[0].reason)
        XCTAssertEqual(model.terms.map(\.name), ["x"])
    }
}
