import Catalogue

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
///   month's events and withdrawals, and these sums take part in the secondary rule, as does
///   `all` = baseline + comparison where a pooled window is the two periods together.
///   The estimates step by the month's counts (S_j = S_j−1·(1 − d_j/n_j)), so from the first
///   month of a period with a blanked count (other than a 0) on, a period's survival, SE,
///   interval, q and hazard are blanked too (the curve stops there). The cumulative incidence (whose
///   steps give back the unit's monthly deregistrations, published nowhere else) and the Cox
///   fit's n and events (the periods' spells and events together) are blanked whole; the Cox
///   coefficients and the log-rank test, estimates over whole periods, are kept.
///   `survival_spells.csv` (spells per duration, for reruns) is dropped.
/// - The unit's target group described (§7a): entries by route and the profile are suppressed
///   together (`SurvivalEntrySuppression`); the quantiles, the Cox joint tests and covariances
///   are kept but for periods with fewer spells than the limit (`SmallPeriodEstimates`).
///
/// - Exit cohort tables: suppressed together (`ExitCohortSuppression`): each breakdown's values
///   add up to the national table, the detailed statuses to the headline classes.
///
/// - Plain comparisons (no groups, no filter): their period cells add up the months of
///   `exit_cohorts_detailed.csv`, and the two tables are suppressed until no period total gives
///   a month away (`PlainComparisonLink`).
///
/// Not covered: other sums across tables (e.g. a filtered comparison against a breakdown),
/// which only a full table-linking method would protect.
public enum TableSuppression {
    /// The tables suppressed at `limit`. `plainComparisons`: the comparisons without groups or
    /// filters, whose period cells add up months of the exit table and are suppressed with it.
    /// `classes`: each headline class with the categories after exit it gathers (the run's
    /// `outcome.classes`), which tie the detailed exit-cohort tables to the headline ones.
    public static func apply(_ tables: [CSVTable], limit: Int, plainComparisons: [PlainComparison] = [],
                             classes: [(headline: String, categories: [String])] = Catalogue.statusClasses) -> [CSVTable] {
        guard limit > 0 else { return tables }
        let link = PlainComparisonLink(comparisons: plainComparisons, limit: limit)
        let original = Dictionary(tables.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var input = tables
        while true {
            let out = applyOnce(input, limit: limit, classes: classes)
            let further = link.further(original: original, suppressed: Dictionary(out.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a }))
            guard !further.isEmpty else { return out }
            // Blank them in the input (blanks read back count as blanked) and suppress again.
            for ref in further {
                guard let t = input.firstIndex(where: { $0.name == ref.table }) else { continue }
                input[t].blank(row: ref.row, column: ref.column)
                // An exits cell stands for its group: blank it on every row of the group.
                if input[t].header[ref.column] == Column.exits.name, let count = input[t].column(.count) {
                    let key = Array(input[t].rows[ref.row][0..<(count - 1)])
                    for r in input[t].rows.indices where Array(input[t].rows[r][0..<(count - 1)]) == key { input[t].blank(row: r, column: ref.column) }
                }
            }
        }
    }

    private static func applyOnce(_ tables: [CSVTable], limit: Int, classes: [(headline: String, categories: [String])]) -> [CSVTable] {
        let suppression = CellSuppression(limit: limit)
        var out = [CSVTable]()
        let comparisonStatus = tables.first { $0.isFile(of: .comparisonStatus) }
        let entryTables = SurvivalEntrySuppression.apply(entries: tables.first { $0.isFile(of: .survivalEntries) },
                                                         profile: tables.first { $0.isFile(of: .survivalProfile) }, suppression)
        let smallPeriods = SmallPeriodEstimates(kaplanMeier: tables.first { $0.isFile(of: .kaplanMeier) }, limit: limit)
        // The exit cohort tables are suppressed together (they cut the same exits different ways).
        let cohortTables = tables.filter(ExitCohortSuppression.isExitCohortTable)
        var cohorts = Dictionary(zip(cohortTables.map(\.name), ExitCohortSuppression.apply(cohortTables, suppression, classes: classes)),
                                 uniquingKeysWith: { a, _ in a })
        for table in tables {
            if let done = cohorts.removeValue(forKey: table.name) {
                out.append(done)
                continue
            }
            switch Catalogue.table(ofFile: table.name)?.spec {
            case .survivalSpells?:
                continue
            case .comparisons?:
                out.append(comparisonStatus.map { ComparisonSuppression(status: $0, suppression: suppression).comparisons(table) }
                           ?? ExitCohortSuppression.apply([table], suppression)[0])
            case .comparisonStatus?:
                out.append(ComparisonSuppression(status: table, suppression: suppression).statusTable())
            case .comparisonBenefits?, .comparisonMeasures?:
                guard let status = comparisonStatus else { out.append(blanking(table, columns: [.count, .pct])); continue }
                out.append(ComparisonCodeSuppression(comparison: ComparisonSuppression(status: status, suppression: suppression))
                    .apply(table, suppression))
            case .exitDurations?:
                let cohortTable = out.first { $0.isFile(of: .exitCohorts) } ?? cohorts[TableSpec.exitCohorts.fileName]
                out.append(ExitDurationSuppression.apply(table, cohorts: cohortTable, suppression))
            case .lifeTables?, .kaplanMeier?:
                out.append(survival(table, suppression))
            case .coxFit?:
                // n and events are the two periods' spells and events together: beside a
                // blanked period or month of the survival tables they would give it back.
                out.append(blanking(table, columns: [.n, .events]))
            case .survivalEntries?:
                out.append(entryTables.entries!)
            case .survivalProfile?:
                out.append(entryTables.profile!)
            case .survivalQuantiles?:
                out.append(smallPeriods.apply(table, columns: [.months, .ciLow, .ciHigh]))
            case .coxTests?:
                out.append(smallPeriods.apply(table, columns: [.chisq, .p]))
            case .coxCovariances?:
                out.append(smallPeriods.apply(table, columns: [.covariance]))
            case .cumulativeIncidence?:
                // Its steps give back the unit's monthly transfers and deregistrations (the
                // latter published nowhere else, so possibly below the limit).
                out.append(blanking(table, columns: [.incidence]))
            case .stocksBy?:
                out.append(StockSuppression.apply(table, suppression))
            default:
                // Any other table of count and exits rows: its row groups' own sums.
                out.append(ExitCohortSuppression.apply([table], suppression)[0])
            }
        }
        return out
    }

    /// The table with every value of the named columns blanked.
    static func blanking(_ table: CSVTable, columns: [Column]) -> CSVTable {
        var out = table
        for c in columns.compactMap(table.column) { for r in table.rows.indices { out.blank(row: r, column: c) } }
        return out
    }

    static func survival(_ table: CSVTable, _ suppression: CellSuppression) -> CSVTable {
        let countColumns = [Column.entering, .withdrawn, .events, .atRisk, .censored, .n].compactMap { table.column($0) }
        let firstCount = table.column(.entering) ?? table.column(.atRisk) ?? table.column(.n)
        guard let firstCount else { return table }
        let eventColumn = table.column(.event), periodColumn = table.column(.period)
        let stepColumn = table.column(.intervalStart) ?? table.column(.monthSinceEntry)
        // The rows of each event, and within it of each period, in table order (month by month).
        // (In table order throughout: the greedy secondary rule depends on the order of its
        // sums, and the same tables must give the same blanks every time.)
        var events = [CSVTable.Cell: [CSVTable.Cell: [Int]]]()
        var eventOrder = [CSVTable.Cell]()
        var periodOrder = [CSVTable.Cell: [CSVTable.Cell]]()
        for (r, row) in table.rows.enumerated() {
            let event = eventColumn.map { row[$0] } ?? .text(""), period = periodColumn.map { row[$0] } ?? .text("")
            if events[event] == nil { eventOrder.append(event) }
            if events[event]?[period] == nil { periodOrder[event, default: []].append(period) }
            events[event, default: [:]][period, default: []].append(r)
        }
        let labels = Set([eventColumn, periodColumn, stepColumn, table.column(.intervalEnd)].compactMap { $0 })
        let estimateColumns: [Column] = [.survival, .se, .ciLow, .ciHigh, .condProb, .survivalStart, .survivalEnd, .survivalEndSE, .hazard]
        // Month by month, those at risk (entering) are those at risk the month after plus this
        // month's ends: n_j = d_j + w_j + n_{j+1} (the last row: n = d + w). A lone blanked end
        // would be n_j − n_{j+1} − the other end, so these are sums for the secondary rule.
        let chain: (total: Int, ends: [Int])? = {
            if let n = table.column(.entering), let w = table.column(.withdrawn), let d = table.column(.events) { return (n, [w, d]) }
            if let n = table.column(.atRisk), let c = table.column(.censored), let d = table.column(.events) { return (n, [c, d]) }
            return nil
        }()
        var out = table
        for event in eventOrder {
            let periods = events[event]!
            let periodRows = periodOrder[event]!.map { periods[$0]! }
            // Cells: every count of every row of the event, row by row; a period with fewer
            // spells than the limit has all of them blanked (nil) from the start.
            var cells = [(row: Int, column: Int)]()
            var counts = [Int?]()
            var cellOf = [[Int]: Int]()   // [row, column] → cell
            var small = Set<Int>()
            for rows in periodRows {
                let isSmall = table.rows[rows[0]][firstCount].intValue.map { $0 < suppression.limit } ?? true
                for r in rows {
                    if isSmall { small.insert(r) }
                    for c in countColumns {
                        cellOf[[r, c]] = cells.count
                        cells.append((r, c))
                        counts.append(isSmall ? nil : table.rows[r][c].intValue)
                    }
                }
            }
            var sums = [CellSuppression.Sum]()
            // A sum is used where it holds in the figures (always, for the pipeline's own
            // tables); where a figure was blanked before, it is taken on trust.
            func holds(_ sum: CellSuppression.Sum) -> Bool {
                let values = ([sum.total] + sum.parts).map { table.rows[cells[$0].row][cells[$0].column].intValue }
                return values.contains(nil) || values[0]! == values.dropFirst().reduce(0) { $0 + $1! }
            }
            if let chain {
                for rows in periodRows {
                    for (i, r) in rows.enumerated() {
                        let parts = chain.ends.map { cellOf[[r, $0]]! } + (i + 1 < rows.count ? [cellOf[[rows[i + 1], chain.total]]!] : [])
                        let sum = CellSuppression.Sum(total: cellOf[[r, chain.total]]!, parts: parts)
                        if holds(sum) { sums.append(sum) }
                    }
                }
            }
            // A pooled window that is the two periods together (survival.pooled, any name):
            // window = baseline + comparison, cell by cell, else window − comparison gives the
            // baseline back.
            let windows = periodOrder[event]!.filter { $0 != .text("baseline") && $0 != .text("comparison") }
            for window in windows {
                guard let stepColumn, let all = periods[window], let base = periods[.text("baseline")],
                      let comp = periods[.text("comparison")] else { continue }
                func byStep(_ rows: [Int]) -> [CSVTable.Cell: Int] { Dictionary(rows.map { (table.rows[$0][stepColumn], $0) }, uniquingKeysWith: { a, _ in a }) }
                let b = byStep(base), c = byStep(comp)
                let pooled = all.compactMap { r -> [CellSuppression.Sum]? in
                    let step = table.rows[r][stepColumn]
                    return countColumns.map { col in
                        CellSuppression.Sum(total: cellOf[[r, col]]!, parts: [b[step], c[step]].compactMap { $0 }.map { cellOf[[$0, col]]! })
                    }
                }.flatMap { $0 }
                // For the secondary rule any three cells tied this way are a sum; written with
                // `all` as a part of the comparison cell, the pooled window (the extra analysis)
                // is the one that gives way, not the comparison period.
                if pooled.allSatisfy(holds) {
                    sums += pooled.compactMap { sum in
                        sum.parts.count == 2 ? CellSuppression.Sum(total: sum.parts[1], parts: [sum.total, sum.parts[0]]) : sum
                    }
                }
            }
            let hidden = suppression.hidden(counts, sums: sums)
            // The estimates step by the month's counts (S_j = S_j−1 · (1 − d_j/n_j), q_j =
            // d_j/(n_j − w_j/2), Greenwood sums): from the first month of a period with a blanked
            // count on, they would give it back, so they stop there.
            // (A blanked 0 is let be: S_j = S_j−1 tells only that nothing happened that month.)
            for rows in periodRows {
                guard let first = rows.firstIndex(where: { r in
                    countColumns.contains { c in hidden[cellOf[[r, c]]!] && table.rows[r][c].intValue != 0 }
                }) else { continue }
                for (i, r) in rows.enumerated() where i >= first {
                    for name in estimateColumns where name != .survivalStart || i > first {
                        if let c = table.column(name) { out.blank(row: r, column: c) }
                    }
                }
            }
            for r in small { for c in table.rows[r].indices where !labels.contains(c) && !table.rows[r][c].isText { out.blank(row: r, column: c) } }
            for (i, (r, c)) in cells.enumerated() where hidden[i] {
                out.blank(row: r, column: c)
                // The figures that would give the count back.
                let derived: [Column] = c == table.column(.events) ? [.condProb, .hazard]
                    : c == table.column(.withdrawn) || c == table.column(.entering) ? [.exposed] : []
                for d in derived.compactMap({ table.column($0) }) { out.blank(row: r, column: d) }
            }
        }
        return out
    }
}
