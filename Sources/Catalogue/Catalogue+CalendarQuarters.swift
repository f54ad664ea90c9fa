/// The calendar quarter of a published row, numbered year × 4 + quarter − 1: along these the
/// disclosure audit's check cuts blocks that keep a quarter's months, the quarter and its year
/// together (`IntervalAudit`'s regions), where the sums tying a crossing's small cells run.
extension Catalogue {
    /// Per row of a table, the calendar quarters it counts in: through its calendar-month
    /// columns (an exit's, a stock's, an entry's month) its quarter, through `exit_quarter` its
    /// quarter, through `exit_year` the year's four; none for a row with no calendar period (a
    /// comparison's period, months since entry) or of a table the catalogue does not know.
    public static func calendarQuarters(of table: CSVTable) -> [[Int]] {
        guard let match = Catalogue.table(ofFile: table.name) else { return table.rows.map { _ in [] } }
        let periods = table.header.indices.filter { c in
            let name = table.header[c]
            return name == Column.exitQuarter.name || name == Column.exitYear.name
                || match.spec.column(named: name, parameter: match.parameter)?.kind == .calendarMonth
        }
        return table.rows.map { row in Set(periods.flatMap { quarters(ofPeriod: row[$0].textValue) }).sorted() }
    }

    /// The quarters of `2022-05`, `2022-Q2` or `2022` (digits only); none of any other text.
    static func quarters(ofPeriod text: String) -> [Int] {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        func number(_ digits: Substring, count: Int) -> Int? {
            digits.count == count && digits.allSatisfy({ ("0"..."9").contains($0) }) ? Int(digits) : nil
        }
        guard let year = number(parts[0], count: 4) else { return [] }
        switch parts.count {
        case 1: return (0..<4).map { year * 4 + $0 }
        case 2 where parts[1].hasPrefix("Q"):
            guard let q = number(parts[1].dropFirst(), count: 1), (1...4).contains(q) else { return [] }
            return [year * 4 + q - 1]
        case 2:
            guard let m = number(parts[1], count: 2), (1...12).contains(m) else { return [] }
            return [year * 4 + (m - 1) / 3]
        default: return []
        }
    }
}
