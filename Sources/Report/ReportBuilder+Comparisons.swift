import Catalogue

extension ReportBuilder {
    static let detailedStatuses = ["work_only", "work_benefit", "job_seeker", "reduced_capacity", "disability", "old_age", "other"]

    /// One section per comparison: the shares, changes and DiD per unit and measure, the
    /// distribution of detailed statuses, and a chart of status after exit by group and period.
    func comparisonSections() -> [ReportSection] {
        guard let t = table(.comparisons) else { return [] }
        let status = table(.comparisonStatus)
        let nb = language == .nb
        return Self.groups(t, by: [.comparison]).map { key, rows in
            let name = key[0]
            let hasGroups = rows.contains { t.rows[$0][t.column(.unit)!].textValue != "all" }
            // With groups the publication's layout first (per period, each group's offices), the whole table after.
            var tables = hasGroups ? trialLayoutTables(t, rows: rows, name: name) : []
            tables.append(comparisonTable(t, rows: rows, name: name, hasGroups: hasGroups))
            var charts = hasGroups ? [didChart(t, rows: rows, name: name)] : []
            let offices = facts.comparisons.first { $0.name == name }.map { $0.treatment + $0.control } ?? []
            if let chart = officeWorkShareChart(offices: offices, name: name) { charts.append(chart) }
            charts += measureStockCharts(name: name)
            if let status {
                let statusRows = status.rows.indices.filter { status.rows[$0][status.column(.comparison)!].textValue == name }
                tables.append(statusTable(status, rows: statusRows, name: name))
                charts.append(statusChart(status, rows: statusRows, name: name))
            }
            tables += comparisonCodeTables(name: name, offices: hasGroups ? officeRows(t, rows: rows, name: name) : [])
            let sheet = String(((nb ? "Sammenligning " : "Comparison ") + name).prefix(31))
            // A comparison without groups has no DiD: its text does not speak of one.
            let intro = hasGroups
                ? (nb ? "Andel av avgangene i hver status \(horizonWords) etter avgang, endring fra førperioden (prosentpoeng) og forskjell i forskjeller mellom forsøks- og kontrollgruppen."
                      : "Share of exits in each status \(horizonWords) after exit, change from the baseline period (percentage points) and the difference in differences between treatment and control.")
                : (nb ? "Andel av alle avganger i hver status \(horizonWords) etter avgang, og endringen fra førperioden til sammenligningsperioden (prosentpoeng)."
                      : "Share of all exits in each status \(horizonWords) after exit, and the change from the baseline to the comparison period (percentage points).")
            return ReportSection(name: sheet, title: (nb ? "Sammenligning: " : "Comparison: ") + name, intro: intro,
                                 keyResult: keyResultTable(t, rows: rows, name: name, hasGroups: hasGroups), tables: tables, charts: charts)
        }
    }

    func comparisonTable(_ t: CSVTable, rows: [Int], name: String, hasGroups: Bool) -> ReportTable {
        let nb = language == .nb
        let groups = hasGroups ? Column.comparisonGroups : [Column.comparisonGroups[0]]
        let periodLabels = Column.comparisonPeriods.map(labels.periodName)
        let change = nb ? "Endring (pp)" : "Change (pp)"
        let didColumns: [(Column, String, NumberStyle)] = [
            (.didPP, nb ? "Forskjell (pp)" : "DiD (pp)", .percent), (.sePP, nb ? "Std.feil (pp)" : "SE (pp)", .percent),
            (.ciLowPP, nb ? "95 % KI, nedre" : "95% CI, low", .percent), (.ciHighPP, nb ? "95 % KI, øvre" : "95% CI, high", .percent),
            (.z, "z", .decimal), (.pOneSided, nb ? "p (ensidig)" : "p (one-sided)", .pValue),
            (.didPct, nb ? "Relativ effekt (%)" : "Relative effect (%)", .percent),
        ]
        var header: [[HeaderCell]] = [[HeaderCell("", span: 2)], [HeaderCell("", span: 2)],
                                      [HeaderCell(labels.unit), HeaderCell(labels.measure)]]
        for g in groups {
            header[0].append(HeaderCell(hasGroups ? labels.groupName(g) : labels.groupName("all"), span: 7))
            header[1] += periodLabels.map { HeaderCell($0, span: 3) } + [HeaderCell("")]
            header[2] += Array(repeating: [HeaderCell(labels.count), HeaderCell(labels.exits), HeaderCell(labels.share)], count: 2).flatMap { $0 }
                + [HeaderCell(change)]
        }
        if hasGroups {
            header[0].append(HeaderCell(nb ? "Forskjell i forskjeller" : "Difference in differences", span: didColumns.count))
            header[1].append(HeaderCell("", span: didColumns.count))
            header[2] += didColumns.map { HeaderCell($0.1) }
        }
        let title = hasGroups ? (nb ? "Andeler og forskjell i forskjeller: " : "Shares and difference in differences: ")
                              : (nb ? "Andeler: " : "Shares: ")
        var table = ReportTable(title: title + name, header: header, rowHeaderColumns: 2)
        for r in rows {
            let row = t.rows[r]
            func col(_ column: Column) -> CSVTable.Cell? { t.cell(row, column) }
            var out: [ReportCell] = [.text(unitName(col(.unit)?.textValue ?? "", in: name)), .text(labels.outcome(col(.measure)?.textValue ?? ""))]
            for g in groups {
                for p in Column.comparisonPeriods {
                    let count = col(.count(g, p)), exits = col(.exits(g, p))
                    out += [cell(count, .count, countLike: true), cell(exits, .count, countLike: true),
                            share(col(.share(g, p)), count: count, exits: exits)]
                }
                out.append(derived(col(.change(g)), from: Column.comparisonPeriods.flatMap { [Column.count(g, $0), .exits(g, $0)] }.map(col)))
            }
            if hasGroups {
                let inputs = groups.flatMap { g in Column.comparisonPeriods.flatMap { [Column.count(g, $0), .exits(g, $0)] } }.map(col)
                out += didColumns.map { derived(col($0.0), from: inputs, style: $0.2) }
            }
            table.rows.append(out)
        }
        table.note = hasGroups
            ? (nb ? "pp: prosentpoeng. Standardfeil etter metoden i oppsettet (binomial eller førperiodens antall)."
                  : "pp: percentage points. Standard error by the configured method (binomial or baseline counts).")
            : (nb ? "pp: prosentpoeng." : "pp: percentage points.")
        return table
    }

    /// A unit in words: a pair as its two offices ("0301–0219"; `comparisons.csv` names it by
    /// its treatment office), "Alle par" for the pooled pairs.
    func unitName(_ code: String, in comparison: String) -> String {
        let pairs = facts.comparisons.first { $0.name == comparison }?.pairs ?? []
        guard let pair = pairs.first(where: { $0.first == code }), pair.count == 2 else { return labels.unitName(code) }
        return "\(pair[0])–\(pair[1])"
    }

    /// A figure built on counts: suppressed when any of them is, else as published.
    func derived(_ value: CSVTable.Cell?, from counts: [CSVTable.Cell?], style: NumberStyle = .percent) -> ReportCell {
        if minCellCount > 0, counts.contains(where: { $0?.intValue == nil }) { return .suppressed }
        return cell(value, style)
    }

    func statusTable(_ t: CSVTable, rows: [Int], name: String) -> ReportTable {
        let nb = language == .nb
        let sub = CSVTable.subset(t, rows: rows)
        var table = cohortTable(sub, title: (nb ? "Detaljert status etter avgang: " : "Detailed status after exit: ") + name,
                                rowColumns: [(.unit, labels.unit), (.group, labels.group), (.period, labels.period)],
                                categories: detailedCategories, categoryColumn: .outcomeDetail)
        for r in table.rows.indices {
            if case .text(let u) = table.rows[r][0] { table.rows[r][0] = .text(unitName(u, in: name)) }
            if case .text(let g) = table.rows[r][1] { table.rows[r][1] = .text(labels.groupName(g)) }
            if case .text(let p) = table.rows[r][2] { table.rows[r][2] = .text(labels.periodName(p)) }
        }
        return table
    }

    /// Stacked bars of status two months after exit for the pooled groups (or all exits), by
    /// group and period: work, work with benefit, disability pension, other.
    func statusChart(_ t: CSVTable, rows: [Int], name: String) -> ReportChart {
        let nb = language == .nb
        // The four classes, each with its statuses (§2's, or the run's categories).
        let classes = facts.classes.map { (label: labels.outcome($0.headline), statuses: Set($0.categories)) }
        let sub = CSVTable.subset(t, rows: rows)
        let units = Set(Self.groups(sub, by: [.unit]).map { $0.key[0] })
        let unit = units.contains("total") ? "total" : "all"
        var bars = [String](), values = [[Double?]]()
        for (key, groupRows) in Self.groups(sub, by: [.unit, .group, .period]) where key[0] == unit {
            bars.append("\(labels.groupName(key[1])), \(labels.periodName(key[2]).inSentence)")
            var counts = [String: Int?]()
            for r in groupRows { counts[sub.rows[r][sub.column(.outcomeDetail)!].textValue] = sub.rows[r][sub.column(.count)!].intValue }
            let exits = sub.rows[groupRows[0]][sub.column(.exits)!].intValue
            var parts = classes.map { c -> Int? in
                c.statuses.reduce(Optional(0)) { sum, s in sum.flatMap { a in (counts[s] ?? nil).map { a + $0 } } }
            }
            // "Other" gathers four statuses, two of which are structurally 0 for register
            // exits and so always blanked under a limit: it is the rest of the published exits.
            if parts.last! == nil, let exits, !parts.dropLast().contains(where: { $0 == nil }) {
                parts[parts.count - 1] = exits - parts.dropLast().reduce(0) { $0 + $1! }
            }
            if let exits, exits > 0, !parts.contains(where: { $0 == nil }) {
                values.append(parts.map { Double(100 * $0!) / Double(exits) })
            } else {
                values.append(Array(repeating: nil, count: classes.count))
            }
        }
        return .stackedBars(StackedBarChart(
            title: (nb ? "Status \(horizonWords) etter avgang: " : "Status \(horizonWords) after exit: ") + name,
            description: nb ? "Fordeling av avgangene på status \(horizonWords) etter avgang, for \(labels.unitName(unit).inSentence), etter gruppe og periode. Søylene summerer til 100 prosent."
                            : "Distribution of exits by status \(horizonWords) after exit, for \(labels.unitName(unit).inSentence), by group and period. Each bar adds up to 100 per cent.",
            bars: bars, segments: classes.map(\.label), values: values, axisLabel: nb ? "Prosent av avgangene" : "Per cent of exits"))
    }
}

extension CSVTable {
    /// The table with only the given rows.
    static func subset(_ t: CSVTable, rows: [Int]) -> CSVTable {
        var out = CSVTable(name: t.name, header: t.header)
        for r in rows { out.append(t.rows[r]) }
        return out
    }
}
