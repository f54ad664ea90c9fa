import Catalogue

/// The share of exits in work two months after exit, month by month: nationally for each
/// status at exit (the published shares), and for the offices a comparison names (all their
/// exits: the published counts of both statuses at exit summed, a month left out when one is
/// blanked, as "Arbeid i alt").
extension ReportBuilder {
    func workShareChart(_ t: CSVTable) -> ReportChart? {
        guard let status = t.column(.exitStatus) else { return nil }
        let series = Self.groups(t, by: [.exitStatus]).map { key, _ in
            LineSeries(name: labels.exitStatus(key[0]), points: workShares(t, months: months(t)) { $0[status].textValue == key[0] })
        }
        return workShareChart(title: language == .nb ? "Andel i arbeid per avgangsmåned" : "Share in work by month of exit",
                              description: language == .nb ? "Andel av avgangene i arbeid \(horizonWords) etter avgang, per avgangsmåned, én linje per status ved avgang."
                                                           : "Share of exits in work \(horizonWords) after exit, by month of exit, one line per status at exit.",
                              months: months(t), series: series)
    }

    /// The breakdown by office (`enhet`), whose table the office lines read.
    static let office = "enhet"

    /// One line per office of the comparison, over every exit month of the run.
    func officeWorkShareChart(offices: [String], name: String) -> ReportChart? {
        guard !offices.isEmpty, let t = tables[TableSpec.exitCohortsBy.fileName(Self.office)], let column = t.column(.values(of: Self.office)) else { return nil }
        let series = offices.map { code in LineSeries(name: code, points: workShares(t, months: months(t)) { $0[column].textValue == code }) }
        guard series.contains(where: { !$0.points.isEmpty }) else { return nil }
        let nb = language == .nb
        return workShareChart(title: (nb ? "Andel i arbeid per avgangsmåned, kontorene i " : "Share in work by month of exit, the offices of ") + name,
                              description: nb ? "Andel av alle avganger fra hvert kontor som er i arbeid \(horizonWords) etter avgang, per avgangsmåned (også utenfor periodene og uten sammenligningens filter)."
                                              : "Share of all exits from each office in work \(horizonWords) after exit, by month of exit (also outside the periods and without the comparison's filter).",
                              months: months(t), series: series)
    }

    func months(_ t: CSVTable) -> [String] { Self.groups(t, by: [.exitMonth]).map { $0.key[0] } }

    /// Per exit month of the rows `included` selects: 100 × work / exits over those rows; a
    /// month with a blanked count or no exits has no point.
    func workShares(_ t: CSVTable, months: [String], included: ([CSVTable.Cell]) -> Bool) -> [ChartPoint] {
        guard let month = t.column(.exitMonth), let outcome = t.column(.outcome), let count = t.column(.count),
              let exits = t.column(.exits) else { return [] }
        let index = Dictionary(uniqueKeysWithValues: months.enumerated().map { ($1, $0) })
        var work = [String: Int?](), all = [String: Int?]()
        for row in t.rows where row[outcome].textValue == "work" && included(row) {
            let m = row[month].textValue
            work[m] = (work[m] ?? 0).flatMap { a in row[count].intValue.map { a + $0 } }
            all[m] = (all[m] ?? 0).flatMap { a in row[exits].intValue.map { a + $0 } }
        }
        return work.keys.sorted().compactMap { m in
            guard let w = work[m] ?? nil, let n = all[m] ?? nil, n > 0 else { return nil }
            return ChartPoint(x: Double(index[m]!), y: 100 * Double(w) / Double(n))
        }
    }

    func workShareChart(title: String, description: String, months: [String], series: [LineSeries]) -> ReportChart {
        .lines(LineChart(title: title, description: description, xLabel: labels.month,
                         yLabel: language == .nb ? "Prosent i arbeid" : "Per cent in work", yRange: 0...100,
                         xTickLabels: Self.monthTicks(months), series: series))
    }
}
