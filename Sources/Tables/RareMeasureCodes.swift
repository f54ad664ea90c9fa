import Panel

/// Under a small-cell limit a measure code is published by name only when, in some analysed
/// month, at least `limit` persons have a row with it. Blanking a rare code's counts is not
/// enough: its name can itself be what must not be published (a person key written into the
/// field, a one-person pilot). Rare codes are published as `(rare 1)`, `(rare 2)` … in code
/// order, so the tables keep their shape and their suppression.
public enum RareMeasureCodes {
    /// The published names of the rare codes of `panel` in `months`, by measure id.
    public static func aliases(in panel: Panel, months: Range<Int>, limit: Int) -> [UInt16: String] {
        guard limit > 1, panel.measures.count > 0 else { return [:] }
        let width = panel.measures.count + 1
        var perMonth = [Int](repeating: 0, count: months.count * width)   // [month][measure id]
        for (m, row) in zip(panel.rowMonths, panel.rowCells) where months.contains(Int(m)) && row.tiltak != 0 {
            perMonth[(Int(m) - months.lowerBound) * width + Int(row.tiltak)] += 1
        }
        func name(_ id: Int) -> String { panel.measures.keyString(id - 1) }
        let rare = (1..<width).filter { id in (0..<months.count).allSatisfy { perMonth[$0 * width + id] < limit } }
            .sorted { name($0).utf8.lexicographicallyPrecedes(name($1).utf8) }
        var out = [UInt16: String]()
        for (i, id) in rare.enumerated() { out[UInt16(id)] = "(rare \(i + 1))" }
        return out
    }
}
