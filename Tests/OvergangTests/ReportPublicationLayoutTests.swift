import XCTest
import Catalogue
@testable import Pipeline
@testable import Report
@testable import Tables

/// The report in the publications' layouts: the KIN comparison per period with each group's
/// offices and "I alt" (the printed table 2-1, and every number equal to `comparisons.csv`),
/// the changes, z and marks, the benefits and measures of those in work, the measure-stock
/// chart (against `Fixtures/report/measure_stock.py`, read from the extracts); NAV's table per
/// quarter with the run's categories; and the exit times and quarterly headline tables.
final class ReportPublicationLayoutTests: XCTestCase {
    /// One run of an example configuration, its output folder.
    static func run(_ example: String) -> String {
        var config = try! Configuration.load(path: SampleDataFixtureTests.repository.appendingPathComponent("examples/\(example).json").path)
        config.output.directory = temporaryDirectory() + "/out"
        config.cache.enabled = false
        config.report.formats = []
        _ = try! PipelineRun(config: config).run()
        return config.output.directory
    }

    static let kin = run("kin")
    static let nav = run("nav-official")

    func document(_ folder: String, minCell: Int = 0) throws -> ReportDocument {
        try ReportStage(folder: folder, language: .nb, minCellCount: minCell, formats: []).document()
    }

    func number(_ cell: ReportCell) -> Double? {
        if case .number(let x, _) = cell { return x } else { return nil }
    }

    func text(_ cell: ReportCell) -> String {
        if case .text(let s) = cell { return s } else { return "" }
    }

    func table(_ doc: ReportDocument, titled prefix: String) throws -> ReportTable {
        try XCTUnwrap(doc.sections.flatMap(\.allTables).first { $0.title.hasPrefix(prefix) }, prefix)
    }

    /// Table 2-1 as printed, and every number of the period and change tables as published.
    func testKINComparisonInThePublicationsLayout() throws {
        let doc = try document(Self.kin)
        let offices = try csvRecords(atPath: KINReplicationTests.folder.appendingPathComponent("offices.csv").path)
        let name = Dictionary(uniqueKeysWithValues: offices.map { ($0["enhet"]!, $0["office"]!) })
        let printed = try csvRecords(atPath: KINReplicationTests.folder.appendingPathComponent("published/table_2-1_counts.csv").path)
        let csv = try csvRecords(atPath: Self.kin + "/comparisons.csv")
        for (period, title) in [("baseline", "Førperiode: avganger"), ("comparison", "Sammenligningsperiode: avganger")] {
            let t = try table(doc, titled: title)
            let expected = printed.filter { $0["period"] == period }
            XCTAssertEqual(t.rows.map { name[text($0[1])] ?? text($0[1]) }, expected.map { $0["office"]! }, "the publication's rows")
            XCTAssertEqual(t.rows.map { text($0[0]) }, expected.map { $0["group"] == "treatment" ? "Forsøk" : "Kontroll" })
            for (row, p) in zip(t.rows, expected) {
                XCTAssertEqual([row[2], row[3], row[5], row[7]].map(number), ["exits", "work", "work_benefit", "work_total"].map { Double(p[$0]!) },
                               "table 2-1, \(period), \(p["office"]!)")
                let unit = try unit(of: text(row[1]), group: p["group"]!)
                for (k, measure) in ["work", "work_benefit", "work_total"].enumerated() {
                    let r = try XCTUnwrap(csv.first { $0["comparison"] == "kin" && $0["unit"] == unit && $0["measure"] == measure })
                    XCTAssertEqual(number(row[4 + 2 * k]), Double(r["\(p["group"]!)_\(period)_pct"]!), "\(unit) \(measure)")
                }
            }
        }
        let changes = try table(doc, titled: "Endring fra førperioden")
        for row in changes.rows {
            let group = text(row[0]) == "Forsøk" ? "treatment" : "control"
            let unit = try unit(of: text(row[1]), group: group)
            for (k, measure) in ["work", "work_benefit", "work_total"].enumerated() {
                let r = try XCTUnwrap(csv.first { $0["comparison"] == "kin" && $0["unit"] == unit && $0["measure"] == measure })
                XCTAssertEqual(number(row[2 + k]), Double(r["\(group)_change_pp"]!), "\(unit) \(measure) change")
            }
        }
        // The DiD with interval, z and the mark, and the marks' legend.
        let key = try table(doc, titled: "Hovedresultat")
        XCTAssertEqual(key.header[0].map(\.text), ["Enhet", "Mål", "Forskjell i forskjeller (pp)", "95 % KI, nedre", "95 % KI, øvre", "z", "p (ensidig)", "Merke"])
        let kinRows = csv.filter { $0["comparison"] == "kin" }
        XCTAssertEqual(key.rows.map { number($0[5]) }, kinRows.map { Double($0["z"]!) })
        XCTAssertEqual(key.rows.map { text($0[7]) }, kinRows.map { $0["mark"]! })
        XCTAssertTrue(key.note?.contains("# |z| ≥ 3,12") ?? false)
    }

    /// A report row's unit in `comparisons.csv`: a control office's pair is named by its treatment office.
    func unit(of office: String, group: String) throws -> String {
        if office == "I alt" { return "total" }
        guard group == "control" else { return office }
        let pairs = [["1201", "1202"], ["1301", "1302"], ["1401", "1402"], ["1501", "1502"], ["1601", "1602"]]
        return try XCTUnwrap(pairs.first { $0[1] == office })[0]
    }

    /// The benefits and measures tables: each count and share as published, a code without a row 0.
    func testKINBenefitsAndMeasuresAsPublished() throws {
        let doc = try document(Self.kin)
        for (prefix, file, column) in [("Ytelser blant", "comparison_benefits.csv", "benefit"), ("Tiltak blant", "comparison_measures.csv", "tiltak")] {
            let t = try table(doc, titled: prefix)
            let csv = try csvRecords(atPath: Self.kin + "/" + file).filter { $0["comparison"] == "kin" }
            let codes = t.header[0].dropFirst().map(\.text)
            XCTAssertEqual(Set(codes), Set(csv.map { $0[column]! }))
            XCTAssertEqual(t.rows.count, Set(csv.map { "\($0["period"]!)/\($0["group"]!)/\($0["unit"]!)" }).count)
            var seen = 0
            for row in t.rows {
                let period = text(row[0]) == "Førperiode" ? "baseline" : "comparison", group = text(row[1]) == "Forsøk" ? "treatment" : "control"
                let unit = try unit(of: text(row[2]), group: group)
                for (k, code) in codes.enumerated() {
                    let r = csv.first { $0["period"] == period && $0["group"] == group && $0["unit"] == unit && $0[column] == code }
                    XCTAssertEqual(number(row[3 + 2 * k]), Double(r?["count"] ?? "0"), "\(file) \(period) \(unit) \(code)")
                    XCTAssertEqual(number(row[4 + 2 * k]), Double(r?["pct"] ?? "0"), "\(file) \(period) \(unit) \(code)")
                    if r != nil { seen += 1 }
                }
            }
            XCTAssertEqual(seen, csv.count, "every published row shown")
        }
    }

    /// Each office's share of its measure stock in the comparison's measures, and the national
    /// line, equal the script's figures from the extracts.
    func testMeasureStockChartEqualsTheScript() throws {
        let doc = try document(Self.kin)
        let charts = doc.sections[0].charts.compactMap { c -> LineChart? in
            if case .lines(let l) = c, l.title.hasPrefix("Andel av tiltaksbeholdningen") { return l } else { return nil }
        }
        XCTAssertEqual(charts.count, 2, "trial offices, control offices")
        let reference = try csvRecords(atPath: ReportLayoutTests.fixtures.appendingPathComponent("measure_stock.csv").path)
        let months = Array(Set(reference.map { $0["month"]! })).sorted()
        var compared = 0
        for (chart, offices) in zip(charts, [["1201", "1301", "1401", "1501", "1601"], ["1202", "1302", "1402", "1502", "1602"]]) {
            XCTAssertEqual(chart.series.map(\.name), offices + ["Hele landet"])
            for (series, office) in zip(chart.series, offices + ["total"]) {
                let expected = reference.filter { $0["enhet"] == office }
                XCTAssertEqual(series.points.map { months[Int($0.x)] }, expected.map { $0["month"]! }, office)
                for (point, r) in zip(series.points, expected) {
                    XCTAssertEqual(point.y, Double(r["share"]!)!, accuracy: 1e-9, "\(office) \(r["month"]!)")
                    compared += 1
                }
            }
        }
        XCTAssertGreaterThan(compared, 500)
    }

    /// NAV's layout per quarter: the run's categories in their order, each exit status's
    /// share as published, the exits under them.
    func testNAVTablePerQuarterWithTheRunsCategories() throws {
        let doc = try document(Self.nav)
        let csv = try csvRecords(atPath: Self.nav + "/exit_cohorts_quarterly_detailed.csv")
        let quarters = Array(Set(csv.map { $0["exit_quarter"]! })).sorted()
        let order = ["Kun arbeidstaker", "Arbeidstakere med uføretrygd", "Arbeidstakere med annen ytelse/oppfølging", "Uføretrygd",
                     "Annen ytelse", "Nedsatt arbeidsevne", "Arbeidssøker", "Ukjent"]
        for q in quarters {
            let t = try table(doc, titled: "Status 6 måneder etter avgang, \(q)")
            XCTAssertEqual(t.header[0].map(\.text), ["Status etter avgang", "Arbeidssøker (%)", "Nedsatt arbeidsevne (%)"])
            XCTAssertEqual(t.rows.map { text($0[0]) }, order + ["Totalt antall"])
            for (s, status) in ["ARBS", "NEDS"].enumerated() {
                let rows = csv.filter { $0["exit_quarter"] == q && $0["exit_status"] == status }
                for (r, category) in order.enumerated() {
                    let p = try XCTUnwrap(rows.first { $0["outcome_detail"] == category })
                    XCTAssertEqual(number(t.rows[r][1 + s]), Double(p["pct"]!), "\(q) \(status) \(category)")
                }
                XCTAssertEqual(number(t.rows[order.count][1 + s]), Double(rows[0]["exits"]!))
            }
        }
        // The quarterly headline table, and the filter said where the exits are.
        let headline = try table(doc, titled: "Avganger og status etter avgang, per kvartal")
        let quarterly = try csvRecords(atPath: Self.nav + "/exit_cohorts_quarterly.csv")
        XCTAssertEqual(headline.rows.map { number($0[2]) }, Self.firstOfEach(quarterly, ["exit_quarter", "exit_status"]).map { Double($0["exits"]!) })
        XCTAssertTrue(doc.sections.first { $0.name == "Avganger" }?.intro?.contains("alder 20–66") ?? false)
    }

    static func firstOfEach(_ rows: [[String: String]], _ keys: [String]) -> [[String: String]] {
        var seen = Set<[String]>()
        return rows.filter { row in seen.insert(keys.map { row[$0]! }).inserted }
    }

    /// `overgang report --min-cell` suppresses with the run's categories: where one category
    /// of a class is blanked in a quarter, the class's count is too (else it gives it back).
    func testReportSuppressionUsesTheRunsCategories() throws {
        let stage = ReportStage(folder: Self.nav, language: .nb, minCellCount: 10, formats: [])
        let doc = try stage.document()
        XCTAssertFalse(doc.sections.isEmpty)
        let builder = try stage.builder()
        let detailed = try XCTUnwrap(builder.tables["exit_cohorts_quarterly_detailed.csv"])
        let headline = try XCTUnwrap(builder.tables["exit_cohorts_quarterly.csv"])
        let classes = builder.facts.classes
        var checked = 0
        for (key, rows) in ReportBuilder.groups(detailed, by: [.exitQuarter, .exitStatus]) {
            let count = { (name: String) in rows.map { detailed.rows[$0] }.first { $0[detailed.column("outcome_detail")!].textValue == name }?[detailed.column("count")!] }
            for c in classes where c.categories.count > 1 {
                let blanked = c.categories.filter { count($0)?.intValue == nil }
                guard blanked.count == 1 else { continue }
                let h = headline.rows.first { $0[0].textValue == key[0] && $0[1].textValue == key[1] && $0[headline.column("outcome")!].textValue == c.headline }
                XCTAssertNil(h?[headline.column("count")!].intValue, "\(key) \(c.headline): one category blanked, its class given")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 0)
    }

    /// The time before exit, as published.
    func testExitDurationsAsPublished() throws {
        let doc = try document(Self.kin)
        let t = try table(doc, titled: "Tid før avgang")
        let csv = try csvRecords(atPath: Self.kin + "/exit_durations.csv")
        XCTAssertEqual(t.rows.count, csv.count)
        XCTAssertEqual(t.rows.map { row in [3, 4, 5].map { number(row[$0]) } }, csv.map { r in ["exits", "mean_months", "median_months"].map { Double(r[$0]!) } })
    }
}
