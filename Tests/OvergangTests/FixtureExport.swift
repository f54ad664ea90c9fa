import Foundation
import XCTest
@testable import Extracts
@testable import Panel
@testable import Pipeline
@testable import Statistics

/// Writes the Cox spells of `sample-data/` for the R fixture script when asked
/// (`OVERGANG_WRITE_FIXTURES=1 swift test --filter FixtureExport`); otherwise does nothing.
final class FixtureExport: XCTestCase {
    func testWriteSampleCoxSpells() throws {
        guard ProcessInfo.processInfo.environment["OVERGANG_WRITE_FIXTURES"] == "1" else { return }
        let repository = SampleDataFixtureTests.repository
        let config = try Configuration.load(path: repository.appendingPathComponent("pipeline.json").path)
        let inventory = try ExtractInventory(directory: config.input.directory)
        let months = MonthRange(from: inventory.months.first!, to: inventory.months.last!)
        let panel = try PanelBuilder(files: try inventory.files(in: months), months: months, maxRejectedShare: 1,
                                     quarantineDirectory: nil).build().panel
        let stage = SurvivalStage(panel: panel, config: config, firstMonth: 0)
        var warnings = [String]()
        let entries = stage.entries(stage.rules, &warnings).map(\.entries)
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/cox/sample")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for event in config.survival.events {
            let data = stage.coxData(event, entries: entries, rules: stage.rules)
            var rows = [String: Int]()
            let p = data.names.count
            for i in 0..<data.count {
                let values = data.values[(i * p)..<((i + 1) * p)].map { String(Int($0)) }
                rows[([String(Int(data.times[i])), data.events[i] ? "1" : "0"] + values).joined(separator: ","), default: 0] += Int(data.counts[i])
            }
            let text = (["time,event," + data.names.joined(separator: ",") + ",count"]
                        + rows.keys.sorted().map { "\($0),\(rows[$0]!)" }).joined(separator: "\n") + "\n"
            try text.write(to: folder.appendingPathComponent("\(event.rawValue).csv"), atomically: true, encoding: .utf8)
        }
    }
}
