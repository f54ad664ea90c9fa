import XCTest
@testable import Catalogue
@testable import Pipeline
@testable import Tables
import Episodes

/// The catalogue against what a run publishes: every table of a sample run (with comparisons,
/// stocks, survival, quarterly and yearly cohorts and a crossed breakdown) is declared, with its header, unique keys, and cells that read back
/// as the same values; and the catalogue declares nothing the run does not write.
final class CatalogueTests: XCTestCase {
    /// `pipeline.json` on `sample-data/` with every optional table switched on.
    static let everyTable = sampleRun { config in
        config.report.formats = []
        config.cohortPeriods = CohortPeriod.allCases
        config.cohortCrossings = [CrossedBreakdown(.kjonn, .aldersgruppe)]
    }

    func testEveryPublishedTableIsDeclaredWithItsHeaderAndKeys() throws {
        let folder = Self.everyTable
        let names = try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { $0.hasSuffix(Catalogue.tableSuffix) && $0 != Catalogue.quarantine }.sorted()
        var seen = Set<String>()
        for name in names {
            guard let match = Catalogue.table(ofFile: name) else { XCTFail("\(name): not in the catalogue"); continue }
            let (spec, parameter) = match
            seen.insert(spec.fileName)
            let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
            let table = try CSVTable.read(name: name, text: text)
            let written = spec.columns(parameter: parameter, including: spec.optional.filter { table.column($0) != nil })
            XCTAssertEqual(Array(table.header.prefix(written.count)), written.map(\.name), name)
            XCTAssertTrue(spec.further != nil || table.header.count == written.count, "\(name): columns not declared")
            // The keys (and any further columns) identify a row.
            let keys = spec.keys.flatMap { $0.named(by: parameter) }.compactMap(table.column) + Array(written.count..<table.header.count)
            XCTAssertEqual(Set(table.rows.map { row in keys.map { row[$0] } }).count, table.rows.count, "\(name): keys repeat")
            XCTAssertEqual(table.csvText(), text, "\(name) reads back as written")
        }
        XCTAssertEqual(seen, Set(Catalogue.tables.map(\.fileName)), "declared but not written by the sample run")
    }

    /// The catalogue's default status classes are those of §2 as the episodes define them.
    func testStatusClassesAreThoseOfTheStandardCategories() {
        let standard = OutcomeCategories.standard().classMembers
        XCTAssertEqual(standard.map(\.headline), Catalogue.statusClasses.map(\.headline))
        XCTAssertEqual(standard.map(\.categories), Catalogue.statusClasses.map(\.categories))
    }

    /// Each file belongs to one table: names are unique and no pattern takes another's file.
    func testEveryFileNameBelongsToOneTable() {
        XCTAssertEqual(Set(Catalogue.tables.map(\.fileName)).count, Catalogue.tables.count)
        for spec in Catalogue.tables {
            let file = spec.fileName("kjonn")
            XCTAssertEqual(Catalogue.tables.filter { $0.parameter(ofFile: file) != nil }.map(\.fileName), [spec.fileName], file)
        }
    }

    func testFileNamesFindTheirTable() {
        XCTAssertEqual(Catalogue.table(ofFile: "exit_cohorts.csv")?.spec, .exitCohorts)
        XCTAssertEqual(Catalogue.table(ofFile: "exit_cohorts_detailed.csv")?.spec, .exitCohortsDetailed)
        XCTAssertEqual(Catalogue.table(ofFile: "exit_cohorts_by_kjonn.csv")?.spec, .exitCohortsBy)
        XCTAssertEqual(Catalogue.table(ofFile: "exit_cohorts_by_kjonn.csv")?.parameter, "kjonn")
        XCTAssertEqual(Catalogue.table(ofFile: "stocks_by_enhet.csv")?.parameter, "enhet")
        XCTAssertNil(Catalogue.table(ofFile: "exit_cohorts_by_.csv"))
        XCTAssertNil(Catalogue.table(ofFile: "report.md"))
        XCTAssertNil(Catalogue.table(ofFile: Catalogue.quarantine))
        XCTAssertEqual(TableSpec.stocksBy.fileName("fylke"), "stocks_by_fylke.csv")
        XCTAssertEqual(CSVTable(.exitCohortsBy, parameter: "kjonn").header,
                       ["exit_month", "exit_status", "kjonn", "outcome", "count", "exits", "pct"])
        XCTAssertEqual(CSVTable(.cox).header.last, "flag")
        XCTAssertEqual(CSVTable(.coxTests, including: [.period]).header.prefix(2), ["event", "period"])
    }

    /// A period label is read back as written, coarsened to the period holding it, and any
    /// other text is no period (a comparison's `baseline`, a signed or short number).
    func testCalendarPeriodsAsTheTablesWriteThem() {
        for label in ["2022-01", "2022-09", "2022-12", "2022-Q1", "2022-Q4", "2022", "1999-10"] {
            XCTAssertEqual(CalendarPeriod(label)?.description, label)
        }
        XCTAssertEqual(CalendarPeriod.month(3, of: 2022).description, "2022-03")
        let coarsened: [(String, CalendarPeriod.Unit, String)] = [
            ("2022-01", .quarter, "2022-Q1"), ("2022-03", .quarter, "2022-Q1"), ("2022-04", .quarter, "2022-Q2"),
            ("2022-12", .quarter, "2022-Q4"), ("2022-12", .year, "2022"), ("2022-Q3", .year, "2022"),
            ("2022-05", .month, "2022-05"), ("2022-Q3", .quarter, "2022-Q3"), ("2022-Q3", .month, "2022-Q3"), ("2022", .quarter, "2022"),
        ]
        for (label, unit, expected) in coarsened {
            XCTAssertEqual(CalendarPeriod(label)?.coarsened(to: unit).description, expected, "\(label) to \(unit)")
        }
        for text in ["", "baseline", "2022-13", "2022-00", "2022-Q5", "2022-Q0", "22-05", "2022-5", "2022-05-01", "+022",
                     "2022-+5", "2022-Q+1", "2022-Q01", "2022-q1", "２０２２"] {
            XCTAssertNil(CalendarPeriod(text), text)
        }
    }

    /// The calendar quarters of a row (the disclosure audit's regions): a month's and a
    /// quarter's row their quarter, a year's its four; the survival tables' `month` (months
    /// since entry) and a comparison's period are no calendar.
    func testRowsCountInTheirCalendarQuarters() throws {
        XCTAssertEqual(CalendarPeriod("2022-05")?.quarters, [2022 * 4 + 1])
        XCTAssertEqual(CalendarPeriod("2022-Q4")?.quarters, [2022 * 4 + 3])
        XCTAssertEqual(CalendarPeriod("2022")?.quarters, (0..<4).map { 2022 * 4 + $0 })
        let folder = Self.everyTable
        func quarters(_ file: String) throws -> (table: CSVTable, quarters: [[Int]]) {
            let table = try CSVTable.read(name: file, text: String(contentsOfFile: folder + "/" + file, encoding: .utf8))
            XCTAssertFalse(table.rows.isEmpty, file)
            return (table, Catalogue.calendarQuarters(of: table))
        }
        // The sample's first exit month is 2020-11 (its fourth quarter); its first complete quarter 2021-Q1.
        XCTAssertEqual(try quarters("exit_cohorts.csv").quarters.first, [2020 * 4 + 3])
        XCTAssertEqual(try quarters("exit_cohorts_quarterly_by_kjonn.csv").quarters.first, [2021 * 4])
        XCTAssertEqual(try quarters("exit_cohorts_yearly.csv").quarters.first, (0..<4).map { 2021 * 4 + $0 })
        let stocks = try quarters("stocks_by_enhet.csv")
        // Each stock month's quarter, worked out here from its digits.
        XCTAssertEqual(stocks.quarters, stocks.table.rows.map { row -> [Int] in
            let text = row[0].textValue
            return [Int(text.prefix(4))! * 4 + (Int(text.suffix(2))! - 1) / 3]
        })
        XCTAssertTrue(stocks.quarters.allSatisfy { $0.count == 1 })
        XCTAssertTrue(try quarters("kaplan_meier.csv").quarters.allSatisfy(\.isEmpty))
        XCTAssertTrue(try quarters("comparison_status.csv").quarters.allSatisfy(\.isEmpty))
    }

    /// A column's kind decides a cell's type, whatever its name: `month` is a calendar month
    /// in the stocks and months since entry in the Kaplan-Meier table; a quantile's `months`
    /// is a number (the report printed "." for it when a hand list of names missed it).
    func testCellsAreTypedByTheirTablesColumns() throws {
        let km = try CSVTable.read(name: "kaplan_meier.csv", text: "event,period,month,at_risk\nx,baseline,3,10\n")
        XCTAssertEqual(km.rows[0], [.text("x"), .text("baseline"), .count(3), .count(10)])
        let stocks = try CSVTable.read(name: "stocks_by_enhet.csv", text: "month,enhet,count,pct\n2024-01,0301,4,12.5\n")
        XCTAssertEqual(stocks.rows[0], [.text("2024-01"), .text("0301"), .count(4), .number(12.5)])
        let quantiles = try CSVTable.read(name: "survival_quantiles.csv", text: "event,period,quantile,months\nx,all,25,3.5\n")
        XCTAssertEqual(quantiles.rows[0], [.text("x"), .text("all"), .text("25"), .number(3.5)])
        // Not a published table: text, whatever the column names.
        XCTAssertEqual(try CSVTable.read(name: "other.csv", text: "count\n1\n").rows[0], [.text("1")])
        XCTAssertThrowsError(try CSVTable.read(name: "logrank.csv", text: "event,df\nx,1.5\n")) { error in
            XCTAssertEqual("\(error)", "logrank.csv:2: df: expected a whole number")
        }
    }
}
