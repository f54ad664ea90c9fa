import XCTest
@testable import Extracts
@testable import Panel
@testable import Pipeline
@testable import Tables
@testable import Disclosure

/// The stock tables of definitions.md §6: hand-built months with values read off the
/// definition, `sample-data/` against the independent Python reference
/// (`Fixtures/reference/stocks.py` → `Fixtures/sample-expected/stocks_by_*.csv`), the
/// configuration, and small-cell suppression.
final class StockTests: XCTestCase {
    /// Month 0: office 0301 has 3 ARBS (two in ARBTREN, one in VASV), 1 NEDS in ARBTREN and
    /// 2 IARBS (one with a measure, which is not counted: IARBS is not registered); office
    /// 0219 has 1 IARBS only. Month 1: office 0301 has 1 ARBS.
    func buildTable(registered: [Hovedstatus] = [.arbs, .neds], limit: Int = 0) throws -> [String] {
        var b = ExtractSetBuilder(from: "2022-01", to: "2022-02")
        b.register("A1", 0, tiltak: "ARBTREN")
        b.register("A2", 0, tiltak: "ARBTREN")
        b.register("A3", 0, tiltak: "VASV")
        b.register("N1", 0, status: "NEDS", tiltak: "ARBTREN")
        b.register("I1", 0, status: "IARBS")
        b.register("I2", 0, status: "IARBS", tiltak: "VASV")
        b.register("I3", 0, status: "IARBS", enhet: "0219")
        b.register("A1", 1)
        let dir = try b.write()
        let inventory = try ExtractInventory(directory: dir)
        let months = MonthRange(from: inventory.months.first!, to: inventory.months.last!)
        let panel = try PanelBuilder(files: try inventory.files(in: months), months: months, maxRejectedShare: 1,
                                     quarantineDirectory: nil).build().panel
        let table = StockTables(panel: panel, registered: registered, months: 0..<panel.monthCount).table(by: .enhet)
        return TableSuppression.apply([table], limit: limit)[0].csvText().split(separator: "\n").map(String.init)
    }

    func testCountsAndSharesByOfficeStatusAndMeasure() throws {
        // pct_of_measures: of the 4 registered persons of 0301 in a measure (I2's VASV is
        // IARBS, not registered). `total`: every office of the month.
        XCTAssertEqual(try buildTable(), [
            "month,enhet,hovedstatus,tiltak,count,pct,pct_of_measures",
            "2022-01,0219,ARBS,,0,,", "2022-01,0219,NEDS,,0,,", "2022-01,0219,IARBS,,1,,",
            "2022-01,0301,ARBS,,3,75.0,", "2022-01,0301,ARBS,ARBTREN,2,50.0,50.0", "2022-01,0301,ARBS,VASV,1,25.0,25.0",
            "2022-01,0301,NEDS,,1,25.0,", "2022-01,0301,NEDS,ARBTREN,1,25.0,25.0",
            "2022-01,0301,IARBS,,2,,",
            "2022-01,total,ARBS,,3,75.0,", "2022-01,total,ARBS,ARBTREN,2,50.0,50.0", "2022-01,total,ARBS,VASV,1,25.0,25.0",
            "2022-01,total,NEDS,,1,25.0,", "2022-01,total,NEDS,ARBTREN,1,25.0,25.0",
            "2022-01,total,IARBS,,3,,",
            "2022-02,0301,ARBS,,1,100.0,", "2022-02,0301,NEDS,,0,0,", "2022-02,0301,IARBS,,0,,",
            "2022-02,total,ARBS,,1,100.0,", "2022-02,total,NEDS,,0,0,", "2022-02,total,IARBS,,0,,",
        ])
        // With only ARBS registered, NEDS persons are counted but have no share and no measure
        // rows, and the measure stock is ARBS's 3.
        XCTAssertEqual(try buildTable(registered: [.arbs])[4...8], [
            "2022-01,0301,ARBS,,3,100.0,", "2022-01,0301,ARBS,ARBTREN,2,66.66666666666667,66.66666666666667",
            "2022-01,0301,ARBS,VASV,1,33.333333333333336,33.333333333333336", "2022-01,0301,NEDS,,1,,", "2022-01,0301,IARBS,,2,,"])
    }

    /// (0219's zeros are printed: the published figures give them as 0 anyway.)
    /// Limit 2: the NEDS count 1 is blanked, and so is the ARBS count (else NEDS = registered −
    /// ARBS, the registered persons following from any count and its share), with their shares;
    /// measure rows below the limit go; 0219's zeros and all of 2022-02 (1 registered) go. The
    /// `total` rows are sums across offices: 0301's IARBS 2 goes too (else total 3 − 2 gives
    /// 0219's blanked 1 back); the total's ARBS 3 goes with its NEDS 1 as 0301's did.
    func testSmallCellsAreBlankedWithTheSharesThatWouldGiveThemBack() throws {
        XCTAssertEqual(try buildTable(limit: 2), [
            "month,enhet,hovedstatus,tiltak,count,pct,pct_of_measures",
            "2022-01,0219,ARBS,,0,,", "2022-01,0219,NEDS,,0,,", "2022-01,0219,IARBS,,,,",
            "2022-01,0301,ARBS,,,,", "2022-01,0301,ARBS,ARBTREN,2,50.0,50.0", "2022-01,0301,ARBS,VASV,,,",
            "2022-01,0301,NEDS,,,,", "2022-01,0301,NEDS,ARBTREN,,,",
            "2022-01,0301,IARBS,,,,",
            "2022-01,total,ARBS,,,,", "2022-01,total,ARBS,ARBTREN,2,50.0,50.0", "2022-01,total,ARBS,VASV,,,",
            "2022-01,total,NEDS,,,,", "2022-01,total,NEDS,ARBTREN,,,", "2022-01,total,IARBS,,3,,",
            "2022-02,0301,ARBS,,,,", "2022-02,0301,NEDS,,,,", "2022-02,0301,IARBS,,,,",
            "2022-02,total,ARBS,,,,", "2022-02,total,NEDS,,,,", "2022-02,total,IARBS,,,,",
        ])
    }

    func testConfiguration() throws {
        XCTAssertEqual(try Configuration.parse(json: "{}").stockBreakdowns, [.enhet])
        XCTAssertEqual(try Configuration.parse(json: #"{"stocks": {"breakdowns": ["kjonn", "aldersgruppe"]}}"#).stockBreakdowns,
                       [.kjonn, .aldersgruppe])
        XCTAssertEqual(try Configuration.parse(json: #"{"stocks": {"breakdowns": []}}"#).stockBreakdowns, [])
        for (json, message) in [
            (#"{"stocks": {"breakdown": ["enhet"]}}"#, "pipeline.json: stocks.breakdown: unknown key"),
            (#"{"stocks": {"breakdowns": ["kommune"]}}"#, "pipeline.json: stocks.breakdowns: unknown breakdown \"kommune\""),
            (#"{"stocks": {"breakdowns": ["enhet", "enhet"]}}"#, "pipeline.json: stocks.breakdowns: enhet is listed twice"),
            (#"{"stocks": []}"#, "pipeline.json: stocks: expected an object"),
            // Its header would be month,tiltak,hovedstatus,tiltak,…: two columns of one name.
            (#"{"stocks": {"breakdowns": ["enhet", "tiltak"]}}"#, "pipeline.json: stocks.breakdowns: tiltak is not a breakdown of the stocks"),
            (#"{"stocks": {"breakdowns": ["varighet"]}}"#, "pipeline.json: stocks.breakdowns: varighet is not a breakdown of the stocks"),
        ] {
            XCTAssertThrowsError(try Configuration.parse(json: json)) { XCTAssertTrue("\($0)".hasPrefix(message), "\($0)") }
        }
    }

    func testSampleDataStocksEqualTheIndependentReference() throws {
        var config = try Configuration.load(path: SampleDataFixtureTests.repository.appendingPathComponent("pipeline.json").path)
        config.stockBreakdowns = [.enhet, .aldersgruppe]
        config.report.formats = []
        let output = temporaryDirectory() + "/out"
        config.output.directory = output
        _ = try PipelineRun(config: config).run()
        for b in config.stockBreakdowns {
            let name = "stocks_by_\(b.rawValue).csv"
            let ours = try String(contentsOfFile: "\(output)/\(name)", encoding: .utf8).split(separator: "\n")
            let theirs = try String(contentsOf: SampleDataFixtureTests.expected.appendingPathComponent(name), encoding: .utf8).split(separator: "\n")
            XCTAssertEqual(ours.count, theirs.count, name)
            XCTAssertGreaterThan(ours.count, 1000, name)
            for (a, b) in zip(ours, theirs) where a != b {
                // Shares (pct, pct_of_measures): the same double (both print the shortest round-trip text).
                let x = a.split(separator: ",", omittingEmptySubsequences: false), y = b.split(separator: ",", omittingEmptySubsequences: false)
                XCTAssertEqual(x.dropLast(2), y.dropLast(2), name)
                XCTAssertEqual(x.suffix(2).map { Double($0) }, y.suffix(2).map { Double($0) }, "\(name): \(a) vs \(b)")
            }
        }
    }
}
