import Episodes
import Extracts
import Panel
import Catalogue

extension ExitCohortTables {
    /// Exit period × exit status × the attributes' values × status class, for the values that
    /// have exits; rows by period, status (as configured), then each value in table order
    /// (`BreakdownValueOrder`). Counted by cell number in that order (`ClassCounts`), so the
    /// rows come out sorted: a dictionary keyed by the cell, then a sort, was most of a rerun's
    /// exit-cohort tables.
    func breakdownTable(by attributes: [Breakdown], parameter: String, period: CohortPeriod) -> CSVTable {
        var t = CSVTable(period.tables.by, parameter: parameter)
        let (labels, ofMonth) = period.periods(of: exits.completeMonths, in: panel)
        var statusIndex = [Int](repeating: -1, count: 256)
        for (i, s) in statuses.enumerated() { statusIndex[Int(s.rawValue)] = i }
        let counted = exits.exits.indices.filter { ofMonth[Int(exits.exits[$0].month)] != nil && statusIndex[Int(exits.exits[$0].statusCode)] >= 0 }
        let values = attributes.map { attribute in
            counted.map { attribute.key(exitRows[$0], monthsBeforeExit: monthsBeforeExit?[$0] ?? 1) }
        }
        let orders = zip(attributes, values).map { BreakdownValueOrder($0, keys: $1, panel: panel) }
        let width = orders.reduce(1) { $0 * $1.count }   // value combinations per period and status
        var counts = ClassCounts(cells: labels.count * statuses.count * width)
        for (j, i) in counted.enumerated() {
            let e = exits.exits[i]
            var cell = ofMonth[Int(e.month)]! * statuses.count + statusIndex[Int(e.statusCode)]
            for (order, keys) in zip(orders, values) { cell = cell * order.count + order.rank(keys[j]) }
            counts.add(cell: cell, class: Int(exits.categories.headline(e.outcome).rawValue))
        }
        counts.forEachCell { cell, classCounts in
            var rest = cell, valueLabels = [CSVTable.Cell]()
            for order in orders.reversed() {
                valueLabels.insert(.text(order.labels[rest % order.count]), at: 0)
                rest /= order.count
            }
            let (p, status) = (rest / statuses.count, statuses[rest % statuses.count].name)
            let total = classCounts.reduce(0, +)
            for c in HeadlineStatus.allCases {
                t.append([.text(labels[p]), .text(status)] + valueLabels + [.text(c.name)]
                         + cells(count: classCounts[Int(c.rawValue)], of: total))
            }
        }
        return t
    }
}
