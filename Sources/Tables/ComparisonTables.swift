import Episodes
import Extracts
import Panel
import Statistics
import Catalogue

/// `comparisons.csv` and `comparison_status.csv` (definitions.md §4): for each comparison,
/// unit (pair or `total`, or `all` without groups) and measure, the shares of exits in each
/// group and period, their changes and the difference in differences.
public struct ComparisonTables {
    public let panel: Panel
    public let exits: ExitSet
    public let comparisons: [Comparison]
    /// The exit-month row of each exit (`ExitSet.rows(in:)`).
    public let exitRows: [ArenaRow]
    /// `outcome.horizonMonths`: the status month of an exit in m is m + this.
    public var horizonMonths = 2
    /// Problems worth a warning (empty cells, periods past the complete months), no person keys.
    public private(set) var warnings: [String] = []

    /// The measures of §4 and the headline classes each counts (of §2's statuses, or of the
    /// classes of `outcome.categories`).
    public static let measures: [(name: String, classes: Set<HeadlineStatus>)] = [
        ("work", [.work]), ("work_benefit", [.workBenefit]), ("work_total", [.work, .workBenefit]),
    ]

    /// The tables are unsuppressed; `TableSuppression` blanks small cells before publishing.
    /// `exitRows`: `exits.rows(in: panel)` when the caller has them already.
    public init(panel: Panel, exits: ExitSet, comparisons: [Comparison], exitRows: [ArenaRow]? = nil) {
        self.panel = panel
        self.exits = exits
        self.comparisons = comparisons
        self.exitRows = exitRows ?? exits.rows(in: panel)
    }

    enum Period: Int, CaseIterable {
        case baseline = 0, comparison
        var name: String { self == .baseline ? "baseline" : "comparison" }
    }

    /// Counts of one group in one period by category (`ExitSet.categories`).
    struct Counts {
        var byStatus: [Int]
        init(categories: Int) { byStatus = [Int](repeating: 0, count: categories) }
        var total: Int { byStatus.reduce(0, +) }
        func proportion(_ categories: [Int]) -> Proportion {
            Proportion(categories.reduce(0) { $0 + byStatus[$1] }, of: total)
        }
        static func + (a: Counts, b: Counts) -> Counts {
            var c = a
            for i in c.byStatus.indices { c.byStatus[i] += b.byStatus[i] }
            return c
        }
    }

    /// One row unit: its name and the treatment/control counts by period ([period]).
    struct Unit {
        var name: String
        var treatment: [Counts]
        var control: [Counts]?
    }


    /// Visits every exit that `c` counts, each group and period through its own filter
    /// (`filter` and `filters`): its index in `exits`, its office (enhet number; -1 for all
    /// exits when there are no groups) and its period.
    func forEachCounted(_ c: Comparison, _ body: (_ index: Int, _ office: Int, _ period: Period) -> Void) {
        // Per exit only array reads: the filters by group and period, the periods by panel
        // month (hashing a filter cell and an office per exit was most of this walk).
        let filters = c.groups.map { group in Comparison.Period.allCases.map { c.filter(group, $0).compiled(for: panel) } }
        let treatment = Set(c.treatment.compactMap { Int($0) }), control = Set(c.control.compactMap { Int($0) })
        let periods: [Period?] = (0..<panel.monthCount).map { m in
            let month = panel.month(m)
            return c.baseline.contains(month) ? .baseline : c.comparison.contains(month) ? .comparison : nil
        }
        let complete = exits.completeMonths
        for (i, (e, row)) in zip(exits.exits, exitRows).enumerated() where complete.contains(Int(e.month)) {
            guard let period = periods[Int(e.month)] else { continue }
            let office = Int(row.enhet)
            let group: Int   // index in `c.groups`
            if c.hasGroups {
                if treatment.contains(office) { group = 0 } else if control.contains(office) { group = 1 } else { continue }
            } else {
                group = 0
            }
            guard filters[group][period.rawValue].admits(row) else { continue }
            body(i, c.hasGroups ? office : -1, period)
        }
    }

    /// Counts the exits of `c` by office and period (`forEachCounted`).
    func count(_ c: Comparison) -> [Int: [Counts]] {
        var counts = [Int: [Counts]]()
        let empty = Counts(categories: exits.categories.names.count)
        let list = exits.exits   // not through `self` in the closure (`codeTable`)
        forEachCounted(c) { i, office, period in
            counts[office, default: [empty, empty]][period.rawValue].byStatus[Int(list[i].outcome)] += 1
        }
        return counts
    }

    /// The row units of `c` from per-office figures by period: each pair (named by its treatment
    /// office) and `total` (all treatment against all control offices), or `all` without groups.
    static func units<T>(_ c: Comparison, _ byOffice: [Int: [T]], empty: T, add: (T, T) -> T)
        -> [(name: String, treatment: [T], control: [T]?)] {
        let none = [empty, empty]
        func group(_ offices: [String]) -> [T] {
            offices.compactMap { Int($0) }.reduce(none) { acc, office in
                let o = byOffice[office] ?? none
                return [add(acc[0], o[0]), add(acc[1], o[1])]
            }
        }
        guard c.hasGroups else { return [("all", byOffice[-1] ?? none, nil)] }
        return c.pairs.map { ($0.treatment, group([$0.treatment]), group([$0.control])) }
            + [("total", group(c.treatment), group(c.control))]
    }

    func units(_ c: Comparison) -> [Unit] {
        Self.units(c, count(c), empty: Counts(categories: exits.categories.names.count), add: +).map { Unit(name: $0.name, treatment: $0.treatment, control: $0.control) }
    }

    /// `comparisons.csv`.
    public mutating func comparisonTable() -> CSVTable {
        var t = CSVTable(.comparisons)
        let lastComplete = exits.completeMonths.isEmpty ? nil : panel.month(exits.completeMonths.upperBound - 1)
        for c in comparisons {
            for range in [c.baseline, c.comparison] {
                if let lastComplete, range.to > lastComplete {
                    warnings.append("comparison \"\(c.name)\": period \(range) runs past \(lastComplete), the last month whose exits all have their status; later exits are pending and not counted")
                } else if lastComplete == nil {
                    warnings.append("comparison \"\(c.name)\": no month has decided exits yet")
                }
                // Exits are counted from the first analysed month; the panel may start earlier
                // (look-back months before input.from, read as context only).
                let firstCounted = panel.month(exits.completeMonths.lowerBound)
                if range.from < firstCounted {
                    warnings.append("comparison \"\(c.name)\": period \(range) starts before the analysed months (\(firstCounted)); exits before then are not counted")
                }
            }
            for unit in units(c) {
                let cells = [("treatment", Period.baseline, unit.treatment[0]), ("treatment", .comparison, unit.treatment[1])]
                    + (unit.control.map { [("control", Period.baseline, $0[0]), ("control", .comparison, $0[1])] } ?? [])
                for (group, period, counts) in cells where counts.total == 0 {
                    warnings.append("comparison \"\(c.name)\", unit \(unit.name): no exits in the \(group) group in the \(period.name) period; its derived figures are left empty")
                }
                for measure in Self.measures {
                    let among = exits.categories.categories(in: measure.classes)
                    let tb = unit.treatment[0].proportion(among), tc = unit.treatment[1].proportion(among)
                    let treatment = PeriodChange(baseline: tb, comparison: tc)
                    var row: [CSVTable.Cell] = [.text(c.name), .text(unit.name), .text(measure.name)]
                    row += [.number(tb.percent), .number(tc.percent), .number(treatment.changePoints)]
                    var counts: [Proportion] = [tb, tc]
                    var z: Double?
                    if let control = unit.control {
                        let cb = control[0].proportion(among), cc = control[1].proportion(among)
                        let controlChange = PeriodChange(baseline: cb, comparison: cc)
                        counts += [cb, cc]
                        row += [.number(cb.percent), .number(cc.percent), .number(controlChange.changePoints)]
                        let did = DifferenceInDifferences(treatment: treatment, control: controlChange, method: c.se)
                        z = did.z
                        row += [.number(did.estimate), .number(did.standardError), .number(did.interval?.low),
                                .number(did.interval?.high), .number(did.z), .number(did.pOneSided), .number(did.relativePercent)]
                    } else {
                        row += Array(repeating: .number(nil), count: 10)
                    }
                    for p in counts { row += [.count(p.total), .count(p.count)] }
                    if unit.control == nil { row += Array(repeating: .count(nil), count: 4) }
                    row.append(.text(unit.control == nil ? "" : c.se.rawValue))
                    row.append(.text(c.marks.symbol(for: z)))
                    t.append(row)
                }
            }
        }
        return t
    }

    /// `comparison_status.csv`: the distribution of detailed statuses per comparison, unit, group and period.
    public func statusTable() -> CSVTable {
        var t = CSVTable(.comparisonStatus)
        for c in comparisons {
            for unit in units(c) {
                let groups = [(c.hasGroups ? "treatment" : "all", unit.treatment)] + (unit.control.map { [("control", $0)] } ?? [])
                for (group, byPeriod) in groups {
                    for period in Period.allCases {
                        let counts = byPeriod[period.rawValue]
                        for (status, name) in exits.categories.names.enumerated() {
                            let p = Proportion(counts.byStatus[status], of: counts.total)
                            t.append([.text(c.name), .text(unit.name), .text(group), .text(period.name), .text(name),
                                      .count(p.count), .count(p.total), .number(p.percent)])
                        }
                    }
                }
            }
        }
        return t
    }
}
