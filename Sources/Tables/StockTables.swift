import Extracts
import Panel
import Statistics
import Catalogue

/// `stocks_by_<breakdown>.csv` (definitions.md §6, interface.md): for each month and value of
/// a breakdown, the persons with a row by `hovedstatus`, and among the registered the number
/// in each `tiltak` — the stock ("beholdning") series in which the evaluations show each
/// office's use of measures over time.
///
/// Rows per month × value (the values that have a row that month): one per `hovedstatus`
/// (ARBS, NEDS, IARBS, zeros included, `tiltak` empty), then, for each registered status,
/// one per measure code its persons take part in (count > 0, codes in byte order). `pct` is
/// 100·count / the persons registered that month with that value; empty on the rows of a
/// status that is not registered, and where nobody is registered. `pct_of_measures` (measure
/// rows, §7b): 100·count / the registered persons of that month and value in any measure.
/// After each month's values, the rows of the value `total` over all of them.
public struct StockTables: Sendable {
    public let panel: Panel
    /// `exit.statuses`: the statuses that count as registered.
    public let registered: [Hovedstatus]
    /// Panel months to tabulate (the analysed range; context months are left out).
    public let months: Range<Int>

    public init(panel: Panel, registered: [Hovedstatus], months: Range<Int>) {
        self.panel = panel
        self.registered = registered
        self.months = months
    }

    /// Counts of one month and value: persons by status, and by status and measure code.
    struct Cell {
        var byStatus = [Int](repeating: 0, count: 4)
        var byMeasure = [UInt8: [UInt16: Int]]()
    }

    /// The cells of each analysed month, by the breakdown's value (values with a row only).
    /// Counted into flat arrays, one pass over the rows: a dictionary update per row was
    /// most of a rerun's stock tables at 71 national months.
    func count(by breakdown: Breakdown) -> [[Int: Cell]] {
        let registeredMask = registered.reduce(UInt8(0)) { $0 | (1 << $1.rawValue) }
        var width = 1
        for row in panel.rowCells { width = max(width, breakdown.key(row) + 1) }
        var byStatus = [Int32](repeating: 0, count: months.count * width * 4)   // [month][value][status]
        var byMeasure = [Int: Int]()                                            // (month, value, status) << 16 | tiltak
        for (m16, row) in zip(panel.rowMonths, panel.rowCells) where months.contains(Int(m16)) {
            let status = Int(row.statusCode)
            let slot = ((Int(m16) - months.lowerBound) * width + breakdown.key(row)) * 4 + status
            byStatus[slot] += 1
            if registeredMask & (1 << status) != 0 && row.tiltak != 0 { byMeasure[slot << 16 | Int(row.tiltak), default: 0] += 1 }
        }
        var cells = [[Int: Cell]](repeating: [:], count: months.count)
        for i in 0..<months.count {
            for key in 0..<width {
                let base = (i * width + key) * 4
                guard (0..<4).contains(where: { byStatus[base + $0] != 0 }) else { continue }
                cells[i][key] = Cell(byStatus: (0..<4).map { Int(byStatus[base + $0]) })
            }
        }
        for (packed, n) in byMeasure {
            let slot = packed >> 16, status = UInt8(slot & 3), key = (slot >> 2) % width, i = (slot >> 2) / width
            cells[i][key]!.byMeasure[status, default: [:]][UInt16(packed & 0xFFFF)] = n
        }
        return cells
    }

    /// The value of the row set over all values of a month (the national series).
    public static let total = TableSpec.stocksTotal

    public func table(by breakdown: Breakdown) -> CSVTable {
        var t = CSVTable(.stocksBy, parameter: breakdown.rawValue)
        let cells = count(by: breakdown)
        for (i, byValue) in cells.enumerated() {
            let month = panel.month(months.lowerBound + i).description
            let values = byValue.keys.map { (key: $0, label: breakdown.label($0, panel: panel)) }.sorted { a, b in
                // Age groups in age order; other values as text (codes are fixed-width).
                breakdown.ordersByKey ? a.key < b.key : a.label.utf8.lexicographicallyPrecedes(b.label.utf8)
            }
            for value in values { append(byValue[value.key]!, month: month, value: value.label, to: &t) }
            if !byValue.isEmpty { append(byValue.values.reduce(Cell(), +), month: month, value: Self.total, to: &t) }
        }
        return t
    }

    /// The rows of one month and value: each status, each followed by its measures.
    private func append(_ cell: Cell, month: String, value: String, to t: inout CSVTable) {
        let total = registered.reduce(0) { $0 + cell.byStatus[Int($1.rawValue)] }
        // The measure stock: registered persons in any measure (one measure per person).
        let inMeasures = cell.byMeasure.values.reduce(0) { $0 + $1.values.reduce(0, +) }
        func pct(_ count: Int, _ status: Hovedstatus) -> CSVTable.Cell {
            .number(registered.contains(status) ? Proportion(count, of: total).percent : nil)
        }
        for status in [Hovedstatus.arbs, .neds, .iarbs] {
            let count = cell.byStatus[Int(status.rawValue)]
            t.append([.text(month), .text(value), .text(status.name), .text(""), .count(count), pct(count, status), .number(nil)])
            let measures = (cell.byMeasure[status.rawValue] ?? [:]).map { (name: panel.measureName($0.key), count: $0.value) }
            for measure in measures.sorted(by: { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }) {
                t.append([.text(month), .text(value), .text(status.name), .text(measure.name), .count(measure.count),
                          pct(measure.count, status), .number(Proportion(measure.count, of: inMeasures).percent)])
            }
        }
    }
}

extension StockTables.Cell {
    static func + (a: Self, b: Self) -> Self {
        var c = a
        for i in c.byStatus.indices { c.byStatus[i] += b.byStatus[i] }
        c.byMeasure.merge(b.byMeasure) { $0.merging($1, uniquingKeysWith: +) }
        return c
    }
}
