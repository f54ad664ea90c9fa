import Catalogue

/// The exit tables by quarter and year (`cohorts.periods`): the headline table of each, and
/// NAV's published layout of status after exit, one table per quarter of exit: the run's
/// categories as rows in their configured order, the statuses at exit as columns in percent,
/// and the total count under them.
extension ReportBuilder {
    func periodSections() -> [ReportSection] {
        let nb = language == .nb
        var sections = [ReportSection]()
        let periods: [(spec: TableSpec, detailed: TableSpec, column: Column, label: String, word: String)] = [
            (.exitCohortsQuarterly, .exitCohortsQuarterlyDetailed, .exitQuarter, nb ? "Kvartal" : "Quarter", nb ? "kvartal" : "quarter"),
            (.exitCohortsYearly, .exitCohortsYearlyDetailed, .exitYear, labels.year, nb ? "år" : "year"),
        ]
        for (spec, detailedSpec, column, label, word) in periods {
            guard let t = table(spec) else { continue }
            let headline = cohortTable(t, title: (nb ? "Avganger og status etter avgang, per " : "Exits and status after exit, by ") + word,
                                       rowColumns: [(column, label), (.exitStatus, labels.exitStatusHeader)],
                                       categories: ["work", "work_benefit", "work_total", "disability", "other"])
            var tables = [headline]
            if column == .exitQuarter, let detailed = table(detailedSpec) {
                tables += Self.groups(detailed, by: [column]).map { navStatusTable(detailed, rows: $0.rows, quarter: $0.key[0]) }
            }
            sections.append(ReportSection(name: nb ? "Avganger per \(word)" : "Exits by \(word)", title: headline.title,
                                          intro: exitFilterSentence(), tables: tables))
        }
        return sections
    }

    /// The categories of the run's tables in table order, as published in `outcome_detail`.
    var detailedCategories: [String] {
        facts.outcomeCategories.isEmpty ? Self.detailedStatuses : facts.outcomeCategories.map(\.name)
    }

    /// One quarter: rows the categories, columns each status at exit in percent; last row the exits.
    func navStatusTable(_ t: CSVTable, rows: [Int], quarter: String) -> ReportTable {
        let nb = language == .nb
        let sub = CSVTable.subset(t, rows: rows)
        let statuses = Self.groups(sub, by: [.exitStatus])
        var table = ReportTable(title: (nb ? "Status \(facts.horizonMonths) måneder etter avgang, " : "Status \(facts.horizonMonths) months after exit, ") + quarter,
                                header: [[HeaderCell(nb ? "Status etter avgang" : "Status after exit")] + statuses.map { HeaderCell(labels.exitStatus($0.key[0]) + " (%)") }],
                                rowHeaderColumns: 1)
        let (category, count, exits, pct) = (sub.column(.outcomeDetail)!, sub.column(.count)!, sub.column(.exits)!, sub.column(.pct)!)
        for name in detailedCategories {
            table.rows.append([.text(labels.outcome(name))] + statuses.map { status in
                let row = status.rows.map { sub.rows[$0] }.first { $0[category].textValue == name }
                return share(row.map { $0[pct] }, count: row.map { $0[count] }, exits: row.map { $0[exits] })
            })
        }
        table.rows.append([.text(nb ? "Totalt antall" : "Total number")] + statuses.map { cell(sub.rows[$0.rows[0]][exits], .count, countLike: true) })
        table.note = nb ? "Prosent av avgangene i kvartalet med denne statusen ved avgang; totalt antall: avgangene."
                        : "Per cent of the quarter's exits with this status at exit; total number: the exits."
        return table
    }

    /// Under `cohorts.filter`: which exits the cohort tables count, in words.
    func exitFilterSentence() -> String? {
        guard let filter = facts.cohortFilter else { return nil }
        return (language == .nb ? "Tabellene teller bare avganger med " : "The tables count only exits with ") + filter + "."
    }
}
