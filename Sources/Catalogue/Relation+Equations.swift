/// A cell of a published table: the table's file name, a row and a column.
public struct CellRef: Hashable, Sendable {
    public var table: String
    public var row: Int
    public var column: Int

    public init(table: String, row: Int, column: Int) {
        self.table = table
        self.row = row
        self.column = column
    }
}

/// One equation of a relation: Σ `total` = Σ `parts`.
public struct Equation: Sendable, Equatable {
    public var total: [CellRef]
    public var parts: [CellRef]
}

extension Relation {
    /// The equations of this relation among `tables` (a run's published tables), one per
    /// value of the matching columns (and class, and step) that has total cells, in the order
    /// the totals come. A relation over a table with a name pattern gives equations for each
    /// of its files (each breakdown on its own).
    public func equations(in tables: [CSVTable]) -> [Equation] {
        let patterns = Set(tables.compactMap { t in
            ([total] + parts).first { $0.table.isPattern && $0.parameter == nil }.flatMap { $0.table.parameter(ofFile: t.name) }
        })
        return (patterns.isEmpty ? [""] : patterns.sorted()).flatMap { equations(in: tables, parameter: $0) }
    }

    private func equations(in tables: [CSVTable], parameter: String) -> [Equation] {
        func table(_ term: Term) -> CSVTable? { tables.first { $0.name == term.table.fileName(term.parameter ?? parameter) } }
        var order = [[String]](), totals = [[String]: [CellRef]](), partCells = [[String]: [CellRef]]()
        if let t = table(total) {
            cells(total, of: t, isTotal: true, parameter: total.parameter ?? parameter) { key, ref in
                if totals[key] == nil { order.append(key) }
                totals[key, default: []].append(ref)
            }
        }
        for term in parts {
            guard let t = table(term) else { continue }
            cells(term, of: t, isTotal: false, parameter: term.parameter ?? parameter) { key, ref in partCells[key, default: []].append(ref) }
        }
        return order.map { Equation(total: totals[$0]!, parts: partCells[$0] ?? []) }
    }

    /// Each cell of a term with the keys of the equations it belongs to (a part may belong
    /// to more than one class); a repeating term gives one cell per key.
    private func cells(_ term: Term, of t: CSVTable, isTotal: Bool, parameter: String,
                       _ add: ([String], CellRef) -> Void) {
        // A column's indexes in `t` (two for crossed breakdowns); nil if `t` lacks one.
        func indexes(_ c: Column) -> [Int]? {
            let found = c.named(by: parameter).map { t.column($0) }
            return found.contains(nil) ? nil : found.map { $0! }
        }
        let links = matching.map { (indexes(isTotal ? $0.total : $0.parts), isTotal ? nil : $0.coarsen) }
        let classColumn = classes.flatMap { indexes(isTotal ? $0.total : $0.parts)?.first }
        guard let column = indexes(term.column)?.first, !links.contains(where: { $0.0 == nil }) else { return }
        let only = term.only.map { (indexes($0.key)?.first, $0.value) }, except = term.except.map { (indexes($0.key)?.first, $0.value) }
        let stepColumn = step.flatMap { indexes($0)?.first }
        var seen = Set<[String]>()
        for (r, row) in t.rows.enumerated() {
            guard only.allSatisfy({ c, values in c.map { values.contains(row[$0].textValue) } ?? false }),
                  !except.contains(where: { c, values in c.map { values.contains(row[$0].textValue) } ?? false }) else { continue }
            var key = links.flatMap { columns, coarsen in columns!.map { Self.coarsened(row[$0].textValue, to: coarsen) } }
            if let stepColumn {
                guard let j = row[stepColumn].intValue else { continue }
                key.append(String(j - term.stepOffset))
            }
            for k in classKeys(row, classColumn, total: isTotal).map({ key + $0 }) where !term.repeats || seen.insert(k).inserted {
                add(k, CellRef(table: t.name, row: r, column: column))
            }
        }
    }

    /// A period label as its part of a coarser period's key (`2022-03` → `2022-Q1`); other
    /// text, or no coarsening, as it is.
    private static func coarsened(_ text: String, to unit: CalendarPeriod.Unit?) -> String {
        guard let unit, let period = CalendarPeriod(text) else { return text }
        return period.coarsened(to: unit).description
    }

    /// The class part of a row's keys: none without classes, the total's own class, or each
    /// class that lists the part's value.
    private func classKeys(_ row: [CSVTable.Cell], _ column: Int?, total: Bool) -> [[String]] {
        guard let classes else { return [[]] }
        guard let column else { return [] }
        let value = row[column].textValue
        if total { return classes.members[value] == nil ? [] : [[value]] }
        return classes.members.filter { $0.value.contains(value) }.keys.sorted().map { [$0] }
    }
}
