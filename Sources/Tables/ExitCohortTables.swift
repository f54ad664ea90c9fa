import Episodes
import Extracts
import Panel

/// The exit-cohort tables of §3: per exit month and exit status, the exits and how many
/// were in each status two months later, overall, in detail, and broken down.
///
/// Only complete months are tabulated (all exits decided and their status known);
/// pending exits are counted in the manifest, never in a denominator.
public struct ExitCohortTables: Sendable {
    public let panel: Panel
    public let exits: ExitSet
    /// Exit statuses as configured (the rows of every table, in this order).
    public let statuses: [Hovedstatus]
    /// The exit-month row of each exit (`ExitSet.rows(in:)`), which the breakdowns read.
    public let exitRows: [ArenaRow]
    /// The time before exit of each exit (`TimeBeforeExit`), which the breakdown `varighet` reads.
    public var monthsBeforeExit: [Int]?

    /// The tables are unsuppressed; `TableSuppression` blanks small cells before publishing.
    /// `exitRows`: `exits.rows(in: panel)` when the caller has them already.
    public init(panel: Panel, exits: ExitSet, statuses: [Hovedstatus], exitRows: [ArenaRow]? = nil) {
        self.panel = panel
        self.exits = exits
        self.statuses = statuses
        self.exitRows = exitRows ?? exits.rows(in: panel)
    }

    /// Counts per month, status and detailed status: [month][status code][detailed].
    private func monthCounts() -> [[[Int]]] {
        var counts = Array(repeating: Array(repeating: Array(repeating: 0, count: DetailedStatus.allCases.count), count: 4),
                           count: panel.monthCount)
        for e in exits.exits { counts[Int(e.month)][Int(e.statusCode)][Int(e.outcome.rawValue)] += 1 }
        return counts
    }

    private func cells(count: Int, of total: Int) -> [CSVTable.Cell] {
        [.count(count), .count(total), .number(total == 0 ? nil : Double(100 * count) / Double(total))]
    }

    private func headline(_ detailed: [Int]) -> [Int] {
        var h = [Int](repeating: 0, count: HeadlineStatus.allCases.count)
        for d in DetailedStatus.allCases { h[Int(d.headline.rawValue)] += detailed[Int(d.rawValue)] }
        return h
    }

    /// `exit_cohorts.csv`: exit month × exit status × status class.
    public func headlineTable() -> CSVTable {
        var t = CSVTable(name: "exit_cohorts.csv", header: ["exit_month", "exit_status", "outcome", "count", "exits", "pct"])
        let counts = monthCounts()
        for m in exits.completeMonths {
            for s in statuses {
                let h = headline(counts[m][Int(s.rawValue)])
                let total = h.reduce(0, +)
                for c in HeadlineStatus.allCases {
                    t.append([.text(panel.month(m).description), .text(s.name), .text(c.name)] + cells(count: h[Int(c.rawValue)], of: total))
                }
            }
        }
        return t
    }

    /// `exit_cohorts_detailed.csv`: exit month × exit status × detailed status.
    public func detailedTable() -> CSVTable {
        var t = CSVTable(name: "exit_cohorts_detailed.csv",
                         header: ["exit_month", "exit_status", "outcome_detail", "count", "exits", "pct"])
        let counts = monthCounts()
        for m in exits.completeMonths {
            for s in statuses {
                let d = counts[m][Int(s.rawValue)]
                let total = d.reduce(0, +)
                for c in DetailedStatus.allCases {
                    t.append([.text(panel.month(m).description), .text(s.name), .text(c.name)] + cells(count: d[Int(c.rawValue)], of: total))
                }
            }
        }
        return t
    }

    /// `exit_cohorts_by_<breakdown>.csv`: exit month × exit status × value × status class,
    /// for the values that have exits.
    public func table(by breakdown: Breakdown) -> CSVTable {
        var t = CSVTable(name: "exit_cohorts_by_\(breakdown.rawValue).csv",
                         header: ["exit_month", "exit_status", breakdown.rawValue, "outcome", "count", "exits", "pct"])
        struct Key: Hashable { var month: Int; var status: UInt8; var value: Int }
        var counts = [Key: [Int]]()
        for (i, (e, row)) in zip(exits.exits, exitRows).enumerated() where exits.completeMonths.contains(Int(e.month)) {
            let key = Key(month: Int(e.month), status: e.statusCode, value: breakdown.key(row, monthsBeforeExit: monthsBeforeExit?[i] ?? 1))
            counts[key, default: [0, 0, 0, 0]][Int(e.outcome.headline.rawValue)] += 1
        }
        let order = Dictionary(uniqueKeysWithValues: statuses.enumerated().map { ($1.rawValue, $0) })
        let keyed = counts.map { (key: $0.key, label: breakdown.label($0.key.value, panel: panel), counts: $0.value) }
            .filter { order[$0.key.status] != nil }
            .sorted { a, b in
                if a.key.month != b.key.month { return a.key.month < b.key.month }
                if a.key.status != b.key.status { return order[a.key.status]! < order[b.key.status]! }
                // Age groups in age order; other values as text (codes are fixed-width).
                if breakdown.ordersByKey { return a.key.value < b.key.value }
                return a.label.utf8.lexicographicallyPrecedes(b.label.utf8)
            }
        for item in keyed {
            let total = item.counts.reduce(0, +)
            let status = Hovedstatus(rawValue: item.key.status)!.name
            for c in HeadlineStatus.allCases {
                t.append([.text(panel.month(item.key.month).description), .text(status), .text(item.label), .text(c.name)]
                         + cells(count: item.counts[Int(c.rawValue)], of: total))
            }
        }
        return t
    }
}
