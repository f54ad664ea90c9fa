import XCTest
@testable import Extracts
@testable import Pipeline
@testable import Tables
@testable import Report

/// A person key written into a code field is never published: a key of the usual form is set
/// aside by the measure code's form, and under a small-cell limit a code seen for fewer
/// persons than the limit is published as `(rare n)`, never by name.
final class MeasureCodeDisclosureTests: XCTestCase {
    func run(_ b: ExtractSetBuilder, minCell: Int, formats: [ReportFormat] = []) throws -> (RunSummary, String) {
        var c = Configuration()
        c.input.directory = try b.write()
        c.output.directory = temporaryDirectory() + "/out"
        c.output.minCellCount = minCell
        c.input.maxRejectedShare = 1
        c.cohortBreakdowns = [.tiltak]
        c.report.formats = formats
        return (try PipelineRun(config: c).run(), c.output.directory)
    }

    /// 12 persons in ARBTREN every month, one in a code of the key's form.
    func codes(rare: String) -> ExtractSetBuilder {
        var b = smallExtractSet()
        for i in 0..<8 {
            for k in 0..<12 { b.register("T\(k)", i, tiltak: "ARBTREN") }
            b.register("KEYED", i, tiltak: rare)
        }
        return b
    }

    func published(_ dir: String) throws -> String {
        var text = ""
        for name in try FileManager.default.contentsOfDirectory(atPath: dir) where name != "quarantine.csv" {
            if name == "report.xlsx" {
                for (_, xml) in try XlsxWriterTests.Workbook(Data(contentsOf: URL(fileURLWithPath: "\(dir)/\(name)"))).parts {
                    text += xml.all("t").map(\.text).joined(separator: "\n")
                }
            } else if let s = try? String(contentsOfFile: "\(dir)/\(name)", encoding: .utf8) {
                text += s
            }
        }
        return text
    }

    func testAKeyOfTheUsualFormInTiltakIsSetAside() throws {
        let (summary, dir) = try run(codes(rare: "P0000014on"), minCell: 0)
        XCTAssertEqual(summary.rowsSetAside, 8)
        let quarantine = try String(contentsOfFile: "\(dir)/quarantine.csv", encoding: .utf8)
        XCTAssertTrue(quarantine.contains("tiltak: 'P0000014on' is not a measure code"), quarantine)
        XCTAssertFalse(try published(dir).contains("P0000014on"))
        for bad in ["arbtren", "1ABC", "AB-C", "A B", String(repeating: "A", count: 33)] {
            let ok = bad.utf8CString.withUnsafeBufferPointer { p in
                p.baseAddress!.withMemoryRebound(to: UInt8.self, capacity: bad.utf8.count) { FieldRules.isCode($0, bad.utf8.count) }
            }
            XCTAssertFalse(ok, bad)
        }
    }

    func testUnderALimitARareCodeIsNotPublishedByName() throws {
        let (_, dir) = try run(codes(rare: "PX12345"), minCell: 5, formats: [.xlsx, .html, .md])
        let text = try published(dir)
        XCTAssertFalse(text.contains("PX12345"))
        XCTAssertTrue(text.contains("ARBTREN"))
        let stocks = try String(contentsOfFile: "\(dir)/stocks_by_enhet.csv", encoding: .utf8)
        XCTAssertTrue(stocks.contains(",ARBS,(rare 1),"), stocks)
        let exits = try String(contentsOfFile: "\(dir)/exit_cohorts_by_tiltak.csv", encoding: .utf8)
        XCTAssertFalse(exits.contains("PX12345"))
        // Without a limit nothing is hidden: the code has the form of a measure.
        let (_, open) = try run(codes(rare: "PX12345"), minCell: 0)
        XCTAssertTrue(try String(contentsOfFile: "\(open)/stocks_by_enhet.csv", encoding: .utf8).contains(",ARBS,PX12345,"))
    }

    func testRareCodesAreTheOnesUnderTheLimitInEveryMonth() throws {
        var b = ExtractSetBuilder(from: "2022-01", to: "2022-03")
        for k in 0..<5 { b.register("A\(k)", 1, tiltak: "WIDE") }          // 5 persons in one month
        for i in 0..<3 { for k in 0..<4 { b.register("B\(k)", i, tiltak: "NARROW") } }   // 4 every month
        b.register("C", 0, tiltak: "ALONE")
        let (panel, _) = try exits(in: try b.write())
        let aliases = RareMeasureCodes.aliases(in: panel, months: 0..<3, limit: 5)
        XCTAssertEqual(Set(aliases.values), ["(rare 1)", "(rare 2)"])
        XCTAssertEqual(aliases[panel.measureCode("ALONE")!], "(rare 1)")
        XCTAssertEqual(aliases[panel.measureCode("NARROW")!], "(rare 2)")
        XCTAssertNil(aliases[panel.measureCode("WIDE")!])
        XCTAssertEqual(RareMeasureCodes.aliases(in: panel, months: 0..<3, limit: 0), [:])
    }
}
