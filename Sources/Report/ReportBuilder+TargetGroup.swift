import Catalogue

/// The report's parts for definitions.md §7a: who enters the unit's target group and by
/// which route, the quantiles of duration, the Cox joint tests, the life-table curve and the
/// stacked picture of how the unit's entries leave it.
extension ReportBuilder {
    /// The profile of each period's entries and the entries by route and month.
    func targetGroupSection() -> ReportSection? {
        let nb = language == .nb
        guard let profile = table(.survivalProfile), !profile.rows.isEmpty else { return nil }
        var section = ReportSection(name: nb ? "Hvem starter" : "Who enters",
                                    title: nb ? "Hvem starter i målgruppen, og hvordan" : "Who enters the target group, and how",
                                    tables: [profileTable(profile)])
        if let entries = table(.survivalEntries), !entries.rows.isEmpty { section.tables.append(entriesTable(entries)) }
        return section
    }

    func profileTable(_ t: CSVTable) -> ReportTable {
        let nb = language == .nb
        let columns = Self.groups(t, by: [.period, .population]).map { $0.key }
        var table = ReportTable(title: nb ? "Kjennetegn ved inngang" : "Characteristics at entry", header: [
            [HeaderCell(""), HeaderCell("")] + columns.map { HeaderCell("\(labels.periodName($0[0])), \(population($0[1]))", span: 2) },
            [HeaderCell(nb ? "Kjennetegn" : "Characteristic"), HeaderCell(nb ? "Verdi" : "Value")]
                + columns.flatMap { _ in [HeaderCell(nb ? "Antall" : "Number"), HeaderCell("%")] },
        ], rowHeaderColumns: 2)
        let (p, pop, ch, v) = (t.column(.period)!, t.column(.population)!, t.column(.characteristic)!, t.column(.value)!)
        var byKey = [[String]: [CSVTable.Cell]](), order = [[String]]()
        for row in t.rows {
            let key = [row[ch].textValue, row[v].textValue]
            if byKey[key] == nil && !order.contains(key) { order.append(key) }
            byKey[key + [row[p].textValue, row[pop].textValue]] = row
        }
        for key in order {
            table.rows.append([.text(labels.breakdown(key[0])), .text(labels.value(key[1], of: key[0]))] + columns.flatMap { c -> [ReportCell] in
                let row = byKey[key + c]
                return [cell(row.map { $0[t.column(.count)!] }, .count, countLike: row != nil),
                        cell(row.map { $0[t.column(.pct)!] }, .percent, countLike: row != nil)]
            })
        }
        table.note = nb ? "Andel i prosent av periodens innganger (alle, eller dem ved enheten). Vei inn: ny (ingen rad de to månedene før), fra vurdering (IVURD), fra sykmelding (VURDI/VURDU)."
                        : "Percent of the period's entries (all, or those at the unit). Route: new (no row in the two months before), from assessment (IVURD), from sick leave (VURDI/VURDU)."
        return table
    }

    func population(_ code: String) -> String {
        code == "unit" ? (language == .nb ? "ved enheten" : "at the unit") : (language == .nb ? "alle" : "all")
    }

    /// Rows: period and month; columns: each route, at the unit and elsewhere.
    func entriesTable(_ t: CSVTable) -> ReportTable {
        let nb = language == .nb
        let routes = Self.groups(t, by: [.route]).map { $0.key[0] }
        var table = ReportTable(title: nb ? "Innganger etter vei inn og måned" : "Entries by route and month", header: [
            [HeaderCell(""), HeaderCell("")] + routes.map { HeaderCell(labels.value($0, of: Column.route.name), span: 2) },
            [HeaderCell(labels.period), HeaderCell(nb ? "Måned" : "Month")]
                + routes.flatMap { _ in [HeaderCell(nb ? "Ved enheten" : "At the unit"), HeaderCell(nb ? "Andre" : "Elsewhere")] },
        ], rowHeaderColumns: 2)
        for group in Self.groups(t, by: [.period, .entryMonth]) {
            let count = { (route: String, atUnit: String) -> ReportCell in
                let row = group.rows.map { t.rows[$0] }.first { $0[t.column(.route)!].textValue == route && $0[t.column(.atUnit)!].textValue == atUnit }
                return self.cell(row.map { $0[t.column(.count)!] }, .count, countLike: row != nil)
            }
            table.rows.append([.text(labels.periodName(group.key[0])), .month(group.key[1])] + routes.flatMap { [count($0, "yes"), count($0, "no")] })
        }
        return table
    }

    /// The 25th, 50th and 75th percentile of T by period, with 95 % intervals.
    func quantileTable(_ t: CSVTable, event: String) -> ReportTable {
        let nb = language == .nb
        var table = wideTable(t, event: event, rowColumn: .quantile, rowLabel: nb ? "Persentil" : "Percentile",
                              title: (nb ? "Måneder til hendelse: " : "Months to the event: ") + labels.event(event), columns: [
                                  (.months, nb ? "Måneder" : "Months", .decimal, false),
                                  (.ciLow, nb ? "95 % KI, nedre" : "95% CI, low", .decimal, false),
                                  (.ciHigh, nb ? "95 % KI, øvre" : "95% CI, high", .decimal, false),
                              ]) { row in t.column(.quantile).map { row[$0].textValue } ?? "" }
        table.note = nb ? "Fra Kaplan-Meier-kurven: første måned der andelen uten hendelse er falt til 75, 50 og 25 %. Tomt: ikke nådd innen oppfølgingen."
                        : "From the Kaplan-Meier curve: the first month at which the share without the event has fallen to 75, 50 and 25%. Empty: not reached within the follow-up."
        return table
    }

    /// One line per factor and model: χ², df, p (SPSS's line per categorical covariate).
    func coxTestsTable(_ t: CSVTable) -> ReportTable {
        let nb = language == .nb
        let period = t.column(.period)
        var table = ReportTable(title: nb ? "Samlet test per variabel (Wald)" : "Joint test per factor (Wald)",
                                header: [[HeaderCell(nb ? "Hendelse" : "Event")] + (period == nil ? [] : [HeaderCell(labels.period)])
                                    + [HeaderCell(nb ? "Variabel" : "Factor"), HeaderCell("χ²"), HeaderCell("df"), HeaderCell("p")]],
                                rowHeaderColumns: period == nil ? 2 : 3)
        for row in t.rows {
            let factor = row[t.column(.factor)!].textValue
            table.rows.append([.text(labels.event(row[t.column(.event)!].textValue))]
                + (period.map { [.text(labels.periodName(row[$0].textValue))] } ?? [])
                + [.text(factor == "edu" ? (nb ? "Utdanning" : "Education") : factor == "immigrant" ? (nb ? "Innvandrer" : "Immigrant") : labels.coxTerm(factor))]
                + [cell(row[t.column(.chisq)!], .decimal), cell(row[t.column(.df)!], .count), cell(row[t.column(.p)!], .pValue)])
        }
        return table
    }

    /// The life table's share without the event at each snapshot (the end of each interval),
    /// by period, as straight segments (the actuarial curve).
    func lifeTableChart(_ t: CSVTable, event: String) -> ReportChart {
        let nb = language == .nb
        let series = periods(t, event: event).map { period in
            LineSeries(name: labels.periodName(period), points: t.rows.compactMap { row in
                guard row[t.column(.event)!].textValue == event, row[t.column(.period)!].textValue == period,
                      let j = row[t.column(.intervalStart)!].intValue, let s = row[t.column(.survivalEnd)!].doubleValue else { return nil }
                // S at the end of interval j is the share without the event at snapshot j (§5).
                return ChartPoint(x: Double(j), y: s)
            })
        }.filter { !$0.points.isEmpty }
        return survivalCurves(
            title: (nb ? "Livstabell: andel uten hendelse, " : "Life table: share without the event, ") + labels.event(event).inSentence,
            description: nb ? "Andel uten hendelse ved slutten av hver måned etter inngang, fra livstabellen, for hver periode."
                            : "Share without the event at the end of each month after entry, from the life table, for each period.",
            series: series)
    }

    /// Per period, one bar per month since entry: transferred, deregistered and still at the
    /// unit, stacked to 100 %. A chart per period keeps the bar labels to the month number.
    func incidenceStacks(_ t: CSVTable) -> [ReportChart] {
        let nb = language == .nb
        return Self.groups(t, by: [.period]).map { key, rows in
            var months = [String](), share = [String: [String: Double?]]()   // month → cause → incidence
            for row in rows.map({ t.rows[$0] }) {
                let month = row[t.column(.monthSinceEntry)!].intValue.map(String.init) ?? ""
                if share[month] == nil { months.append(month) }
                share[month, default: [:]][row[t.column(.cause)!].textValue] = row[t.column(.incidence)!].doubleValue
            }
            let values = months.map { month -> [Double?] in
                let moved = share[month]?["transferred"] ?? nil, left = share[month]?["deregistered"] ?? nil
                return [moved.map { 100 * $0 }, left.map { 100 * $0 }, moved.flatMap { m in left.map { 100 * (1 - m - $0) } }]
            }
            return .stackedBars(StackedBarChart(
                title: (nb ? "Overført, ut av Nav, fortsatt ved enheten: " : "Transferred, left NAV, still at the unit: ") + labels.periodName(key[0]).inSentence,
                description: nb ? "For dem som startet ved enheten i \(labels.periodName(key[0]).inSentence): andel overført til en annen enhet, meldt ut og fortsatt ved enheten, etter måneder siden inngang."
                                : "For the entries at the unit in the \(labels.periodName(key[0]).inSentence) period: the share transferred to another unit, deregistered and still at the unit, by months since entry.",
                bars: months, segments: [labels.event("transferred"), labels.event("deregistered"), nb ? "Fortsatt ved enheten" : "Still at the unit"],
                values: values, axisLabel: nb ? "Prosent" : "Percent", barAxisLabel: nb ? "Måneder siden inngang" : "Months since entry"))
        }
    }
}
