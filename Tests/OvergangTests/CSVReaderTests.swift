import Foundation
import XCTest
@testable import Tables
@testable import Catalogue

/// The small-CSV reader against Python's csv module (`Fixtures/csv/records.py`, output
/// committed), and its own rules: empty lines, separators, spaces, errors.
final class CSVReaderTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/csv")

    /// The fixture's records as Python reads them: [start line, fields], empty lines left out.
    private func expected(_ name: String) throws -> [CSVRecord] {
        let data = try Data(contentsOf: Self.folder.appendingPathComponent(name))
        let list = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [[Any]])
        return try list.map { CSVRecord(try XCTUnwrap($0[1] as? [String]), line: try XCTUnwrap($0[0] as? Int)) }
    }

    private func read(_ name: String, _ reader: CSVReader) throws -> [CSVRecord] {
        let data = try Data(contentsOf: Self.folder.appendingPathComponent(name))
        return try reader.records(String(decoding: data, as: UTF8.self), file: name)
    }

    func testRecordsAreThoseOfPythonsCSVModule() throws {
        let records = try read("quoting.csv", CSVReader())
        XCTAssertEqual(records.filter { !$0.isBlank }, try expected("quoting.json"))
        XCTAssertEqual(records.filter(\.isBlank).map(\.line), [9])
        XCTAssertEqual(try read("semicolons.csv", CSVReader(separator: .fromHeader)), try expected("semicolons.json"))
        XCTAssertEqual(try read("semicolons.csv", CSVReader(separator: .semicolon)), try expected("semicolons.json"))
    }

    private func fields(_ text: String, _ reader: CSVReader = CSVReader()) throws -> [[String]] {
        try reader.records(text, file: "t.csv").map(\.fields)
    }

    /// Empty texts, empty lines and a missing last line end, as the published tables are read.
    func testLineEndsAndEmptyLines() throws {
        XCTAssertEqual(try fields(""), [])
        XCTAssertEqual(try fields("x"), [["x"]])
        XCTAssertEqual(try fields("a,b\n1,2"), [["a", "b"], ["1", "2"]])
        XCTAssertEqual(try fields("a,b\n1,2\n"), [["a", "b"], ["1", "2"]])
        XCTAssertEqual(try fields("a\n\n"), [["a"], [""]])
        XCTAssertEqual(try fields(",\n,,\n"), [["", ""], ["", "", ""]])
        XCTAssertEqual(try fields("a,\n"), [["a", ""]])
        XCTAssertEqual(try fields("a,b\r\n1,2\r\n"), [["a", "b"], ["1", "2"]])
        XCTAssertEqual(try fields("\"a\"\r\n\"b\"\r"), [["a"], ["b"]])
        // A CR that ends no line is text.
        XCTAssertEqual(try fields("a\rb,c\r,d\n"), [["a\rb", "c\r", "d"]])
        XCTAssertEqual(try fields("\u{FEFF}month,value\n"), [["month", "value"]])
    }

    func testSeparatorFromTheHeader() throws {
        let fromHeader = CSVReader(separator: .fromHeader)
        XCTAssertEqual(try fields("a;b\n1,5;2\n", fromHeader), [["a", "b"], ["1,5", "2"]])
        XCTAssertEqual(try fields("a,b\n1;5,2\n", fromHeader), [["a", "b"], ["1;5", "2"]])
        // A semicolon inside a quoted column name does not make the file semicolon-separated.
        XCTAssertEqual(try fields("\"a;b\",c\n1,2\n", fromHeader), [["a;b", "c"], ["1", "2"]])
    }

    func testSpacesAroundFieldsWhenTrimming() throws {
        let trimming = CSVReader(trimsSpaces: true)
        XCTAssertEqual(try fields(" a , b \n\t1,  \"x, y\"  \n", trimming), [["a", "b"], ["1", "x, y"]])
        XCTAssertEqual(try fields("   \n", trimming), [[""]])
        // Without trimming, spaces are text and a quote after them is too.
        XCTAssertEqual(try fields(" a, \"b\"\n"), [[" a", " \"b\""]])
    }

    func testErrorsNameFileLineAndReason() {
        func error(_ text: String) -> CSVReadError? {
            do { _ = try CSVReader().records(text, file: "t.csv"); return nil } catch { return error as? CSVReadError }
        }
        XCTAssertEqual(error("a\n\"b\nc")?.description, "t.csv:2: a quoted field is not closed")
        XCTAssertEqual(error("a\n\"b\nc\"d,e\n")?.description,
                       "t.csv:3: text after the closing quote of a field (a quote inside quotes is written \"\")")
        XCTAssertEqual(error("\"a\" ,b\n")?.line, 1)
        XCTAssertNil(error("a\"b,c\n"), "a quote inside an unquoted field is text")
    }
}
