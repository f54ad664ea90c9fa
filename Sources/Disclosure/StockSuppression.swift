import Catalogue

/// Small-cell suppression of `stocks_by_<breakdown>.csv` (see `StockTables`), a table of its
/// own shape, one month at a time. Within a month and value, the rows of the registered
/// statuses add up to the persons registered, and the measure rows to the persons in any
/// measure; neither is printed, but each follows from any count and its share (`pct`,
/// `pct_of_measures`), so each takes part in the sums as a cell of its own, and blanking it
/// blanks every share built on it. Across values, each row of the `total` value set is the
/// sum of the same row of every value. A blanked count blanks its shares.
///
/// Which statuses are registered is read off the table: those with a `pct` somewhere.
enum StockSuppression {
    /// The cells of one month: every count, then per value the two unprinted sums.
    struct Month {
        var counts = [Int?]()
        var rowCell = [Int: Int]()              // table row → cell
        var registeredCell = [String: Int]()    // value → cell of the persons registered
        var measuresCell = [String: Int]()      // value → cell of the persons in any measure
        var sums = [CellSuppression.Sum]()
    }

    static func apply(_ table: CSVTable, _ suppression: CellSuppression) -> CSVTable {
        guard let status = table.column(.hovedstatus), let tiltak = table.column(.tiltak),
              let count = table.column(.count), let pct = table.column(.pct) else { return table }
        let ofMeasures = table.column(.pctOfMeasures)
        let registered = Set(table.rows.filter { $0[pct].doubleValue != nil }.map { $0[status].textValue })
        var months = [[Int]]()   // rows of one month, in order
        for (r, row) in table.rows.enumerated() {
            if let last = months.last?.last, table.rows[last][0] == row[0] { months[months.count - 1].append(r) } else { months.append([r]) }
        }
        var out = table
        for rows in months {
            var m = Month()
            let value = { (r: Int) in table.rows[r][1..<status].map(\.textValue).joined(separator: ";") }
            var byValue = [(value: String, rows: [Int])]()
            for r in rows {
                m.rowCell[r] = m.counts.count
                m.counts.append(table.rows[r][count].intValue)
                if byValue.last?.value == value(r) { byValue[byValue.count - 1].rows.append(r) } else { byValue.append((value(r), [r])) }
            }
            for (v, vr) in byValue {
                let isRegistered = vr.filter { registered.contains(table.rows[$0][status].textValue) && table.rows[$0][tiltak].textValue.isEmpty }
                let isMeasure = vr.filter { !table.rows[$0][tiltak].textValue.isEmpty }
                m.registeredCell[v] = m.sum(of: isRegistered)
                m.measuresCell[v] = m.sum(of: isMeasure)
            }
            // The `total` value set: each row the sum of the same row of every value.
            if let total = byValue.first(where: { $0.value == TableSpec.stocksTotal }) {
                let key = { (r: Int) in [table.rows[r][status].textValue, table.rows[r][tiltak].textValue] }
                for r in total.rows {
                    let parts = byValue.filter { $0.value != TableSpec.stocksTotal }.flatMap(\.rows).filter { key($0) == key(r) }
                    m.sums.append(.init(total: m.rowCell[r]!, parts: parts.map { m.rowCell[$0]! }))
                }
            }
            let hidden = suppression.hidden(m.counts, sums: m.sums)
            for r in rows {
                let v = value(r)
                let countHidden = hidden[m.rowCell[r]!]
                if countHidden { out.blank(row: r, column: count) }
                if countHidden || hidden[m.registeredCell[v]!] { out.blank(row: r, column: pct) }
                if let ofMeasures, countHidden || hidden[m.measuresCell[v]!] { out.blank(row: r, column: ofMeasures) }
            }
        }
        return out
    }
}

extension StockSuppression.Month {
    /// A cell for the sum of the rows' counts (blanked before if any part was), tied to them
    /// by a sum; with no rows, a cell at the limit that nothing gives away.
    mutating func sum(of rows: [Int]) -> Int {
        let parts = rows.map { rowCell[$0]! }
        let values = parts.map { counts[$0] }
        let cell = counts.count
        counts.append(values.isEmpty ? Int.max : values.contains { $0 == nil } ? nil : values.reduce(0) { $0 + $1! })
        if !parts.isEmpty { sums.append(.init(total: cell, parts: parts)) }
        return cell
    }
}
