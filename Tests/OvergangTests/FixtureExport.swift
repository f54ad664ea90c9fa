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
            let data = stage.coxData(event, entries: entries, rules: stage.rules).data
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

/// The run behind the Cox fixtures of the survival options (`Fixtures/cox/sample-options/`):
/// `pipeline.json` on `sample-data/` with an extra covariate (`vacancies.csv`, which ends
/// before the comparison period does, so some spells have no value) and a pooled window.
enum CoxOptionsFixture {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/cox/sample-options")
    static let pooled = MonthRange("2021-03..2023-11")!

    static func config(ties: String) throws -> Configuration {
        var config = try Configuration.load(path: SampleDataFixtureTests.repository.appendingPathComponent("pipeline.json").path)
        config.survival.ties = ties
        config.survival.covariates = ["vacancies": folder.appendingPathComponent("vacancies.csv").path]
        config.survival.pooled = [PooledWindow(name: "all", range: pooled)]
        config.report.formats = []
        return config
    }
}

extension FixtureExport {
    /// Writes, for the options fixture, each event's Cox spells of the two-period model
    /// (`<event>_periods.csv`) and of the pooled model (`<event>_pooled.csv`, no period term)
    /// with their entry month, which the R script joins to `vacancies.csv` itself.
    func testWriteSampleCoxOptionSpells() throws {
        guard ProcessInfo.processInfo.environment["OVERGANG_WRITE_FIXTURES"] == "1" else { return }
        let config = try CoxOptionsFixture.config(ties: "breslow")
        let inventory = try ExtractInventory(directory: config.input.directory)
        let months = MonthRange(from: inventory.months.first!, to: inventory.months.last!)
        let panel = try PanelBuilder(files: try inventory.files(in: months), months: months, maxRejectedShare: 1,
                                     quarantineDirectory: nil).build().panel
        let stage = SurvivalStage(panel: panel, config: config, firstMonth: 0)
        var warnings = [String]()
        let periods = stage.entries(stage.rules, &warnings)
        let byName = Dictionary(uniqueKeysWithValues: periods.map { ($0.name, $0.entries) })
        for event in config.survival.events {
            for (model, lists) in [("periods", [byName["baseline"]!, byName["comparison"]!]), ("pooled", [byName["all"]!])] {
                let names = model == "periods" ? CoxTerms.names : Array(CoxTerms.names.dropFirst())
                var rows = [String: Int]()
                for (period, list) in lists.enumerated() {
                    for entry in list {
                        guard let d = stage.rules.duration(entry, event, in: panel) else { continue }
                        var values = CoxTerms.values(panel.row(Int(entry.person), Int(entry.month)), comparisonPeriod: period == 1)
                        if model == "pooled" { values.removeFirst() }
                        let fields = [String(d.time), d.event ? "1" : "0"] + values.map { String(Int($0)) }
                            + [panel.month(Int(entry.month)).description]
                        rows[fields.joined(separator: ","), default: 0] += 1
                    }
                }
                let text = (["time,event," + names.joined(separator: ",") + ",entry_month,count"]
                            + rows.keys.sorted().map { "\($0),\(rows[$0]!)" }).joined(separator: "\n") + "\n"
                try text.write(to: CoxOptionsFixture.folder.appendingPathComponent("\(event.rawValue)_\(model).csv"),
                               atomically: true, encoding: .utf8)
            }
        }
    }
}
