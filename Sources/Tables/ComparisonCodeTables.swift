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
    /// Among-exits and code counts of one group in one period (codes by number: `CodeSet`).
    struct CodeCounts {
        var among = 0
        var byCode = [Int]()
        static func + (a: CodeCounts, b: CodeCounts) -> CodeCounts {
            var sum = a
            sum.among += b.among
            for (code, n) in b.byCode.enumerated() where n > 0 { sum.add(code, n) }
            return sum
        }
        mutating func add(_ code: Int, _ n: Int = 1) {
            if code >= byCode.count { byCode += [Int](repeating: 0, count: code + 1 - byCode.count) }
            byCode[code] += n
        }
    }

    /// The codes an exit can count under, by number, and their names.
    struct CodeSet {
        var names: [String]
        /// Calls its third argument with the number of each code of (person, status month).
        var codes: (Int, Int, (Int) -> Void) -> Void
    }

    /// `comparison_benefits.csv`: among `work_benefit` exits, the benefits at the status month.
    public func benefitTable() -> CSVTable {
        let (factStart, factMonths, facts) = (panel.factStart, panel.factMonths, panel.facts)
        let bits = Benefit.allCases.map(\.bit)
        let set = CodeSet(names: Benefit.allCases.map(\.name)) { person, month, count in
            // The arrays, not the panel: a panel captured by the closure was copied per call.
            let entries = Int(factStart[person])..<Int(factStart[person + 1])
            guard let at = Panel.find(month, in: entries, of: factMonths) else { return }
            for (k, bit) in bits.enumerated() where facts[at] & bit != 0 { count(k) }
        }
        return codeTable(.comparisonBenefits, among: [.workBenefit], set)
    }

    /// `comparison_measures.csv`: among exits in work (`work_total`), the `tiltak` of the arena
    /// row at the status month.
    public func measureTable() -> CSVTable {
        let (rowStart, rowMonths, rowCells) = (panel.rowStart, panel.rowMonths, panel.rowCells)
        // Rare codes merged under one name (`measureAliases`) are one code here.
        var names = [String](), number = [String: Int]()
        let codeOf = [-1] + (0..<panel.measures.count).map { id in
            let name = panel.measureName(UInt16(id + 1))
            if let k = number[name] { return k }
            names.append(name)
            number[name] = names.count - 1
            return names.count - 1
        }
        let set = CodeSet(names: names) { person, month, count in
            let entries = Int(rowStart[person])..<Int(rowStart[person + 1])
            guard let at = Panel.find(month, in: entries, of: rowMonths) else { return }
            let tiltak = Int(rowCells[at].tiltak)
            if tiltak != 0 { count(codeOf[tiltak]) }
        }
        return codeTable(.comparisonMeasures, among: [.work, .workBenefit], set)
    }

    /// The table of the codes of `set` among the exits of `classes`.
    private func codeTable(_ spec: TableSpec, among classes: Set<HeadlineStatus>, _ set: CodeSet) -> CSVTable {
        var t = CSVTable(spec)
        // Read through locals: the closure below reading them through `self` copied the whole
        // tables value (and retained every array in it) for each exit.
        let (list, categories, horizonMonths) = (exits.exits, exits.categories, horizonMonths)
        let counted = (0..<categories.names.count).map { classes.contains(categories.headline(UInt8($0))) }
        let order = set.names.indices.sorted { set.names[$0].utf8.lexicographicallyPrecedes(set.names[$1].utf8) }
        for c in comparisons {
            var byOffice = [Int: [CodeCounts]]()
            forEachCounted(c) { i, office, period in
                let e = list[i]
                guard counted[Int(e.outcome)] else { return }
                // Counted in place: a copy of the cell, changed and stored back, copied its array each time.
                byOffice[office, default: [CodeCounts(), CodeCounts()]][period.rawValue].among += 1
                set.codes(Int(e.person), Int(e.month) + horizonMonths) { code in
                    byOffice[office, default: [CodeCounts(), CodeCounts()]][period.rawValue].add(code)
                }
            }
            for unit in Self.units(c, byOffice, empty: CodeCounts(), add: +) {
                let groups = [(c.hasGroups ? "treatment" : "all", unit.treatment)] + (unit.control.map { [("control", $0)] } ?? [])
                for (group, byPeriod) in groups {
                    for period in Period.allCases {
                        let cell = byPeriod[period.rawValue]
                        for code in order where code < cell.byCode.count && cell.byCode[code] > 0 {
                            let p = Proportion(cell.byCode[code], of: cell.among)
                            t.append([.text(c.name), .text(unit.name), .text(group), .text(period.name), .text(set.names[code]),
                                      .count(p.count), .number(p.percent)])
                        }
                    }
                }
            }
        }
        return t
    }
}
