import Catalogue

/// What a reader of a comparison looks for first: with groups, the difference in differences
/// of each unit and measure with its 95 % interval (and significance mark when the run sets
/// marks), as a narrow table and as a chart of intervals; without groups, the two periods'
/// shares and the change.
extension ReportBuilder {
    func keyResultTable(_ t: CSVTable, rows: [Int], name: String, hasGroups: Bool) -> ReportTable {
        let nb = language == .nb
        let (treatment, baseline, comparison) = (Column.comparisonGroups[0], Column.comparisonPeriods[0], Column.comparisonPeriods[1])
        let columns: [(column: Column, label: String, style: NumberStyle)] = hasGroups ? [
            (.didPP, nb ? "Forskjell i forskjeller (pp)" : "Difference in differences (pp)", .percent),
            (.ciLowPP, nb ? "95 % KI, nedre" : "95% CI, low", .percent), (.ciHighPP, nb ? "95 % KI, øvre" : "95% CI, high", .percent),
            (.z, "z", .decimal), (.pOneSided, nb ? "p (ensidig)" : "p (one-sided)", .pValue),
        ] : [
            (.share(treatment, baseline), labels.periodName(baseline) + " (%)", .percent),
            (.share(treatment, comparison), labels.periodName(comparison) + " (%)", .percent),
            (.change(treatment), nb ? "Endring (pp)" : "Change (pp)", .percent),
        ]
        // The mark column only where the run set marks (without, `comparisons.csv` has it empty).
        let marks = facts.comparisons.first { $0.name == name }?.marks ?? []
        let mark = hasGroups && !marks.isEmpty ? t.column(.mark) : nil
        var table = ReportTable(title: (nb ? "Hovedresultat: " : "Key result: ") + name,
                                header: [[HeaderCell(labels.unit), HeaderCell(labels.measure)] + columns.map { HeaderCell($0.label) }
                                    + (mark == nil ? [] : [HeaderCell(nb ? "Merke" : "Mark")])], rowHeaderColumns: 2)
        let groups = hasGroups ? Column.comparisonGroups : [Column.comparisonGroups[0]]
        for r in rows {
            let row = t.rows[r]
            func col(_ column: Column) -> CSVTable.Cell? { t.cell(row, column) }
            let counts = groups.flatMap { g in Column.comparisonPeriods.flatMap { [Column.count(g, $0), .exits(g, $0)] } }.map(col)
            var out: [ReportCell] = [.text(unitName(col(.unit)?.textValue ?? "", in: name)), .text(labels.outcome(col(.measure)?.textValue ?? ""))]
            out += columns.map { derived(col($0.column), from: counts, style: $0.style) }
            // The mark follows z, which rests on the counts: blanked with them.
            if let mark { out.append(derived(nil, from: counts) == .suppressed ? .suppressed : .text(row[mark].textValue)) }
            table.rows.append(out)
        }
        table.note = hasGroups
            ? (nb ? "pp: prosentpoeng. Forskjell i forskjeller: endringen hos forsøksgruppen minus endringen hos kontrollgruppen, fra førperioden til sammenligningsperioden."
                  + (mark == nil ? "" : " Merke: " + markNote(marks) + ".")
                  : "pp: percentage points. Difference in differences: the treatment group's change less the control group's, from the baseline to the comparison period."
                  + (mark == nil ? "" : " Mark: " + markNote(marks) + "."))
            : (nb ? "Andel av avgangene i hver status \(horizonWords) etter avgang; pp: prosentpoeng." : "Share of exits in each status \(horizonWords) after exit; pp: percentage points.")
        return table
    }

    /// The thresholds in words: "* |z| ≥ 1,29; ** |z| ≥ 1,65".
    func markNote(_ marks: [(z: Double, mark: String)]) -> String {
        marks.map { "\($0.mark) |z| ≥ \(language.fixed($0.z, 2))" }.joined(separator: "; ")
    }

    /// Each unit's DiD with its interval, one marker per measure; suppressed ones left out.
    func didChart(_ t: CSVTable, rows: [Int], name: String) -> ReportChart {
        let nb = language == .nb
        let unit = t.column(.unit)!, measure = t.column(.measure)!
        let units = Self.groups(CSVTable.subset(t, rows: rows), by: [.unit]).map { $0.key[0] }
        let measures = Self.groups(CSVTable.subset(t, rows: rows), by: [.measure]).map { $0.key[0] }
        let series = measures.map { m in
            IntervalSeries(name: labels.outcome(m), intervals: units.map { u -> ChartInterval? in
                guard let r = rows.first(where: { t.rows[$0][unit].textValue == u && t.rows[$0][measure].textValue == m }) else { return nil }
                let values = [Column.didPP, .ciLowPP, .ciHighPP].map { t.cell(t.rows[r], $0)?.doubleValue }
                guard let e = values[0], let lo = values[1], let hi = values[2] else { return nil }
                return ChartInterval(estimate: e, low: lo, high: hi)
            })
        }
        return .intervals(IntervalChart(
            title: (nb ? "Forskjell i forskjeller med 95 % konfidensintervall: " : "Difference in differences with 95% confidence intervals: ") + name,
            description: nb ? "Forskjell i forskjeller i prosentpoeng for hvert par og alle par samlet, ett punkt med intervall per mål. Et intervall som krysser null viser ingen sikker forskjell."
                            : "Difference in differences in percentage points for each pair and all pairs together, one point with its interval per measure. An interval across zero shows no clear difference.",
            rows: units.map { unitName($0, in: name) }, series: series, axisLabel: nb ? "Prosentpoeng" : "Percentage points"))
    }
}
