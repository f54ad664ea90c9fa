import XCTest
@testable import Pipeline
@testable import Report
@testable import Tables
@testable import Catalogue

/// The report's content against the published tables it is built from: every number in a
/// report table or chart is a published number (or the sum of two), suppression carries
/// over and is never undone, and the Markdown rendering keeps what the document holds.
final class ReportTests: XCTestCase {
    /// One run on `sample-data/` for all tests here (a few seconds in debug).
    static let sampleOutput = sampleRun { $0.report.formats = [.md] }

    func table(_ name: String) throws -> CSVTable {
        try CSVTable.read(name: name, text: String(contentsOfFile: Self.sampleOutput + "/" + name, encoding: .utf8))
    }

    /// Titles name the run's horizon (NAV's statistic: six months), not §2's two months.
    func testTitlesNameTheRunsHorizon() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.sampleOutput).filter(ReportStage.isReportTable)
        let tables = try names.map { try CSVTable.read(name: $0, text: String(contentsOfFile: Self.sampleOutput + "/" + $0, encoding: .utf8)) }
        for (months, language, words) in [(2, ReportLanguage.nb, "to måneder"), (6, .nb, "seks måneder"), (6, .en, "six months"), (1, .en, "one month")] {
            var facts = RunFacts()
            facts.horizonMonths = months
            let doc = ReportBuilder(tables: tables, facts: facts, language: language, minCellCount: 0).document()
            let titles = doc.sections.flatMap { $0.tables.map(\.title) }
            XCTAssertTrue(titles.contains { $0.contains(words) }, "\(months) \(language)")
            let other = language == .nb ? (months == 2 ? "seks måneder" : "to måneder") : "two months"
            XCTAssertFalse(titles.contains { $0.contains(other) }, "\(months) \(language): \(other)")
        }
    }

    func document(_ lang: ReportLanguage = .nb, minCell: Int = 0) throws -> ReportDocument {
        try ReportStage(folder: Self.sampleOutput, language: lang, minCellCount: minCell, formats: []).document()
    }

    func testPublishedTablesReadBackAsWritten() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.sampleOutput).filter(ReportStage.isReportTable)
        XCTAssertGreaterThan(names.count, 10)
        for name in names {
            let text = try String(contentsOfFile: Self.sampleOutput + "/" + name, encoding: .utf8)
            XCTAssertEqual(try CSVTable.read(name: name, text: text).csvText(), text, name)
        }
        XCTAssertThrowsError(try CSVTable.read(name: "exit_cohorts.csv", text: "exit_month,count\n2022-01,1.5\n")) { error in
            XCTAssertEqual("\(error)", "exit_cohorts.csv:2: count: expected a whole number")
        }
        XCTAssertEqual(try CSVTable.parseCSV("a,\"b,\"\"c\"\"\"\n1,2\n"), [["a", "b,\"c\""], ["1", "2"]])
    }

    func testExitTableShowsThePublishedCounts() throws {
        let csv = try table("exit_cohorts.csv")
        let doc = try document()
        let t = try XCTUnwrap(doc.sections.first { $0.name == "Avganger" }?.tables.first)
        XCTAssertEqual(t.header[0].map(\.text), ["", "I arbeid", "Arbeid og ytelse", "Arbeid i alt", "Uføretrygd", "Annet"])
        XCTAssertEqual(t.rows.count * 4, csv.rows.count)
        for (i, row) in t.rows.enumerated() {
            let published = csv.rows[(4 * i)..<(4 * i + 4)].map { $0 }
            XCTAssertEqual(row[0], .month(published[0][0].textValue))
            XCTAssertEqual(row[1], .text(published[0][1].textValue == "ARBS" ? "Arbeidssøker" : "Nedsatt arbeidsevne"))
            let exits = Double(published[0][4].intValue!)
            XCTAssertEqual(row[2], .number(exits, .count))
            let n = published.map { Double($0[3].intValue!) }
            // Columns: work, work_benefit, work_total, disability, other; count and share each.
            let expected = [n[0], n[1], n[0] + n[1], n[2], n[3]]
            for (k, count) in expected.enumerated() {
                XCTAssertEqual(row[3 + 2 * k], .number(count, .count), "row \(i) class \(k)")
                guard case .number(let share, .percent) = row[4 + 2 * k] else { return XCTFail("share \(i) \(k)") }
                XCTAssertEqual(share, 100 * count / exits, accuracy: 1e-9)
            }
        }
    }

    /// A report at the run's own limit shows the tables as published: every table it is built
    /// from is the CSV file as written (a second pass would blank more, e.g. the work-in-all
    /// counts and stock shares next to cells blanked in the first, and disagree with the CSV).
    func testReportAtTheRunsLimitUsesTheTablesAsPublished() throws {
        let output = temporaryDirectory() + "/out"
        var config = try Configuration.load(path: SampleDataFixtureTests.repository.appendingPathComponent("pipeline.json").path)
        config.output.directory = output
        config.output.minCellCount = 5
        config.report.formats = []
        _ = try PipelineRun(config: config).run()
        let names = try FileManager.default.contentsOfDirectory(atPath: output).filter(ReportStage.isReportTable)
        let published = try names.map { try CSVTable.read(name: $0, text: String(contentsOfFile: output + "/" + $0, encoding: .utf8)) }
        var facts = RunFacts()
        facts.minCellCount = 5
        let builder = ReportBuilder(tables: published, facts: facts, language: .nb, minCellCount: 5)
        for table in published {
            XCTAssertEqual(builder.tables[table.name]?.csvText(), table.csvText(), table.name)
        }
        // At a higher limit the report suppresses again, and blanks more.
        let stricter = ReportBuilder(tables: published, facts: facts, language: .nb, minCellCount: 10)
        XCTAssertNotEqual(stricter.tables["exit_cohorts.csv"]?.csvText(), published.first { $0.name == "exit_cohorts.csv" }?.csvText())
    }

    func testStatusChartsAddUpTo100AndMatchTheStatusTable() throws {
        let status = try table("comparison_status.csv")
        let doc = try document(.en)
        var charts = 0
        for section in doc.sections where section.title.hasPrefix("Comparison: ") {
            for case .stackedBars(let chart) in section.charts {
                charts += 1
                XCTAssertEqual(chart.segments, ["Work", "Work with benefit", "Disability pension", "Other"])
                XCTAssertEqual(chart.bars.count, chart.values.count)
                let comparison = String(section.title.dropFirst("Comparison: ".count))
                let unit = comparison == "example" ? "total" : "all"
                let groups = Dictionary(grouping: status.rows.filter { $0[0] == .text(comparison) && $0[1] == .text(unit) }) { [$0[2].textValue, $0[3].textValue] }
                XCTAssertEqual(groups.count, chart.bars.count)
                for values in chart.values {
                    XCTAssertEqual(values.map { $0! }.reduce(0, +), 100, accuracy: 1e-9)
                }
                // The first bar: the first group and period of the status table.
                let first = status.rows.first { $0[0] == .text(comparison) && $0[1] == .text(unit) }!
                let rows = groups[[first[2].textValue, first[3].textValue]]!
                let count = { (s: String) in Double(rows.first { $0[4] == .text(s) }![5].intValue!) }
                let exits = Double(rows[0][6].intValue!)
                let other = ["job_seeker", "reduced_capacity", "old_age", "other"].map(count).reduce(0, +)
                let expected = [count("work_only"), count("work_benefit"), count("disability"), other].map { 100 * $0 / exits }
                for (a, b) in zip(chart.values[0], expected) { XCTAssertEqual(a!, b, accuracy: 1e-9) }
            }
        }
        XCTAssertEqual(charts, 2)
    }

    func testSurvivalCurvesAreTheKaplanMeierTable() throws {
        let km = try table("kaplan_meier.csv")
        let doc = try document()
        var curves = 0
        for section in doc.sections {
            for case .lines(let chart) in section.charts where chart.yLabel == "Andel uten hendelse" && !chart.title.hasPrefix("Livstabell") {
                let event = km.rows.first { row in section.title.hasSuffix(ReportLabels(language: .nb).event(row[0].textValue)) }![0].textValue
                for series in chart.series {
                    curves += 1
                    let period = series.name == "Førperiode" ? "baseline" : "comparison"
                    let rows = km.rows.filter { $0[0] == .text(event) && $0[1] == .text(period) }
                    XCTAssertEqual(series.points, rows.map { ChartPoint(x: Double($0[2].intValue!), y: $0[6].doubleValue!) })
                    XCTAssertEqual(series.band, rows.map { ChartBand(x: Double($0[2].intValue!), low: $0[8].doubleValue!, high: $0[9].doubleValue!) })
                    XCTAssertTrue(series.steps)
                }
            }
        }
        // Five events, two periods each, but `transferred` has spells in one period only.
        XCTAssertEqual(curves, 9)
        let ci = try table("cumulative_incidence.csv")
        let chart = try XCTUnwrap(doc.sections.first { $0.name == "Kumulativ insidens" }?.charts.first)
        guard case .lines(let lines) = chart else { return XCTFail("incidence chart") }
        let transferred = try XCTUnwrap(lines.series.first { $0.name == "Overført til annen enhet, sammenligningsperiode" })
        XCTAssertEqual(transferred.points, ci.rows.filter { $0[0] == .text("comparison") && $0[2] == .text("transferred") }
                        .map { ChartPoint(x: Double($0[1].intValue!), y: $0[3].doubleValue!) })
    }

    /// With a limit, no count below it is printed, no row of status counts has a lone
    /// suppressed cell, and a shown share never rests on a suppressed count.
    func testSuppressedReport() throws {
        let doc = try document(minCell: 10)
        XCTAssertTrue(doc.notes[0].hasPrefix("«:» Prikket: færre enn 10"))
        var suppressed = 0
        for section in doc.sections {
            for t in section.tables {
                // Leaf header texts tell counts from shares.
                let leaf = t.header.last!
                var kinds = [String]()
                for h in leaf { kinds += Array(repeating: h.text, count: h.span) }
                for row in t.rows {
                    for (c, cell) in row.enumerated() {
                        if case .number(let x, .count) = cell, ["Avganger", "Antall", "I risiko", "Hendelser", "Sensurert", "Inn"].contains(kinds[c]) {
                            // (A 0 the published figures give anyway is printed.)
                            XCTAssertTrue(x == 0 || x >= 10, "\(t.title) \(kinds[c])")
                        }
                        if cell == .suppressed { suppressed += 1 }
                        if kinds[c] == "Prosent", case .number = cell {
                            XCTAssertNotEqual(row[c - 1], .suppressed, "\(t.title): a share beside a suppressed count")
                        }
                    }
                    if t.title == "Avganger og status to måneder etter avgang" {
                        // Exits, work, work_benefit, disability, other (work_total is derived).
                        let counts = [row[2], row[3], row[5], row[9], row[11]]
                        XCTAssertNotEqual(counts.filter { $0 == .suppressed }.count, 1, "\(row[0]) \(row[1])")
                    }
                }
            }
        }
        XCTAssertGreaterThan(suppressed, 100)
        // Status bars under the limit: "Other" (four statuses, two always blanked zeros) is the
        // rest of the published exits, so bars are drawn and still add up to 100.
        var drawn = 0
        for section in doc.sections {
            for case .stackedBars(let chart) in section.charts {
                for bar in chart.values where !bar.contains(where: { $0 == nil }) {
                    drawn += 1
                    XCTAssertEqual(bar.reduce(0) { $0 + $1! }, 100, accuracy: 1e-9)
                }
            }
        }
        XCTAssertGreaterThan(drawn, 0)
        // Kaplan-Meier estimates blanked under the limit are marked ':' (not '.', "no value").
        var marked = 0
        for section in doc.sections {
            for t in section.tables where t.title.hasPrefix("Kaplan-Meier") {
                let leaf = t.header.last!.flatMap { Array(repeating: $0.text, count: $0.span) }
                for row in t.rows {
                    for (c, cell) in row.enumerated() where leaf[c] == "Andel uten hendelse" {
                        XCTAssertNotEqual(cell, .empty, t.title)
                        if cell == .suppressed { marked += 1 }
                    }
                }
            }
        }
        XCTAssertGreaterThan(marked, 0)
        // The exits in the tables, less the visible cells, would give back a lone blanked cell.
        let exitsLine = { (doc: ReportDocument) in doc.about.first { $0.label == "Avganger i tabellene" }?.value }
        XCTAssertEqual(exitsLine(doc), ":")
        XCTAssertEqual(exitsLine(try document()), "5\u{00A0}921")
        // The run's own limit is a floor for the report's.
        var facts = RunFacts()
        facts.minCellCount = 10
        XCTAssertEqual(ReportBuilder(tables: [], facts: facts, language: .nb, minCellCount: 3).minCellCount, 10)
    }

    func testCoxTermsLeftOutAndTiesInTheReportsLanguage() {
        let nb = ReportLabels(language: .nb), en = ReportLabels(language: .en)
        XCTAssertEqual(nb.droppedTerms("comparison_period (no variation)"), "Sammenligningsperiode (ingen variasjon)")
        XCTAssertEqual(nb.droppedTerms("male (no variation); edu_H5 (collinear with other terms)"),
                       "Mann (ingen variasjon); Utdanning: høyere, over 4 år (kollineær med andre variabler)")
        XCTAssertEqual(en.droppedTerms("laid_off (no variation)"), "Laid off (no variation)")
        XCTAssertEqual(nb.droppedTerms(""), "")
    }

    /// The workbook-only tables (breakdowns by month) are named in HTML as in Markdown, not printed.
    func testHTMLNamesTheWorkbookOnlyTables() throws {
        let doc = try document()
        let workbookOnly = doc.sections.filter(\.workbookOnly)
        XCTAssertFalse(workbookOnly.isEmpty)
        let html = HTMLReportWriter().render(doc)
        XCTAssertTrue(html.contains("<h2>Flere tabeller i report.xlsx</h2>"))
        XCTAssertTrue(html.contains("<a href=\"#workbook\">"))
        for section in workbookOnly {
            XCTAssertTrue(html.contains("«\(section.name)»"), section.name)
            XCTAssertFalse(html.contains("<h2>\(section.title)</h2>"), section.title)
        }
    }

    func testCoxNoteNamesTheTiesUsed() throws {
        let cox = try XCTUnwrap(try document().sections.flatMap(\.tables).first { $0.title.hasPrefix("Cox") })
        XCTAssertTrue(cox.note?.contains("Like tider (ties): Efron.") ?? false, "\(String(describing: cox.note))")
    }

    func testNumbersInEachLanguage() {
        XCTAssertEqual(ReportLanguage.nb.format(1234567, .count), "1\u{00A0}234\u{00A0}567")
        XCTAssertEqual(ReportLanguage.en.format(1234567, .count), "1,234,567")
        XCTAssertEqual(ReportLanguage.nb.format(47.79874, .percent), "47,8")
        XCTAssertEqual(ReportLanguage.nb.format(-1.3446, .percent), "\u{2212}1,3")
        XCTAssertEqual(ReportLanguage.en.format(-1.3446, .percent), "-1.3")
        XCTAssertEqual(ReportLanguage.nb.format(-0.01, .percent), "0,0")
        XCTAssertEqual(ReportLanguage.en.format(0.87321, .fraction), "0.873")
        XCTAssertEqual(ReportLanguage.en.format(0.00004, .pValue), "< 0.001")
        XCTAssertEqual(ReportLanguage.nb.format(0, .pValue), "< 0,001")
        XCTAssertEqual(ReportLanguage.nb.format(0.001, .pValue), "0,001")
        XCTAssertEqual(ReportLanguage.en.format(0.4011, .pValue), "0.401")
        XCTAssertEqual(ReportLanguage.nb.text(.suppressed), ":")
        XCTAssertEqual(ReportLanguage.nb.text(.empty), ".")
    }

    func testMarkdownFlattensHeadersAndEscapes() {
        var doc = ReportDocument(title: "T", language: .en, about: [AboutLine("Run", "a|b")], notes: ["n"])
        let table = ReportTable(title: "Shares <all>", header: [
            [HeaderCell("", span: 1), HeaderCell("Treatment", span: 2)],
            [HeaderCell("Unit"), HeaderCell("Number"), HeaderCell("Per cent")],
        ], rowHeaderColumns: 1, rows: [[.text("0301 *"), .number(1234, .count), .suppressed], [.text("total"), .empty, .number(9.95, .percent)]])
        doc.sections = [ReportSection(name: "S", title: "Section", tables: [table]),
                        ReportSection(name: "Long", title: "Long table", tables: [table], workbookOnly: true)]
        let md = MarkdownReportWriter().render(doc)
        XCTAssertTrue(md.contains("| Run | a\\|b |"))
        XCTAssertTrue(md.contains("### Shares \\<all\\>\n\n| Unit | Treatment · Number | Treatment · Per cent |\n|---|---:|---:|\n| 0301 \\* | 1,234 | : |\n| total | . | 9.9 |\n"), md)
        XCTAssertEqual(md.components(separatedBy: "### Shares").count, 2, "the workbook-only section is not printed")
        XCTAssertTrue(md.contains("- Long table (sheet «Long»)"))
    }

    func testReportSettings() throws {
        let dir = temporaryDirectory()
        try #"{"report": {"formats": ["md", "html"], "lang": "en"}}"#.write(toFile: dir + "/p.json", atomically: true, encoding: .utf8)
        let c = try Configuration.load(path: dir + "/p.json")
        XCTAssertEqual(c.report.formats, [.md, .html])
        XCTAssertEqual(c.report.language, .en)
        try #"{"report": {"formats": ["pdf"]}}"#.write(toFile: dir + "/p.json", atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Configuration.load(path: dir + "/p.json")) { error in
            XCTAssertTrue("\(error)".contains("unknown format \"pdf\""), "\(error)")
        }
    }
}

extension ReportTests {
    /// `report.xlsx` of the sample run, read back with ZIPFoundation and XMLParser: the exit
    /// sheet holds the published counts and shares as numbers, unrounded, with their formats.
    func testWorkbookCellsAreThePublishedNumbers() throws {
        let csv = try table("exit_cohorts.csv")
        let data = try XlsxWriter().data(try document())
        let book = try XlsxWriterTests.Workbook(data)
        let sheet = try XCTUnwrap(book.sheetNames.firstIndex(of: "Avganger")) + 1
        XCTAssertEqual(book.sheetNames.first, "Om kjøringen")
        // The first body row is the one whose column A holds the first month, as a date.
        let month = { (text: String) in ExcelDate.serial(month: text) }
        let firstRow = try XCTUnwrap((1...20).first { book.value(sheet, "A\($0)") as? Double == month(csv.rows[0][0].textValue) })
        XCTAssertEqual(book.numberFormat(sheet, "A\(firstRow)"), "yyyy-mm")
        let pane = try XCTUnwrap(book.sheet(sheet).first("pane"))
        XCTAssertEqual(pane["topLeftCell"], "C\(firstRow)", "headers and row labels frozen")
        for i in 0..<(csv.rows.count / 4) {
            let r = firstRow + i
            let published = Array(csv.rows[(4 * i)..<(4 * i + 4)])
            XCTAssertEqual(book.value(sheet, "A\(r)") as? Double, month(published[0][0].textValue))
            XCTAssertEqual(book.value(sheet, "C\(r)") as? Double, Double(published[0][4].intValue!))
            XCTAssertEqual(book.numberFormat(sheet, "C\(r)"), "#,##0")
            // work (D, E) and work_benefit (F, G) as published; E and G unrounded shares.
            for (k, column) in [("D", "E"), ("F", "G")].enumerated() {
                XCTAssertEqual(book.value(sheet, "\(column.0)\(r)") as? Double, Double(published[k][3].intValue!))
                XCTAssertEqual(book.value(sheet, "\(column.1)\(r)") as? Double, published[k][5].doubleValue)
                XCTAssertEqual(book.numberFormat(sheet, "\(column.1)\(r)"), "0.0")
            }
        }
        XCTAssertNil(book.value(sheet, "A\(firstRow + csv.rows.count / 4)"), "no row past the table")
    }
}

extension ReportTests {
    /// A report at a higher limit than its run suppresses plain comparisons with the exit table,
    /// so it must know which they are from the manifest: by the recorded settings, with the
    /// rule of `Comparison.plain` (groups, `filter`, and the overrides of group `all`).
    func testPlainComparisonsAreKnownFromTheManifest() throws {
        let config = try Configuration.load(path: SampleDataFixtureTests.repository.appendingPathComponent("pipeline.json").path)
        func plain(_ config: Configuration) throws -> [String: Bool] {
            var manifest = Manifest()
            manifest.configuration = config.effective
            // Through the file's bytes, as the report reads it.
            let read = try Manifest.decoded(try manifest.encoded(), file: "manifest.json")
            let facts = RunFacts(read)
            XCTAssertEqual(facts.comparisons.map(\.plain), config.comparisons.map { $0.plain != nil }, "the rule of Comparison.plain")
            return Dictionary(uniqueKeysWithValues: facts.comparisons.map { ($0.name, $0.plain) })
        }
        XCTAssertEqual(try plain(config), ["example": false, "all_exits": true])
        // A filter makes a comparison without groups not plain, in either period.
        var filtered = config
        filtered.comparisons = filtered.comparisons.map { var c = $0; c.filter.tiltak = ["ARBTREN"]; return c }
        XCTAssertEqual(try plain(filtered), ["example": false, "all_exits": false])
        var overridden = config
        overridden.comparisons[1].filterOverrides = [.init(.all, .comparison): .init(enhet: ["0301"])]
        XCTAssertEqual(try plain(overridden), ["example": false, "all_exits": false])
        // Overrides that lift the filter in both periods make it plain again.
        for period in Comparison.Period.allCases { filtered.comparisons[1].filterOverrides[.init(.all, period)] = .init(tiltak: []) }
        XCTAssertEqual(try plain(filtered), ["example": false, "all_exits": true])
    }
}

extension ReportTests {
    /// §7a in the report: the profile and entries, a quantile table and a life-table curve per
    /// event, the joint tests beside the Cox table, and the stacked picture of leaving the unit
    /// whose parts are the cumulative incidences and add up to 100.
    func testTargetGroupQuantilesTestsAndStackedIncidence() throws {
        let doc = try document(.en)
        let who = try XCTUnwrap(doc.sections.first { $0.name == "Who enters" })
        XCTAssertEqual(who.tables.map(\.title), ["Characteristics at entry", "Entries by route and month"])
        let job = try XCTUnwrap(doc.sections.first { $0.title == "Time to event: Job" })
        let months = try XCTUnwrap(job.tables.first { $0.title == "Months to the event: Job" })
        // Every printed estimate and bound is the published table's number (read back typed).
        let published = try csvRecords(atPath: Self.sampleOutput + "/survival_quantiles.csv").filter { $0["event"] == "job" }
            .flatMap { row in ["months", "ci_low", "ci_high"].compactMap { row[$0].flatMap(Double.init) } }
        let printed = months.rows.flatMap { $0.dropFirst() }.compactMap { cell -> Double? in
            if case .number(let x, _) = cell { return x } else { return nil }
        }
        XCTAssertFalse(published.isEmpty)
        XCTAssertEqual(printed.sorted(), published.sorted())
        let lifeTables = try table("lifetables.csv")
        let curve = try XCTUnwrap(job.charts.lazy.compactMap { chart -> LineChart? in
            if case .lines(let c) = chart, c.title.hasPrefix("Life table") { return c } else { return nil }
        }.first)
        XCTAssertEqual(curve.series.first?.points, lifeTables.rows.filter { $0[0] == .text("job") && $0[1] == .text("baseline") }
            .map { ChartPoint(x: Double($0[2].intValue!), y: $0[10].doubleValue!) })
        let cox = try XCTUnwrap(doc.sections.first { $0.name == "Cox regression" })
        XCTAssertEqual(cox.tables.map(\.title), ["Cox regression (hazard ratios)", "Joint test per factor (Wald)", "Model fit"])
        let incidence = try table("cumulative_incidence.csv")
        let section = try XCTUnwrap(doc.sections.first { $0.name == "Cumulative incidence" })
        var checked = 0
        for case .stackedBars(let chart) in section.charts {
            XCTAssertEqual(chart.segments, ["Transferred", "Deregistered", "Still at the unit"])
            let transferred = incidence.rows.filter { $0[2] == .text("transferred") }.map { 100 * $0[3].doubleValue! }
            XCTAssertEqual(chart.values.map { $0[0]! }, transferred)
            for values in chart.values { XCTAssertEqual(values.map { $0! }.reduce(0, +), 100, accuracy: 1e-9) }
            checked += 1
        }
        XCTAssertEqual(checked, 1)
    }
}
