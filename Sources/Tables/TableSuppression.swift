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
///   of an interval whose events are blanked, and the exposure of one whose withdrawals (or
///   entering) are; month by month those at risk are those at risk the month after plus the
///   month's events and withdrawals, and these sums take part in the secondary rule.
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
        // The rows of each event and period, in table order (month by month).
        var periods = [[CSVTable.Cell]: [Int]]()
        var order = [[CSVTable.Cell]]()
        for (r, row) in table.rows.enumerated() {
            let key = periodKey.map { row[$0] }
            if periods[key] == nil { order.append(key) }
            periods[key, default: []].append(r)
        }
        let labels = Set(periodKey + ["month", "interval_start", "interval_end"].compactMap { table.column($0) })
        // Month by month, those at risk (entering) are those at risk the month after plus this
        // month's ends: n_j = d_j + w_j + n_{j+1} (the last row: n = d + w). A lone blanked end
        // would be n_j − n_{j+1} − the other end, so these are sums for the secondary rule.
        let chain: (total: Int, ends: [Int])? = {
            if let n = table.column("entering"), let w = table.column("withdrawn"), let d = table.column("events") { return (n, [w, d]) }
            if let n = table.column("at_risk"), let c = table.column("censored"), let d = table.column("events") { return (n, [c, d]) }
            return nil
        }()
        var out = table
        for key in order {
            let rows = periods[key]!
            if table.rows[rows[0]][firstCount].intValue.map({ $0 < suppression.limit }) ?? true {
                for r in rows { for c in table.rows[r].indices where !labels.contains(c) && !table.rows[r][c].isText { out.blank(row: r, column: c) } }
                continue
            }
            // Cells: every count of every row of the period, row-major.
            let cells = rows.flatMap { r in countColumns.map { (r, $0) } }
            let counts = cells.map { table.rows[$0.0][$0.1].intValue }
            var sums = [CellSuppression.Sum]()
            if let chain {
                func cell(_ i: Int, _ c: Int) -> Int { i * countColumns.count + countColumns.firstIndex(of: c)! }
                for i in rows.indices {
                    let parts = chain.ends.map { cell(i, $0) } + (i + 1 < rows.count ? [cell(i + 1, chain.total)] : [])
                    let sum = CellSuppression.Sum(total: cell(i, chain.total), parts: parts)
                    // Only where the identity holds in the figures (always, for the pipeline's
                    // own tables); a blank read back from a suppressed run is taken on trust.
                    let values = ([sum.total] + parts).map { counts[$0] }
                    if values.contains(nil) || values[0]! == values.dropFirst().reduce(0, { $0 + $1! }) { sums.append(sum) }
                }
            }
            let hidden = suppression.hidden(counts, sums: sums)
            for (i, (r, c)) in cells.enumerated() where hidden[i] {
                out.blank(row: r, column: c)
                // The figures that would give the count back.
                let derived = c == table.column("events") ? ["cond_prob", "hazard"]
                    : c == table.column("withdrawn") || c == table.column("entering") ? ["exposed"] : []
                for d in derived.compactMap({ table.column($0) }) { out.blank(row: r, column: d) }
            }
        }
        return out
    }
}
