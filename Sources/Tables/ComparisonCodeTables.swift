import Episodes
import Extracts
import Panel
import Statistics
import Catalogue

/// `comparison_benefits.csv` and `comparison_measures.csv` (definitions.md §7b): per
/// comparison, unit, group and period, among the exits of some statuses, how many have each
/// code at the status month (m + horizon) — the benefits of those who combine work and
/// benefit, the measures (`tiltak` of the arena row) of those in work — with its percentage
/// of them. A person with two benefits counts under both. One row per code with a count,
/// codes in byte order; a cell without such exits has no rows.
extension ComparisonTables {
    /// Among-exits and code counts of one group in one period.
    struct CodeCounts {
        var among = 0
        var byCode = [String: Int]()
        static func + (a: CodeCounts, b: CodeCounts) -> CodeCounts {
            CodeCounts(among: a.among + b.among, byCode: a.byCode.merging(b.byCode, uniquingKeysWith: +))
        }
    }

    /// `comparison_benefits.csv`: among `work_benefit` exits, the benefits at the status month.
    public func benefitTable() -> CSVTable {
        let panel = self.panel
        return codeTable(.comparisonBenefits, among: [.workBenefit]) { person, month in
            let mask = panel.fact(person, month)
            return Benefit.allCases.filter { mask & $0.bit != 0 }.map(\.name)
        }
    }

    /// `comparison_measures.csv`: among exits in work (`work_total`), the `tiltak` of the arena
    /// row at the status month.
    public func measureTable() -> CSVTable {
        let panel = self.panel
        return codeTable(.comparisonMeasures, among: [.work, .workBenefit]) { person, month in
            let tiltak = panel.row(person, month).tiltak
            return tiltak == 0 ? [] : [panel.measureName(tiltak)]
        }
    }

    /// `codes(person, status month)`: the codes an exit counts under.
    private func codeTable(_ spec: TableSpec, among classes: Set<HeadlineStatus>, codes: (Int, Int) -> [String]) -> CSVTable {
        var t = CSVTable(spec)
        // Read through locals: the closure below reading them through `self` copied the whole
        // tables value (and retained every array in it) for each exit.
        let (list, categories, horizonMonths) = (exits.exits, exits.categories, horizonMonths)
        for c in comparisons {
            var byOffice = [Int: [CodeCounts]]()
            forEachCounted(c) { i, office, period in
                let e = list[i]
                guard classes.contains(categories.headline(e.outcome)) else { return }
                // Counted in place: a copy of the cell, changed and stored back, copied its dictionary each time.
                byOffice[office, default: [CodeCounts(), CodeCounts()]][period.rawValue].among += 1
                for code in codes(Int(e.person), Int(e.month) + horizonMonths) {
                    byOffice[office, default: [CodeCounts(), CodeCounts()]][period.rawValue].byCode[code, default: 0] += 1
                }
            }
            for unit in Self.units(c, byOffice, empty: CodeCounts(), add: +) {
                let groups = [(c.hasGroups ? "treatment" : "all", unit.treatment)] + (unit.control.map { [("control", $0)] } ?? [])
                for (group, byPeriod) in groups {
                    for period in Period.allCases {
                        let cell = byPeriod[period.rawValue]
                        for code in cell.byCode.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                            let p = Proportion(cell.byCode[code]!, of: cell.among)
                            t.append([.text(c.name), .text(unit.name), .text(group), .text(period.name), .text(code),
                                      .count(p.count), .number(p.percent)])
                        }
                    }
                }
            }
        }
        return t
    }
}
