import Catalogue

/// A comparison with groups in the layout of a trial's publication (the KIN final report's
/// tables 2-1 … 2-3): per period, the trial offices and the control offices each as their own
/// rows, each group closed by "I alt", with the exits and each measure's count and share; then
/// each office's change. All read from `comparisons.csv`: a pair's row holds both its offices.
extension ReportBuilder {
    static let comparisonMeasures = ["work", "work_benefit", "work_total"]

    /// One office of the publication's rows: its group, its unit in `comparisons.csv` and its
    /// name ("I alt" for the pooled pairs).
    struct OfficeRow {
        let group: String
        let unit: String
        let office: String
    }

    /// The trial offices then the control offices, each group in pair order and closed by "I alt".
    func officeRows(_ t: CSVTable, rows: [Int], name: String) -> [OfficeRow] {
        let units = Self.groups(CSVTable.subset(t, rows: rows), by: [.unit]).map { $0.key[0] }
        let pairs = facts.comparisons.first { $0.name == name }?.pairs ?? []
        return Column.comparisonGroups.flatMap { group in
            units.map { unit -> OfficeRow in
                let pair = pairs.first { $0.first == unit && $0.count == 2 }
                let office = unit == "total" ? (language == .nb ? "I alt" : "All")
                    : pair.map { group == Column.comparisonGroups[0] ? $0[0] : $0[1] } ?? unit
                return OfficeRow(group: group, unit: unit, office: office)
            }
        }
    }

    /// The row of `unit` and `measure` among `rows`.
    static func comparisonRow(_ t: CSVTable, rows: [Int], unit: String, measure: String) -> [CSVTable.Cell]? {
        guard let u = t.column(.unit), let m = t.column(.measure) else { return nil }
        return rows.lazy.map { t.rows[$0] }.first { $0[u].textValue == unit && $0[m].textValue == measure }
    }

    /// Table 2-1 and 2-2 in one: a period's exits and each measure's count and share per office.
    func periodTable(_ t: CSVTable, rows: [Int], name: String, period: String) -> ReportTable {
        let nb = language == .nb
        let header: [[HeaderCell]] = [
            [HeaderCell("", span: 3)] + Self.comparisonMeasures.map { HeaderCell(labels.outcome($0), span: 2) },
            [HeaderCell(labels.group), HeaderCell(nb ? "Kontor" : "Office"), HeaderCell(labels.exits)]
                + Self.comparisonMeasures.flatMap { _ in [HeaderCell(labels.count), HeaderCell(labels.share)] },
        ]
        var table = ReportTable(title: "\(labels.periodName(period)): " + (nb ? "avganger og status \(horizonWords) etter, per kontor: " : "exits and status \(horizonWords) after, by office: ") + name,
                                header: header, rowHeaderColumns: 2)
        for office in officeRows(t, rows: rows, name: name) {
            var out: [ReportCell] = [.text(labels.groupName(office.group)), .text(office.office)]
            for (k, measure) in Self.comparisonMeasures.enumerated() {
                let row = Self.comparisonRow(t, rows: rows, unit: office.unit, measure: measure)
                func col(_ c: Column) -> CSVTable.Cell? { row.flatMap { t.cell($0, c) } }
                let (count, exits) = (col(.count(office.group, period)), col(.exits(office.group, period)))
                if k == 0 { out.append(cell(exits, .count, countLike: true)) }
                out += [cell(count, .count, countLike: true), share(col(.share(office.group, period)), count: count, exits: exits)]
            }
            table.rows.append(out)
        }
        table.note = nb ? "Prosent av kontorets avganger i perioden. I alt: alle kontorene i gruppen."
                        : "Per cent of the office's exits in the period. All: every office of the group."
        return table
    }

    /// Table 2-3: each office's change from the baseline to the comparison period.
    func changeTable(_ t: CSVTable, rows: [Int], name: String) -> ReportTable {
        let nb = language == .nb
        var table = ReportTable(title: (nb ? "Endring fra førperioden, per kontor (prosentpoeng): " : "Change from the baseline, by office (percentage points): ") + name,
                                header: [[HeaderCell(labels.group), HeaderCell(nb ? "Kontor" : "Office")]
                                    + Self.comparisonMeasures.map { HeaderCell(labels.outcome($0)) }], rowHeaderColumns: 2)
        for office in officeRows(t, rows: rows, name: name) {
            table.rows.append([.text(labels.groupName(office.group)), .text(office.office)] + Self.comparisonMeasures.map { measure in
                let row = Self.comparisonRow(t, rows: rows, unit: office.unit, measure: measure)
                func col(_ c: Column) -> CSVTable.Cell? { row.flatMap { t.cell($0, c) } }
                let g = office.group
                return derived(col(.change(g)), from: Column.comparisonPeriods.flatMap { [Column.count(g, $0), .exits(g, $0)] }.map(col))
            })
        }
        table.note = nb ? "Sammenligningsperiodens andel minus førperiodens, i prosentpoeng."
                        : "The comparison period's share less the baseline's, in percentage points."
        return table
    }

    /// The publication's tables of a comparison with groups: both periods, then the changes.
    func trialLayoutTables(_ t: CSVTable, rows: [Int], name: String) -> [ReportTable] {
        Column.comparisonPeriods.map { periodTable(t, rows: rows, name: name, period: $0) } + [changeTable(t, rows: rows, name: name)]
    }
}
