import Catalogue

/// Small-cell suppression of `comparison_benefits.csv` and `comparison_measures.csv`, after
/// the comparison tables (`ComparisonSuppression`), whose blanks it takes as given.
///
/// A count below the limit is blanked with its `pct`. Each `pct` is the count over the
/// cell's exits with work and benefit (benefits) or in work (measures), which
/// `comparison_status.csv` and `comparisons.csv` publish; where that number is blanked there,
/// every `pct` of the cell goes too (count and pct would give it back). Where the pairs add up
/// to the pooled groups (as in the comparison tables), a code's pair counts add up to its
/// `total` count, a sum for the secondary rule. Codes within a cell add up to nothing printed
/// (a person may have two benefits, or no measure), so they are no sum.
struct ComparisonCodeSuppression {
    let comparison: ComparisonSuppression

    func apply(_ table: CSVTable, _ suppression: CellSuppression) -> CSVTable {
        guard let count = table.column(.count), let pct = table.column(.pct) else { return table }
        let codeColumn = 4
        let text = { (r: Int, c: Int) in table.rows[r][c].textValue }
        let counts = table.rows.map { $0[count].intValue }
        var sums = [CellSuppression.Sum]()
        // (comparison, group, period, code) → the row of each unit.
        var byCode = [[String]: [String: Int]]()
        for r in table.rows.indices { byCode[[text(r, 0), text(r, 2), text(r, 3), text(r, codeColumn)], default: [:]][text(r, 1)] = r }
        for key in byCode.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            let units = byCode[key]!
            guard let total = units["total"] else { continue }
            let pairs = units.filter { $0.key != "total" }.sorted { $0.key < $1.key }.map(\.value)
            let values = pairs.map { counts[$0] }
            // Used where it holds in the figures (pairs that share a control office do not add up).
            if let t = counts[total], !values.contains(where: { $0 == nil }), values.reduce(0, { $0 + $1! }) == t, !pairs.isEmpty {
                sums.append(.init(total: total, parts: pairs))
            }
        }
        let hidden = suppression.hidden(counts, sums: sums)
        let benefits = table.isFile(of: .comparisonBenefits)
        var out = table
        for r in table.rows.indices {
            let cell = (0..<4).map { text(r, $0) }
            let among = benefits ? comparison.hiddenCount[cell + ["work_benefit"]] : comparison.hiddenWorkTotal[cell]
            if hidden[r] { out.blank(row: r, column: count) }
            if hidden[r] || among ?? true { out.blank(row: r, column: pct) }
        }
        return out
    }
}
