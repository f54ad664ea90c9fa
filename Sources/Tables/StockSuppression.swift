/// Small-cell suppression of `stocks_by_<breakdown>.csv` (see `StockTables`), a table of its
/// own shape: per month and value, the rows of the registered statuses add up to the persons
/// registered, which is not printed but follows from any count and its `pct`, so it takes
/// part in the sum as a cell of its own. Blanking it blanks every `pct` of the group. A
/// blanked count blanks its `pct`. Rows of a status that is not registered and measure rows
/// are in no printed sum (persons without a measure have no row): the primary rule only.
///
/// Which statuses are registered is read off the table: those with a `pct` somewhere.
enum StockSuppression {
    static func apply(_ table: CSVTable, _ suppression: CellSuppression) -> CSVTable {
        guard let status = table.column("hovedstatus"), let tiltak = table.column("tiltak"),
              let count = table.column("count"), let pct = table.column("pct") else { return table }
        let registered = Set(table.rows.filter { $0[pct].doubleValue != nil }.map { $0[status].textValue })
        var groups = [[Int]]()   // rows of one month and value, in order
        var index = [[String]: Int]()
        for (r, row) in table.rows.enumerated() {
            let key = row[0..<status].map(\.textValue)
            if let g = index[key] { groups[g].append(r) } else {
                index[key] = groups.count
                groups.append([r])
            }
        }
        var out = table
        for rows in groups {
            let parts = rows.filter { registered.contains(table.rows[$0][status].textValue) && table.rows[$0][tiltak].textValue.isEmpty }
            // The persons registered: the sum of the parts, nil (blanked) if any part was blanked before.
            let counts = parts.map { table.rows[$0][count].intValue }
            let total: Int? = counts.contains { $0 == nil } ? nil : counts.reduce(0) { $0 + $1! }
            let hiddenSum = suppression.hidden(counts + [total ?? (parts.isEmpty ? suppression.limit : nil)],
                                               sums: parts.isEmpty ? [] : [.init(total: parts.count, parts: Array(parts.indices))])
            let totalHidden = !parts.isEmpty && hiddenSum[parts.count]
            for r in rows {
                let i = parts.firstIndex(of: r)
                let hidden = i.map { hiddenSum[$0] } ?? suppression.hidden([table.rows[r][count].intValue], sums: [])[0]
                if hidden { out.blank(row: r, column: count) }
                if hidden || totalHidden { out.blank(row: r, column: pct) }
            }
        }
        return out
    }
}
