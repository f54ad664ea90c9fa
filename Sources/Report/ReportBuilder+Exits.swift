import Catalogue

extension ReportBuilder {
    /// Exits per month with their status two months later (national), the detailed
    /// statuses, and one workbook sheet per breakdown.
    func exitSections() -> [ReportSection] {
        // Each section lays out its own table: built side by side, kept in this order (laying
        // out the breakdown and stock tables one after another was most of the report's build).
        var jobs = [@Sendable () -> ReportSection?]()
        let nb = language == .nb
        if let t = table(.exitCohorts) {
            jobs.append { [self] in
                let table = cohortTable(t, title: nb ? "Avganger og status \(horizonWords) etter avgang" : "Exits and status \(horizonWords) after exit",
                                        rowColumns: [(.exitMonth, labels.month), (.exitStatus, labels.exitStatusHeader)],
                                        categories: ["work", "work_benefit", "work_total", "disability", "other"])
                return ReportSection(name: labels.exits, title: nb ? "Avganger per måned" : "Exits per month",
                                     intro: (nb ? "Avganger etter 60-dagersdefinisjonen og status ved utgangen av andre måned etter avgangen."
                                                : "Exits by the 60-day definition and status at the end of the second month after the exit.")
                                         + (exitFilterSentence().map { " " + $0 } ?? ""),
                                     tables: [table], charts: [exitsChart(t)] + (workShareChart(t).map { [$0] } ?? []))
            }
        }
        if let t = table(.exitCohortsDetailed) {
            jobs.append { [self] in
                let table = cohortTable(t, title: nb ? "Detaljert status \(horizonWords) etter avgang" : "Detailed status \(horizonWords) after exit",
                                        rowColumns: [(.exitMonth, labels.month), (.exitStatus, labels.exitStatusHeader)],
                                        categories: detailedCategories, categoryColumn: .outcomeDetail)
                return ReportSection(name: nb ? "Detaljert status" : "Detailed status", title: table.title,
                                     tables: [table], workbookOnly: true)
            }
        }
        for (breakdown, t) in breakdownTables(.exitCohortsBy) {
            jobs.append { [self] in breakdownSection(t, breakdown: breakdown) }
        }
        if let t = table(.exitDurations) { jobs.append { [self] in exitDurationSection(t) } }
        for (breakdown, t) in breakdownTables(.stocksBy) {
            jobs.append { [self] in stockSection(t, breakdown: breakdown) }
        }
        let sections = jobs
        return concurrentMap(sections.count) { sections[$0]() }.compactMap { $0 }
    }

    /// The exits by one breakdown, or two crossed (`…_by_kjonn_x_aldersgruppe.csv` has a
    /// column for each of its two); nil when the table lacks them.
    func breakdownSection(_ t: CSVTable, breakdown: String) -> ReportSection? {
        let nb = language == .nb
        let parts = breakdown.components(separatedBy: TableSpec.crossing).map(Column.values(of:))
        guard parts.allSatisfy({ t.column($0) != nil }) else { return nil }
        let label = parts.map { labels.breakdown($0.name) }.joined(separator: " × ")
        let table = cohortTable(t, title: (nb ? "Avganger etter " : "Exits by ") + label.inSentence,
                                rowColumns: [(.exitMonth, labels.month), (.exitStatus, labels.exitStatusHeader)]
                                    + parts.map { ($0, labels.breakdown($0.name)) },
                                categories: ["work", "work_benefit", "work_total", "disability", "other"],
                                valuesOf: parts)
        return ReportSection(name: String(((nb ? "Etter " : "By ") + label.inSentence).prefix(31)),
                             title: table.title, tables: [table], workbookOnly: true)
    }

    /// Stocks (§6) as published: persons per month and value by status, and the registered
    /// by measure with their share of the registered. A long data table: workbook only.
    func stockSection(_ t: CSVTable, breakdown: String) -> ReportSection? {
        let nb = language == .nb
        let label = labels.breakdown(breakdown)
        var table = ReportTable(title: (nb ? "Beholdning etter " : "Stocks by ") + label.inSentence, header: [[
            HeaderCell(labels.month), HeaderCell(label), HeaderCell(nb ? "Hovedstatus" : "Main status"),
            HeaderCell(labels.breakdown(Column.tiltak.name)), HeaderCell(nb ? "Personer" : "Persons"),
            HeaderCell(nb ? "Prosent av registrerte" : "Per cent of registered"),
        ]], rowHeaderColumns: 4)
        let columns = [Column.month, .values(of: breakdown), .hovedstatus, .tiltak].map { t.column($0) }
        guard let count = t.column(.count), !columns.contains(where: { $0 == nil }) else { return nil }
        let pct = t.column(.pct)
        for row in t.rows {
            let measure = row[columns[3]!].textValue
            table.rows.append([.month(row[columns[0]!].textValue), .text(labels.value(row[columns[1]!].textValue, of: breakdown)),
                               .text(labels.exitStatus(row[columns[2]!].textValue)), .text(measure.isEmpty ? (nb ? "I alt" : "All") : measure),
                               cell(row[count], .count, countLike: true),
                               minCellCount > 0 && row[count].intValue == nil ? .suppressed : cell(pct.map { row[$0] }, .percent)])
        }
        return ReportSection(name: String(((nb ? "Beholdning " : "Stocks ") + label.inSentence).prefix(31)), title: table.title,
                             tables: [table], workbookOnly: true)
    }

    /// Rows: the groups of `rowColumns`; columns: exits, then each category's count and share
    /// side by side. "Work in all" is work + work with benefit, shown only when both are.
    func cohortTable(_ t: CSVTable, title: String, rowColumns: [(column: Column, label: String)], categories: [String],
                     categoryColumn: Column = .outcome, valuesOf breakdowns: [Column] = []) -> ReportTable {
        let header: [[HeaderCell]] = [
            [HeaderCell("", span: rowColumns.count + 1)] + categories.map { HeaderCell(labels.outcome($0), span: 2) },
            rowColumns.map { HeaderCell($0.label) } + [HeaderCell(labels.exits)]
                + categories.flatMap { _ in [HeaderCell(labels.count), HeaderCell(labels.share)] },
        ]
        var table = ReportTable(title: title, header: header, rowHeaderColumns: rowColumns.count)
        guard let category = t.column(categoryColumn), let count = t.column(.count), let exits = t.column(.exits) else { return table }
        let pct = t.column(.pct)
        for (key, rows) in Self.groups(t, by: rowColumns.map(\.column)) {
            var byCategory = [String: [CSVTable.Cell]]()
            for r in rows { byCategory[t.rows[r][category].textValue] = t.rows[r] }
            let exitCell = t.rows[rows[0]][exits]
            var row: [ReportCell] = zip(rowColumns, key).map { column, value in
                switch column.column {
                case .exitStatus: return .text(labels.exitStatus(value))
                case .exitMonth: return .month(value)
                default: return .text(breakdowns.contains(column.column) ? labels.value(value, of: column.column.name) : value)
                }
            }
            row.append(cell(exitCell, .count, countLike: true))
            for c in categories {
                if c == "work_total" {
                    let parts = ["work", "work_benefit"].map { byCategory[$0]?[count].intValue }
                    if let a = parts[0] ?? nil, let b = parts[1] ?? nil, let n = exitCell.intValue {
                        row += [.number(Double(a + b), .count), n == 0 ? .empty : .number(Double(100 * (a + b)) / Double(n), .percent)]
                    } else {
                        row += [.suppressed, .suppressed]
                    }
                    continue
                }
                let r = byCategory[c]
                row += [cell(r?[count], .count, countLike: true), share(pct.flatMap { r?[$0] }, count: r?[count], exits: exitCell)]
            }
            table.rows.append(row)
        }
        return table
    }

    /// Exits per month over time, one line per exit status (suppressed months left out).
    func exitsChart(_ t: CSVTable) -> ReportChart {
        let months = Self.groups(t, by: [.exitMonth]).map { $0.key[0] }
        let index = Dictionary(uniqueKeysWithValues: months.enumerated().map { ($1, Double($0)) })
        var series = [LineSeries]()
        var top = 1.0
        for (key, _) in Self.groups(t, by: [.exitStatus]) {
            var points = [ChartPoint]()
            for (monthKey, monthRows) in Self.groups(t, by: [.exitMonth, .exitStatus]) where monthKey[1] == key[0] {
                guard let n = t.column(.exits).flatMap({ t.rows[monthRows[0]][$0].intValue }) else { continue }
                points.append(ChartPoint(x: index[monthKey[0]]!, y: Double(n)))
                top = max(top, Double(n))
            }
            series.append(LineSeries(name: labels.exitStatus(key[0]), points: points))
        }
        let ticks = Self.monthTicks(months)
        let nb = language == .nb
        return .lines(LineChart(
            title: nb ? "Avganger per måned" : "Exits per month",
            description: nb ? "Antall avganger per måned fra \(months.first ?? "") til \(months.last ?? ""), én linje per status ved avgang."
                            : "Number of exits per month from \(months.first ?? "") to \(months.last ?? ""), one line per status at exit.",
            xLabel: labels.month, yLabel: labels.exits, yRange: 0...niceCeiling(top), xTickLabels: ticks, series: series))
    }
}

extension ReportBuilder {
    /// Tick labels of a month axis (x = the month's index): each January, and the first month
    /// unless a January follows soon.
    static func monthTicks(_ months: [String]) -> [Double: String] {
        var ticks = [Double: String]()
        for (i, m) in months.enumerated() where m.hasSuffix("-01") || (i == 0 && !months.prefix(4).contains { $0.hasSuffix("-01") }) {
            ticks[Double(i)] = m
        }
        return ticks
    }
}

/// A round number at or above x (1, 2 or 5 times a power of ten), for an axis end.
func niceCeiling(_ x: Double) -> Double {
    guard x > 0 else { return 1 }
    var step = 1.0
    while step * 10 <= x { step *= 10 }
    for m in [1.0, 2, 5, 10] where m * step >= x { return m * step }
    return 10 * step
}

extension ReportBuilder {
    /// Time before exit (definitions.md §7b) as published: exits and the mean and median months
    /// per exit month, status and measure left. A long data table: workbook only.
    func exitDurationSection(_ t: CSVTable) -> ReportSection? {
        let nb = language == .nb
        let columns = [Column.exitMonth, .exitStatus, .tiltak, .exits, .meanMonths, .medianMonths].map { t.column($0) }
        guard !columns.contains(where: { $0 == nil }) else { return nil }
        let c = columns.map { $0! }
        var table = ReportTable(title: nb ? "Tid før avgang" : "Time before exit", header: [[
            HeaderCell(labels.month), HeaderCell(labels.exitStatusHeader), HeaderCell(labels.breakdown(Column.tiltak.name)), HeaderCell(labels.exits),
            HeaderCell(nb ? "Gjennomsnitt (måneder)" : "Mean (months)"), HeaderCell(nb ? "Median (måneder)" : "Median (months)"),
        ]], rowHeaderColumns: 3)
        for row in t.rows {
            let measure = row[c[2]].textValue
            let blanked = minCellCount > 0 && row[c[3]].intValue == nil
            table.rows.append([.month(row[c[0]].textValue), .text(labels.exitStatus(row[c[1]].textValue)),
                               .text(measure.isEmpty ? (nb ? "Registeret" : "The register") : measure),
                               cell(row[c[3]], .count, countLike: true),
                               blanked ? .suppressed : cell(row[c[4]], .decimal), blanked ? .suppressed : cell(row[c[5]], .decimal)])
        }
        table.note = nb ? "Måneder personen var i det hen gikk ut av (registrert, eller i tiltaket), sammenhengende til og med avgangsmåneden."
                        : "Months the person was in what they left (registered, or in the measure), consecutively up to and including the exit month."
        return ReportSection(name: nb ? "Tid før avgang" : "Time before exit", title: table.title, tables: [table], workbookOnly: true)
    }
}
