import Episodes
import Extracts
import Panel
import Catalogue

extension ExitCohortTables {
    /// The exits of one period, status and value (of one attribute, or two crossed).
    private struct Key: Hashable {
        var period: Int
        var status: UInt8
        var first: Int
        var second: Int
    }

    /// Exit period × exit status × the attributes' values × status class, for the values that
    /// have exits; rows by period, status, then each value (age groups in age order, other
    /// values as text: codes are fixed-width; age groups and durations in their own order).
    func breakdownTable(by attributes: [Breakdown], parameter: String, period: CohortPeriod) -> CSVTable {
        var t = CSVTable(period.tables.by, parameter: parameter)
        let (labels, ofMonth) = period.periods(of: exits.completeMonths, in: panel)
        var counts = [Key: [Int]]()
        let second = attributes.count > 1 ? attributes[1] : nil
        for (i, (e, row)) in zip(exits.exits, exitRows).enumerated() {
            guard let p = ofMonth[Int(e.month)] else { continue }
            let months = monthsBeforeExit?[i] ?? 1
            let key = Key(period: p, status: e.statusCode, first: attributes[0].key(row, monthsBeforeExit: months),
                          second: second?.key(row, monthsBeforeExit: months) ?? 0)
            counts[key, default: [0, 0, 0, 0]][Int(exits.categories.headline(e.outcome).rawValue)] += 1
        }
        let order = Dictionary(uniqueKeysWithValues: statuses.enumerated().map { ($1.rawValue, $0) })
        let keyed = counts.map { (key: $0.key, labels: valueLabels($0.key, attributes), counts: $0.value) }
            .filter { order[$0.key.status] != nil }
            .sorted { a, b in
                if a.key.period != b.key.period { return a.key.period < b.key.period }
                if a.key.status != b.key.status { return order[a.key.status]! < order[b.key.status]! }
                for (i, attribute) in attributes.enumerated() {
                    let (x, y) = i == 0 ? (a.key.first, b.key.first) : (a.key.second, b.key.second)
                    if x == y { continue }
                    if attribute.ordersByKey { return x < y }
                    return a.labels[i].utf8.lexicographicallyPrecedes(b.labels[i].utf8)
                }
                return false
            }
        for item in keyed {
            let total = item.counts.reduce(0, +)
            let status = Hovedstatus(rawValue: item.key.status)!.name
            for c in HeadlineStatus.allCases {
                t.append([.text(labels[item.key.period]), .text(status)] + item.labels.map { .text($0) } + [.text(c.name)]
                         + cells(count: item.counts[Int(c.rawValue)], of: total))
            }
        }
        return t
    }

    private func valueLabels(_ key: Key, _ attributes: [Breakdown]) -> [String] {
        zip(attributes, [key.first, key.second]).map { $0.label($1, panel: panel) }
    }
}
