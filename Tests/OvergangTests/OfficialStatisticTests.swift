import XCTest
@testable import Episodes
@testable import Pipeline

/// NAV's own statistic (definitions.md §7c, issue 21): `examples/nav-official.json` and
/// `examples/nav-measures.json` on `sample-data/` and on the hand-built timelines of
/// `Fixtures/official/timelines/` (`make_timelines.py`), against `Fixtures/official/official_tables.py`
/// (standard-library Python on the reference oracle's exits; output committed in `expected/`).
final class OfficialStatisticTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/official")

    static func configuration(_ example: String, input: String) throws -> Configuration {
        var config = try Configuration.load(path: SampleDataFixtureTests.repository.appendingPathComponent("examples/\(example).json").path)
        config.input.directory = input
        config.input.minRowShare = 0
        config.output.directory = temporaryDirectory() + "/out"
        config.report.formats = []
        return config
    }

    func check(_ example: String, input: String, expected: String) throws {
        let config = try Self.configuration(example, input: input)
        _ = try PipelineRun(config: config).run()
        let ours = try publishedTables(config.output.directory).filter { $0.key.hasPrefix("exit_cohorts") }
        let dir = Self.fixtures.appendingPathComponent("expected/\(expected)")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".csv") }
        XCTAssertEqual(Set(ours.keys), Set(names), "\(expected): exactly the reference's exit-cohort tables")
        for name in names.sorted() {
            let mine = Self.lines(ours[name] ?? ""), theirs = Self.lines(try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8))
            XCTAssertGreaterThan(theirs.count, 1, name)
            XCTAssertEqual(mine.map(\.text), theirs.map(\.text), "\(expected)/\(name): rows, counts and exits")
            XCTAssertEqual(mine.map(\.pct), theirs.map(\.pct), "\(expected)/\(name): shares")
        }
    }

    /// Each line without its last field (pct), and pct as a number (the writers round-trip it).
    static func lines(_ text: String) -> [(text: String, pct: Double?)] {
        text.split(separator: "\n").map { line in
            let cut = line.lastIndex(of: ",")!
            return (String(line[..<cut]), Double(line[line.index(after: cut)...]))
        }
    }

    func testOfficialStatisticOnSampleDataEqualsTheReference() throws {
        try check("nav-official", input: SampleDataFixtureTests.repository.appendingPathComponent("sample-data").path, expected: "official-sample")
    }

    func testOfficialStatisticOnHandBuiltTimelinesEqualsTheReference() throws {
        try check("nav-official", input: Self.fixtures.appendingPathComponent("timelines").path, expected: "official-timelines")
    }

    func testMeasureStatisticOnSampleDataEqualsTheReference() throws {
        try check("nav-measures", input: SampleDataFixtureTests.repository.appendingPathComponent("sample-data").path, expected: "measures-sample")
    }

    func testMeasureStatisticOnHandBuiltTimelinesEqualsTheReference() throws {
        try check("nav-measures", input: Self.fixtures.appendingPathComponent("timelines").path, expected: "measures-timelines")
    }

    /// The timelines' exits one by one: ARBS → NEDS is an exit from ARBS, NEDS → ARBS one from
    /// NEDS whose ARBS exit then counts as NEDS (look-back), NEDS four months before an ARBS
    /// exit makes it NEDS; without `betweenStatuses` A and B exit once.
    func testExitsBetweenStatusesOnTheTimelines() throws {
        let dir = Self.fixtures.appendingPathComponent("timelines").path
        let between = try Self.configuration("nav-official", input: dir)
        let (panel, set) = try exits(in: dir, rules: between.exit, outcome: between.outcome)
        XCTAssertEqual(exitsOf("A", panel, set, dir: dir).map { "\($0.0) \($0.1) \($0.2)" },
                       ["2022-02 ARBS Arbeidstakere med annen ytelse/oppfølging", "2022-04 NEDS Kun arbeidstaker"])
        XCTAssertEqual(exitsOf("B", panel, set, dir: dir).map { "\($0.0) \($0.1)" }, ["2022-03 NEDS", "2022-05 NEDS"])
        XCTAssertEqual(exitsOf("C", panel, set, dir: dir).map { "\($0.0) \($0.1)" }, ["2021-10 NEDS", "2022-02 NEDS", "2022-04 NEDS"])
        var plain = between.exit
        plain.betweenStatuses = false
        let (panel2, set2) = try exits(in: dir, rules: plain, outcome: between.outcome)
        XCTAssertEqual(exitsOf("A", panel2, set2, dir: dir).map { "\($0.0) \($0.1)" }, ["2022-04 NEDS"])
        XCTAssertEqual(exitsOf("B", panel2, set2, dir: dir).map { "\($0.0) \($0.1)" }, ["2022-05 NEDS"])
    }
}

/// Small-cell suppression with NAV's categories: a class's categories add up to the class, so
/// no blanked class count can be recomputed from its visible categories (and the other way).
final class OfficialSuppressionTests: XCTestCase {
    func testClassesAndTheirCategoriesAreSuppressedTogether() throws {
        var config = try OfficialStatisticTests.configuration("nav-official",
                                                             input: SampleDataFixtureTests.repository.appendingPathComponent("sample-data").path)
        config.output.minCellCount = 5
        _ = try PipelineRun(config: config).run()
        let tables = try publishedTables(config.output.directory)
        let members = config.outcome.categories!.classMembers
        var blanks = 0
        for tag in ["", "_quarterly"] {
            let headline = Self.counts(tables["exit_cohorts\(tag).csv"]!), detailed = Self.counts(tables["exit_cohorts\(tag)_detailed.csv"]!)
            for (group, byClass) in headline {
                for (headlineClass, categories) in members {
                    let parts = categories.map { detailed[group]?[$0] ?? nil }
                    let total = byClass[headlineClass] ?? nil
                    if total == nil { blanks += 1 }
                    if parts.allSatisfy({ $0 != nil }) {
                        XCTAssertEqual(total, parts.reduce(0) { $0 + $1! }, "\(tag) \(group) \(headlineClass): recomputable from its categories")
                    }
                    if let total, parts.filter({ $0 == nil }).count == 1 {
                        XCTFail("\(tag) \(group) \(headlineClass): the one blank category is \(total) less the others")
                    }
                }
            }
        }
        XCTAssertGreaterThan(blanks, 0, "the limit blanks some class counts")
    }

    /// count by (period, status) and class or category; nil where blanked.
    static func counts(_ text: String) -> [String: [String: Int?]] {
        var out = [String: [String: Int?]]()
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            out[f[0] + " " + f[1], default: [:]][f[2]] = Int(f[3])
        }
        return out
    }
}
