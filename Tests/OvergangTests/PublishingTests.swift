import Foundation
import XCTest
@testable import Extracts
@testable import Pipeline
@testable import Report

/// Publishing a result (issue 15): a failed swap or a lost lock leaves the output and
/// `.previous` as they were; the fallback swap never drops `.previous` before the new result
/// is in; a run killed between two steps is finished or undone by the next one.
final class PublishingTests: XCTestCase {
    /// An output folder holding "A", a `.previous` holding "P" and a staged result "N".
    func threeResults(previous: Bool = true, steps: PublishSteps = .system) throws -> (OutputFolder, RunLock) {
        var output = OutputFolder(target: temporaryDirectory() + "/out")
        try write("A", into: output.target)
        if previous { try write("P", into: output.previous) }
        let lock = try RunLock(output: output.target)
        try output.prepare()
        try "N".write(toFile: output.path("result.txt"), atomically: false, encoding: .utf8)
        output.steps = steps
        return (output, lock)
    }

    func write(_ text: String, into folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try text.write(toFile: folder + "/result.txt", atomically: false, encoding: .utf8)
    }

    /// What a folder holds ("-" when it is not there).
    func result(_ folder: String) -> String {
        (try? String(contentsOfFile: folder + "/result.txt", encoding: .utf8)) ?? "-"
    }

    /// Names beside the output folder other than the output, `.previous` and `.lock`.
    func leftovers(_ output: OutputFolder) throws -> [String] {
        let name = (output.target as NSString).lastPathComponent
        return try FileManager.default.contentsOfDirectory(atPath: (output.target as NSString).deletingLastPathComponent)
            .filter { ![name, name + ".previous", name + ".lock"].contains($0) }.sorted()
    }

    func steps(exchangeError: Int32) -> PublishSteps {
        var s = PublishSteps.system
        s.exchange = { _, _ in exchangeError }
        return s
    }

    func testAFailedExchangeLeavesOutputAndPrevious() throws {
        for error in [EBUSY, EXDEV, EACCES, EPERM] {
            let (output, lock) = try threeResults(steps: steps(exchangeError: error))
            XCTAssertThrowsError(try output.publish(under: lock)) { e in
                XCTAssertTrue(e is OutputError, "\(e)")
                XCTAssertTrue("\(e)".hasPrefix("\(output.target): cannot replace the output folder with the new result: "), "\(e)")
                XCTAssertTrue("\(e)".hasSuffix("; the outputs are as they were"), "\(e)")
                if error == EBUSY { XCTAssertTrue("\(e)".contains("mount the folder above it"), "\(e)") }
            }
            XCTAssertEqual(result(output.target), "A")
            XCTAssertEqual(result(output.previous), "P")
            XCTAssertEqual(try leftovers(output), [])
        }
    }

    func testWithoutExchangeTheRenamesKeepPreviousUntilTheNewResultIsIn() throws {
        for error in [EINVAL, ENOSYS, EOPNOTSUPP] {
            let (output, lock) = try threeResults(steps: steps(exchangeError: error))
            try output.publish(under: lock)
            XCTAssertEqual(result(output.target), "N")
            XCTAssertEqual(result(output.previous), "A")
            XCTAssertEqual(try leftovers(output), [])
        }
        // A rename that fails midway puts everything back.
        var failing = steps(exchangeError: EINVAL)
        failing.rename = { from, to in from.contains(".tmp-") ? EACCES : PublishSteps.system.rename(from, to) }
        let (output, lock) = try threeResults(steps: failing)
        XCTAssertThrowsError(try output.publish(under: lock)) { e in
            XCTAssertTrue("\(e)".contains("cannot move the new result into place"), "\(e)")
        }
        XCTAssertEqual(result(output.target), "A")
        XCTAssertEqual(result(output.previous), "P")
        XCTAssertEqual(try leftovers(output), [])
    }

    /// Stops the file system steps after `limit` of them, as a SIGKILL would.
    final class Kill: @unchecked Sendable {
        let limit: Int
        var done = 0
        init(after limit: Int) { self.limit = limit }
        func step(_ body: () -> Int32) -> Int32 {
            guard done < limit else { return 0 }
            done += 1
            return body()
        }
    }

    func killed(after limit: Int, exchange: Bool) -> (PublishSteps, Kill) {
        let kill = Kill(after: limit)
        let s = PublishSteps(
            exchange: { a, b in exchange ? kill.step { PublishSteps.system.exchange(a, b) } : EINVAL },
            rename: { a, b in kill.step { PublishSteps.system.rename(a, b) } },
            remove: { p in _ = kill.step { PublishSteps.system.remove(p); return 0 } })
        return (s, kill)
    }

    /// A run killed after each step of publishing: the next run's `prepare` leaves a whole
    /// output (old or new) with the right `.previous`, and nothing else beside them.
    func testARunKilledBetweenAnyTwoStepsIsRecovered() throws {
        for exchange in [true, false] {
            for keepingReplaced in [true, false] {
                for hasPrevious in [true, false] {
                    for limit in 0...5 {
                        let (steps, kill) = killed(after: limit, exchange: exchange)
                        let (output, lock) = try threeResults(previous: hasPrevious, steps: steps)
                        try output.publish(under: lock, keepingReplaced: keepingReplaced)
                        lock.release()
                        let next = OutputFolder(target: output.target)
                        let again = try RunLock(output: next.target)
                        try next.prepare()
                        next.discard()
                        again.release()
                        let state = (result(next.target), result(next.previous))
                        let before = hasPrevious ? "P" : "-"
                        let published = keepingReplaced ? ("N", "A") : ("N", before)
                        // Killed between the two exchanges, the replaced result (in the
                        // staging folder) is lost: `.previous` stays the one before it.
                        let allowed = [("A", before), published] + (exchange ? [("N", before)] : [])
                        let what = "exchange \(exchange), keeping \(keepingReplaced), previous \(hasPrevious), killed after \(limit) steps"
                        XCTAssertTrue(allowed.contains { $0 == state }, "\(state) \(what)")
                        if kill.done < limit { XCTAssertTrue(state == published, "\(state) \(what)") }
                        XCTAssertEqual(try leftovers(next), [], what)
                    }
                }
            }
        }
    }

    func testALockFileDeletedDuringTheRunPublishesNothing() throws {
        let (output, lock) = try threeResults()
        try FileManager.default.removeItem(atPath: lock.path)
        // Nothing stops a second run now: it locks a new file.
        let second = try RunLock(output: output.target)
        defer { second.release() }
        XCTAssertThrowsError(try output.publish(under: lock)) { e in
            XCTAssertTrue(e is OutputError, "\(e)")
            XCTAssertEqual("\(e)", "\(lock.path): the lock file was deleted or replaced during the run, so another run may be using the output folder; nothing was published, the outputs are as they were")
        }
        XCTAssertEqual(result(output.target), "A")
        XCTAssertEqual(result(output.previous), "P")
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.staging))
        // The second run's lock still holds.
        XCTAssertNoThrow(try second.confirm())
    }
}

extension PublishingTests {
    func configuration(_ input: String, _ output: String, formats: [ReportFormat] = ReportFormat.allCases) -> Configuration {
        var c = Configuration()
        c.input.directory = input
        c.output.directory = output
        c.report.formats = formats
        return c
    }

    func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! Int) & 0o777
    }

    /// Under umask 000 the published tables are 0644, the folder 0755, the quarantine 0600;
    /// so are the files of a rewritten report.
    func testPublishedModesDoNotFollowTheUmask() throws {
        let old = umask(0)
        defer { umask(old) }
        let input = try smallExtractSet().write()
        let output = temporaryDirectory() + "/out"
        _ = try PipelineRun(config: configuration(input, output)).run()
        func check(_ what: String) throws {
            XCTAssertEqual(try mode(output), 0o755, what)
            for name in try FileManager.default.contentsOfDirectory(atPath: output) {
                XCTAssertEqual(try mode(output + "/" + name), name == "quarantine.csv" ? 0o600 : 0o644, "\(what): \(name)")
            }
        }
        try check("run")
        _ = try ReportUpdate(folder: output, language: .en, minCellCount: 0, formats: [.md]).run()
        try check("report")
    }

    /// `overgang report` failing after its first file leaves the old set of reports; when
    /// it succeeds, all are new and `.previous` is still the earlier run's result.
    func testAReportFailingMidwayLeavesTheOldSet() throws {
        let input = try smallExtractSet().write()
        let output = temporaryDirectory() + "/out"
        let config = configuration(input, output, formats: [.md, .html])
        _ = try PipelineRun(config: config).run()
        _ = try PipelineRun(config: config).run()
        let files = ["report.md", "report.html", "manifest.json", "exit_cohorts.csv"]
        func contents(_ folder: String) -> [String?] {
            files.map { try? String(contentsOfFile: folder + "/" + $0, encoding: .utf8) }
        }
        let before = contents(output), previous = contents(output + ".previous")
        var update = ReportUpdate(folder: output, language: .en, minCellCount: 3, formats: [.md, .html])
        struct Interrupted: Error {}
        update.stage.afterFile = { name in if name == "report.md" { throw Interrupted() } }
        XCTAssertThrowsError(try update.run()) { XCTAssertTrue($0 is Interrupted, "\($0)") }
        XCTAssertEqual(contents(output), before)
        XCTAssertEqual(contents(output + ".previous"), previous)
        update.stage.afterFile = nil
        XCTAssertEqual(try update.run(), ["report.md", "report.html"])
        let after = contents(output)
        XCTAssertTrue(after[0]!.hasPrefix("# Status after leaving NAV\n"))
        XCTAssertTrue(after[1]!.contains("Status after leaving NAV"))
        XCTAssertEqual(Array(after[2...]), Array(before[2...]))
        XCTAssertEqual(contents(output + ".previous"), previous)
        let root = (output as NSString).deletingLastPathComponent
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root).sorted(), ["out", "out.cache", "out.lock", "out.previous"])
    }

    /// The rows of a run that failed for too many set aside are kept owner-only (umask 000
    /// too) and removed by the next run that succeeds.
    func testRejectedQuarantineIsOwnerOnlyAndGoesWithTheNextSuccess() throws {
        let old = umask(0)
        defer { umask(old) }
        let input = try smallExtractSet().write()
        let output = temporaryDirectory() + "/out"
        let original = try Data(contentsOf: URL(fileURLWithPath: input + "/arena_202203.csv.gz"))
        let rows = [ExtractSetBuilder.arenaHeader, "P1;ARBS;IKVAL;0301;03;;35;K;V;N;N", "P2;XXXX;IKVAL;0301;03;;35;K;V;N;N"]
        try ExtractSetBuilder.writeGzip(input + "/arena_202203.csv.gz", rows.joined(separator: "\n"))
        XCTAssertThrowsError(try PipelineRun(config: configuration(input, output)).run())
        let kept = output + ".rejected-quarantine.csv"
        XCTAssertEqual(try mode(kept), 0o600)
        try original.write(to: URL(fileURLWithPath: input + "/arena_202203.csv.gz"))
        _ = try PipelineRun(config: configuration(input, output)).run()
        XCTAssertFalse(FileManager.default.fileExists(atPath: kept))
    }
}
