import XCTest
@testable import Extracts
@testable import Pipeline
@testable import Statistics
@testable import Tables
@testable import Catalogue

/// Each small-CSV reader of the tool reads a quoted field as one field: a separator, a doubled
/// quote or a line break inside quotes belongs to the field (RFC 4180), and a broken quote is
/// an error naming the file and the line.
final class QuotedFieldTests: XCTestCase {
    func testSpellFileReadsASeparatorInsideQuotes() throws {
        let dir = temporaryDirectory()
        try "time;event;group\n3;1;\"a;b\"\n5;0;\"a;b\"\n2;1;c\n".write(toFile: dir + "/s.csv", atomically: true, encoding: .utf8)
        let semicolons = try SpellFile(path: dir + "/s.csv")
        XCTAssertEqual(semicolons.groups.keys.sorted(), ["a;b", "c"])
        XCTAssertEqual(semicolons.groups["a;b"]?.times, [3, 5])
        try "\"time\",\"event\",\"group\"\n3,1,\"x, \"\"y\"\"\"\n".write(toFile: dir + "/c.csv", atomically: true, encoding: .utf8)
        XCTAssertEqual(try SpellFile(path: dir + "/c.csv").groups.keys.sorted(), ["x, \"y\""])
    }

    func testCoxSpellFileReadsASeparatorInsideQuotes() throws {
        let dir = temporaryDirectory()
        let text = "time,event,region\n1,1,\"Oslo, sentrum\"\n2,0,Bergen\n3,1,\"Oslo, sentrum\"\n4,0,Bergen\n"
        try text.write(toFile: dir + "/c.csv", atomically: true, encoding: .utf8)
        let spells = try CoxSpellFile(path: dir + "/c.csv", time: "time", event: "event")
        XCTAssertEqual(spells.references["region"], "Bergen")
        XCTAssertEqual(spells.data.names, ["region_Oslo, sentrum"])
        XCTAssertEqual(spells.rowsRead, 4)
    }

    func testMonthlyCovariateReadsQuotedFields() throws {
        let dir = temporaryDirectory()
        try "\"month\",\"value\"\n\"2021-03\",\"12.5\"\n".write(toFile: dir + "/v.csv", atomically: true, encoding: .utf8)
        let covariate = try MonthlyCovariate.load(name: "vacancies", path: dir + "/v.csv")
        XCTAssertEqual(covariate.values, [Month(year: 2021, month: 3): 12.5])
        // One quoted field holding the separator is one field, not a month and a value.
        try "month,value\n\"2021-03,12.5\"\n".write(toFile: dir + "/w.csv", atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try MonthlyCovariate.load(name: "vacancies", path: dir + "/w.csv")) {
            XCTAssertEqual("\($0)", "\(dir)/w.csv: line 2: survival.covariates.vacancies: expected 2 fields (month,value), found 1")
        }
    }

    func testPublishedTableReaderRefusesBrokenQuotes() {
        XCTAssertEqual(try CSVTable.parseCSV("a,b\n\"x,\"\"y\"\"\",\"1\n2\"\n"), [["a", "b"], ["x,\"y\"", "1\n2"]])
        XCTAssertThrowsError(try CSVTable.parseCSV("a,b\n1,\"open\n2,3\n")) {
            XCTAssertEqual(($0 as? CSVReadError)?.line, 2)
            XCTAssertEqual(($0 as? CSVReadError)?.reason, "a quoted field is not closed")
        }
        XCTAssertThrowsError(try CSVTable.parseCSV("a,b\n1,2\n\"x\"y,3\n")) {
            XCTAssertEqual(($0 as? CSVReadError)?.line, 3)
        }
    }

    func testBrokenQuotesInSpellFilesNameTheFileAndLine() throws {
        let dir = temporaryDirectory()
        try "time,event,group\n1,1,a\n2,0,\"b\n".write(toFile: dir + "/s.csv", atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try SpellFile(path: dir + "/s.csv")) {
            XCTAssertEqual("\($0)", "\(dir)/s.csv: line 3: a quoted field is not closed")
        }
        XCTAssertThrowsError(try CoxSpellFile(path: dir + "/s.csv", time: "time", event: "event")) {
            XCTAssertEqual("\($0)", "\(dir)/s.csv: line 3: a quoted field is not closed")
        }
    }
}

extension QuotedFieldTests {
    /// A published table whose quoting is broken stops the report with its path and line.
    func testReportNamesATableWithABrokenQuote() throws {
        let folder = temporaryDirectory()
        try FileManager.default.copyItem(atPath: ReportTests.sampleOutput + "/manifest.json", toPath: folder + "/manifest.json")
        try "exit_month,exit_status,outcome,count\n2022-01,ARBS,\"work,3\n".write(toFile: folder + "/exit_cohorts.csv", atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try ReportStage(folder: folder, language: .en, minCellCount: 0, formats: []).document()) {
            XCTAssertEqual("\($0)", "\(folder)/exit_cohorts.csv:2: a quoted field is not closed")
        }
    }
}
