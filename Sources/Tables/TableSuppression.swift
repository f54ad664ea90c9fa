/// Small-cell suppression of the published tables (`output.minCellCount`, `--min-cell`),
/// applied to finished tables just before they are written or reported, so that every
/// writer sees the same blanks and tables read back from a suppressed run can be suppressed
/// again at a higher limit (their blanks count as blanked).
///
/// - Exit cohorts and status distributions: the status counts of a row group add up to its
///   exits; a blanked count blanks its share, blanked exits blank the whole group's shares.
/// - Comparisons: `comparisons.csv` and `comparison_status.csv` are suppressed together, since
///   they publish the same counts: per comparison, unit, group and period the seven statuses
///   add up to the exits, work and work with benefit add up to work in all, and (where the
///   figures show it) the pairs add up to the pooled groups. A blanked count or share blanks
///   the changes, DiD and every figure built on them.
/// - Survival: a period with fewer spells than the limit loses all its figures; elsewhere the
///   interval counts below the limit are blanked with the conditional probability and hazard
///   of an interval whose events are blanked, and the exposure of one whose withdrawals are.
///   The survival estimates still step by d/n' where events happen, so a reader who works
///   back from two printed survival values can estimate a small count; the limit protects
///   the printed counts, not the shape of the curve. The estimates (survival, its SE and interval,
///   incidence, Cox and log-rank statistics) are kept: they are computed over the whole
///   period's spells. `survival_spells.csv` (spells per duration, for reruns) is dropped.
///
/// Not covered: sums across tables of different breakdowns (e.g. the offices of one month
/// against the national table), which only a full table-linking method would protect.
public enum TableSuppression {
    public static func apply(_ tables: [CSVTable], limit: Int) -> [CSVTable] {
        guard limit > 0 else { return tables }
        let suppression = CellSuppression(limit: limit)
        var out = [CSVTable]()
        let comparisonStatus = tables.first { $0.name == "comparison_status.csv" }
        for table in tables {
            switch table.name {
            case "survival_spells.csv":
                continue
            case "comparisons.csv":
                out.append(comparisonStatus.map { ComparisonSuppression(status: $0, suppression: suppression).comparisons(table) }
                           ?? groupedShares(table, suppression))
            case "comparison_status.csv":
                out.append(ComparisonSuppression(status: table, suppression: suppression).statusTable())
            case "lifetables.csv", "kaplan_meier.csv", "cox_fit.csv":
                out.append(survival(table, suppression))
            case let name where name.hasPrefix("stocks_by_"):
                out.append(StockSuppression.apply(table, suppression))
            default:
                out.append(table.column("count") != nil && table.column("exits") != nil ? groupedShares(table, suppression) : table)
            }
        }
        return out
    }

    /// Tables of `…, <status>, count, exits, pct` rows whose counts add up to the exits of
    /// their group (the rows that agree on every column before the status).
    static func groupedShares(_ table: CSVTable, _ suppression: CellSuppression) -> CSVTable {
        guard let count = table.column("count"), let exits = table.column("exits") else { return table }
        let pct = table.column("pct")
        let keyWidth = count - 1
        var groups = [[Int]]()
        var index = [[CSVTable.Cell]: Int]()
        for (r, row) in table.rows.enumerated() {
            let key = Array(row[0..<keyWidth])
            if let g = index[key] { groups[g].append(r) } else {
                index[key] = groups.count
                groups.append([r])
            }
        }
        var out = table
        for rows in groups {
            // Cells: the group's counts, then its exits.
            let counts = rows.map { table.rows[$0][count].intValue } + [table.rows[rows[0]][exits].intValue]
            let hidden = suppression.hidden(counts, sums: [.init(total: rows.count, parts: Array(rows.indices))])
            for (i, r) in rows.enumerated() {
                if hidden[i] { out.blank(row: r, column: count) }
                if hidden[rows.count] { out.blank(row: r, column: exits) }
                if let pct, hidden[i] || hidden[rows.count] { out.blank(row: r, column: pct) }
            }
        }
        return out
    }

    static func survival(_ table: CSVTable, _ suppression: CellSuppression) -> CSVTable {
        let countColumns = ["entering", "withdrawn", "events", "at_risk", "censored", "n"].compactMap { table.column($0) }
        let firstCount = table.column("entering") ?? table.column("at_risk") ?? table.column("n")
        guard let firstCount else { return table }
        let periodKey = [table.column("event"), table.column("period")].compactMap { $0 }
        var periodSize = [[CSVTable.Cell]: Int?]()
        for row in table.rows {
            let key = periodKey.map { row[$0] }
            if periodSize[key] == nil { periodSize[key] = .some(row[firstCount].intValue) }
        }
        let labels = Set(periodKey + ["month", "interval_start", "interval_end"].compactMap { table.column($0) })
        var out = table
        for (r, row) in table.rows.enumerated() {
            let size = periodSize[periodKey.map { row[$0] }] ?? nil
            if size.map({ $0 < suppression.limit }) ?? true {
                for c in row.indices where !labels.contains(c) && !row[c].isText { out.blank(row: r, column: c) }
                continue
            }
            for c in countColumns where suppression.hidden([row[c].intValue], sums: [])[0] {
                out.blank(row: r, column: c)
                // The figures that would give the count back.
                let derived = c == table.column("events") ? ["cond_prob", "hazard"] : c == table.column("withdrawn") ? ["exposed"] : []
                for d in derived.compactMap({ table.column($0) }) { out.blank(row: r, column: d) }
            }
        }
        return out
    }
}
