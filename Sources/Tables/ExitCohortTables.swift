import Episodes
import Extracts
import Panel
import Catalogue

/// The exit-cohort tables of §3: per exit month (or complete quarter or year) and exit status,
/// the exits and how many were in each status two months later, overall, in detail, and
/// broken down by one attribute or two crossed.
///
/// Only complete months are tabulated (all exits decided and their status known);
/// pending exits are counted in the manifest, never in a denominator. With a filter
/// (`cohorts.filter`) every table counts the matching exits only.
public struct ExitCohortTables: Sendable {
    public let panel: Panel
    public let exits: ExitSet
    /// Exit statuses as configured (the rows of every table, in this order).
    public let statuses: [Hovedstatus]
    /// The exit-month row of each exit (`ExitSet.rows(in:)`), which the breakdowns read.
    public let exitRows: [ArenaRow]
    /// The time before exit of each exit (`TimeBeforeExit`), which the breakdown `varighet` reads.
    public let monthsBeforeExit: [Int]?

    /// The tables are unsuppressed; `TableSuppression` blanks small cells before publishing.
    /// `exitRows`: `exits.rows(in: panel)` when the caller has them already; `filter`: the
    /// exits counted (all when empty); `monthsBeforeExit`: per exit, for `varighet`.
    public init(panel: Panel, exits: ExitSet, statuses: [Hovedstatus], exitRows: [ArenaRow]? = nil,
                filter: ExitFilter = ExitFilter(), monthsBeforeExit: [Int]? = nil) {
        self.panel = panel
        self.statuses = statuses
        let rows = exitRows ?? exits.rows(in: panel)
        guard !filter.isEmpty else {
            self.exits = exits
            self.exitRows = rows
            self.monthsBeforeExit = monthsBeforeExit
            return
        }
        let compiled = filter.compiled(for: panel)
        let kept = rows.indices.filter { compiled.admits(rows[$0]) }
        var filtered = exits
        filtered.exits = kept.map { exits.exits[$0] }
        self.exits = filtered
        self.exitRows = kept.map { rows[$0] }
        self.monthsBeforeExit = monthsBeforeExit.map { months in kept.map { months[$0] } }
    }

    /// Counts per period, status and category: [period][status code][category].
    private func periodCounts(_ ofMonth: [Int?], periods: Int) -> [[[Int]]] {
        var counts = Array(repeating: Array(repeating: Array(repeating: 0, count: exits.categories.names.count), count: 4),
                           count: periods)
        for e in exits.exits {
            guard let p = ofMonth[Int(e.month)] else { continue }
            counts[p][Int(e.statusCode)][Int(e.outcome)] += 1
        }
        return counts
    }

    func cells(count: Int, of total: Int) -> [CSVTable.Cell] {
        [.count(count), .count(total), .number(total == 0 ? nil : Double(100 * count) / Double(total))]
    }

    private func headline(_ categories: [Int]) -> [Int] {
        var h = [Int](repeating: 0, count: HeadlineStatus.allCases.count)
        for (c, count) in categories.enumerated() { h[Int(exits.categories.classes[c].rawValue)] += count }
        return h
    }

    /// `exit_cohorts.csv`: exit month × exit status × status class (per quarter or year:
    /// `exit_cohorts_quarterly.csv`, `exit_cohorts_yearly.csv`).
    public func headlineTable(_ period: CohortPeriod = .month) -> CSVTable {
        statusTable(period.tables.national, period: period, classes: HeadlineStatus.allCases.map(\.name)) { headline($0) }
    }

    /// `exit_cohorts_detailed.csv`: exit month × exit status × category (§2's detailed
    /// statuses, or `outcome.categories`).
    public func detailedTable(_ period: CohortPeriod = .month) -> CSVTable {
        statusTable(period.tables.detailed, period: period, classes: exits.categories.names) { $0 }
    }

    /// Every complete period × exit status × class, zeros included; `classify` turns the
    /// category counts into the classes' counts.
    private func statusTable(_ spec: TableSpec, period: CohortPeriod, classes: [String], classify: ([Int]) -> [Int]) -> CSVTable {
        var t = CSVTable(spec)
        let (labels, ofMonth) = period.periods(of: exits.completeMonths, in: panel)
        let counts = periodCounts(ofMonth, periods: labels.count)
        for (p, label) in labels.enumerated() {
            for s in statuses {
                let c = classify(counts[p][Int(s.rawValue)])
                let total = c.reduce(0, +)
                for (i, name) in classes.enumerated() {
                    t.append([.text(label), .text(s.name), .text(name)] + cells(count: c[i], of: total))
                }
            }
        }
        return t
    }

    /// `exit_cohorts_by_<breakdown>.csv`: exit month × exit status × value × status class,
    /// for the values that have exits.
    public func table(by breakdown: Breakdown, _ period: CohortPeriod = .month) -> CSVTable {
        breakdownTable(by: [breakdown], parameter: breakdown.rawValue, period: period)
    }

    /// `exit_cohorts_by_<a>_x_<b>.csv`: as `table(by:)` with both attributes as columns.
    public func table(by crossed: CrossedBreakdown, _ period: CohortPeriod = .month) -> CSVTable {
        breakdownTable(by: [crossed.first, crossed.second], parameter: crossed.fileName, period: period)
    }
}
