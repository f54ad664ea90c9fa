import Catalogue
import Disclosure

/// Builds the report document from a run's published tables: suppresses them at the
/// report's limit (never lower than the run's own), then reshapes them into the layout of
/// evaluation reports. Nothing is aggregated across the published cells, so every number in
/// the report is a published number (or, for "work in all", the sum of two published ones;
/// for "other" in the status bars, the published exits less three published classes) and the
/// suppression of the tables carries over unchanged.
public struct ReportBuilder: Sendable {
    public let facts: RunFacts
    public let language: ReportLanguage
    /// The limit the report is suppressed at.
    public let minCellCount: Int
    let labels: ReportLabels
    var tables: [String: CSVTable]

    /// `tables`: the run's tables by file name, as published. `minCellCount`: the report's
    /// limit; the run's own limit applies when it is higher.
    public init(tables: [CSVTable], facts: RunFacts, language: ReportLanguage, minCellCount: Int) {
        self.facts = facts
        self.language = language
        self.minCellCount = max(minCellCount, facts.minCellCount)
        self.labels = ReportLabels(language: language)
        // Tables of a run suppressed at this very limit are used as published: suppressing
        // them again would blank more (their blanks count as blanked) and the report would
        // disagree with the CSV files beside it.
        let plain = facts.comparisons.filter(\.plain).map {
            PlainComparison(name: $0.name, periods: [.init("baseline", from: $0.baseline.from, to: $0.baseline.to),
                                                     .init("comparison", from: $0.comparison.from, to: $0.comparison.to)])
        }
        let suppressed = self.minCellCount > facts.minCellCount
            ? TableSuppression.apply(tables, limit: self.minCellCount, plainComparisons: plain, classes: facts.classes) : tables
        self.tables = Dictionary(suppressed.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public func document() -> ReportDocument {
        var sections = [ReportSection]()
        // The answer first: each comparison's key result, then the exits it rests on.
        sections += comparisonSections()
        sections += exitSections()
        sections += periodSections()
        sections += survivalSections()
        var notes = [String]()
        if minCellCount > 0 { notes.append(String(format: labels.suppressedNote, minCellCount)) } else { notes.append(labels.emptyNote) }
        return ReportDocument(title: language == .nb ? "Status etter avgang fra NAV" : "Status after leaving NAV",
                              language: language, about: about(), sections: sections, notes: notes)
    }

    /// The "about the run" lines: periods, definitions used, input months, version.
    func about() -> [AboutLine] {
        let nb = language == .nb
        func range(_ r: (from: String, to: String)?) -> String { r.map { "\($0.from) – \($0.to)" } ?? "–" }
        func list(_ xs: [String]) -> String { xs.isEmpty ? (nb ? "alle" : "any") : xs.joined(separator: ", ") }
        var lines = [
            AboutLine(nb ? "Program" : "Program", "overgang \(facts.version)"),
            AboutLine(nb ? "Kjøring ferdig" : "Run finished", facts.finishedAt),
            AboutLine(nb ? "Måneder lest" : "Months read", range(facts.months)),
            AboutLine(nb ? "Måneder med avganger i tabellene" : "Months with exits in the tables", range(facts.tabulatedMonths)),
            AboutLine(nb ? "Uttrekksfiler" : "Extract files", labels.language.format(Double(facts.inputFiles), .count)),
            AboutLine(nb ? "Rader lest / lagt til side" : "Rows read / set aside",
                      "\(language.format(Double(facts.rowsRead), .count)) / \(language.format(Double(facts.rowsSetAside), .count))"),
            // The total less the visible cells would give back a lone blanked cell: under a
            // limit it is suppressed like the cells.
            AboutLine(nb ? "Avganger i tabellene" : "Exits in the tables",
                      minCellCount == 0 ? facts.exitsTabulated.map { language.format(Double($0), .count) } ?? ":" : ":"),
            AboutLine(nb ? "Avganger som venter på avgjørelse" : "Exits still pending", language.format(Double(facts.pendingExits), .count)),
        ]
        let kind = facts.exitKind == "measure"
            ? (nb ? "avgang fra tiltak (\(list(facts.exitMeasures)))" : "exit from a measure (\(list(facts.exitMeasures)))")
            : (nb ? "avgang fra registeret" : "exit from the register")
        lines.append(AboutLine(nb ? "Avgang" : "Exit", nb
            ? "\(kind): registrert (\(facts.exitStatuses.joined(separator: ", "))) i en måned og ikke i de \(facts.quietMonths) neste"
            : "\(kind): registered (\(facts.exitStatuses.joined(separator: ", "))) in a month and in none of the next \(facts.quietMonths)"))
        lines.append(AboutLine(nb ? "Status etter avgang" : "Status after exit", nb
            ? "ved utgangen av måned \(facts.horizonMonths) etter avgangsmåneden; arbeid med ytelse: \(list(facts.workBenefits))"
            : "at the end of month \(facts.horizonMonths) after the exit month; work with benefit: \(list(facts.workBenefits))"))
        for c in facts.comparisons {
            var text = "\(labels.periodName("baseline")) \(range(c.baseline)), \(labels.periodName("comparison")) \(range(c.comparison))"
            if !c.treatment.isEmpty {
                text += "; \(labels.groupName("treatment")): \(c.treatment.joined(separator: ", ")); \(labels.groupName("control")): \(c.control.joined(separator: ", "))"
                text += nb ? "; standardfeil: \(c.se)" : "; standard error: \(c.se)"
            }
            lines.append(AboutLine((nb ? "Sammenligning " : "Comparison ") + c.name, text))
        }
        if !facts.survivalPeriods.isEmpty {
            let periods = facts.survivalPeriods.map { "\(labels.periodName($0.name)) \($0.from) – \($0.to)" }.joined(separator: ", ")
            lines.append(AboutLine(nb ? "Forløpsanalyser" : "Survival analyses",
                                   (nb ? "enhet \(facts.survivalUnit), inngang " : "unit \(facts.survivalUnit), entries ") + periods))
        }
        lines.append(AboutLine(nb ? "Prikking" : "Suppression", minCellCount > 0
            ? (nb ? "tall under \(minCellCount) og tall som ellers kunne regnes ut, er prikket (:)" : "counts below \(minCellCount), and counts that could otherwise be worked out, are suppressed (:)")
            : (nb ? "ingen" : "none")))
        return lines
    }

    // MARK: shared pieces

    /// Row indexes of `table` grouped by the values of `columns`, in first-seen order.
    static func groups(_ table: CSVTable, by columns: [Column]) -> [(key: [String], rows: [Int])] {
        let idx = columns.compactMap { table.column($0) }
        var order = [[String]]()
        var rows = [[String]: [Int]]()
        for (r, row) in table.rows.enumerated() {
            let key = idx.map { row[$0].textValue }
            if rows[key] == nil { order.append(key) }
            rows[key, default: []].append(r)
        }
        return order.map { ($0, rows[$0]!) }
    }

    /// The run's table of a spec without a name pattern, if published.
    func table(_ spec: TableSpec) -> CSVTable? { tables[spec.fileName] }

    /// The run's tables of a spec with a name pattern, by breakdown, in file name order.
    func breakdownTables(_ spec: TableSpec) -> [(breakdown: String, table: CSVTable)] {
        tables.keys.sorted().compactMap { name in spec.parameter(ofFile: name).map { ($0, tables[name]!) } }
    }

    /// A published cell as a report cell: blank counts are suppressed when a limit is set
    /// (counts are never undefined), other blanks are empty.
    func cell(_ c: CSVTable.Cell?, _ style: NumberStyle, countLike: Bool = false) -> ReportCell {
        guard let c else { return .empty }
        if let x = c.doubleValue, x.isFinite { return .number(x, style) }
        return (countLike && minCellCount > 0) ? .suppressed : .empty
    }

    /// A share cell: suppressed when the count or the exits behind it are, empty when undefined.
    func share(_ pct: CSVTable.Cell?, count: CSVTable.Cell?, exits: CSVTable.Cell?) -> ReportCell {
        if minCellCount > 0, count?.intValue == nil || exits?.intValue == nil { return .suppressed }
        return cell(pct, .percent)
    }
}
