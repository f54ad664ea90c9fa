import Catalogue

/// The use of a comparison's measures month by month: each office's share of its measure
/// stock in them against the national line (`stocks_by_enhet.csv`, `pct_of_measures`, its
/// `total` rows), one chart for the trial offices and one for the control offices.
extension ReportBuilder {
    func measureStockCharts(name: String) -> [ReportChart] {
        guard let facts = facts.comparisons.first(where: { $0.name == name }), !facts.measures.isEmpty,
              let t = tables[TableSpec.stocksBy.fileName(Self.office)], t.column(.pctOfMeasures) != nil else { return [] }
        let months = Self.groups(t, by: [.month]).map { $0.key[0] }
        let nb = language == .nb
        let national = LineSeries(name: nb ? "Hele landet" : "National", points: measureShares(t, office: TableSpec.stocksTotal, codes: facts.measures, months: months))
        let codes = facts.measures.joined(separator: ", ")
        return zip(Column.comparisonGroups, [facts.treatment, facts.control]).compactMap { group, offices in
            let series = offices.map { LineSeries(name: $0, points: measureShares(t, office: $0, codes: facts.measures, months: months)) }
            guard series.contains(where: { !$0.points.isEmpty }) else { return nil }
            let whose = group == Column.comparisonGroups[0] ? (nb ? "forsøkskontorene" : "the trial offices") : (nb ? "kontrollkontorene" : "the control offices")
            return .lines(LineChart(
                title: (nb ? "Andel av tiltaksbeholdningen i \(codes), \(whose): " : "Share of the measure stock in \(codes), \(whose): ") + name,
                description: nb ? "Andel av de registrerte i tiltak ved månedens slutt som er i \(codes), per kontor og for hele landet."
                                : "Share of the registered in a measure at month end who are in \(codes), by office and nationally.",
                xLabel: labels.month, yLabel: nb ? "Prosent av tiltaksbeholdningen" : "Per cent of the measure stock", yRange: 0...100,
                xTickLabels: Self.monthTicks(months), series: series + [national]))
        }
    }

    /// Per month: the sum of the published `pct_of_measures` of `codes` over the registered
    /// statuses; a month with one of them blanked has no point, a month without the office none.
    func measureShares(_ t: CSVTable, office: String, codes: [String], months: [String]) -> [ChartPoint] {
        guard let month = t.column(.month), let unit = t.column(.values(of: Self.office)), let code = t.column(.tiltak),
              let pct = t.column(.pctOfMeasures) else { return [] }
        let index = Dictionary(uniqueKeysWithValues: months.enumerated().map { ($1, $0) })
        var share = [String: Double?]()
        for row in t.rows where row[unit].textValue == office {
            let m = row[month].textValue
            if share[m] == nil { share[m] = 0 }
            guard codes.contains(row[code].textValue) else { continue }
            share[m] = (share[m] ?? nil).flatMap { a in row[pct].doubleValue.map { a + $0 } }
        }
        return share.keys.sorted().compactMap { m in (share[m] ?? nil).map { ChartPoint(x: Double(index[m]!), y: $0) } }
    }
}
