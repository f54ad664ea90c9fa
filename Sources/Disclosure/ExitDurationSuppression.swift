import Catalogue

/// Small-cell suppression of `exit_durations.csv`, after the exit cohort tables, whose blanks
/// it takes as given. Exits below the limit are blanked with their mean and median (a mean of
/// two exits tells much about each). The rows of an exit month and status add up to that
/// month's and status's exits in `exit_cohorts.csv` (one row per measure left, or one row for
/// register exits), so that printed or blanked number is the total of a sum for the secondary
/// rule: a lone blanked row is not left recoverable, nor a blanked total of the cohort table.
enum ExitDurationSuppression {
    static func apply(_ table: CSVTable, cohorts: CSVTable?, _ suppression: CellSuppression) -> CSVTable {
        guard let exits = table.column(.exits) else { return table }
        // Exits per (month, status) as exit_cohorts.csv prints them (nil: blanked).
        var printed = [[String]: Int?]()
        if let cohorts, let total = cohorts.column(.exits) {
            for row in cohorts.rows where printed[[row[0].textValue, row[1].textValue]] == nil {
                printed[[row[0].textValue, row[1].textValue]] = row[total].intValue
            }
        }
        var counts = table.rows.map { $0[exits].intValue }
        var groups = [[String]: [Int]]()
        for (r, row) in table.rows.enumerated() { groups[[row[0].textValue, row[1].textValue], default: []].append(r) }
        var sums = [CellSuppression.Sum]()
        for key in groups.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            guard let total = printed[key] else { continue }
            sums.append(.init(total: counts.count, parts: groups[key]!))
            counts.append(total)
        }
        let hidden = suppression.hidden(counts, sums: sums)
        var out = table
        for r in table.rows.indices where hidden[r] {
            for name in [Column.exits, .meanMonths, .medianMonths] { if let c = table.column(name) { out.blank(row: r, column: c) } }
        }
        return out
    }
}
