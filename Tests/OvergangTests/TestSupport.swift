import Foundation
import XCTest
@testable import Episodes
@testable import Extracts
@testable import Panel
@testable import Pipeline

/// Reads a folder of extracts into a panel and finds its exits, as the pipeline does.
func exits(in dir: String, rules: ExitRules = ExitRules(), outcome: OutcomeRules = OutcomeRules()) throws -> (Panel, ExitSet) {
    let inventory = try ExtractInventory(directory: dir)
    let months = MonthRange(from: inventory.months.first!, to: inventory.months.last!)
    let built = try PanelBuilder(files: try inventory.files(in: months), months: months, maxRejectedShare: 1,
                                 quarantineDirectory: nil).build()
    return (built.panel, ExitFinder(rules: rules, outcome: outcome).find(in: built.panel))
}

/// The exits of one person (by key) as (exit month, exit status, detailed status).
func exitsOf(_ person: String, _ panel: Panel, _ set: ExitSet, dir: String) -> [(String, String, String)] {
    // Person numbers follow first appearance in Arena, month by month; find the number by
    // re-reading the keys the same way the builder does.
    let inventory = try! ExtractInventory(directory: dir)
    var table = KeyTable()
    for f in inventory.files where f.kind == .arena {
        let a = try! ArenaExtract.read(f, quarantine: Quarantine(fileName: f.name, path: nil))
        for i in 0..<a.rows.count { _ = table.insert(a.persons.key(i)) }
    }
    guard let id = table.find(Array(person.utf8)) else { return [] }
    return set.exits.filter { Int($0.person) == id }.map { (panel.month(Int($0.month)).description, $0.status.name, set.categories.name($0.outcome)) }
}

/// One folder per test process for everything the tests write, removed when the process ends.
let testRoot: String = {
    let root = NSTemporaryDirectory() + "overgang-tests-\(getpid())"
    atexit { try? FileManager.default.removeItem(atPath: testRoot) }
    return root
}()

func temporaryDirectory() -> String {
    let dir = testRoot + "/\(UUID().uuidString)"
    try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

/// 40 persons over eight months with exits, employment and benefits, and one employment of
/// a person never in Arena.
func smallExtractSet() -> ExtractSetBuilder {
    var b = ExtractSetBuilder(from: "2022-01", to: "2022-08")
    for i in 0..<40 {
        let p = "P\(i)"
        b.register(p, months: Array(0...(i % 5)))
        if i % 3 == 0 { b.employ(p, (i % 5) + 2, start: "2021-01-01") }
        if i % 4 == 0 { b.benefit(p, (i % 5) + 2, "DAGP") }
    }
    b.employ("NOT_IN_ARENA", 2, start: "2021-01-01")
    return b
}

/// The rows of a comma-separated file as dictionaries keyed by its header (no quoting: the
/// pipeline's tables and the fixtures' CSV files need none).
func csvRecords(atPath path: String) throws -> [[String: String]] {
    let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(lines[0], $0)) }
}

/// The `overgang` binary that `swift test` built beside the test bundle.
let overgangBinary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("overgang").path

/// Runs the `overgang` binary that `swift test` built beside the test bundle, in `folder`;
/// its exit status and what it wrote on stderr.
func runOvergang(_ args: [String], in folder: String? = nil) throws -> (Int32, String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: overgangBinary)
    p.arguments = args
    if let folder { p.currentDirectoryURL = URL(fileURLWithPath: folder) }
    let err = Pipe()
    p.standardError = err
    p.standardOutput = FileHandle.nullDevice
    try p.run()
    let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    return (p.terminationStatus, text)
}

/// The default configuration on `input`, writing to `output`.
func configuration(_ input: String, _ output: String) -> Configuration {
    var c = Configuration()
    c.input.directory = input
    c.output.directory = output
    return c
}

/// The published CSV tables of a finished run (quarantine aside), by name.
func publishedTables(_ dir: String) throws -> [String: String] {
    var out = [String: String]()
    for name in try FileManager.default.contentsOfDirectory(atPath: dir) where name.hasSuffix(".csv") && name != "quarantine.csv" {
        out[name] = try String(contentsOfFile: "\(dir)/\(name)", encoding: .utf8)
    }
    return out
}

/// `pipeline.json` on `sample-data/` into a new temporary folder (no cache), with `adjust`'s
/// changes to the settings; the output folder.
func sampleRun(_ adjust: (inout Configuration) -> Void = { _ in }) -> String {
    let output = temporaryDirectory() + "/out"
    var config = try! Configuration.load(path: SampleDataFixtureTests.repository.appendingPathComponent("pipeline.json").path)
    config.output.directory = output
    config.cache.enabled = false
    adjust(&config)
    _ = try! PipelineRun(config: config).run()
    return output
}
