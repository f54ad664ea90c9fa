import Catalogue

/// Joint suppression of `comparison_status.csv` and `comparisons.csv` (see `TableSuppression`).
struct ComparisonSuppression {
    let status: CSVTable
    let suppression: CellSuppression
    /// Which count of the status table is blanked, by (comparison, unit, group, period, status).
    private(set) var hiddenCount = [[String]: Bool]()
    /// Which exits are blanked, by (comparison, unit, group, period).
    private(set) var hiddenExits = [[String]: Bool]()
    /// Which "work in all" counts are blanked, by (comparison, unit, group, period).
    private(set) var hiddenWorkTotal = [[String]: Bool]()

    static let workStatuses = ["work_only", "work_benefit"]

    init(status: CSVTable, suppression: CellSuppression) {
        self.status = status
        self.suppression = suppression
        solve()
    }

    private func text(_ row: [CSVTable.Cell], _ column: Column) -> String { status.cell(row, column)?.textValue ?? "" }

    /// The columns naming a row group of the status table.
    private static let groupColumns: [Column] = [.comparison, .unit, .group, .period]

    private mutating func solve() {
        guard let countColumn = status.column(.count), let exitsColumn = status.column(.exits) else { return }
        // Cells: per (comparison, unit, group, period) the status counts, the exits and work in all.
        var cells = [Int?]()
        var cellOf = [[String]: Int]()
        func cell(_ key: [String], _ value: Int?) -> Int {
            if let i = cellOf[key] { return i }
            cellOf[key] = cells.count
            cells.append(value)
            return cells.count - 1
        }
        var statusCells = [[String]: [Int]]()   // by (comparison, unit, group, period)
        var workTotal = [[String]: Int?]()
        for row in status.rows {
            let group = Self.groupColumns.map { text(row, $0) }
            let status = text(row, .outcomeDetail)
            statusCells[group, default: []].append(cell(group + [status], row[countColumn].intValue))
            _ = cell(group + ["exits"], row[exitsColumn].intValue)
            if Self.workStatuses.contains(status) {
                let n = row[countColumn].intValue
                workTotal[group] = (workTotal[group] ?? 0).flatMap { sum in n.map { sum + $0 } }
            }
        }
        var sums = [CellSuppression.Sum]()
        var mirrors = [(from: Int, to: Int)]()
        // In a fixed order: the greedy secondary rule depends on the order of its sums.
        for (group, parts) in statusCells.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
            sums.append(.init(total: cellOf[group + ["exits"]]!, parts: parts))
            let total = cell(group + ["work_total"], workTotal[group] ?? nil)
            sums.append(.init(total: total, parts: Self.workStatuses.compactMap { cellOf[group + [$0]] }))
        }
        // Pairs that add up to the pooled groups: wherever the figures show it, it can be used.
        let quantities = Set(cellOf.keys.map { $0[4] })
        let byComparison = Dictionary(grouping: statusCells.keys) { $0[0] }
        for (comparison, groups) in byComparison.sorted(by: { $0.key < $1.key }) {
            let units = Set(groups.map { $0[1] }).subtracting(["total", "all"]).sorted()
            guard !units.isEmpty, groups.contains(where: { $0[1] == "total" }) else { continue }
            for group in Column.comparisonGroups {
                for period in Column.comparisonPeriods {
                    let pooled = quantities.sorted().compactMap { q in cellOf[[comparison, "total", group, period, q]].map { (q, $0) } }
                    func candidate(_ units: [String]) -> [CellSuppression.Sum] {
                        pooled.map { q, total in
                            CellSuppression.Sum(total: total, parts: units.compactMap { cellOf[[comparison, $0, group, period, q]] })
                        }
                    }
                    func adds(_ sums: [CellSuppression.Sum]) -> Bool {
                        sums.allSatisfy { sum in
                            let parts = sum.parts.map { cells[$0] }
                            guard let t = cells[sum.total], !parts.contains(where: { $0 == nil }) else { return true }
                            return parts.reduce(0) { $0 + $1! } == t
                        }
                    }
                    // Pairs may share a control office: then its figures stand in several units,
                    // and the distinct offices (units with the same figures taken once) add up.
                    func figures(_ unit: String) -> [Int?] { pooled.map { q, _ in cellOf[[comparison, unit, group, period, q]].flatMap { cells[$0] } } }
                    var representative = [[Int?]: String]()
                    let distinct = units.filter { unit in
                        if representative[figures(unit)] == nil { representative[figures(unit)] = unit; return true }
                        return false
                    }
                    if adds(candidate(units)) { sums += candidate(units) }
                    else if distinct.count < units.count, adds(candidate(distinct)) {
                        sums += candidate(distinct)
                        // The same office's figures stand in several units: blanked in one, they
                        // must be blanked in all, so the others copy the one in the sums.
                        for unit in units where !distinct.contains(unit) {
                            let rep = representative[figures(unit)]!
                            for (q, _) in pooled {
                                if let from = cellOf[[comparison, rep, group, period, q]], let to = cellOf[[comparison, unit, group, period, q]] {
                                    mirrors.append((from, to))
                                }
                            }
                        }
                    }
                }
            }
        }
        var hidden = suppression.hidden(cells, sums: sums)
        for (from, to) in mirrors { hidden[to] = hidden[from] }
        for (key, i) in cellOf {
            let group = Array(key[0..<4])
            switch key[4] {
            case "exits": hiddenExits[group] = hidden[i]
            case "work_total": hiddenWorkTotal[group] = hidden[i]
            default: hiddenCount[key] = hidden[i]
            }
        }
    }

    /// `comparison_status.csv` with the joint blanks.
    func statusTable() -> CSVTable {
        guard let count = status.column(.count), let exits = status.column(.exits) else { return status }
        var out = status
        for (r, row) in status.rows.enumerated() {
            let group = Self.groupColumns.map { text(row, $0) }
            let countHidden = hiddenCount[group + [text(row, .outcomeDetail)]] ?? true
            let exitsHidden = hiddenExits[group] ?? true
            if countHidden { out.blank(row: r, column: count) }
            if exitsHidden { out.blank(row: r, column: exits) }
            if countHidden || exitsHidden, let pct = status.column(.pct) { out.blank(row: r, column: pct) }
        }
        return out
    }

    /// `comparisons.csv` with the blanks of the joint solution and every figure built on them.
    func comparisons(_ table: CSVTable) -> CSVTable {
        var out = table
        let measureStatus = ["work": "work_only", "work_benefit": "work_benefit"]
        for (r, row) in table.rows.enumerated() {
            let comparison = table.column(.comparison).map { row[$0].textValue } ?? ""
            let unit = table.column(.unit).map { row[$0].textValue } ?? ""
            let measure = table.column(.measure).map { row[$0].textValue } ?? ""
            var anyShareBlank = false
            for group in Column.comparisonGroups {
                var changeBlank = false
                for period in Column.comparisonPeriods {
                    // Without groups the status table names the one group "all".
                    let key = [comparison, unit, unit == "all" ? "all" : group, period]
                    let countHidden = measureStatus[measure].map { hiddenCount[key + [$0]] ?? true } ?? (hiddenWorkTotal[key] ?? true)
                    let exitsHidden = hiddenExits[key] ?? true
                    if countHidden, let c = table.column(.count(group, period)) { out.blank(row: r, column: c) }
                    if exitsHidden, let c = table.column(.exits(group, period)) { out.blank(row: r, column: c) }
                    if countHidden || exitsHidden {
                        if let c = table.column(.share(group, period)) { out.blank(row: r, column: c) }
                        changeBlank = true
                        if group == "treatment" || unit != "all" { anyShareBlank = true }
                    }
                }
                if changeBlank, let c = table.column(.change(group)) { out.blank(row: r, column: c) }
            }
            if anyShareBlank {
                for name in [Column.didPP, .sePP, .ciLowPP, .ciHighPP, .z, .pOneSided, .didPct, .mark] {
                    if let c = table.column(name) { out.blank(row: r, column: c) }
                }
            }
        }
        return out
    }
}
