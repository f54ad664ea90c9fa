import XCTest
@testable import Pipeline
@testable import Statistics
@testable import Tables

/// Life table, Kaplan-Meier, log-rank and cumulative incidence against R (KMsurv::lifetab,
/// survival::survfit with conf.type "log-log", survdiff, survfit with a multi-state status)
/// on the same data. The R script and its output are in `Fixtures/survival/`; CI needs no R.
final class SurvivalStatisticsTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/survival")

    func csv(_ text: String) -> (header: [String], rows: [[String]]) {
        let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        return (lines[0], Array(lines.dropFirst()))
    }

    /// Compares two CSV texts row by row, keyed by the first `keys` columns; numbers to 1e-10 relative.
    func assertSameTable(_ ours: String, _ reference: String, keys: Int, _ what: String) {
        let a = csv(ours), b = csv(reference)
        XCTAssertEqual(a.header, b.header, "\(what) header")
        let mine = Dictionary(a.rows.map { ($0.prefix(keys).joined(separator: ","), $0) }, uniquingKeysWith: { x, _ in x })
        XCTAssertEqual(a.rows.count, b.rows.count, "\(what) rows")
        for row in b.rows {
            let key = row.prefix(keys).joined(separator: ",")
            guard let m = mine[key] else { XCTFail("\(what): no row \(key)"); continue }
            for (i, (x, y)) in zip(m, row).enumerated().dropFirst(keys) {
                let label = "\(what) \(key) \(b.header[i])"
                if y.isEmpty || x.isEmpty { XCTAssertEqual(x, y, label); continue }
                guard let dx = Double(x), let dy = Double(y) else { XCTAssertEqual(x, y, label); continue }
                XCTAssertEqual(dx, dy, accuracy: max(1e-12, abs(dy) * 1e-10), label)
            }
        }
    }

    func maxMonth(_ set: String) throws -> Int {
        let km = csv(try String(contentsOf: Self.folder.appendingPathComponent("\(set)/kaplan_meier.csv"), encoding: .utf8))
        return km.rows.map { Int($0[2])! }.max()!
    }

    func testAgainstR() throws {
        for (set, input) in [("veteran", "veteran_months.csv"), ("lung", "lung_months.csv"), ("tiny", "tiny.csv"),
                             ("tiny_nogroup", "tiny_nogroup.csv")] {
            let spells = try SpellFile(path: Self.folder.appendingPathComponent(input).path)
            let tables = SurvivalTables(analyses: [spells.analysis()], maxMonths: try maxMonth(set))
            for (table, keys) in [(tables.lifeTables(), 3), (tables.kaplanMeier(), 3), (tables.logRank(), 1)] {
                let reference = try String(contentsOf: Self.folder.appendingPathComponent("\(set)/\(table.name)"), encoding: .utf8)
                assertSameTable(table.csvText(), reference, keys: keys, "\(set)/\(table.name)")
            }
        }
    }

    /// Quantiles and their intervals against R's `quantile(survfit(..., conf.type = "log-log"))`
    /// (`quantile_fixture.R`): monthly and daily textbook data, hand-checkable midpoint cases,
    /// and the spells of sample-data.
    func testQuantilesAgainstR() throws {
        let sets = [("veteran", "veteran_months.csv", 12), ("lung", "lung_months.csv", 24), ("tiny", "tiny.csv", 5),
                    ("tiny_nogroup", "tiny_nogroup.csv", 4), ("quantile_ties", "quantile_ties.csv", 7),
                    ("lung_days", "lung_days.csv", 1022), ("veteran_days", "veteran_days.csv", 999)]
            + ["deregistered", "transferred", "job", "measure", "situational"].map { ("sample/\($0)", "sample/\($0)_spells.csv", 12) }
        for (set, input, months) in sets {
            let spells = try SpellFile(path: Self.folder.appendingPathComponent(input).path)
            let reference = try String(contentsOf: Self.folder.appendingPathComponent("\(set)/quantiles.csv"), encoding: .utf8)
            let event = csv(reference).rows[0][0]
            var analysis = spells.analysis()
            analysis.event = event
            let ours = SurvivalTables(analyses: [analysis], maxMonths: months).quantiles()
            assertSameTable(ours.csvText(), reference, keys: 3, "\(set)/quantiles.csv")
        }
    }

    func testQuantileMidpointsByHand() {
        // S = .75, .5 after events at 1 and 2, then flat to the last time 6: the median is the
        // midpoint of 2 and 6; the 25th percentile the midpoint of 1 and 2; S never reaches .25.
        var data = SurvivalData()
        for (t, e) in [(1, 1), (2, 1), (4, 0), (6, 0)] { data.add(time: t, code: e) }
        let q = KaplanMeier(data, maxMonths: 7).quantiles()
        XCTAssertEqual(q.map(\.time), [1.5, 4, nil])
    }

    func testCumulativeIncidenceAgainstR() throws {
        for (set, input) in [("mgus2", "mgus2_halfyears.csv"), ("tiny_competing", "tiny_competing.csv")] {
            let data = csv(try String(contentsOf: Self.folder.appendingPathComponent(input), encoding: .utf8))
            let col = Dictionary(uniqueKeysWithValues: data.header.enumerated().map { ($1, $0) })
            var groups = [String: SurvivalData]()
            for row in data.rows {
                let group = col["group"].map { row[$0] } ?? "all"
                groups[group, default: SurvivalData()].add(time: Int(row[col["time"]!])!, code: Int(row[col["cause"]!])!,
                                                           count: col["count"].map { Int(row[$0])! } ?? 1)
            }
            let reference = try String(contentsOf: Self.folder.appendingPathComponent("\(set)/cumulative_incidence.csv"), encoding: .utf8)
            let months = csv(reference).rows.map { Int($0[1])! }.max()!
            let periods = Set(csv(reference).rows.map { $0[0] })
            let ours = SurvivalTables.cumulativeIncidence(
                periods: groups.keys.sorted().filter(periods.contains).map { ($0, groups[$0]!) },
                causes: ["transferred", "deregistered"], maxMonths: months)
            assertSameTable(ours.csvText(), reference, keys: 3, "\(set)/cumulative_incidence.csv")
        }
    }

    func testChiSquareTail() {
        // Published values: qchisq(0.95, df) for df 1, 2, 3, 10.
        XCTAssertEqual(ChiSquare.upperTail(3.841458820694124, degreesOfFreedom: 1), 0.05, accuracy: 1e-14)
        XCTAssertEqual(ChiSquare.upperTail(5.991464547107979, degreesOfFreedom: 2), 0.05, accuracy: 1e-14)
        XCTAssertEqual(ChiSquare.upperTail(7.814727903251178, degreesOfFreedom: 3), 0.05, accuracy: 1e-13)
        XCTAssertEqual(ChiSquare.upperTail(18.307038053275146, degreesOfFreedom: 10), 0.05, accuracy: 1e-13)
    }

    func testFrequencyCountsEqualRepeatedRows() {
        var counted = SurvivalData(), repeated = SurvivalData()
        for (t, e, n) in [(1, 1, 3), (2, 0, 2), (2, 1, 4), (4, 1, 1), (6, 0, 5)] {
            counted.add(time: t, code: e, count: n)
            for _ in 0..<n { repeated.add(time: t, code: e) }
        }
        XCTAssertEqual(KaplanMeier(counted, maxMonths: 6).points, KaplanMeier(repeated, maxMonths: 6).points)
        XCTAssertEqual(LifeTable(counted, maxMonths: 6).intervals, LifeTable(repeated, maxMonths: 6).intervals)
    }
}

extension SurvivalStatisticsTests {
    func testTimesPastMaxMonthsAreCensoredThere() throws {
        let dir = temporaryDirectory()
        try "time,event,count\n2,1,3\n20,1,2\n15,0,1\n".write(toFile: "\(dir)/s.csv", atomically: true, encoding: .utf8)
        let spells = try SpellFile(path: "\(dir)/s.csv")
        XCTAssertEqual(spells.maxTime, 20)
        var capped = SurvivalData()
        capped.add(time: 2, code: 1, count: 3)
        capped.add(time: 12, code: 0, count: 3)
        XCTAssertEqual(KaplanMeier(spells.all, maxMonths: 12).points, KaplanMeier(capped, maxMonths: 12).points)
        XCTAssertEqual(LifeTable(spells.all, maxMonths: 12).intervals.last?.withdrawn, 3)
        XCTAssertThrowsError(try { try "time,event\n1,2\n".write(toFile: "\(dir)/b.csv", atomically: true, encoding: .utf8)
            _ = try SpellFile(path: "\(dir)/b.csv") }()) { XCTAssertTrue("\($0)".hasSuffix("b.csv: line 2: event '2' is not 0 or 1"), "\($0)") }
    }
}
