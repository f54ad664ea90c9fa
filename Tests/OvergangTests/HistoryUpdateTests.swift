import XCTest
@testable import Extracts
@testable import Panel
@testable import Pipeline

/// A nightly run adds the new month to the stored panel instead of rebuilding it, and every
/// kind of change to the history gives the tables of a cold run, byte for byte (issue 16).
final class HistoryUpdateTests: XCTestCase {
    static let sampleData = SampleDataFixtureTests.repository.appendingPathComponent("sample-data").path

    /// A folder with sample-data's files of `months`.
    func history(_ months: MonthRange) throws -> String {
        let dir = temporaryDirectory()
        for m in months.months {
            for kind in ExtractKind.allCases {
                let name = "\(kind.rawValue)_\(m.compact).csv.gz"
                try FileManager.default.copyItem(atPath: "\(Self.sampleData)/\(name)", toPath: "\(dir)/\(name)")
            }
        }
        return dir
    }

    func build(_ files: [ExtractFile], _ months: MonthRange, onto base: PanelBuilder.Result? = nil) throws -> PanelBuilder.Result {
        try PanelBuilder(files: files, months: months, maxRejectedShare: 1, quarantineDirectory: nil).build(onto: base)
    }

    func testAPanelExtendedByNewMonthsIsTheColdPanel() throws {
        let months = MonthRange(from: Month("2021-01")!, to: Month("2022-06")!)
        let dir = try history(months)
        let files = try ExtractInventory(directory: dir).files(in: months)
        let cold = try build(files, months)
        for added in [1, 3] {
            let end = months.to - added
            let base = try build(files.filter { $0.month <= end }, MonthRange(from: months.from, to: end))
            let extended = try build(files.filter { $0.month > end }, months, onto: base)
            XCTAssertEqual(extended.panel.personCount, cold.panel.personCount)
            XCTAssertTrue(extended.panel == cold.panel, "\(added)")
            XCTAssertTrue(extended.panel.isConsistent)
            XCTAssertEqual(extended.personKeys.bytes, cold.personKeys.bytes)
            XCTAssertEqual(extended.personKeys.starts, cold.personKeys.starts)
            XCTAssertEqual(extended.files, cold.files)
            XCTAssertGreaterThan(extended.panel.personCount, base.panel.personCount)
            // The same with the new employment file read while the stored panel loads.
            let builder = PanelBuilder(files: files.filter { $0.month > end }, months: months, maxRejectedShare: 1, quarantineDirectory: nil)
            let early = try XCTUnwrap(try builder.build(ontoLoading: { base }))
            XCTAssertTrue(early.panel == cold.panel, "\(added)")
            XCTAssertEqual(early.personKeys.bytes, cold.personKeys.bytes)
            XCTAssertEqual(early.files, cold.files)
            XCTAssertNil(try builder.build(ontoLoading: { nil }), "no stored panel: the new files alone are no panel")
        }
    }

    /// A file read early is taken only while it is the file that was read: one replaced
    /// meanwhile (a redelivery renamed into place) is read again, never taken for the new one,
    /// and the rows its read set aside do not reach the quarantine.
    func testAnEarlyReadOfAFileReplacedMeanwhileIsNotUsed() throws {
        let dir = try history(MonthRange(from: Month("2021-01")!, to: Month("2021-02")!))
        let file = try XCTUnwrap(try ExtractInventory(directory: dir).files.first { $0.kind == .aa && $0.month == Month("2021-01")! })
        // The delivery with a row to set aside; its redelivery without.
        let lines = try gunzip(file.path).split(separator: "\n").map(String.init)
        try FileManager.default.removeItem(atPath: file.path)
        try ExtractSetBuilder.writeGzip(file.path, (lines + ["not;a;valid;row"]).joined(separator: "\n") + "\n")
        let parts = temporaryDirectory(), part = parts + "/" + file.name + ".quarantine"
        let read = { @Sendable (quarantine: Quarantine) throws -> any PersonFlagExtract in try EmploymentExtract.read(file, quarantine: quarantine) }

        let unchanged = EarlyRead(file, part: part, read: read)
        let taken: EmploymentExtract = try XCTUnwrap(try unchanged.take(as: EmploymentExtract.self))
        unchanged.finish()
        XCTAssertEqual(taken.stats.rowsSetAside, 1)
        XCTAssertEqual(taken.stats, try EmploymentExtract.read(file, quarantine: Quarantine(fileName: file.name, path: nil)).stats)
        XCTAssertTrue(FileManager.default.fileExists(atPath: part), "its set-aside row moved to the file's part")
        try FileManager.default.removeItem(atPath: part)

        let replaced = EarlyRead(file, part: part, read: read)
        Thread.sleep(forTimeInterval: 0.5)   // read (and its row set aside) before the redelivery
        try FileManager.default.removeItem(atPath: file.path)
        try ExtractSetBuilder.writeGzip(file.path, lines.joined(separator: "\n") + "\n")
        XCTAssertNil(try replaced.take(as: EmploymentExtract.self))
        replaced.finish()
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: parts), [], "no row of the replaced file kept")
    }

    /// Runs with the cache and without, and checks that the tables are the same.
    @discardableResult
    func assertColdTables(_ input: String, from: String? = nil, to: String? = nil, cache: String,
                          file: StaticString = #filePath, line: UInt = #line) throws -> RunSummary {
        var config = configuration(input, temporaryDirectory() + "/out")
        config.input.from = from.flatMap(Month.init)
        config.input.to = to.flatMap(Month.init)
        config.report.formats = []
        config.cache.directory = cache
        return try runAgainstCold(config, file: file, line: line)
    }

    /// Runs `config`, then the same without a cache, and checks that the tables are the same.
    func runAgainstCold(_ config: Configuration, file: StaticString = #filePath, line: UInt = #line) throws -> RunSummary {
        let summary = try PipelineRun(config: config).run()
        var cold = config
        cold.output.directory = temporaryDirectory() + "/cold"
        cold.cache.enabled = false
        _ = try PipelineRun(config: cold).run()
        let ours = try publishedTables(config.output.directory), theirs = try publishedTables(cold.output.directory)
        XCTAssertEqual(ours.keys.sorted(), theirs.keys.sorted(), file: file, line: line)
        for (name, text) in theirs { XCTAssertEqual(ours[name], text, name, file: file, line: line) }
        return summary
    }

    func testANightlyRunReadsOnlyTheNewMonthAndGivesTheColdTables() throws {
        let input = try history(MonthRange(from: Month("2021-01")!, to: Month("2022-06")!))
        let cache = temporaryDirectory() + "/cache"
        try assertColdTables(input, to: "2022-05", cache: cache)
        let nightly = try assertColdTables(input, cache: cache)
        XCTAssertEqual(nightly.panelSource, .extended(from: MonthRange(from: Month("2021-01")!, to: Month("2022-05")!)))
        XCTAssertEqual(nightly.cacheUses.filter { $0.value != "reused" }.keys.sorted(),
                       ["aa_202206.csv.gz", "arena_202206.csv.gz", "ytelse_202206.csv.gz"])
        // A rerun of the same months; three months at once.
        XCTAssertEqual(try assertColdTables(input, cache: cache).panelSource, .cached)
        let other = temporaryDirectory() + "/other"
        try assertColdTables(input, to: "2022-03", cache: other)
        XCTAssertEqual(try assertColdTables(input, cache: other).panelSource,
                       .extended(from: MonthRange(from: Month("2021-01")!, to: Month("2022-03")!)))
        // Night after night: the superseded panels go (the new one and the one it extended
        // stay), and a corrected file of the newest month is added to the one it extended.
        for to in ["2021-09", "2021-10", "2021-11", "2021-12"] { try assertColdTables(input, to: to, cache: other) }
        let panels = try FileManager.default.contentsOfDirectory(atPath: other).filter { $0.hasPrefix("panel-") }
        XCTAssertEqual(panels.count, 2, "\(panels)")
        let newest = input + "/ytelse_202112.csv.gz"
        let lines = try gunzip(newest).split(separator: "\n").map(String.init)
        try FileManager.default.removeItem(atPath: newest)
        try ExtractSetBuilder.writeGzip(newest, lines.dropLast(3).joined(separator: "\n") + "\n")
        XCTAssertEqual(try assertColdTables(input, to: "2021-12", cache: other).panelSource,
                       .extended(from: MonthRange(from: Month("2021-01")!, to: Month("2021-11")!)))
    }

    /// A rerun with other periods takes the last run's exit-cohort, duration and stock tables
    /// from the cache (`TableMemo`); a rerun that changes any setting they read builds them
    /// again. Either way every table is a cold run's.
    func testARerunReusesOnlyTheTablesItsChangesDoNotTouch() throws {
        let input = try history(MonthRange(from: Month("2021-01")!, to: Month("2022-06")!))
        let cache = temporaryDirectory() + "/cache"
        func run(_ change: (inout Configuration) throws -> Void, file: StaticString = #filePath, line: UInt = #line) throws -> Bool {
            var config = try Configuration.load(path: SampleDataFixtureTests.repository.appendingPathComponent("pipeline.json").path)
            config.input.directory = input
            config.output.directory = temporaryDirectory() + "/out"
            config.report.formats = []
            config.cache.directory = cache
            config.cohortPeriods = [.month, .quarter]
            try change(&config)
            try config.applyPeriodOverrides()
            return try runAgainstCold(config, file: file, line: line).tablesReused
        }
        XCTAssertFalse(try run { _ in })
        XCTAssertTrue(try run { _ in }, "the same run again")
        XCTAssertTrue(try run {
            $0.baselineOverride = MonthRange(from: Month("2021-03")!, to: Month("2021-05")!)
            $0.comparisonOverride = MonthRange(from: Month("2021-09")!, to: Month("2021-11")!)
        }, "other periods")
        // Each of these changes what the kept tables hold: built again (then kept for the next).
        let changes: [(String, (inout Configuration) throws -> Void)] = [
            ("quiet months", { $0.exit.quietMonths = 3 }),
            ("horizon", { $0.outcome.horizonMonths = 3 }),
            ("breakdowns", { $0.cohortBreakdowns = [.kjonn] }),
            ("periods", { $0.cohortPeriods = [.month] }),
            ("cohort filter", { $0.cohortFilter.enhet = ["0301"] }),
            ("small-cell limit (measure codes merged)", { $0.output.minCellCount = 5 }),
            ("stock breakdowns", { $0.stockBreakdowns = [.fylke] }),
            ("first month", { $0.input.from = Month("2021-04")! }),
        ]
        for (name, change) in changes { XCTAssertFalse(try run(change), name) }
    }

    func testEveryOtherChangeToTheHistoryGivesTheColdTables() throws {
        let input = try history(MonthRange(from: Month("2021-01")!, to: Month("2022-06")!))
        let cache = temporaryDirectory() + "/cache"
        try assertColdTables(input, cache: cache)
        func rewrite(_ name: String, _ change: ([String]) -> [String]) throws {
            let path = "\(input)/\(name)"
            let lines = try gunzip(path).split(separator: "\n").map(String.init)
            try FileManager.default.removeItem(atPath: path)
            try ExtractSetBuilder.writeGzip(path, change(lines).joined(separator: "\n") + "\n")
        }
        // A corrected employment file in the middle of the history.
        try rewrite("aa_202109.csv.gz") { lines in lines.enumerated().filter { $0.offset % 7 != 3 }.map(\.element) }
        XCTAssertEqual(try assertColdTables(input, cache: cache).panelSource, .built)
        // An Arena file in the middle that adds a person and loses two.
        try rewrite("arena_202110.csv.gz") { lines in
            let added = lines[1].replacingOccurrences(of: lines[1].prefix { $0 != ";" }, with: "PNEW0000001xx")
            return [lines[0], added] + lines.dropFirst(3)
        }
        try assertColdTables(input, cache: cache)
        // The newest month withdrawn, then the range moved at both ends.
        for kind in ExtractKind.allCases { try FileManager.default.removeItem(atPath: "\(input)/\(kind.rawValue)_202206.csv.gz") }
        try assertColdTables(input, cache: cache)
        try assertColdTables(input, from: "2021-04", cache: cache)
        try assertColdTables(input, from: "2021-04", to: "2022-02", cache: cache)
    }

    /// A nightly run killed at any moment while it extends the stored panel (parsing the new
    /// month, writing its entries and the new panel) leaves a cache that the next run uses or
    /// rebuilds: its tables are a cold run's, entries stay owner-only, no temporary file stays.
    func testANightlyRunKilledAtAnyMomentLeavesAUsableCache() throws {
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: overgangBinary), overgangBinary)
        let input = try history(MonthRange(from: Month("2021-01")!, to: Month("2022-06")!))
        let root = temporaryDirectory()
        let config = SampleDataFixtureTests.repository.appendingPathComponent("pipeline.json").path
        func launch(_ output: String, _ extra: [String]) throws -> Process {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: overgangBinary)
            p.arguments = ["run", "--config", config, "--input", input, "--output", output, "-q"] + extra
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            return p
        }
        func finish(_ output: String, _ extra: [String]) throws {
            let p = try launch(output, extra)
            p.waitUntilExit()
            XCTAssertEqual(p.terminationStatus, 0, extra.joined(separator: " "))
        }
        // The stored history: every month but the last.
        let stored = root + "/stored"
        let month = input + "/month"
        try FileManager.default.createDirectory(atPath: month, withIntermediateDirectories: false)
        for kind in ExtractKind.allCases {
            try FileManager.default.moveItem(atPath: "\(input)/\(kind.rawValue)_202206.csv.gz", toPath: "\(month)/\(kind.rawValue)_202206.csv.gz")
        }
        try finish(root + "/base", ["--cache", stored])
        for kind in ExtractKind.allCases {
            try FileManager.default.moveItem(atPath: "\(month)/\(kind.rawValue)_202206.csv.gz", toPath: "\(input)/\(kind.rawValue)_202206.csv.gz")
        }
        try FileManager.default.removeItem(atPath: month)
        try finish(root + "/cold", ["--no-cache"])
        let cold = try publishedTables(root + "/cold")
        // How long the extension takes, on a copy of the stored cache.
        try FileManager.default.copyItem(atPath: stored, toPath: root + "/timed")
        let start = Date()
        try finish(root + "/timed-out", ["--cache", root + "/timed"])
        let duration = Date().timeIntervalSince(start)
        for (i, fraction) in [0.15, 0.35, 0.55, 0.75, 0.9].enumerated() {
            let cache = "\(root)/cache-\(i)", output = "\(root)/out-\(i)"
            try FileManager.default.copyItem(atPath: stored, toPath: cache)
            let p = try launch(output, ["--cache", cache])
            usleep(useconds_t(duration * fraction * 1_000_000))
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            try finish(output, ["--cache", cache])
            XCTAssertEqual(try publishedTables(output), cold, "killed at \(fraction) of the extension")
            var info = stat()
            XCTAssertEqual(stat(cache, &info), 0)
            XCTAssertEqual(info.st_mode & 0o777, 0o700)
            for name in try FileManager.default.contentsOfDirectory(atPath: cache) {
                XCTAssertFalse(name.contains(".tmp"), "\(name) left at \(fraction)")
                XCTAssertEqual(stat("\(cache)/\(name)", &info), 0)
                XCTAssertEqual(info.st_mode & 0o077, 0, "\(name) is readable by others")
            }
        }
    }

    func gunzip(_ path: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/gzip")
        p.arguments = ["-dc", path]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
