/// The calendar quarter of a published row, numbered year × 4 + quarter − 1: along these the
/// disclosure audit's check cuts blocks that keep a quarter's months, the quarter and its year
/// together (`IntervalAudit`'s regions), where the sums tying a crossing's small cells run.
extension Catalogue {
    /// Per row of a table, the calendar quarters it counts in through its calendar-period
    /// columns: a month's (an exit's, a stock's, an entry's) or a quarter's own, a year's four;
    /// none for a row with no calendar period (a comparison's period, months since entry) or
    /// of a table the catalogue does not know.
    public static func calendarQuarters(of table: CSVTable) -> [[Int]] {
        guard let match = Catalogue.table(ofFile: table.name) else { return table.rows.map { _ in [] } }
        let periods = table.header.indices.filter {
            match.spec.column(named: table.header[$0], parameter: match.parameter)?.kind == .calendarPeriod
        }
        return table.rows.map { row in Set(periods.flatMap { CalendarPeriod(row[$0].textValue)?.quarters ?? [] }).sorted() }
    }
}
