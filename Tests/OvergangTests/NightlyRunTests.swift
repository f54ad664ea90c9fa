import Foundation
import XCTest
@testable import Pipeline

/// What a scheduler relies on: one run at a time, and an output folder that always holds a
/// complete result, whatever moment a run is killed.
final class NightlyRunTests: XCTestCase {
    func testASecondRunStopsAtOnceNamingTheHolder() throws {
        let input = try smallExtractSet().write()
        let output = temporaryDirectory() + "/out"
        let held = try RunLock(output: output)
        XCTAssertThrowsError(try PipelineRun(config: configuration(input, output)).run()) { error in
            XCTAssertTrue(error is LockHeld, "\(error)")
            XCTAssertTrue("\(error)".contains("another run is using this output folder (pid \(getpid()) on \(ProcessInfo.processInfo.hostName), started "), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: output))
        held.release()
        _ = try PipelineRun(config: configuration(input, output)).run()
    }

    func testALockLeftByADeadProcessIsTakenOver() throws {
        let input = try smallExtractSet().write()
        let output = temporaryDirectory() + "/out"
        // The file a killed run leaves: it names a holder, but nobody holds the flock.
        try "pid 999999, started 2026-01-01T00:00:00Z\n".write(toFile: output + ".lock", atomically: true, encoding: .utf8)
        _ = try PipelineRun(config: configuration(input, output)).run()
        XCTAssertTrue(FileManager.default.fileExists(atPath: output + "/manifest.json"))
    }

    /// A result is complete when its manifest parses and every output it lists is there.
    func assertComplete(_ output: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let data = try XCTUnwrap(FileManager.default.contents(atPath: output + "/manifest.json"), "no manifest", file: file, line: line)
        let manifest = try JSONDecoder().decode(JSONValue.self, from: data)
        guard case .object(let m) = manifest, case .array(let outputs)? = m["outputs"], case .string(let started)? = m["startedAt"] else {
            XCTFail("manifest shape", file: file, line: line)
            return ""
        }
        for case .string(let name) in outputs {
            XCTAssertTrue(FileManager.default.fileExists(atPath: "\(output)/\(name)"), "\(name) missing", file: file, line: line)
        }
        return started
    }

    func testKilledAtAnyMomentLeavesACompleteResult() throws {
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: overgangBinary), overgangBinary)
        let input = SampleDataFixtureTests.repository.appendingPathComponent("sample-data").path
        let root = temporaryDirectory()
        let output = root + "/out"
        func launch() throws -> Process {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: overgangBinary)
            p.arguments = ["run", "--config", SampleDataFixtureTests.repository.appendingPathComponent("pipeline.json").path,
                           "--input", input, "--output", output, "-q"]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            return p
        }
        // A first complete result, and how long a run takes.
        let start = Date()
        let first = try launch()
        first.waitUntilExit()
        XCTAssertEqual(first.terminationStatus, 0)
        let duration = Date().timeIntervalSince(start)
        var results = Set([try assertComplete(output)])
        // Kill runs at points spread over a run, the last ones during output writing.
        for fraction in [0.1, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99] {
            let p = try launch()
            usleep(useconds_t(duration * fraction * 1_000_000))
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            results.insert(try assertComplete(output))
        }
        // The next run proceeds (stale lock, stale staging folder) and cleans up.
        let last = try launch()
        last.waitUntilExit()
        XCTAssertEqual(last.terminationStatus, 0)
        _ = try assertComplete(output)
        let left = try FileManager.default.contentsOfDirectory(atPath: root).sorted()
        XCTAssertEqual(left.filter { $0.contains(".tmp-") }, [])
        XCTAssertGreaterThanOrEqual(results.count, 1)
    }

    func testExitCodesOfTheCommandLine() throws {
        let input = try smallExtractSet().write()
        let output = temporaryDirectory() + "/out"
        func run(_ args: [String]) throws -> (Int32, String) { try runOvergang(args) }
        let config = temporaryDirectory() + "/p.json"
        try "{}".write(toFile: config, atomically: true, encoding: .utf8)
        XCTAssertEqual(try run(["run", "--config", config, "--input", input, "--output", output]).0, 0)
        // Bad data: 65, one line naming the file.
        try "not gzip".write(toFile: input + "/aa_202203.csv.gz", atomically: true, encoding: .utf8)
        let (code, message) = try run(["run", "--config", config, "--input", input, "--output", output])
        XCTAssertEqual(code, 65)
        XCTAssertTrue(message.hasSuffix("aa_202203.csv.gz: at byte 0: not valid gzip: incorrect header check\n"), message)
        // Bad configuration: 64.
        try #"{"exit": {"quietMonth": 2}}"#.write(toFile: config, atomically: true, encoding: .utf8)
        XCTAssertEqual(try run(["run", "--config", config]).0, 64)
        // Lock held: 75.
        try "{}".write(toFile: config, atomically: true, encoding: .utf8)
        let held = try RunLock(output: output)
        XCTAssertEqual(try run(["run", "--config", config, "--input", input, "--output", output]).0, 75)
        held.release()
    }
}

extension NightlyRunTests {
    func testJsonLogLinesAndNoPersonKeysOnStderr() throws {
        let input = try smallExtractSet().write()
        let output = temporaryDirectory() + "/out"
        let config = temporaryDirectory() + "/p.json"
        try "{}".write(toFile: config, atomically: true, encoding: .utf8)
        let (status, text) = try runOvergang(["run", "--config", config, "--input", input, "--output", output, "-v", "--log-format", "json"])
        XCTAssertEqual(status, 0)
        let lines = text.split(separator: "\n")
        XCTAssertGreaterThan(lines.count, 24)
        for line in lines {
            let object = try JSONDecoder().decode([String: String].self, from: Data(line.utf8))
            XCTAssertNotNil(object["level"])
            XCTAssertNotNil(object["message"])
        }
        // No progress line when stderr is not a terminal, and no person key anywhere.
        XCTAssertFalse(text.contains("\r"))
        XCTAssertNil(text.range(of: #"\bP[0-9]+\b|NOT_IN_ARENA"#, options: .regularExpression))
    }
}

extension NightlyRunTests {
    /// `overgang report` on a published folder: another language and limit, the files
    /// replaced; a folder without a run's manifest is an I/O failure naming the file.
    func testReportCommandOnAPublishedFolder() throws {
        let input = try smallExtractSet().write()
        let output = temporaryDirectory() + "/out"
        let config = temporaryDirectory() + "/p.json"
        try #"{"report": {"formats": ["md"]}}"#.write(toFile: config, atomically: true, encoding: .utf8)
        XCTAssertEqual(try runOvergang(["run", "--config", config, "--input", input, "--output", output]).0, 0)
        let before = try String(contentsOfFile: output + "/report.md", encoding: .utf8)
        XCTAssertTrue(before.hasPrefix("# Status etter avgang fra NAV\n"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: output + "/report.html"))
        let (code, message) = try runOvergang(["report", "--config", config, "--output", output, "--lang", "en", "--min-cell", "3",
                                             "--formats", "md", "html", "xlsx"])
        XCTAssertEqual(code, 0, message)
        let after = try String(contentsOfFile: output + "/report.md", encoding: .utf8)
        XCTAssertTrue(after.hasPrefix("# Status after leaving NAV\n"), after)
        XCTAssertTrue(after.contains("\":\" Suppressed: fewer than 3"), after)
        for name in ["report.html", "report.xlsx"] { XCTAssertTrue(FileManager.default.fileExists(atPath: output + "/" + name), name) }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: output).filter { $0.hasSuffix(".tmp") }, [])
        // Not a run's folder.
        let empty = temporaryDirectory()
        let failed = try runOvergang(["report", "--config", config, "--output", empty])
        XCTAssertEqual(failed.0, 74)
        XCTAssertEqual(failed.1, "overgang: \(empty)/manifest.json: not a finished run's output folder (no manifest.json)\n")
    }
}
