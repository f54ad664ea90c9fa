extension Denominator {
    /// `tables` with this denominator's column added to each file of its table: per group, the
    /// count · 100 / share of a row with both above 0, as any reader can work it out; 0 where
    /// every count is 0 (no share of nothing is printed); blank where no row gives it.
    public func adding(to tables: [CSVTable]) -> [CSVTable] {
        tables.map { table in
            guard let parameter = self.table.parameter(ofFile: table.name), table.column(column) == nil,
                  let share = table.column(share), let count = table.column(count) else { return table }
            let group = self.group.flatMap { $0.named(by: parameter) }.compactMap { table.column($0) }
            var value = [[CSVTable.Cell]: Int]()
            for row in table.rows where row[count].intValue != 0 { value[group.map { row[$0] }] = -1 }
            for row in table.rows {
                let key = group.map { row[$0] }
                guard (value[key] ?? -1) < 0, let n = row[count].intValue, n > 0, let pct = row[share].doubleValue, pct > 0 else { continue }
                value[key] = Int((Double(n) * 100 / pct).rounded())
            }
            var out = CSVTable(name: table.name, header: table.header + [column.name])
            for row in table.rows {
                let v = value[group.map { row[$0] }] ?? 0
                out.append(row + [.count(v < 0 ? nil : v)])
            }
            return out
        }
    }
}

extension Catalogue {
    /// The tables with every unprinted denominator added as a column (`Catalogue.denominators`).
    public static func addingDenominators(to tables: [CSVTable]) -> [CSVTable] {
        denominators.reduce(tables) { $1.adding(to: $0) }
    }
}
