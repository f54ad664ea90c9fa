import XCTest
@testable import Tables
@testable import Pipeline
@testable import Catalogue
@testable import Disclosure

/// Small-cell suppression on hand-built tables: the primary rule, the secondary rule on row
/// totals and on pooled columns, and the figures built on blanked counts.
final class SuppressionTests: XCTestCase {
    let statuses = ["work_only", "work_benefit", "job_seeker", "reduced_capacity", "disability", "old_age", "other"]

    /// The model's blanks for bare counts and sums (`total` = Σ `parts`, indexes into the counts).
    func hidden(_ counts: [Int?], _ sums: [(total: Int, parts: [Int])], limit: Int) -> [Bool] {
        DisclosureModel(values: counts, sums: sums.map { .init(plus: [$0.total], minus: $0.parts) }).hidden(limit: limit)
    }

    func testPrimaryAndSecondaryOnARow() {
        // 12 = 7 + 3 + 2 + 0 at limit 3: 2 and 0 are below it. Two blanks, but together they
        // are 12 − 7 − 3 = 2, itself below the limit: the smallest visible part (3) goes too.
        let sum = [(total: 4, parts: [0, 1, 2, 3])]
        XCTAssertEqual(hidden([7, 3, 2, 0, 12], sum, limit: 3), [false, true, true, true, false])
        // 12 = 10 + 2 + 0 + 0: the blanks 2, 0, 0 together are 12 − 10 = 2, so 10 goes too.
        XCTAssertEqual(hidden([10, 2, 0, 0, 12], sum, limit: 3), [true, true, true, true, false])
        // Two zeros beside 124 = 75 + 49: the printed figures give them as 0 exactly, so
        // blanking them would protect nothing: they are printed.
        XCTAssertEqual(hidden([75, 49, 0, 0, 124], sum, limit: 3), [false, false, false, false, false])
        // 12 = 7 + 3 + 2: only 2 is below the limit, so 2 = 12 - 7 - 3 would show.
        // The smallest visible part (3) goes too.
        XCTAssertEqual(hidden([7, 3, 2, 12], [(total: 3, parts: [0, 1, 2])], limit: 3), [false, true, true, false])
        // A total below the limit: 2 = 1 + 1 blanks everything.
        XCTAssertEqual(hidden([1, 1, 2], [(total: 2, parts: [0, 1])], limit: 3), [true, true, true])
        // No limit: nothing blanked, even with sums.
        XCTAssertEqual(hidden([0, 1, 1], [(total: 2, parts: [0, 1])], limit: 0), [false, false, false])
    }

    func testSecondaryFollowsColumnsToo() {
        // A 2×2 table with row and column totals:
        //        a    b  | row
        //   r1   2   10  |  12
        //   r2   9   11  |  20
        //  col  11   21  |  32
        // Limit 3 blanks a1 (2). Row r1 then blanks b1 (10, smallest visible); column a then has
        // a1 alone blanked, so a2 (9) goes; column b has b1 alone, so b2 (11) goes; the rows
        // now have two blanks each. Indexes: a1 0, b1 1, a2 2, b2 3, r1 4, r2 5, ca 6, cb 7, T 8.
        let counts: [Int?] = [2, 10, 9, 11, 12, 20, 11, 21, 32]
        let sums: [(total: Int, parts: [Int])] = [(4, [0, 1]), (5, [2, 3]), (6, [0, 2]), (7, [1, 3]), (8, [4, 5]), (8, [6, 7])]
        let blank = hidden(counts, sums, limit: 3)
        XCTAssertEqual(blank, [true, true, true, true, false, false, false, false, false])
        // No sum is left with exactly one blanked member.
        for sum in sums { XCTAssertNotEqual((sum.parts + [sum.total]).filter { blank[$0] }.count, 1) }
    }

    /// A 2×2 table at limit 5: a = 1 and c = 4 are blanked, the rows then blank b and d (each
    /// row would give its blank back), and the four blanks move together by up to 5.
    /// And a triangle the greedy rule misses: x + y = y + z = x + z = 4 with x, y, z = 2 blanked:
    /// every sum has two blanks, but together they give each as 2 exactly. The audit by linear
    /// programming finds it and blanks a total.
    func testTheAuditFindsWhatNoSingleSumShows() {
        let square: [(total: Int, parts: [Int])] = [(4, [0, 1]), (5, [2, 3]), (6, [0, 2]), (7, [1, 3])]
        XCTAssertEqual(hidden([1, 5, 4, 5, 6, 9, 5, 10], square, limit: 5), [true, true, true, true, false, false, false, false])
        let triangle: [(total: Int, parts: [Int])] = [(3, [0, 1]), (4, [1, 2]), (5, [0, 2])]
        let blank = hidden([2, 2, 2, 4, 4, 4], triangle, limit: 3)
        XCTAssertEqual(Array(blank[0..<3]), [true, true, true])
        XCTAssertGreaterThanOrEqual(blank[3...].filter { $0 }.count, 1, "a total blanked to widen the ranges")
    }

    func testAlreadyBlankedCellsCountAsBlanked() {
        // A table read back from a run with a limit: the blank is kept, and the row gets its
        // second blank even though no value is below the (lower) limit now asked for.
        XCTAssertEqual(hidden([nil, 5, 6, 13], [(total: 3, parts: [0, 1, 2])], limit: 1), [true, true, false, false])
    }

    func exitCohorts() -> CSVTable {
        var t = CSVTable(name: "exit_cohorts.csv", header: ["exit_month", "exit_status", "outcome", "count", "exits", "pct"])
        for (month, counts) in [("2022-01", [20, 4, 1, 5]), ("2022-02", [2, 1, 0, 1])] {
            let total = counts.reduce(0, +)
            for (outcome, n) in zip(["work", "work_benefit", "disability", "other"], counts) {
                t.append([.text(month), .text("ARBS"), .text(outcome), .count(n), .count(total), .number(Double(100 * n) / Double(total))])
            }
        }
        return t
    }

    func testExitCohortTable() {
        let t = TableSuppression.apply([exitCohorts()], limit: 3)[0]
        // 2022-01: 30 = 20 + 4 + 1 + 5. Only 1 is below 3; the smallest visible (4) goes too.
        XCTAssertEqual(t.rows[0][3...5], [.count(20), .count(30), .number(100 * 20 / 30.0)])
        XCTAssertEqual(t.rows[1][3...5], [.count(nil), .count(30), .number(nil)])
        XCTAssertEqual(t.rows[2][3...5], [.count(nil), .count(30), .number(nil)])
        XCTAssertEqual(t.rows[3][3...5], [.count(5), .count(30), .number(100 * 5 / 30.0)])
        // 2022-02: 4 exits (2 + 1 + 0 + 1), every status below the limit: only the exits show.
        for r in 4..<8 { XCTAssertEqual(t.rows[r][3...5], [.count(nil), .count(4), .number(nil)]) }
        // The texts stay.
        XCTAssertEqual(t.rows[5][0...2], [.text("2022-02"), .text("ARBS"), .text("work_benefit")])
        // Written, blanks are empty fields.
        XCTAssertTrue(t.csvText().contains("2022-01,ARBS,work_benefit,,30,\n"))
        // No limit: the table is unchanged.
        XCTAssertEqual(TableSuppression.apply([exitCohorts()], limit: 0)[0].rows, exitCohorts().rows)
    }

    /// comparison_status.csv and comparisons.csv for one comparison with two pairs that add up
    /// to the pooled groups.
    func comparisonTables() -> [CSVTable] {
        // [unit][group][period] → counts per status.
        let pairA: [[[Int]]] = [[[40, 10, 5, 5, 0, 0, 20], [30, 2, 5, 3, 0, 0, 20]], [[30, 8, 4, 4, 1, 0, 13], [25, 9, 6, 5, 0, 0, 15]]]
        let pairB: [[[Int]]] = [[[20, 6, 3, 3, 0, 0, 8], [22, 7, 2, 2, 0, 0, 7]], [[18, 5, 2, 2, 0, 0, 13], [21, 4, 3, 3, 0, 0, 9]]]
        var units: [(String, [[[Int]]])] = [("0301", pairA), ("0402", pairB)]
        units.append(("total", (0..<2).map { g in (0..<2).map { p in zip(pairA[g][p], pairB[g][p]).map(+) } }))
        var status = CSVTable(name: "comparison_status.csv", header: ["comparison", "unit", "group", "period", "outcome_detail", "count", "exits", "pct"])
        var comparisons = CSVTable(name: "comparisons.csv", header: [
            "comparison", "unit", "measure", "treatment_baseline_pct", "treatment_comparison_pct", "treatment_change_pp",
            "control_baseline_pct", "control_comparison_pct", "control_change_pp", "did_pp", "se_pp",
            "treatment_baseline_exits", "treatment_baseline_count", "treatment_comparison_exits", "treatment_comparison_count",
            "control_baseline_exits", "control_baseline_count", "control_comparison_exits", "control_comparison_count"])
        for (unit, groups) in units {
            for (g, group) in ["treatment", "control"].enumerated() {
                for (p, period) in ["baseline", "comparison"].enumerated() {
                    let counts = groups[g][p]
                    let total = counts.reduce(0, +)
                    for (s, n) in zip(statuses, counts) {
                        status.append([.text("kin"), .text(unit), .text(group), .text(period), .text(s), .count(n), .count(total), .number(Double(100 * n) / Double(total))])
                    }
                }
            }
            for (measure, parts) in [("work", [0]), ("work_benefit", [1]), ("work_total", [0, 1])] {
                var row: [CSVTable.Cell] = [.text("kin"), .text(unit), .text(measure)]
                row += Array(repeating: .number(1.5), count: 8)
                for g in 0..<2 {
                    for p in 0..<2 {
                        row += [.count(groups[g][p].reduce(0, +)), .count(parts.reduce(0) { $0 + groups[g][p][$1] })]
                    }
                }
                comparisons.append(row)
            }
        }
        return [comparisons, status]
    }

    /// The breakdown and detailed tables cut the same exits: the men of a month (4, blanked)
    /// would be the national 124 less the women's 120, and the detailed statuses are the
    /// headline classes (other = job_seeker + reduced_capacity + old_age + other).
    func testExitCohortTablesAreSuppressedTogether() {
        let classes = ["work", "work_benefit", "disability", "other"]
        func table(_ name: String, _ column: String?, _ rows: [(String?, [Int])], labels: [String] = classes) -> CSVTable {
            var t = CSVTable(name: name, header: ["exit_month", "exit_status"] + (column.map { [$0] } ?? []) + [labels == classes ? "outcome" : "outcome_detail", "count", "exits", "pct"])
            for (value, counts) in rows {
                let exits = counts.reduce(0, +)
                for (label, n) in zip(labels, counts) {
                    t.append([.text("2022-01"), .text("ARBS")] + (value.map { [.text($0)] } ?? []) + [.text(label), .count(n), .count(exits), .number(Double(100 * n) / Double(exits))])
                }
            }
            return t
        }
        let national = table("exit_cohorts.csv", nil, [(nil, [75, 20, 9, 20])])
        // K + M = national, class by class.
        let kjonn = table("exit_cohorts_by_kjonn.csv", "kjonn", [("K", [72, 18, 9, 20]), ("M", [3, 2, 0, 0])])
        let detailed = table("exit_cohorts_detailed.csv", nil, [(nil, [75, 20, 4, 6, 9, 2, 8])],
                             labels: ["work_only", "work_benefit", "job_seeker", "reduced_capacity", "disability", "old_age", "other"])
        let out = TableSuppression.apply([national, kjonn, detailed], limit: 5)
        func counts(_ t: CSVTable) -> [Int?] { t.rows.map { $0[t.column("count")!].intValue } }
        let n = counts(out[0]), k = Array(counts(out[1])[0..<4]), m = Array(counts(out[1])[4..<8])
        // M's 3, 2 (and zeros) are blanked; for each class, national = K + M never has a lone blank.
        XCTAssertEqual(m[0], nil)
        XCTAssertEqual(m[1], nil)
        for c in 0..<4 {
            XCTAssertNotEqual([n[c], k[c], m[c]].filter { $0 == nil }.count, 1, classes[c])
        }
        // Detailed: job_seeker 4 and old_age 2 are below the limit; other (20) = 4 + 6 + 2 + 8
        // must not give them back: not exactly one blank among the five, and not a visible
        // total whose visible parts leave less than the limit.
        let d = counts(out[2])
        let otherParts = [d[2], d[3], d[5], d[6]]
        let blanks = (otherParts + [n[3]]).filter { $0 == nil }.count
        XCTAssertNotEqual(blanks, 1)
        if let total = n[3] {
            let left = total - otherParts.compactMap { $0 }.reduce(0, +)
            XCTAssertTrue(left == 0 || left >= 5, "\(left)")
        }
        // Without the cross-table sums, M's count of work (3) would be 75 − 72 with both printed.
        XCTAssertFalse(n[0] != nil && k[0] != nil)
    }

    /// A comparison without groups or filters adds up months of the exit table: its period total
    /// less the visible months must not give a blanked month (or a small sum of them) back.
    func testPlainComparisonIsSuppressedWithTheExitTable() {
        let details = statuses
        var months = CSVTable(name: "exit_cohorts_detailed.csv", header: ["exit_month", "exit_status", "outcome_detail", "count", "exits", "pct"])
        // Per month, ARBS counts by detailed status (NEDS: a small second status).
        let arbs: [[Int]] = [[40, 10, 0, 0, 9, 2, 30], [42, 11, 0, 0, 8, 6, 25], [39, 12, 0, 0, 10, 7, 28]]
        let neds: [[Int]] = [[6, 5, 0, 0, 7, 0, 9], [7, 5, 0, 0, 6, 0, 8], [8, 6, 0, 0, 5, 0, 7]]
        var totals = Array(repeating: 0, count: 7)
        for (m, month) in ["2022-01", "2022-02", "2022-03"].enumerated() {
            for (status, counts) in [("ARBS", arbs[m]), ("NEDS", neds[m])] {
                let exits = counts.reduce(0, +)
                for (d, n) in zip(details, counts) {
                    months.append([.text(month), .text(status), .text(d), .count(n), .count(exits), .number(Double(100 * n) / Double(exits))])
                }
                for i in 0..<7 { totals[i] += counts[i] }
            }
        }
        var status = CSVTable(name: "comparison_status.csv", header: ["comparison", "unit", "group", "period", "outcome_detail", "count", "exits", "pct"])
        let exits = totals.reduce(0, +)
        for (d, n) in zip(details, totals) {
            status.append([.text("all_exits"), .text("all"), .text("all"), .text("baseline"), .text(d), .count(n), .count(exits), .number(Double(100 * n) / Double(exits))])
        }
        let plain = PlainComparison(name: "all_exits", periods: [.init("baseline", from: "2022-01", to: "2022-03")])
        let out = TableSuppression.apply([months, status], limit: 5, plainComparisons: [plain])
        /// The detailed statuses whose period total gives a blanked month (or a small sum) away.
        func exposed(_ out: [CSVTable]) -> [String] {
            let monthCounts = out[0].rows.map { $0[3].intValue }, statusCounts = out[1].rows.map { $0[5].intValue }
            return details.enumerated().compactMap { d, detail in
                let parts = monthCounts.enumerated().filter { $0.offset % 7 == d }.map(\.element)
                let blanks = (parts + [statusCounts[d]]).filter { $0 == nil }.count
                if blanks == 1 { return detail }
                if let total = statusCounts[d] {
                    let left = total - parts.compactMap { $0 }.reduce(0, +)
                    if left > 0 && left < 5 { return detail }
                }
                return nil
            }
        }
        XCTAssertNil(out[0].rows[5][3].intValue)   // 2022-01 ARBS old_age 2
        XCTAssertEqual(exposed(out), [])
        // Without the link the exit table's own secondary blanks leave totals that give them away.
        XCTAssertNotEqual(exposed(TableSuppression.apply([months, status], limit: 5)), [])
    }

    func testComparisonsAreSuppressedWithTheirStatusTable() throws {
        let tables = TableSuppression.apply(comparisonTables(), limit: 3)
        let comparisons = tables[0], status = tables[1]
        func count(_ unit: String, _ group: String, _ period: String, _ s: String) -> Int?? {
            status.rows.first { $0[1] == .text(unit) && $0[2] == .text(group) && $0[3] == .text(period) && $0[4] == .text(s) }.map { $0[5].intValue }
        }
        // Pair 0301, treatment, comparison: work_benefit 2 (primary). Its row (exits 60 =
        // 30+2+5+3+0+0+20) already has the zeros blanked, so the row needs nothing more; but
        // work in all (32 = 30 + 2) would give 2 away, so work_only (30) is blanked too.
        XCTAssertEqual(count("0301", "treatment", "comparison", "work_benefit"), .some(nil))
        XCTAssertEqual(count("0301", "treatment", "comparison", "work_only"), .some(nil))
        // The pooled total's work_benefit (2 + 7 = 9) would give 2 away through 9 - 7: the
        // other pair's cell (7) or the total (9) is blanked as well.
        let other = count("0402", "treatment", "comparison", "work_benefit")!, total = count("total", "treatment", "comparison", "work_benefit")!
        XCTAssertTrue(other == nil || total == nil)
        // The comparisons rows of pair 0301: its treatment comparison counts for work and
        // work_benefit are blank, so are their shares, the change and the DiD figures.
        let workRow = try XCTUnwrap(comparisons.rows.first { $0[1] == .text("0301") && $0[2] == .text("work") })
        XCTAssertEqual(workRow[comparisons.column("treatment_comparison_count")!], .count(nil))
        XCTAssertEqual(workRow[comparisons.column("treatment_comparison_exits")!], .count(60))
        XCTAssertEqual(workRow[comparisons.column("treatment_comparison_pct")!], .number(nil))
        XCTAssertEqual(workRow[comparisons.column("treatment_change_pp")!], .number(nil))
        XCTAssertEqual(workRow[comparisons.column("did_pp")!], .number(nil))
        XCTAssertEqual(workRow[comparisons.column("treatment_baseline_pct")!], .number(1.5))
        XCTAssertEqual(workRow[comparisons.column("control_change_pp")!], .number(1.5))
        // Every count either shown at or above the limit, or blank; no status group and no
        // pooled sum with a single blank.
        // (A 0 the published figures give anyway is printed.)
        for row in status.rows { if let n = row[5].intValue { XCTAssertTrue(n == 0 || n >= 3) } }
        let groups = Dictionary(grouping: status.rows) { Array($0[0..<4]) }
        for (_, rows) in groups {
            let blanks = rows.filter { $0[5].intValue == nil }.count + (rows[0][6].intValue == nil ? 1 : 0)
            XCTAssertNotEqual(blanks, 1)
        }
    }

    /// Pairs may share a control office ([0301, X], [0302, X], [0303, Y]): the control figures
    /// of the pooled total are X + Y, not the sum over the three pairs, and must still protect
    /// Y's small counts (else total − X gives them back).
    func testPairsSharingAControlOffice() {
        let x = [40, 10, 5, 5, 0, 0, 20], y = [30, 8, 4, 1, 6, 0, 13]   // Y: reduced_capacity 1
        let treatment = [[20, 6, 3, 3, 3, 3, 8], [22, 7, 4, 4, 3, 3, 7], [25, 5, 5, 5, 4, 3, 9]]
        var status = CSVTable(name: "comparison_status.csv", header: ["comparison", "unit", "group", "period", "outcome_detail", "count", "exits", "pct"])
        func add(_ unit: String, _ group: String, _ counts: [Int]) {
            let total = counts.reduce(0, +)
            for (s, n) in zip(statuses, counts) {
                status.append([.text("c"), .text(unit), .text(group), .text("baseline"), .text(s), .count(n), .count(total), .number(Double(100 * n) / Double(total))])
            }
        }
        for (unit, control, t) in [("0301", x, treatment[0]), ("0302", x, treatment[1]), ("0303", y, treatment[2])] {
            add(unit, "treatment", t)
            add(unit, "control", control)
        }
        add("total", "treatment", (0..<7).map { i in treatment.reduce(0) { $0 + $1[i] } })
        add("total", "control", zip(x, y).map(+))
        let out = TableSuppression.apply([status], limit: 3)[0]
        func count(_ unit: String, _ group: String, _ s: String) -> Int? {
            out.rows.first { $0[1] == .text(unit) && $0[2] == .text(group) && $0[4] == .text(s) }![5].intValue
        }
        XCTAssertNil(count("0303", "control", "reduced_capacity"))
        for s in statuses {
            // X (0301 and 0302 alike), Y and the total: never exactly one of the three blank.
            let blanks = [count("0301", "control", s), count("0303", "control", s), count("total", "control", s)].filter { $0 == nil }.count
            XCTAssertNotEqual(blanks, 1, s)
            XCTAssertEqual(count("0301", "control", s), count("0302", "control", s), s)
        }
    }

    /// A pooled window that is the two periods together (`survival.pooled`): `all` − comparison
    /// would give a blanked baseline back, so `all` = baseline + comparison is a sum too.
    func testPooledWindowDoesNotUndoAPeriodsSuppression() {
        var km = CSVTable(name: "kaplan_meier.csv", header: ["event", "period", "month", "at_risk", "events", "censored", "survival"])
        let periods: [(String, [[Int]])] = [("baseline", [[4, 0, 0], [4, 1, 3]]), ("comparison", [[40, 0, 0], [40, 6, 34]]),
                                            ("all", [[44, 0, 0], [44, 7, 37]])]
        for (period, rows) in periods {
            for (m, r) in rows.enumerated() {
                km.append([.text("job"), .text(period), .count(m), .count(r[0]), .count(r[1]), .count(r[2]), .number(0.9)])
            }
        }
        let t = TableSuppression.apply([km], limit: 5)[0]
        func cell(_ period: String, _ month: Int, _ column: Int) -> Int? {
            t.rows.first { $0[1] == .text(period) && $0[2] == .count(month) }![column].intValue
        }
        XCTAssertNil(cell("baseline", 1, 4))   // a period of 4 spells: blanked whole
        for month in 0...1 {
            for column in 3...5 {
                let blanks = [cell("baseline", month, column), cell("comparison", month, column), cell("all", month, column)].filter { $0 == nil }.count
                XCTAssertNotEqual(blanks, 1, "month \(month) column \(column)")
            }
        }
    }

    func testSurvivalTables() {
        var km = CSVTable(name: "kaplan_meier.csv", header: ["event", "period", "month", "at_risk", "events", "censored", "survival"])
        km.append([.text("job"), .text("baseline"), .count(0), .count(50), .count(0), .count(0), .number(1)])
        km.append([.text("job"), .text("baseline"), .count(1), .count(50), .count(2), .count(10), .number(0.96)])
        km.append([.text("job"), .text("comparison"), .count(0), .count(2), .count(0), .count(0), .number(1)])
        let t = TableSuppression.apply([km], limit: 3)[0]
        // Month 0's zeros: 50 at risk at months 0 and 1 give them as 0, so they are printed.
        XCTAssertEqual(t.rows[0], km.rows[0])
        // Events 2 blanked: S = 0.96 = 1 − d/50 would give it back, so the curve stops there.
        XCTAssertEqual(t.rows[1][3...6], [.count(50), .count(nil), .count(10), .number(nil)])
        // A period of 2 spells: nothing but its names and the month.
        XCTAssertEqual(t.rows[2], [.text("job"), .text("comparison"), .count(0), .count(nil), .count(nil), .count(nil), .number(nil)])
    }

    /// The Cox fit's n and events are the periods' spells and events together, and the
    /// incidence steps give back the unit's monthly deregistrations: under a limit both go.
    func testCoxFitCountsAndIncidenceUnderALimit() {
        var fit = CSVTable(name: "cox_fit.csv", header: ["event", "n", "events", "loglik", "lr_p", "period"])
        fit.append([.text("job"), .count(1093), .count(807), .number(-5036.3), .number(0.01), .text("baseline+comparison")])
        var incidence = CSVTable(name: "cumulative_incidence.csv", header: ["period", "month", "cause", "incidence"])
        incidence.append([.text("baseline"), .count(1), .text("deregistered"), .number(0.004)])
        let out = TableSuppression.apply([fit, incidence], limit: 5)
        XCTAssertEqual(out[0].rows[0], [.text("job"), .count(nil), .count(nil), .number(-5036.3), .number(0.01), .text("baseline+comparison")])
        XCTAssertEqual(out[1].rows[0], [.text("baseline"), .count(1), .text("deregistered"), .number(nil)])
        XCTAssertEqual(TableSuppression.apply([fit, incidence], limit: 0).map { $0.csvText() }, [fit, incidence].map { $0.csvText() })
    }

    /// Those at risk in a month are those at risk the month after plus the month's ends, so a
    /// lone blanked end could be worked out (50 − 10 − 38 = 2): the secondary rule blanks the
    /// smallest visible other part of that sum too.
    func testSurvivalRowsChainIntoTheNextMonth() {
        var km = CSVTable(name: "kaplan_meier.csv", header: ["event", "period", "month", "at_risk", "events", "censored", "survival"])
        km.append([.text("job"), .text("baseline"), .count(0), .count(50), .count(0), .count(0), .number(1)])
        km.append([.text("job"), .text("baseline"), .count(1), .count(50), .count(2), .count(10), .number(0.96)])
        km.append([.text("job"), .text("baseline"), .count(2), .count(38), .count(5), .count(33), .number(0.83)])
        let t = TableSuppression.apply([km], limit: 3)[0]
        // The curve stops at the blanked 2 (a blanked 0 of month 0 would not stop it).
        XCTAssertEqual(t.rows[0][6], .number(1))
        XCTAssertEqual(t.rows[1][3...6], [.count(50), .count(nil), .count(nil), .number(nil)])
        XCTAssertEqual(t.rows[2], Array(km.rows[2][0..<6]) + [.number(nil)])

        var life = CSVTable(name: "lifetables.csv", header: ["event", "period", "interval_start", "entering", "withdrawn", "exposed", "events", "cond_prob", "hazard"])
        life.append([.text("job"), .text("baseline"), .count(0), .count(40), .count(3), .number(38.5), .count(6), .number(6 / 38.5), .number(0.17)])
        life.append([.text("job"), .text("baseline"), .count(1), .count(31), .count(10), .number(26), .count(21), .number(21 / 26.0), .number(1.3)])
        let l = TableSuppression.apply([life], limit: 5)[0]
        // 40 = 3 + 6 + 31: withdrawn 3 is below the limit, events 6 the smallest other part.
        XCTAssertEqual(l.rows[0][3...8], [.count(40), .count(nil), .number(nil), .count(nil), .number(nil), .number(nil)])
        // From the first interval with a blanked count on, q and the hazard stop too.
        XCTAssertEqual(l.rows[1], Array(life.rows[1][0..<7]) + [.number(nil), .number(nil)])
    }
}

/// Under a limit, what is published beside the tables holds no total that gives a blanked
/// cell back: the manifest leaves out the exits in the tables and the survival counts.
final class ManifestSuppressionTests: XCTestCase {
    /// `pipeline.json`'s `all_exits` (no groups, no filter) on `sample-data/` at limit 10: no
    /// period total less the published months of `exit_cohorts_detailed.csv` gives a blanked
    /// month or a small sum of them back (the review found 1596 − the other months = 5).
    func testAllExitsComparisonDoesNotUndoTheExitTable() throws {
        var config = try Configuration.load(path: SampleDataFixtureTests.repository.appendingPathComponent("pipeline.json").path)
        config.output.directory = temporaryDirectory() + "/out"
        config.output.minCellCount = 10
        config.report.formats = []
        _ = try PipelineRun(config: config).run()
        let months = try csvRecords(atPath: config.output.directory + "/exit_cohorts_detailed.csv")
        let status = try csvRecords(atPath: config.output.directory + "/comparison_status.csv").filter { $0["comparison"] == "all_exits" }
        let c = try XCTUnwrap(config.comparisons.first { $0.name == "all_exits" })
        var checked = 0
        for (period, range) in [("baseline", c.baseline), ("comparison", c.comparison)] {
            let inPeriod = months.filter { $0["exit_month"]! >= range.from.description && $0["exit_month"]! <= range.to.description }
            for row in status where row["period"] == period {
                let parts = inPeriod.filter { $0["outcome_detail"] == row["outcome_detail"] }.map { Int($0["count"]!) }
                let blanks = (parts + [Int(row["count"]!)]).filter { $0 == nil }.count
                XCTAssertNotEqual(blanks, 1, "\(period) \(row["outcome_detail"]!)")
                if let total = Int(row["count"]!) {
                    let left = total - parts.compactMap { $0 }.reduce(0, +)
                    XCTAssertTrue(left == 0 || left >= 10, "\(period) \(row["outcome_detail"]!): \(left) left")
                }
                checked += 1
            }
            // The exits: one per month and status.
            var seen = Set<[String]>()
            let groups = inPeriod.filter { seen.insert([$0["exit_month"]!, $0["exit_status"]!]).inserted }.map { Int($0["exits"]!) }
            let total = status.first { $0["period"] == period }.flatMap { Int($0["exits"]!) }
            XCTAssertNotEqual((groups + [total]).filter { $0 == nil }.count, 1, "\(period) exits")
            if let total {
                let left = total - groups.compactMap { $0 }.reduce(0, +)
                XCTAssertTrue(left == 0 || left >= 10, "\(period) exits: \(left) left")
            }
        }
        XCTAssertEqual(checked, 14)
    }

    func testManifestLeavesOutStatisticalTotalsUnderALimit() throws {
        func manifest(minCell: Int) throws -> [String: JSONValue] {
            var config = try Configuration.load(path: SampleDataFixtureTests.repository.appendingPathComponent("pipeline.json").path)
            config.output.directory = temporaryDirectory() + "/out"
            config.output.minCellCount = minCell
            config.report.formats = []
            _ = try PipelineRun(config: config).run()
            guard case .object(let m) = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: URL(fileURLWithPath: config.output.directory + "/manifest.json")))
            else { throw ConfigurationError("manifest.json") }
            return m
        }
        // Every number under one of these keys, anywhere in the value.
        func counts(_ v: JSONValue?, _ keys: Set<String> = ["entries", "entriesAtUnit", "spells", "events", "spellsWithoutCovariate"]) -> [JSONValue] {
            switch v {
            case .object(let o)?: return o.flatMap { k, x in keys.contains(k) ? [x] : counts(x, keys) }
            case .array(let a)?: return a.flatMap { counts($0, keys) }
            default: return []
            }
        }
        let open = try manifest(minCell: 0), limited = try manifest(minCell: 10)
        guard case .object(let exitsOpen)? = open["exits"], case .object(let exitsLimited)? = limited["exits"] else { return XCTFail("exits") }
        XCTAssertEqual(exitsOpen["tabulated"], JSONValue(5921))
        XCTAssertEqual(exitsLimited["tabulated"], .null)
        XCTAssertEqual(exitsLimited["pendingDecision"], exitsOpen["pendingDecision"])   // in no table
        XCTAssertEqual(limited["rows"], open["rows"])
        let before = counts(open["survival"]), after = counts(limited["survival"])
        XCTAssertGreaterThan(before.count, 10)
        XCTAssertTrue(before.allSatisfy { if case .number = $0 { return true } else { return false } })
        XCTAssertEqual(after, Array(repeating: .null, count: before.count))
        XCTAssertEqual(open["suppressed"], .null)
        XCTAssertNotEqual(limited["suppressed"], .null)
    }
}
