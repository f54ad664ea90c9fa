import XCTest
@testable import Pipeline
@testable import Report
@testable import Tables
@testable import Catalogue

/// The report's answer first and readable: each comparison's key result and DiD chart are
/// the published `comparisons.csv` figures, a comparison without groups says nothing of a
/// DiD, the share-in-work charts equal an independent script, life tables are labelled by
/// month, and wide tables are cut into readable parts that keep every cell.
final class ReportLayoutTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/report")

    func published(_ name: String) throws -> [[String: String]] {
        try csvRecords(atPath: ReportTests.sampleOutput + "/" + name)
    }

    func document(_ lang: ReportLanguage = .nb) throws -> ReportDocument {
        try ReportStage(folder: ReportTests.sampleOutput, language: lang, minCellCount: 0, formats: []).document()
    }

    func number(_ cell: ReportCell) -> Double? {
        if case .number(let x, _) = cell { return x } else { return nil }
    }

    func testKeyResultIsThePublishedDiDFirst() throws {
        let doc = try document()
        XCTAssertEqual(doc.sections.prefix(2).map(\.name), ["Sammenligning example", "Sammenligning all_exits"], "the answer first")
        let rows = try published("comparisons.csv").filter { $0["comparison"] == "example" }
        let key = try XCTUnwrap(doc.sections[0].keyResult)
        XCTAssertEqual(key.header[0].map(\.text), ["Enhet", "Mål", "Forskjell i forskjeller (pp)", "95 % KI, nedre", "95 % KI, øvre", "z", "p (ensidig)"])
        XCTAssertEqual(key.rows.count, rows.count)
        for (row, csv) in zip(key.rows, rows) {
            for (k, column) in ["did_pp", "ci_low_pp", "ci_high_pp", "z", "p_one_sided"].enumerated() {
                XCTAssertEqual(number(row[2 + k]), Double(csv[column]!), "\(csv["unit"]!) \(csv["measure"]!) \(column)")
            }
        }
        // The chart of intervals: one row per unit, one series per measure, the same figures.
        let chart = try XCTUnwrap(doc.sections[0].charts.lazy.compactMap { c -> IntervalChart? in
            if case .intervals(let i) = c { return i } else { return nil }
        }.first)
        XCTAssertEqual(chart.rows, ["0301–0219", "Alle par"], "a pair named by both offices")
        XCTAssertEqual(chart.series.map(\.name), ["I arbeid", "Arbeid og ytelse", "Arbeid i alt"])
        for (s, measure) in ["work", "work_benefit", "work_total"].enumerated() {
            for (r, unit) in ["0301", "total"].enumerated() {
                let csv = try XCTUnwrap(rows.first { $0["unit"] == unit && $0["measure"] == measure })
                XCTAssertEqual(chart.series[s].intervals[r], ChartInterval(estimate: Double(csv["did_pp"]!)!, low: Double(csv["ci_low_pp"]!)!,
                                                                            high: Double(csv["ci_high_pp"]!)!))
            }
        }
        // Without groups: the two shares and the change, and no word of a DiD anywhere.
        let plain = doc.sections[1]
        let shares = try XCTUnwrap(plain.keyResult)
        XCTAssertEqual(shares.header[0].map(\.text), ["Enhet", "Mål", "Førperiode (%)", "Sammenligningsperiode (%)", "Endring (pp)"])
        let csv = try published("comparisons.csv").filter { $0["comparison"] == "all_exits" }
        XCTAssertEqual(shares.rows.map { $0.dropFirst(2).map(number) },
                       csv.map { r in ["treatment_baseline_pct", "treatment_comparison_pct", "treatment_change_pp"].map { Double(r[$0]!) } })
        let words = ([plain.title, plain.intro ?? ""] + plain.allTables.flatMap { [$0.title, $0.note ?? ""] + $0.header.flatMap { $0.map(\.text) } })
            .joined(separator: " ").lowercased()
        XCTAssertFalse(words.contains("forskjell i forskjeller"), words)
        XCTAssertFalse(plain.charts.contains { if case .intervals = $0 { return true } else { return false } })
    }

    /// A run with significance marks publishes `mark` (definitions.md §7b): the key result
    /// shows it beside the DiD, and blanks it with the counts under a limit.
    func testKeyResultShowsThePublishedMark() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: ReportTests.sampleOutput).filter(ReportStage.isReportTable)
        var tables = try names.map { try CSVTable.read(name: $0, text: String(contentsOfFile: ReportTests.sampleOutput + "/" + $0, encoding: .utf8)) }
        let k = try XCTUnwrap(tables.firstIndex { $0.name == "comparisons.csv" })
        // The run's own `mark` column is empty (no marks configured): the first row gets "**".
        let column = try XCTUnwrap(tables[k].column("mark"))
        var marked = CSVTable(name: "comparisons.csv", header: tables[k].header)
        for (i, row) in tables[k].rows.enumerated() {
            var row = row
            row[column] = .text(i == 0 ? "**" : "")
            marked.append(row)
        }
        tables[k] = marked
        var facts = RunFacts()
        var example = ComparisonFacts(name: "example", baseline: ("2021-03", "2021-11"), comparison: ("2023-03", "2023-11"),
                                      treatment: ["0301"], control: ["0219"], se: "binomial")
        let unmarked = ReportBuilder(tables: tables, facts: RunFacts(), language: .nb, minCellCount: 0).document()
        XCTAssertNotEqual(unmarked.sections.first { $0.name == "Sammenligning example" }?.keyResult?.header[0].last?.text, "Merke",
                          "no mark column where the run set no marks")
        example.marks = [(1.29, "*"), (1.65, "**")]
        facts.comparisons = [example]
        for (limit, first) in [(0, ReportCell.text("**")), (1000, .suppressed)] {
            let doc = ReportBuilder(tables: tables, facts: facts, language: .nb, minCellCount: limit).document()
            let key = try XCTUnwrap(doc.sections.first { $0.name == "Sammenligning example" }?.keyResult)
            XCTAssertEqual(key.header[0].last?.text, "Merke")
            XCTAssertEqual(key.rows[0].last, first, "limit \(limit)")
            XCTAssertTrue(key.note?.contains("Merke: * |z| ≥ 1,29; ** |z| ≥ 1,65.") ?? false, key.note ?? "")
            XCTAssertNil(doc.sections.first { $0.name == "Sammenligning all_exits" }?.keyResult?.header[0].first { $0.text == "Merke" },
                         "no mark without groups")
        }
    }

    /// The script `Fixtures/report/work_share.py` computes the shares from the sample-expected tables.
    func testWorkShareChartsEqualTheScript() throws {
        let reference = try csvRecords(atPath: Self.fixtures.appendingPathComponent("work_share.csv").path)
        var months = [String]()
        for row in try published("exit_cohorts.csv") where months.last != row["exit_month"] { months.append(row["exit_month"]!) }
        let doc = try document()
        func lines(_ title: String) throws -> LineChart {
            try XCTUnwrap(doc.sections.flatMap(\.charts).lazy.compactMap { c -> LineChart? in
                if case .lines(let l) = c, l.title == title { return l } else { return nil }
            }.first, title)
        }
        let national = try lines("Andel i arbeid per avgangsmåned")
        let offices = try lines("Andel i arbeid per avgangsmåned, kontorene i example")
        var compared = 0
        for (chart, name, series) in [(national, "Arbeidssøker", "ARBS"), (national, "Nedsatt arbeidsevne", "NEDS"),
                                      (offices, "0301", "0301"), (offices, "0219", "0219")] {
            let points = try XCTUnwrap(chart.series.first { $0.name == name }, name).points
            let expected = reference.filter { $0["series"] == series }
            XCTAssertEqual(points.count, expected.count, name)
            for (point, row) in zip(points, expected) {
                XCTAssertEqual(months[Int(point.x)], row["exit_month"], name)
                XCTAssertEqual(point.y, Double(row["pct"]!)!, accuracy: 1e-9, "\(name) \(row["exit_month"]!)")
                compared += 1
            }
        }
        XCTAssertEqual(compared, 152)
    }

    func testLifeTableByMonthWithItsColumnsInWords() throws {
        let doc = try document()
        let life = try XCTUnwrap(doc.sections.flatMap(\.tables).first { $0.title == "Livstabell: Jobb" })
        XCTAssertEqual(life.header[1][0].text, "Måned etter inngang")
        let starts = try published("lifetables.csv").filter { $0["event"] == "job" && $0["period"] == "baseline" }.map { $0["interval_start"]! }
        XCTAssertEqual(life.rows.map { $0[0] }, starts.map { ReportCell.text($0) })
        for label in Set(life.header[1].map(\.text)) {
            XCTAssertTrue(life.note?.contains(label + ":") ?? false, "the note explains \(label)")
        }
    }

    /// Cut between top-level groups, each part at most 13 columns with the row labels
    /// repeated; put back side by side, the parts are the table.
    func testWideTablesAreCutIntoReadableParts() throws {
        let doc = try document()
        var cut = 0
        for table in doc.sections.filter({ !$0.workbookOnly }).flatMap(\.allTables) {
            let parts = table.parts()
            XCTAssertTrue(parts.allSatisfy { $0.columnCount <= ReportTable.readableColumns }, table.title)
            guard parts.count > 1 else { continue }
            cut += 1
            let labels = table.rowHeaderColumns
            for (r, row) in table.rows.enumerated() {
                let first = parts[0].rows[r]
                // The label block (row labels, and the exits where the top cell spans them) repeats.
                let block = first.count - (parts[0].header[0].dropFirst().reduce(0) { $0 + $1.span })
                XCTAssertGreaterThanOrEqual(block, labels)
                let joined = Array(first.prefix(block)) + parts.flatMap { $0.rows[r].dropFirst(block) }
                XCTAssertEqual(joined, row, "\(table.title) row \(r)")
            }
            XCTAssertEqual(parts.last?.note, table.note)
        }
        XCTAssertGreaterThanOrEqual(cut, 5, "comparison, status and life tables")
        let html = HTMLReportWriter().render(doc)
        XCTAssertTrue(html.contains("<th scope=\"row\" style=\"white-space: nowrap\">Sammenligningsperiode</th>"))
        XCTAssertTrue(html.contains(">&lt; 0,001</td>"), "p below 0.001")
        XCTAssertFalse(html.contains("0,0000"))
        XCTAssertTrue(MarkdownReportWriter().render(doc).contains("| \\< 0,001 |"))
    }
}
