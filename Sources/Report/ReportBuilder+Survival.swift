import Catalogue

extension ReportBuilder {
    /// Who enters the target group, one section per event (life table and its curve,
    /// Kaplan-Meier with its curve, log-rank, quantiles), then the Cox models with their joint
    /// tests and the cumulative incidence of leaving the unit.
    func survivalSections() -> [ReportSection] {
        let nb = language == .nb
        var sections = targetGroupSection().map { [$0] } ?? []
        let lifeTables = table(.lifeTables), km = table(.kaplanMeier)
        let events = (lifeTables ?? km).map { Self.groups($0, by: [.event]).map { $0.key[0] } } ?? []
        for event in events {
            var section = ReportSection(name: String(((nb ? "Forløp " : "Survival ") + labels.event(event).inSentence).prefix(31)),
                                        title: (nb ? "Tid til hendelse: " : "Time to event: ") + labels.event(event))
            if let lifeTables {
                section.tables.append(lifeTable(lifeTables, event: event))
                section.charts.append(lifeTableChart(lifeTables, event: event))
            }
            if let km {
                var table = kaplanMeierTable(km, event: event)
                table.note = logRankNote(event)
                section.tables.append(table)
                section.charts.append(survivalChart(km, event: event))
            }
            if let q = table(.survivalQuantiles), !periods(q, event: event).isEmpty { section.tables.append(quantileTable(q, event: event)) }
            sections.append(section)
        }
        if let cox = table(.cox), !cox.rows.isEmpty {
            sections.append(ReportSection(name: nb ? "Cox-regresjon" : "Cox regression",
                                          title: nb ? "Cox-regresjon: relativ hasard" : "Cox regression: hazard ratios",
                                          tables: [coxTable(cox)] + (table(.coxTests).map { [coxTestsTable($0)] } ?? [])
                                              + (table(.coxFit).map { [coxFitTable($0)] } ?? [])))
        }
        if let ci = table(.cumulativeIncidence), !ci.rows.isEmpty {
            sections.append(incidenceSection(ci))
        }
        return sections
    }

    func periods(_ t: CSVTable, event: String?) -> [String] {
        Self.groups(t, by: [.event, .period].filter { t.column($0) != nil }).compactMap { key in
            event == nil ? key.key.last : (key.key[0] == event ? key.key[1] : nil)
        }
    }

    /// Rows: the month (or interval); columns: each period's measures side by side.
    func wideTable(_ t: CSVTable, event: String?, rowColumn: Column, rowLabel: String, title: String,
                   columns: [(column: Column, label: String, style: NumberStyle, countLike: Bool)],
                   rowText: ([CSVTable.Cell]) -> String) -> ReportTable {
        let periods = self.periods(t, event: event)
        var table = ReportTable(title: title, header: [
            [HeaderCell("")] + periods.map { HeaderCell(labels.periodName($0), span: columns.count) },
            [HeaderCell(rowLabel)] + periods.flatMap { _ in columns.map { HeaderCell($0.label) } },
        ], rowHeaderColumns: 1)
        var byKey = [String: [String: [CSVTable.Cell]]]()   // row text → period → row
        var order = [String]()
        for row in t.rows where event == nil || row[t.column(.event)!].textValue == event {
            let key = rowText(row)
            if byKey[key] == nil { order.append(key) }
            byKey[key, default: [:]][row[t.column(.period)!].textValue] = row
        }
        for key in order {
            var out: [ReportCell] = [.text(key)]
            for p in periods {
                let row = byKey[key]?[p]
                // Under a limit a blank estimate is marked ':' too: most are blanked, not undefined.
                out += columns.map { c in cell(row.flatMap { r in t.cell(r, c.column) }, c.style, countLike: (c.countLike || minCellCount > 0) && row != nil) }
            }
            table.rows.append(out)
        }
        return table
    }

    /// Rows: month j since entry (the interval [j, j+1)); the note says what each column means.
    func lifeTable(_ t: CSVTable, event: String) -> ReportTable {
        let nb = language == .nb
        var table = wideTable(t, event: event, rowColumn: .intervalStart, rowLabel: monthSinceEntry,
                              title: (nb ? "Livstabell: " : "Life table: ") + labels.event(event), columns: [
                                  (.entering, nb ? "Inn" : "Entering", .count, true), (.withdrawn, nb ? "Sensurert" : "Withdrawn", .count, true),
                                  (.exposed, nb ? "Eksponert" : "Exposed", .percent, true), (.events, nb ? "Hendelser" : "Events", .count, true),
                                  (.condProb, "q", .fraction, true), (.survivalEnd, nb ? "Andel uten hendelse" : "Survival", .fraction, false),
                                  (.survivalEndSE, nb ? "Std.feil" : "SE", .fraction, false), (.hazard, nb ? "Hasard" : "Hazard", .fraction, true),
                              ]) { row in t.column(.intervalStart).flatMap { row[$0].intValue }.map(String.init) ?? "" }
        table.note = nb
            ? "Måned etter inngang: 0 er inngangsmåneden. Inn: forløp uten hendelsen ved starten av måneden. Sensurert: forløp der oppfølgingen sluttet i måneden uten hendelsen. Eksponert: inn minus halvparten av de sensurerte. Hendelser: forløp med hendelsen i måneden. q: andelen av de eksponerte som fikk hendelsen i måneden. Andel uten hendelse: andelen som ennå ikke har fått hendelsen ved slutten av måneden. Std.feil: standardfeilen til den andelen (Greenwood). Hasard: hendelser per eksponert person og måned."
            : "Month since entry: 0 is the month of entry. Entering: spells without the event at the start of the month. Withdrawn: spells whose follow-up ended in the month without the event. Exposed: entering less half the withdrawn. Events: spells with the event in the month. q: the share of the exposed with the event in the month. Survival: the share without the event by the end of the month. SE: its standard error (Greenwood). Hazard: events per exposed person and month."
        return table
    }

    var monthSinceEntry: String { language == .nb ? "Måned etter inngang" : "Month since entry" }

    func kaplanMeierTable(_ t: CSVTable, event: String) -> ReportTable {
        let nb = language == .nb
        return wideTable(t, event: event, rowColumn: .monthSinceEntry, rowLabel: monthSinceEntry,
                         title: "Kaplan-Meier: " + labels.event(event), columns: [
                             (.atRisk, nb ? "I risiko" : "At risk", .count, true), (.events, nb ? "Hendelser" : "Events", .count, true),
                             (.censored, nb ? "Sensurert" : "Censored", .count, true),
                             (.survival, nb ? "Andel uten hendelse" : "Survival", .fraction, false), (.se, nb ? "Std.feil" : "SE", .fraction, false),
                             (.ciLow, nb ? "95 % KI, nedre" : "95% CI, low", .fraction, false),
                             (.ciHigh, nb ? "95 % KI, øvre" : "95% CI, high", .fraction, false),
                         ]) { row in t.column(.monthSinceEntry).flatMap { row[$0].intValue }.map(String.init) ?? "" }
    }

    func logRankNote(_ event: String) -> String? {
        guard let t = table(.logRank), let row = t.rows.first(where: { $0[t.column(.event)!].textValue == event }),
              let chisq = row[t.column(.chisq)!].doubleValue, let p = row[t.column(.p)!].doubleValue else { return nil }
        let df = row[t.column(.df)!].intValue ?? 1
        return (language == .nb ? "Log-rank-test, førperiode mot sammenligningsperiode: " : "Log-rank test, baseline against comparison: ")
            + "χ² = \(language.format(chisq, .decimal)), df = \(df), p \(language.pEquals(p))"
    }

    /// Kaplan-Meier curves of each period with their 95 % bands.
    func survivalChart(_ t: CSVTable, event: String) -> ReportChart {
        let nb = language == .nb
        var series = [LineSeries]()
        for period in periods(t, event: event) {
            var points = [ChartPoint](), band = [ChartBand]()
            for row in t.rows where row[t.column(.event)!].textValue == event && row[t.column(.period)!].textValue == period {
                guard let m = row[t.column(.monthSinceEntry)!].intValue, let s = row[t.column(.survival)!].doubleValue else { continue }
                points.append(ChartPoint(x: Double(m), y: s))
                if let lo = row[t.column(.ciLow)!].doubleValue, let hi = row[t.column(.ciHigh)!].doubleValue {
                    band.append(ChartBand(x: Double(m), low: lo, high: hi))
                }
            }
            if !points.isEmpty {
                series.append(LineSeries(name: labels.periodName(period), points: points,
                                         band: band.count == points.count ? band : nil, steps: true))
            }
        }
        return survivalCurves(
            title: (nb ? "Andel uten hendelse: " : "Share without the event: ") + labels.event(event),
            description: nb ? "Kaplan-Meier-kurver for førperioden og sammenligningsperioden med 95 % konfidensbånd, etter måneder siden inngang."
                            : "Kaplan-Meier curves for the baseline and comparison periods with 95% confidence bands, by months since entry.",
            series: series)
    }

    /// Curves of the share without the event by months since entry.
    func survivalCurves(title: String, description: String, series: [LineSeries]) -> ReportChart {
        let nb = language == .nb
        return .lines(LineChart(title: title, description: description, xLabel: nb ? "Måneder siden inngang" : "Months since entry",
                                yLabel: nb ? "Andel uten hendelse" : "Survival", yRange: 0...1, series: series))
    }

    func coxTable(_ t: CSVTable) -> ReportTable {
        let nb = language == .nb
        let columns: [(Column, String, NumberStyle)] = [
            (.coef, "B", .decimal), (.se, nb ? "Std.feil" : "SE", .decimal), (.z, "z", .decimal), (.p, "p", .pValue),
            (.hr, "exp(B)", .decimal), (.hrLow, nb ? "95 % KI, nedre" : "95% CI, low", .decimal),
            (.hrHigh, nb ? "95 % KI, øvre" : "95% CI, high", .decimal),
        ]
        // The models of the two periods (with the period term) and of a pooled window.
        let period = t.column(.period)
        var table = ReportTable(title: nb ? "Cox-regresjon (relativ hasard)" : "Cox regression (hazard ratios)",
                                header: [[HeaderCell(nb ? "Hendelse" : "Event")] + (period == nil ? [] : [HeaderCell(labels.period)])
                                    + [HeaderCell(nb ? "Variabel" : "Term")] + columns.map { HeaderCell($0.1) } + [HeaderCell(nb ? "Merknad" : "Flag")]],
                                rowHeaderColumns: period == nil ? 2 : 3)
        for row in t.rows {
            let flag = t.column(.flag).map { row[$0].textValue } ?? ""
            table.rows.append([.text(labels.event(row[t.column(.event)!].textValue))]
                + (period.map { [.text(labels.periodName(row[$0].textValue))] } ?? [])
                + [.text(labels.coxTerm(row[t.column(.term)!].textValue))]
                + columns.map { cell(row[t.column($0.0)!], $0.2) }
                + [.text(flag == "diverged" ? (nb ? "estimatet går mot uendelig" : "estimate runs off to infinity")
                         : flag == "not_converged" ? (nb ? "ikke konvergert" : "not converged") : "")])
        }
        let ties = facts.survivalTies == "breslow" ? "Breslow" : "Efron"
        table.note = nb ? "Referanse: førperiode, kvinner, grunnskole, ikke innvandrer, ikke permittert. Like tider (ties): \(ties)."
                        : "Reference: baseline period, women, compulsory education, not immigrant, not laid off. Ties: \(ties)."
        return table
    }

    func coxFitTable(_ t: CSVTable) -> ReportTable {
        let nb = language == .nb
        let columns: [(Column, String, NumberStyle, Bool)] = [
            (.n, nb ? "Forløp" : "Spells", .count, true), (.events, nb ? "Hendelser" : "Events", .count, true),
            (.lrChisq, nb ? "LR χ²" : "LR χ²", .decimal, false), (.lrDF, "df", .count, false), (.lrP, "p", .pValue, false),
        ]
        let period = t.column(.period)
        var table = ReportTable(title: nb ? "Modelltilpasning" : "Model fit",
                                header: [[HeaderCell(nb ? "Hendelse" : "Event")] + (period == nil ? [] : [HeaderCell(labels.period)])
                                    + columns.map { HeaderCell($0.1) } + [HeaderCell(nb ? "Utelatte variabler" : "Terms left out")]],
                                rowHeaderColumns: period == nil ? 1 : 2)
        for row in t.rows {
            table.rows.append([.text(labels.event(row[t.column(.event)!].textValue))]
                + (period.map { [.text(labels.periodName(row[$0].textValue))] } ?? [])
                + columns.map { cell(row[t.column($0.0)!], $0.2, countLike: $0.3) }
                + [.text(t.column(.droppedTerms).map { labels.droppedTerms(row[$0].textValue) } ?? "")])
        }
        return table
    }

    func incidenceSection(_ t: CSVTable) -> ReportSection {
        let nb = language == .nb
        let causes = Self.groups(t, by: [.cause]).map { $0.key[0] }
        let periods = Self.groups(t, by: [.period]).map { $0.key[0] }
        var table = ReportTable(title: nb ? "Kumulativ insidens blant dem som startet ved enheten" : "Cumulative incidence among entries at the unit",
                                header: [[HeaderCell("")] + periods.map { HeaderCell(labels.periodName($0), span: causes.count) },
                                         [HeaderCell(nb ? "Måned" : "Month")] + periods.flatMap { _ in causes.map { HeaderCell(labels.event($0)) } }],
                                rowHeaderColumns: 1)
        var value = [String: [String: CSVTable.Cell]]()   // month → period/cause → incidence
        var months = [String]()
        var series = [String: [ChartPoint]]()
        for row in t.rows {
            let month = row[t.column(.monthSinceEntry)!].intValue.map(String.init) ?? ""
            let period = row[t.column(.period)!].textValue, cause = row[t.column(.cause)!].textValue
            if value[month] == nil { months.append(month) }
            value[month, default: [:]]["\(period)/\(cause)"] = row[t.column(.incidence)!]
            if let x = Double(month), let y = row[t.column(.incidence)!].doubleValue {
                series["\(period)/\(cause)", default: []].append(ChartPoint(x: x, y: y))
            }
        }
        for month in months {
            table.rows.append([.text(month)] + periods.flatMap { p in causes.map { cell(value[month]?["\(p)/\($0)"], .fraction) } })
        }
        let lines = periods.flatMap { p in causes.compactMap { c in
            series["\(p)/\(c)"].map { LineSeries(name: "\(labels.event(c)), \(labels.periodName(p).inSentence)", points: $0, steps: true) }
        } }
        let chart = LineChart(
            title: nb ? "Kumulativ insidens av overføring og utmelding" : "Cumulative incidence of transfer and deregistration",
            description: nb ? "Andel av dem som startet ved enheten som er overført til en annen enhet eller meldt ut, etter måneder siden inngang (Aalen-Johansen)."
                            : "Share of the entries at the unit that have been transferred to another unit or deregistered, by months since entry (Aalen-Johansen).",
            xLabel: nb ? "Måneder siden inngang" : "Months since entry", yLabel: nb ? "Kumulativ andel" : "Cumulative share",
            yRange: 0...1, series: lines)
        return ReportSection(name: nb ? "Kumulativ insidens" : "Cumulative incidence", title: table.title,
                             tables: [table], charts: [.lines(chart)] + incidenceStacks(t))
    }
}
