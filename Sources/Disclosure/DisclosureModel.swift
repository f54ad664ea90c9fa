import Catalogue

/// One disclosure-control model over all the published tables of a run (issue 17): every
/// count of persons is a cell, cells that are one quantity shown twice are one unknown, and
/// every linear relation the catalogue declares is an equation over the unknowns. What it
/// knows of the tables comes from the catalogue alone (`Catalogue.relations`,
/// `Catalogue+Disclosure`), so a table declared there is protected with no code of its own.
struct DisclosureModel {
    /// Σ `plus` = Σ `minus`, over unknowns.
    struct Sum {
        var plus: [Int]
        var minus: [Int]
        var members: [Int] { plus + minus }
    }

    /// The tables with the unprinted denominators added (`Catalogue.denominators`).
    let tables: [CSVTable]
    /// Per table, row and column: the cell's unknown, or −1 for a cell that is no count of persons.
    private(set) var unknownOf: [[[Int]]] = []
    /// Per unknown: its value (nil: blank already, e.g. read back from a suppressed run).
    private(set) var values: [Int?] = []
    private(set) var sums: [Sum] = []
    /// Per unknown: the calendar quarters its cells count in (`Catalogue.calendarQuarters`),
    /// along which the audit's check cuts blocks; empty in a model of bare unknowns.
    private(set) var regions: [[Int]] = []

    init(_ tables: [CSVTable], relations: [Relation]) {
        self.tables = Catalogue.addingDenominators(to: tables)
        var cells = CellUnion()
        unknownOf = self.tables.map { Self.cells(of: $0, &cells) }
        for value in Catalogue.groupValues { mergeGroups(value, &cells) }
        for repeated in Catalogue.repeatedRows { mergeRepeats(repeated, &cells) }
        let tableIndex = Dictionary(self.tables.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        let raw = relations.flatMap { relation in
            relation.equations(in: self.tables).compactMap { sum(of: $0, tableIndex, cells) }
        }
        // An equation of one cell on each side says they are one quantity.
        for s in raw where s.plus.count == 1 && s.minus.count == 1 { cells.merge(s.plus[0], s.minus[0]) }
        let (of, values) = cells.unknowns()
        self.values = values
        unknownOf = unknownOf.map { $0.map { $0.map { $0 < 0 ? -1 : of[$0] } } }
        sums = raw.compactMap { s in
            let plus = Set(s.plus.map { of[$0] }), minus = Set(s.minus.map { of[$0] })
            let (p, m) = (plus.subtracting(minus).sorted(), minus.subtracting(plus).sorted())
            return p.count + m.count < 2 ? nil : Sum(plus: p, minus: m)
        }
        regions = Self.regions(of: self.tables, unknownOf, count: values.count)
    }

    /// Each unknown's calendar quarters: those of all its cells' rows.
    private static func regions(of tables: [CSVTable], _ unknownOf: [[[Int]]], count: Int) -> [[Int]] {
        var regions = [Set<Int>](repeating: [], count: count)
        for (t, table) in tables.enumerated() {
            for (r, quarters) in Catalogue.calendarQuarters(of: table).enumerated() where !quarters.isEmpty {
                for u in unknownOf[t][r] where u >= 0 { regions[u].formUnion(quarters) }
            }
        }
        return regions.map { $0.sorted() }
    }

    /// A model of bare unknowns and sums (no tables), for the method on its own.
    init(values: [Int?], sums: [Sum]) {
        self.tables = []
        self.values = values
        self.sums = sums
    }

    /// The cells of one table: a cell per count of persons (not the withheld ones).
    private static func cells(of table: CSVTable, _ cells: inout CellUnion) -> [[Int]] {
        let match = Catalogue.table(ofFile: table.name)
        let counted = table.header.map { name -> Bool in
            guard !Catalogue.notPersonCounts.contains(where: { $0.name == name }) else { return false }
            // A table the catalogue does not know: its `count` column.
            guard let match else { return name == Column.count.name }
            let isDenominator = Catalogue.denominators.contains { $0.column.name == name && $0.table == match.spec }
            let withheld = Catalogue.derivations.contains { d in
                if case .withheld = d.scope { return d.table == match.spec && d.derived.contains { $0.name == name } }
                return false
            }
            return !withheld && (isDenominator || match.spec.column(named: name, parameter: match.parameter)?.kind == .count)
        }
        return table.rows.map { row in row.indices.map { c in counted[c] ? cells.add(row[c].intValue) : -1 } }
    }

    /// The model's sum for a catalogue equation (in cells, each once), or nil where it names a
    /// cell that is no count, or where the figures show it does not hold (a relation that
    /// holds only for some settings, tables read back from another run).
    private func sum(of e: Equation, _ tableIndex: [String: Int], _ union: CellUnion) -> Sum? {
        // Each quantity once (the exits of a month's rows are one).
        func cells(_ refs: [CellRef]) -> [Int]? {
            var out = [Int](), seen = Set<Int>()
            for ref in refs {
                guard let t = tableIndex[ref.table], case let c = unknownOf[t][ref.row][ref.column], c >= 0 else { return nil }
                if seen.insert(union.find(c)).inserted { out.append(union.find(c)) }
            }
            return out
        }
        let values = union.values
        guard let plus = cells(e.total), let minus = cells(e.parts), !plus.isEmpty else { return nil }
        let known = (plus + minus).allSatisfy { values[$0] != nil }
        guard !known || plus.reduce(0, { $0 + values[$1]! }) == minus.reduce(0, { $0 + values[$1]! }) else { return nil }
        return Sum(plus: plus, minus: minus)
    }

    /// Rows of a group show one value of the column: their cells are one.
    private func mergeGroups(_ value: GroupValue, _ cells: inout CellUnion) {
        for (t, table) in tables.enumerated() {
            guard let parameter = value.table.parameter(ofFile: table.name), let c = table.column(value.column) else { continue }
            let group = value.group.flatMap { $0.named(by: parameter) }.compactMap { table.column($0) }
            var first = [[CSVTable.Cell]: Int]()
            for (r, row) in table.rows.enumerated() where unknownOf[t][r][c] >= 0 {
                let key = group.map { row[$0] }
                if let f = first[key] { cells.merge(f, unknownOf[t][r][c]) } else { first[key] = unknownOf[t][r][c] }
            }
        }
    }

    /// Repeats of one office's rows in several units (the same counts throughout): one set of cells.
    private func mergeRepeats(_ repeated: RepeatedRows, _ cells: inout CellUnion) {
        for (t, table) in tables.enumerated() where repeated.table.parameter(ofFile: table.name) != nil {
            guard let varying = table.column(repeated.varying) else { continue }
            let within = repeated.within.compactMap { table.column($0) }
            let only = repeated.only.map { (table.column($0.key), $0.value) }
            let countColumns = table.header.indices.filter { c in unknownOf[t].first.map { $0[c] >= 0 } ?? false }
            // Per unit, its rows by the within-key; units with the same figures on every row are one.
            var units = [String: [[CSVTable.Cell]: Int]]()
            for (r, row) in table.rows.enumerated() where only.allSatisfy({ c, v in c.map { v.contains(row[$0].textValue) } ?? false }) {
                units[row[varying].textValue, default: [:]][within.map { row[$0] }] = r
            }
            func figures(_ rows: [[CSVTable.Cell]: Int]) -> [[CSVTable.Cell]: [Int?]] {
                rows.mapValues { r in countColumns.map { table.rows[r][$0].intValue } }
            }
            var seen = [[[CSVTable.Cell]: [Int?]]: String]()
            for unit in units.keys.sorted() {
                let f = figures(units[unit]!)
                guard let first = seen[f] else { seen[f] = unit; continue }
                for (key, r) in units[unit]! {
                    let s = units[first]![key]!
                    for c in countColumns { cells.merge(unknownOf[t][s][c], unknownOf[t][r][c]) }
                }
            }
        }
    }
}
