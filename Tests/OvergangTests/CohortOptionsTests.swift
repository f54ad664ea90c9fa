import XCTest
@testable import Extracts
@testable import Pipeline
@testable import Report
@testable import Tables
@testable import Catalogue

/// `cohorts.filter`, crossed `cohorts.breakdowns` and `cohorts.periods` (interface.md
/// "Additions (December 2026)") on `sample-data/`, against `Fixtures/cohorts/cohort_tables.py`
/// (standard-library Python on the reference oracle's exits; its output is committed in
/// `Fixtures/cohorts/expected/`), and their suppression.
final class CohortOptionsTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/cohorts")

    /// `pipeline.json` with the cohort options of `Fixtures/cohorts/cohorts.json`.
    static func configuration(minCell: Int = 0) throws -> Configuration {
        var config = try Configuration.load(path: SampleDataFixtureTests.repository.appendingPathComponent("pipeline.json").path)
        let options = try Configuration.parse(json: String(contentsOf: Self.fixtures.appendingPathComponent("cohorts.json"), encoding: .utf8))
        config.cohortBreakdowns = options.cohortBreakdowns
        config.cohortCrossings = options.cohortCrossings
        config.cohortFilter = options.cohortFilter
        config.cohortPeriods = options.cohortPeriods
        config.output.directory = temporaryDirectory() + "/out"
        config.output.minCellCount = minCell
        config.report.formats = []
        return config
    }

    static func run(_ config: Configuration) throws -> [String: String] {
        _ = try PipelineRun(config: config).run()
        return try publishedTables(config.output.directory).filter { $0.key.hasPrefix("exit_cohorts") }
    }

    func testFilteredCrossedAndPeriodTablesEqualTheIndependentReference() throws {
        let ours = try Self.run(try Self.configuration())
        let expected = Self.fixtures.appendingPathComponent("expected")
        let names = try FileManager.default.contentsOfDirectory(atPath: expected.path).filter { $0.hasSuffix(".csv") }
        XCTAssertEqual(Set(ours.keys), Set(names), "the run writes exactly the reference's exit-cohort tables")
        for name in names.sorted() {
            let mine = rows(ours[name] ?? ""), theirs = rows(try String(contentsOf: expected.appendingPathComponent(name), encoding: .utf8))
            XCTAssertEqual(mine.header, theirs.header, name)
            XCTAssertEqual(mine.rows.map(\.key), theirs.rows.map(\.key), "\(name): rows and their order")
            XCTAssertGreaterThan(theirs.rows.count, 0, name)
            for (a, b) in zip(mine.rows, theirs.rows) where a.key == b.key {
                XCTAssertEqual(a.numbers[0], b.numbers[0], "\(name) \(a.key) count")
                XCTAssertEqual(a.numbers[1], b.numbers[1], "\(name) \(a.key) exits")
                XCTAssertEqual(Double(a.numbers[2]), Double(b.numbers[2]), "\(name) \(a.key) pct")
            }
        }
    }

    /// Data ending two months into a quarter (complete months up to 2023-11): 2023-Q4 and 2023
    /// are not complete, so not tabulated; the quarters and years before are the reference's.
    func testOnlyCompletePeriodsAreTabulated() throws {
        var config = try Self.configuration()
        config.input.to = Month(year: 2024, month: 1)
        let ours = try Self.run(config)
        let expected = Self.fixtures.appendingPathComponent("expected")
        for (name, last) in [("exit_cohorts_quarterly.csv", "2023-Q3"), ("exit_cohorts_yearly_detailed.csv", "2022"),
                             ("exit_cohorts_quarterly_by_kjonn_x_aldersgruppe.csv", "2023-Q3")] {
            let mine = rows(ours[name] ?? "").rows
            let theirs = rows(try String(contentsOf: expected.appendingPathComponent(name), encoding: .utf8)).rows
                .filter { $0.key.prefix(last.count) <= last }
            XCTAssertEqual(mine.last?.key.hasPrefix(last + ","), true, name)
            XCTAssertEqual(mine.map(\.key), theirs.map(\.key), name)
            XCTAssertEqual(mine.map { $0.numbers[0] + "," + $0.numbers[1] }, theirs.map { $0.numbers[0] + "," + $0.numbers[1] }, name)
        }
    }

    /// The time before exit (`varighet`) is an exit's, not its row's: under `cohorts.filter` it
    /// must stay with its exit. The women's table by `varighet` equals the `K` rows of the
    /// unfiltered `kjonn×varighet` table (another path: no filter, two attributes).
    func testVarighetStaysWithItsExitUnderAFilter() throws {
        var config = try Self.configuration()
        config.cohortPeriods = [.month]
        config.cohortCrossings = [CrossedBreakdown(.kjonn, .varighet)]
        config.cohortFilter = ExitFilter()
        config.cohortBreakdowns = []
        let crossed = rows(try Self.run(config)["exit_cohorts_by_kjonn_x_varighet.csv"] ?? "").rows
        config.cohortCrossings = []
        config.cohortBreakdowns = [.varighet]
        config.cohortFilter = ExitFilter()
        config.cohortFilter[.kjonn] = ["K"]
        config.output.directory = temporaryDirectory() + "/out"
        let filtered = rows(try Self.run(config)["exit_cohorts_by_varighet.csv"] ?? "").rows
        let women = crossed.filter { $0.key.split(separator: ",")[2] == "K" }
            .map { row -> String in
                var key = row.key.split(separator: ",", omittingEmptySubsequences: false)
                key.remove(at: 2)
                return key.joined(separator: ",") + ";" + row.numbers.joined(separator: ",")
            }
        XCTAssertGreaterThan(Set(filtered.map { $0.key.split(separator: ",")[2] }).count, 2, "several durations")
        XCTAssertEqual(filtered.map { $0.key + ";" + $0.numbers.joined(separator: ",") }, women)
    }

    /// A table's header and rows: the key (every column before `count`) and the three numbers.
    func rows(_ text: String) -> (header: [String], rows: [(key: String, numbers: [String])]) {
        let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard let header = lines.first, let count = header.firstIndex(of: "count") else { return ([], []) }
        return (header, lines.dropFirst().map { ($0[..<count].joined(separator: ","), Array($0[count...])) })
    }

    /// A comparison's `filter` takes the same keys: the women's exits of its periods are the
    /// `K` rows of `exit_cohorts_by_kjonn.csv` (checked against the reference above) summed.
    func testComparisonFilterOnAnyAttribute() throws {
        var config = try Configuration.load(path: SampleDataFixtureTests.repository.appendingPathComponent("pipeline.json").path)
        config.comparisons = try Configuration.parse(json: """
            {"comparisons": [{"name": "women", "baseline": {"from": "2021-03", "to": "2021-11"},
              "comparison": {"from": "2023-03", "to": "2023-11"}, "filter": {"kjonn": ["K"], "alder": {"from": 20, "to": 66}}}]}
            """).comparisons
        config.cohortFilter = try Configuration.parse(json: #"{"cohorts": {"filter": {"alder": {"from": 20, "to": 66}}}}"#).cohortFilter
        config.output.directory = temporaryDirectory() + "/out"
        config.report.formats = []
        _ = try PipelineRun(config: config).run()
        let byKjonn = try csvRecords(atPath: config.output.directory + "/exit_cohorts_by_kjonn.csv")
        let status = try csvRecords(atPath: config.output.directory + "/comparison_status.csv")
        for (period, from, to) in [("baseline", "2021-03", "2021-11"), ("comparison", "2023-03", "2023-11")] {
            let women = byKjonn.filter { $0["kjonn"] == "K" && $0["outcome"] == "work" && $0["exit_month"]! >= from && $0["exit_month"]! <= to }
                .reduce(0) { $0 + Int($1["exits"]!)! }
            let row = status.first { $0["period"] == period }!
            XCTAssertEqual(Int(row["exits"]!), women, period)
            XCTAssertGreaterThan(women, 100, period)
        }
        XCTAssertNil(config.comparisons[0].plain, "a filtered comparison is not a plain sum of the exit table")
    }
}

extension CohortOptionsTests {
    func testConfigurationErrorsNameTheKey() {
        let cases: [(String, String)] = [
            (#"{"cohorts": {"breakdowns": ["kjonn×kommune"]}}"#, #"cohorts.breakdowns: unknown breakdown "kommune" in "kjonn×kommune""#),
            (#"{"cohorts": {"breakdowns": ["kjonn×kjonn"]}}"#, "crosses kjonn with itself"),
            (#"{"cohorts": {"breakdowns": ["kjonn×fylke×enhet"]}}"#, "crosses two attributes"),
            (#"{"cohorts": {"breakdowns": ["kjonn×fylke", "fylke*kjonn"]}}"#, "are crossed twice"),
            (#"{"cohorts": {"filter": {"kjonn": ["F"]}}}"#, "cohorts.filter.kjonn: 'F' is not a value of kjonn (K, M)"),
            (#"{"cohorts": {"filter": {"aldersgruppe": ["30-40"]}}}"#, "cohorts.filter.aldersgruppe: '30-40' is not a value"),
            (#"{"cohorts": {"filter": {"enhet": ["301"]}}}"#, "cohorts.filter.enhet: '301' is not a value of enhet (4 digits)"),
            (#"{"cohorts": {"filter": {"alder": {"from": 67, "to": 20}}}}"#, "cohorts.filter.alder: from 67 is above to 20"),
            (#"{"cohorts": {"filter": {"alder": {}}}}"#, "cohorts.filter.alder: names neither from nor to"),
            (#"{"cohorts": {"filter": {"alder": {"from": 20.5}}}}"#, "cohorts.filter.alder.from: expected a whole number"),
            (#"{"cohorts": {"filter": {"kommune": ["0301"]}}}"#, "cohorts.filter.kommune: unknown key"),
            (#"{"cohorts": {"periods": ["week"]}}"#, #"cohorts.periods: unknown period "week""#),
            (#"{"cohorts": {"periods": ["year", "year"]}}"#, "cohorts.periods: year is listed twice"),
            (#"{"comparisons": [{"name": "a", "baseline": {"from": "2021-01", "to": "2021-02"}, "comparison": {"from": "2021-03", "to": "2021-04"}, "filter": {"permittert": ["ja"]}}]}"#,
             "comparisons[0].filter.permittert: 'ja' is not a value of permittert (N, J)"),
        ]
        for (json, message) in cases {
            XCTAssertThrowsError(try Configuration.parse(json: json), json) { error in
                XCTAssertTrue("\(error)".contains(message), "\(json): \(error)")
            }
        }
    }

    func testOptionsAreReadAndRecordedInTheManifest() throws {
        let c = try Configuration.parse(json: """
            {"cohorts": {"breakdowns": ["fylke", "kjonn*aldersgruppe"], "periods": ["year"],
                         "filter": {"alder": {"from": 20}, "innsatsgruppe": ["IKVAL", ""], "tiltak": []}}}
            """)
        XCTAssertEqual(c.cohortBreakdowns, [.fylke])
        XCTAssertEqual(c.cohortCrossings, [CrossedBreakdown(.kjonn, .aldersgruppe)])
        XCTAssertEqual(c.cohortPeriods, [.month, .year])
        XCTAssertEqual(c.cohortFilter.alder, 20...150)
        XCTAssertEqual(c.cohortFilter[.innsatsgruppe], ["IKVAL", ""])
        XCTAssertTrue(c.cohortFilter.tiltak.isEmpty)
        let recorded = c.effective.cohorts
        XCTAssertEqual(recorded.breakdowns, ["fylke", "kjonn×aldersgruppe"])
        XCTAssertEqual(recorded.periods, ["month", "year"])
        XCTAssertEqual(recorded.filter?.others, ["innsatsgruppe": ["IKVAL", ""]])
        XCTAssertEqual(recorded.filter?.alder, .init(from: 20, to: 150))
        // Written and read back in pipeline.json's shape.
        var manifest = Manifest()
        manifest.configuration = c.effective
        let text = String(decoding: try manifest.encoded(), as: UTF8.self)
        XCTAssertTrue(text.contains(#""innsatsgruppe" : ["#), text)
        XCTAssertEqual(try Manifest.decoded(manifest.encoded(), file: "m").configuration.cohorts, recorded)
        // Defaults: no filter or periods recorded, so a default run's manifest is as before.
        let defaults = Configuration().effective.cohorts
        XCTAssertNil(defaults.filter)
        XCTAssertNil(defaults.periods)
    }
}
