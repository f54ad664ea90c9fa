import CSystem
import Foundation
import XCTest
@testable import Pipeline

/// Output paths that publishing would damage are usage errors before any work (issue 15):
/// nothing is read, locked, cached or moved.
final class OutputPathTests: XCTestCase {
    /// Every path under `root` (recursively), to see that nothing was created or moved.
    func listing(_ root: String) -> [String] {
        ((FileManager.default.enumerator(atPath: root)?.allObjects as? [String]) ?? []).sorted()
    }

    /// The run stops with a `ConfigurationError` (exit 64) whose message has `reason`, and
    /// `root` is as it was.
    func assertRefused(_ config: Configuration, _ reason: String, root: String,
                       file: StaticString = #filePath, line: UInt = #line) {
        let before = listing(root)
        XCTAssertThrowsError(try PipelineRun(config: config).run(), file: file, line: line) { error in
            XCTAssertTrue(error is ConfigurationError, "\(error)", file: file, line: line)
            XCTAssertTrue("\(error)".contains(reason), "'\(error)' lacks '\(reason)'", file: file, line: line)
            XCTAssertTrue("\(error)".hasPrefix("output folder"), "\(error)", file: file, line: line)
        }
        XCTAssertEqual(listing(root), before, file: file, line: line)
    }

    func testOutputHoldingTheRunsOwnInputsIsRefused() throws {
        let root = temporaryDirectory()
        let input = try smallExtractSet().write()
        let delivery = root + "/delivery"
        try FileManager.default.moveItem(atPath: input, toPath: delivery)
        assertRefused(configuration(delivery, delivery), "holds the input folder '\(delivery)'", root: root)
        assertRefused(configuration(delivery, delivery + "/"), "holds the input folder", root: root)
        assertRefused(configuration(delivery, root), "holds the input folder", root: root)
        // The same folder by another spelling: resolved before comparing.
        let link = temporaryDirectory() + "/link"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: root)
        assertRefused(configuration(delivery, link + "/sub/.."), "give the folder by its name", root: root)
        assertRefused(configuration(link + "/delivery", root), "holds the input folder", root: root)
        assertRefused(configuration(delivery, link + "/delivery"), "holds the input folder", root: root)
        assertRefused(configuration(delivery, link + "/../" + (root as NSString).lastPathComponent), "holds the input folder", root: root)
        // The configuration file, the cache folder and covariate files too.
        try FileManager.default.createDirectory(atPath: root + "/out", withIntermediateDirectories: false)
        var c = configuration(delivery, root + "/out")
        c.source = root + "/out/pipeline.json"
        assertRefused(c, "holds the configuration file '\(root)/out/pipeline.json'", root: root)
        c = configuration(delivery, root + "/out")
        c.cache.directory = root + "/out/cache"
        assertRefused(c, "holds the cache folder", root: root)
        c = configuration(delivery, root + "/out")
        c.survival.covariates["unemployment"] = root + "/out/u.csv"
        assertRefused(c, "holds the covariate file of unemployment", root: root)
    }

    func testOutputThatIsAFileOrALinkIsRefused() throws {
        let root = temporaryDirectory()
        let input = try smallExtractSet().write()
        try "keep me".write(toFile: root + "/notes.txt", atomically: true, encoding: .utf8)
        assertRefused(configuration(input, root + "/notes.txt"), "'\(root)/notes.txt': is a regular file, not a folder", root: root)
        XCTAssertEqual(try String(contentsOfFile: root + "/notes.txt", encoding: .utf8), "keep me")
        XCTAssertEqual(mkfifo(root + "/pipe", 0o600), 0)
        assertRefused(configuration(input, root + "/pipe"), "exists and is not a folder", root: root)
        try FileManager.default.createDirectory(atPath: root + "/real", withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: root + "/out", withDestinationPath: root + "/real")
        assertRefused(configuration(input, root + "/out"), "is a symbolic link; give the folder it points to ('\(root)/real')", root: root)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: root + "/out"), root + "/real")
    }

    func testEmptyRootCurrentAndParentFolderAreRefused() throws {
        let root = temporaryDirectory()
        let work = root + "/work"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: false)
        let input = try smallExtractSet().write()
        let cwd = FileManager.default.currentDirectoryPath
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(work))
        defer { _ = FileManager.default.changeCurrentDirectoryPath(cwd) }
        assertRefused(configuration(input, ""), "the path is empty", root: root)
        assertRefused(configuration(input, "/"), "the root folder cannot be an output folder", root: root)
        assertRefused(configuration(input, "//"), "the root folder cannot be an output folder", root: root)
        assertRefused(configuration(input, "."), "give the folder by its name, not '.' or '..'", root: root)
        assertRefused(configuration(input, ".."), "give the folder by its name", root: root)
        assertRefused(configuration(input, "out/."), "give the folder by its name", root: root)
        assertRefused(configuration(input, work), "is the current folder or holds it", root: root)
        assertRefused(configuration(input, "../"), "give the folder by its name", root: root)
        assertRefused(configuration(input, root), "is the current folder or holds it", root: root)
    }

    func testAMountPointIsRefused() throws {
        XCTAssertEqual(overgang_is_mount_point("/proc"), 1)
        XCTAssertEqual(overgang_is_mount_point(temporaryDirectory()), 0)
        XCTAssertThrowsError(try OutputPath.check("/proc", keeping: [])) { error in
            XCTAssertEqual("\(error)", "output folder '/proc': is a mount point, which cannot be renamed when a run publishes; mount the folder above it and give a folder inside it")
        }
    }

    func testOrdinaryOutputsPass() throws {
        let root = temporaryDirectory()
        try OutputPath.check(root + "/out", keeping: [("input folder", root + "/in")])
        try OutputPath.check(root + "/out/", keeping: [("input folder", root + "/output-in")])
        // The output inside the input folder is allowed (the input is never moved).
        try OutputPath.check(root + "/in/out", keeping: [("input folder", root + "/in")])
        XCTAssertEqual(OutputPath.resolve(root + "/a/../b/./c"), OutputPath.resolve(root) + "/b/c")
    }

    /// The command line: exit 64 and one line, where `--output .` used to crash and an
    /// output equal to the input folder used to move the delivery aside.
    func testCommandLineExitsWithUsageError() throws {
        let input = try smallExtractSet().write()
        let config = temporaryDirectory() + "/p.json"
        try "{}".write(toFile: config, atomically: true, encoding: .utf8)
        let before = listing(input)
        var (code, message) = try runOvergang(["run", "--config", config, "--input", input, "--output", input])
        XCTAssertEqual(code, 64, message)
        XCTAssertEqual(message, "overgang: output folder '\(input)': holds the input folder '\(input)', which publishing would move aside with the earlier result; give a folder of its own\n")
        XCTAssertEqual(listing(input), before)
        for sibling in [".previous", ".lock", ".cache"] { XCTAssertFalse(FileManager.default.fileExists(atPath: input + sibling), sibling) }
        let work = temporaryDirectory()
        for command in ["run", "report"] {
            (code, message) = try runOvergang([command, "--config", config, "--input", input, "--output", "."].filter { command == "run" || ($0 != "--input" && $0 != input) }, in: work)
            XCTAssertEqual(code, 64, message)
            XCTAssertTrue(message.hasPrefix("overgang: output folder '.': give the folder by its name"), message)
            XCTAssertEqual(listing(work), [])
        }
    }
}
