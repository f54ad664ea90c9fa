import Catalogue

/// The tables as published under the model's blanks: each blank count, and each figure
/// derived from one (`Catalogue.derivations`), blanked; the added denominators dropped.
extension DisclosureModel {
    func published(_ hidden: [Bool], originals: [CSVTable]) -> [CSVTable] {
        var work = tables
        for (t, table) in tables.enumerated() {
            for (r, row) in table.rows.enumerated() {
                for c in row.indices where unknownOf[t][r][c] >= 0 && hidden[unknownOf[t][r][c]] { work[t].blank(row: r, column: c) }
            }
        }
        for derivation in Catalogue.derivations { derive(derivation, &work) }
        return zip(originals, work).compactMap { original, done in
            guard !Catalogue.unpublishedUnderALimit.contains(where: { original.isFile(of: $0) }) else { return nil }
            var out = original
            for r in original.rows.indices {
                for c in original.header.indices where done.rows[r][c] != original.rows[r][c] { out.blank(row: r, column: c) }
            }
            return out
        }
    }

    /// Whether a cell was printed in the input and is blank now.
    private func blanked(_ work: [CSVTable], _ t: Int, _ r: Int, _ c: Int) -> Bool {
        tables[t].rows[r][c].doubleValue != nil && work[t].rows[r][c].doubleValue == nil
    }

    private func derive(_ d: Derivation, _ work: inout [CSVTable]) {
        for t in work.indices where d.table.parameter(ofFile: work[t].name) != nil {
            let derived = d.derived.compactMap { work[t].column($0) }, sources = d.sources.compactMap { work[t].column($0) }
            let rows = blankedRows(d, t, sources, work)
            for r in rows { for c in derived { work[t].blank(row: r, column: c) } }
        }
    }

    /// The rows of table `t` whose derived figures rest on a blanked source.
    private func blankedRows(_ d: Derivation, _ t: Int, _ sources: [Int], _ work: [CSVTable]) -> [Int] {
        let table = work[t]
        let rowBlanked = { (u: Int, r: Int, columns: [Int]) in columns.contains { self.blanked(work, u, r, $0) } }
        switch d.scope {
        case .withheld:
            return Array(table.rows.indices)
        case .row:
            return table.rows.indices.filter { rowBlanked(t, $0, sources) }
        case let .steps(step, group, lag):
            guard let s = table.column(step) else { return [] }
            let g = group.compactMap { table.column($0) }
            var first = [[CSVTable.Cell]: Int]()   // per group: the first step with a blanked source
            for (r, row) in table.rows.enumerated() where rowBlanked(t, r, sources) {
                let key = g.map { row[$0] }, j = row[s].intValue ?? 0
                first[key] = min(first[key] ?? j, j)
            }
            return table.rows.indices.filter { r in
                first[g.map { table.rows[r][$0] }].map { (table.rows[r][s].intValue ?? 0) - lag >= $0 } ?? false
            }
        case let .elsewhere(spec, only, matching):
            guard let u = work.firstIndex(where: { $0.isFile(of: spec) }) else { return [] }
            let other = work[u], cols = d.sources.compactMap { other.column($0) }
            let filters = only.map { (other.column($0.key), $0.value) }
            let blankedKeys = Set(other.rows.indices.filter { r in
                filters.allSatisfy { c, v in c.map { v.contains(Self.text(other.rows[r][$0])) } ?? false } && rowBlanked(u, r, cols)
            }.map { r in matching.map { other.column($0).map { Self.text(other.rows[r][$0]) } ?? "" } })
            let mine = matching.map { table.column($0) }
            return table.rows.indices.filter { r in
                // A value joined by `+` (a model of both periods) rests on each.
                let parts = mine.map { c in c.map { Self.text(table.rows[r][$0]).split(separator: "+").map(String.init) } ?? [""] }
                return blankedKeys.contains { key in zip(key, parts).allSatisfy { $1.contains($0) } }
            }
        }
    }

    /// A label as written (a month since entry is a count).
    private static func text(_ cell: CSVTable.Cell) -> String { cell.intValue.map(String.init) ?? cell.textValue }
}
