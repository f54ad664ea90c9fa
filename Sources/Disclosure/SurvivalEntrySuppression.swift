import Catalogue

/// Small-cell suppression of `survival_entries.csv` and `survival_profile.csv`, together
/// (definitions.md §7a): they count the same entries. Within the profile each
/// characteristic's values add up to the population's entries (printed nowhere, but given
/// away by any count beside its percentage, so it counts as printed); across the two tables a
/// period's route counts are the sums of its months' entries by route (all entries, and those
/// at the unit). A population with fewer entries than the limit loses every figure. A blanked
/// count blanks its percentage. Not covered: the difference of the two populations (entries
/// not at the unit), which neither table prints.
enum SurvivalEntrySuppression {

    static func apply(entries: CSVTable?, profile: CSVTable?, _ suppression: CellSuppression) -> (entries: CSVTable?, profile: CSVTable?) {
        var cells = Cells()
        let entryCells = entries.map { cells.add($0) } ?? []
        let profileCells = profile.map { cells.add($0) } ?? []
        var sums = [CellSuppression.Sum]()
        if let profile { sums += cells.populationSums(profile, profileCells, limit: suppression.limit) }
        if let entries, let profile { sums += cells.routeSums(entries, entryCells, profile, profileCells) }
        let hidden = suppression.hidden(cells.counts, sums: sums)
        func blanked(_ table: CSVTable?, _ of: [Int]) -> CSVTable? {
            guard var t = table, let count = t.column(.count) else { return table }
            for (r, cell) in of.enumerated() where hidden[cell] {
                t.blank(row: r, column: count)
                if let pct = t.column(.pct) { t.blank(row: r, column: pct) }
            }
            return t
        }
        return (blanked(entries, entryCells), blanked(profile, profileCells))
    }

    /// The counts of both tables, one cell per row, and the populations' entries (not printed).
    struct Cells {
        var counts = [Int?]()

        mutating func add(_ table: CSVTable) -> [Int] {
            let count = table.column(.count)!
            return table.rows.map { row in
                counts.append(row[count].intValue)
                return counts.count - 1
            }
        }

        /// Per period and population: its entries = each characteristic's values. A small
        /// population has its counts blanked from the start (nil). The entries are those of any
        /// characteristic printed whole (nil, blanked, when none is).
        mutating func populationSums(_ profile: CSVTable, _ cellOfRow: [Int], limit: Int) -> [CellSuppression.Sum] {
            let (p, pop, ch) = (profile.column(.period)!, profile.column(.population)!, profile.column(.characteristic)!)
            var groups = [[String]: [Int]](), order = [[String]]()
            for (r, row) in profile.rows.enumerated() {
                let key = [row[p].textValue, row[pop].textValue, row[ch].textValue]
                if groups[key] == nil { order.append(key) }
                groups[key, default: []].append(cellOfRow[r])
            }
            var total = [[String]: Int?]()
            for key in order {
                let values = groups[key]!.map { counts[$0] }
                if !values.contains(nil) { total[Array(key.prefix(2))] = values.reduce(0) { $0 + $1! } }
                else if total[Array(key.prefix(2))] == nil { total[Array(key.prefix(2))] = Int?.none }
            }
            var totalCell = [[String]: Int]()
            var sums = [CellSuppression.Sum]()
            for key in order {
                let population = Array(key.prefix(2)), parts = groups[key]!
                if totalCell[population] == nil {
                    counts.append(total[population]!)
                    totalCell[population] = counts.count - 1
                }
                let n = total[population]!
                if n.map({ $0 < limit }) ?? parts.allSatisfy({ counts[$0] == nil }) { for c in parts { counts[c] = nil } }
                sums.append(CellSuppression.Sum(total: totalCell[population]!, parts: parts))
            }
            return sums
        }

        /// Per period and route: the profile's route count (all; unit) = the entries' months
        /// (both `at_unit` values; `yes`).
        func routeSums(_ entries: CSVTable, _ entryCells: [Int], _ profile: CSVTable, _ profileCells: [Int]) -> [CellSuppression.Sum] {
            let (p, route, atUnit) = (entries.column(.period)!, entries.column(.route)!, entries.column(.atUnit)!)
            var parts = [[String]: [Int]]()
            for (r, row) in entries.rows.enumerated() {
                let (period, name) = (row[p].textValue, row[route].textValue)
                parts[[period, "all", name], default: []].append(entryCells[r])
                if row[atUnit].textValue == "yes" { parts[[period, "unit", name], default: []].append(entryCells[r]) }
            }
            let (pp, pop, ch, value) = (profile.column(.period)!, profile.column(.population)!, profile.column(.characteristic)!,
                                        profile.column(.value)!)
            return profile.rows.enumerated().compactMap { r, row in
                guard row[ch].textValue == "route", let of = parts[[row[pp].textValue, row[pop].textValue, row[value].textValue]] else { return nil }
                return CellSuppression.Sum(total: profileCells[r], parts: of)
            }
        }
    }
}

/// The estimates of §7a (quantiles of duration, Cox joint tests and covariances) stay under a
/// small-cell limit, as the Cox coefficients do, except for a period with fewer spells than
/// the limit (but some): its quantiles, and the tests and covariances of every model it is
/// part of (`baseline+comparison` is both periods), are blanked. Spells per event and period
/// are those at risk at month 0 of `kaplan_meier.csv` (blank there: small).
struct SmallPeriodEstimates {
    /// Event → period → spells (nil: blanked).
    var spells = [String: [String: Int?]]()
    let limit: Int

    init(kaplanMeier: CSVTable?, limit: Int) {
        self.limit = limit
        guard let t = kaplanMeier, let e = t.column(.event), let p = t.column(.period), let m = t.column(.monthSinceEntry),
              let n = t.column(.atRisk) else { return }
        for row in t.rows where row[m].intValue == 0 { spells[row[e].textValue, default: [:]][row[p].textValue] = row[n].intValue }
    }

    func isSmall(event: String, model period: String) -> Bool {
        period.split(separator: "+").contains { part in
            guard let n = spells[event]?[String(part)] else { return false }
            return n.map { $0 > 0 && $0 < limit } ?? true
        }
    }

    /// `table` with the named columns blanked on the rows of small periods.
    func apply(_ table: CSVTable, columns: [Column]) -> CSVTable {
        guard let e = table.column(.event), let p = table.column(.period) else { return table }
        var out = table
        for (r, row) in table.rows.enumerated() where isSmall(event: row[e].textValue, model: row[p].textValue) {
            for c in columns.compactMap(table.column) { out.blank(row: r, column: c) }
        }
        return out
    }
}
