import XCTest
@testable import Tables
@testable import Catalogue
@testable import Disclosure

/// Small-cell suppression of the §7a tables: entries by route and the profile together, and
/// the estimates of periods under the limit.
final class SurvivalEntrySuppressionTests: XCTestCase {
    /// One period: two months of entries, and a profile whose route rows are their sums.
    func tables(newAtUnit: Int = 2) -> [CSVTable] {
        var entries = CSVTable(name: "survival_entries.csv", header: ["period", "entry_month", "route", "at_unit", "count"])
        let cells: [(String, String, String, Int)] = [("2023-03", "new", "yes", newAtUnit), ("2023-03", "new", "no", 30),
                                                     ("2023-04", "new", "yes", 12), ("2023-04", "new", "no", 11),
                                                     ("2023-03", "assessment", "yes", 20), ("2023-03", "assessment", "no", 25)]
        for (m, r, u, n) in cells { entries.append([.text("comparison"), .text(m), .text(r), .text(u), .count(n)]) }
        var profile = CSVTable(name: "survival_profile.csv", header: ["period", "population", "characteristic", "value", "count", "pct"])
        let all = 2 + 30 + 12 + 11 + 20 + 25, unit = newAtUnit + 12 + 20
        for (population, n, new, kjonnK) in [("all", all, newAtUnit + 30 + 12 + 11, 3), ("unit", unit, newAtUnit + 12, 17)] {
            for (c, v, k) in [("kjonn", "K", kjonnK), ("kjonn", "M", n - kjonnK), ("route", "new", new), ("route", "assessment", n - new)] {
                profile.append([.text("comparison"), .text(population), .text(c), .text(v), .count(k), .number(100 * Double(k) / Double(n))])
            }
        }
        return [entries, profile]
    }

    func column(_ t: CSVTable, _ name: String) -> [Int?] { t.rows.map { $0[t.column(name)!].intValue } }

    func testCountsAndTheirSumsAcrossBothTables() {
        let out = TableSuppression.apply(tables(), limit: 5)
        let entries = out[0], profile = out[1]
        // Primary: the 2 new entries at the unit in March; secondary within the month's route
        // sum (profile all/new = 55 and unit/new = 14): the smallest other cell (11), and 12 of the unit's;
        // the audit then finds 30 left too narrow a range for the blanks beside it.
        XCTAssertEqual(column(entries, "count"), [nil, nil, nil, nil, 20, 25])
        // Profile: K = 3 blanked, so M (the population is given by the route rows) goes too.
        XCTAssertEqual(column(profile, "count").prefix(4), [nil, nil, 55, 45])
        XCTAssertNil(profile.rows[0][5].doubleValue)
        XCTAssertNil(profile.rows[1][5].doubleValue)
        // Without a limit nothing changes.
        XCTAssertEqual(TableSuppression.apply(tables(), limit: 0).map { $0.csvText() }, tables().map { $0.csvText() })
    }

    func testAPopulationUnderTheLimitLosesEveryFigure() {
        let out = TableSuppression.apply(tables(), limit: 40)
        let profile = out[1]
        // unit: 34 entries < 40: all its rows blank. all: K = 3 blanked takes M = 97 with it
        // (the routes give the population's 100); the routes stay (every month's cell is
        // blanked, but together they are 55 and 45, not below the limit).
        XCTAssertEqual(column(profile, "count").suffix(4), [nil, nil, nil, nil])
        XCTAssertEqual(column(profile, "count").prefix(4), [nil, nil, 55, 45])
        XCTAssertEqual(column(out[0], "count"), [nil, nil, nil, nil, nil, nil])
    }

    func testEstimatesOfAPeriodUnderTheLimitAreBlanked() {
        var km = CSVTable(name: "kaplan_meier.csv", header: ["event", "period", "month", "at_risk"])
        km.append([.text("job"), .text("baseline"), .count(0), .count(50)])
        km.append([.text("job"), .text("comparison"), .count(0), .count(4)])
        km.append([.text("transferred"), .text("comparison"), .count(0), .count(50)])
        var q = CSVTable(name: "survival_quantiles.csv", header: ["event", "period", "quantile", "months", "ci_low", "ci_high"])
        q.append([.text("job"), .text("baseline"), .text("50"), .number(3), .number(2), .number(4)])
        q.append([.text("job"), .text("comparison"), .text("50"), .number(5), .number(2), .number(nil)])
        var tests = CSVTable(name: "cox_tests.csv", header: ["event", "period", "factor", "terms", "chisq", "df", "p"])
        tests.append([.text("job"), .text("baseline+comparison"), .text("male"), .text("male"), .number(1.5), .count(1), .number(0.2)])
        tests.append([.text("transferred"), .text("baseline+comparison"), .text("male"), .text("male"), .number(1.5), .count(1), .number(0.2)])
        let out = TableSuppression.apply([km, q, tests], limit: 5)
        XCTAssertEqual(out[1].rows.map { $0[3] }, [.number(3), .number(nil)])
        // job's model has the small comparison period; transferred has no baseline spells at all.
        XCTAssertEqual(out[2].rows.map { $0[4] }, [.number(nil), .number(1.5)])
        XCTAssertEqual(out[2].rows.map { $0[5] }, [.count(1), .count(1)])
    }
}
