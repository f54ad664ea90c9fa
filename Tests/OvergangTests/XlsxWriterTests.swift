import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
import ZIPFoundation
@testable import Report

/// The Excel writer, checked by reading its file back with ZIPFoundation and XMLParser:
/// cell references, values and types, number formats, merged headers, frozen pane, widths.
final class XlsxWriterTests: XCTestCase {
    static let document = ReportDocument(
        title: "Overgang & avgang",
        language: .nb,
        about: [AboutLine("Periode", "2022-01..2022-06"), AboutLine("Versjon", "1.0")],
        sections: [
            ReportSection(name: "Status etter avgang", title: "Status to måneder etter avgang", intro: "Andel i hver status.", tables: [
                ReportTable(title: "Tabell 1",
                            header: [[HeaderCell(""), HeaderCell("2022", span: 2), HeaderCell("2023", span: 2)],
                                     [HeaderCell("Gruppe"), HeaderCell("Antall"), HeaderCell("Prosent"), HeaderCell("Antall"), HeaderCell("Andel")]],
                            rowHeaderColumns: 1,
                            rows: [[.text("Kvinner & <25"), .number(1234, .count), .number(47.8123, .percent), .suppressed, .empty],
                                   [.text("Menn"), .number(56, .count), .number(12.25, .percent), .number(7, .count), .number(0.8734, .fraction)]],
                            note: "Kilde: NAV"),
                ReportTable(title: "Tabell 2", header: [[HeaderCell("Mål"), HeaderCell("Verdi")]], rowHeaderColumns: 1,
                            rows: [[.text("p"), .number(0.0004, .pValue)], [.text("z"), .number(-1.96, .decimal)]]),
            ]),
            ReportSection(name: "Status etter avgang", title: "Same name"),
            ReportSection(name: "A/B: [test]", title: "Invalid characters"),
        ],
        notes: ["Tegnet : betyr skjult."])

    /// The workbook read back: parts by path, parsed.
    struct Workbook {
        let parts: [String: ParsedXML]
        init(_ data: Data) throws {
            let archive = try Archive(data: data, accessMode: .read)
            var parts: [String: ParsedXML] = [:]
            for entry in archive {
                var bytes = Data()
                _ = try archive.extract(entry) { bytes.append($0) }
                parts[entry.path] = try ParsedXML.parse(bytes)
            }
            self.parts = parts
        }

        var sheetNames: [String] { parts["xl/workbook.xml"]!.all("sheet").map { $0["name"]! } }
        var sharedStrings: [String] { parts["xl/sharedStrings.xml"]!.all("si").map(\.text) }
        func sheet(_ n: Int) -> ParsedXML { parts["xl/worksheets/sheet\(n).xml"]! }
        func cell(_ sheet: Int, _ reference: String) -> ParsedXML? { self.sheet(sheet).all("c").first { $0["r"] == reference } }

        /// A cell's value: the string for shared strings, else the number.
        func value(_ sheet: Int, _ reference: String) -> Any? {
            guard let c = cell(sheet, reference), let v = c.first("v")?.text else { return nil }
            switch c["t"] {
            case "s": return sharedStrings[Int(v)!]
            case nil, "n": return Double(v)!
            default: return "unexpected type \(c["t"]!)"
            }
        }

        /// The cell's format record in styles.xml (`s` → cellXfs).
        func xf(_ sheet: Int, _ reference: String) -> ParsedXML {
            let s = Int(cell(sheet, reference)?["s"] ?? "0")!
            return parts["xl/styles.xml"]!.first("cellXfs")!.children[s]
        }

        func numberFormat(_ sheet: Int, _ reference: String) -> String? {
            let id = xf(sheet, reference)["numFmtId"]
            return parts["xl/styles.xml"]!.all("numFmt").first { $0["numFmtId"] == id }?["formatCode"]
        }

        func font(_ sheet: Int, _ reference: String) -> ParsedXML {
            parts["xl/styles.xml"]!.first("fonts")!.children[Int(xf(sheet, reference)["fontId"]!)!]
        }

        func hasBottomBorder(_ sheet: Int, _ reference: String) -> Bool {
            let border = parts["xl/styles.xml"]!.first("borders")!.children[Int(xf(sheet, reference)["borderId"]!)!]
            return border.first("bottom")?["style"] == "thin"
        }
    }

    func testCellsValuesAndFormatsReadBack() throws {
        let data = try XlsxWriter().data(Self.document)
        if let path = ProcessInfo.processInfo.environment["OVERGANG_XLSX_SAMPLE"] {
            try XlsxWriter().write(Self.document, to: path)
        }
        let book = try Workbook(data)
        for part in ["[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml", "xl/workbook.xml",
                     "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/sharedStrings.xml"] {
            XCTAssertNotNil(book.parts[part], part)
        }
        XCTAssertEqual(book.sheetNames, ["Om kjøringen", "Status etter avgang", "Status etter avgang (2)", "A_B_ _test_"])
        XCTAssertEqual(book.parts["xl/_rels/workbook.xml.rels"]!.all("Relationship").filter { $0["Id"] == "rId2" }.first?["Target"],
                       "worksheets/sheet2.xml")

        // The run sheet: title, about lines in two columns, notes.
        XCTAssertEqual(book.value(1, "A1") as? String, "Overgang & avgang")
        XCTAssertEqual(book.value(1, "A3") as? String, "Periode")
        XCTAssertEqual(book.value(1, "B3") as? String, "2022-01..2022-06")
        XCTAssertEqual(book.value(1, "B4") as? String, "1.0")
        XCTAssertEqual(book.value(1, "A6") as? String, "Tegnet : betyr skjult.")
        XCTAssertNotNil(book.font(1, "A6").first("i"))

        // The section: title, intro, blank row, table 1 from row 4.
        XCTAssertEqual(book.value(2, "A1") as? String, "Status to måneder etter avgang")
        XCTAssertNotNil(book.font(2, "A1").first("b"))
        XCTAssertEqual(book.value(2, "A2") as? String, "Andel i hver status.")
        XCTAssertNil(book.cell(2, "A3"))
        XCTAssertEqual(book.value(2, "A4") as? String, "Tabell 1")
        XCTAssertEqual(book.value(2, "B5") as? String, "2022")
        XCTAssertEqual(book.value(2, "D5") as? String, "2023")
        XCTAssertEqual(book.value(2, "E6") as? String, "Andel")
        XCTAssertNil(book.value(2, "A5"), "an empty header text is a blank cell")
        for header in ["A5", "A6", "B5", "C5", "C6"] {
            XCTAssertNotNil(book.font(2, header).first("b"), header)
            XCTAssertTrue(book.hasBottomBorder(2, header), header)
            XCTAssertEqual(book.xf(2, header).first("alignment")?["wrapText"], "1", header)
        }
        XCTAssertEqual(book.sheet(2).all("mergeCell").map { $0["ref"]! }, ["B5:C5", "D5:E5"])

        // Body: label text escaped and read back, numbers unrounded with their formats.
        XCTAssertEqual(book.value(2, "A7") as? String, "Kvinner & <25")
        XCTAssertEqual(book.xf(2, "A7").first("alignment")?["horizontal"], "left")
        let numbers: [(String, Double, String)] = [("B7", 1234, "#,##0"), ("C7", 47.8123, "0.0"), ("B8", 56, "#,##0"),
                                                   ("C8", 12.25, "0.0"), ("D8", 7, "#,##0"), ("E8", 0.8734, "0.000"),
                                                   ("B13", 0.0004, "[<0.001]\"< 0,001\";0.000"), ("B14", -1.96, "0.000")]
        for (reference, value, format) in numbers {
            XCTAssertTrue([nil, "n"].contains(book.cell(2, reference)?["t"]), reference)
            XCTAssertEqual(book.value(2, reference) as? Double, value, reference)
            XCTAssertEqual(book.numberFormat(2, reference), format, reference)
        }
        XCTAssertEqual(book.cell(2, "D7")?["t"], "s")
        XCTAssertEqual(book.value(2, "D7") as? String, ":")
        XCTAssertEqual(book.xf(2, "D7").first("alignment")?["horizontal"], "right")
        XCTAssertNil(book.value(2, "E7"), "an empty cell has no value")
        XCTAssertEqual(book.value(2, "A9") as? String, "Kilde: NAV")
        XCTAssertNil(book.cell(2, "A10"))
        XCTAssertEqual(book.value(2, "A11") as? String, "Tabell 2")
        XCTAssertEqual(book.value(2, "A13") as? String, "p")

        // Frozen below the first table's header rows and right of its label column.
        let pane = try XCTUnwrap(book.sheet(2).first("pane"))
        XCTAssertEqual([pane["xSplit"], pane["ySplit"], pane["topLeftCell"], pane["state"]], ["1", "6", "B7", "frozen"])
        XCTAssertNil(book.sheet(1).first("pane"))

        // Widths: longest text + 2, at least 6: A "Kvinner & <25" 13, B "< 0,001" 7, C "Prosent" 7, D "Antall" 6, E "Andel" 5.
        let widths = Dictionary(uniqueKeysWithValues: book.sheet(2).all("col").map { ($0["min"]!, Double($0["width"]!)!) })
        XCTAssertEqual(widths, ["1": 15, "2": 9, "3": 9, "4": 8, "5": 7])
    }

    /// Every sheet prints A4 landscape one page wide; the first table of a sheet has the
    /// AutoFilter on its last header row, and repeats its header on each printed page when it
    /// is the sheet's one table; months are dates shown yyyy-mm.
    func testPrintSetupFilterAndMonths() throws {
        var doc = Self.document
        doc.sections.append(ReportSection(name: "Per måned", title: "Avganger per måned", tables: [
            ReportTable(title: "Tabell 3", header: [[HeaderCell(""), HeaderCell("I arbeid", span: 2)],
                                                    [HeaderCell("Måned"), HeaderCell("Antall"), HeaderCell("Prosent")]],
                        rowHeaderColumns: 1, rows: [[.month("2021-03"), .number(5, .count), .number(50, .percent)],
                                                    [.month("2024-12"), .number(6, .count), .number(60, .percent)],
                                                    [.month("ukjent"), .number(1, .count), .number(10, .percent)]]),
        ]))
        let book = try Workbook(try XlsxWriter().data(doc))
        for n in 1...5 {
            let setup = try XCTUnwrap(book.sheet(n).first("pageSetup"), "sheet \(n)")
            XCTAssertEqual([setup["paperSize"], setup["orientation"], setup["fitToWidth"], setup["fitToHeight"]], ["9", "landscape", "1", "0"])
            XCTAssertEqual(book.sheet(n).first("pageSetUpPr")?["fitToPage"], "1", "fit to page, else Excel ignores fitToWidth")
        }
        // Sheet 2: table 1's header is rows 5-6, its body rows 7-8, columns A-E.
        XCTAssertEqual(book.sheet(2).first("autoFilter")?["ref"], "A6:E8")
        XCTAssertNil(book.sheet(3).first("autoFilter"), "no table, no filter")
        // Sheet 5: title, blank row, table title, header rows 4-5, body rows 6-8.
        XCTAssertEqual(book.sheet(5).first("autoFilter")?["ref"], "A5:C8")
        let titles = book.parts["xl/workbook.xml"]!.all("definedName")
        XCTAssertEqual(titles.map { $0["name"] }, ["_xlnm.Print_Titles"], "only the one-table sheet repeats its header")
        XCTAssertEqual(titles.first?["localSheetId"], "4")
        XCTAssertEqual(titles.first?.text, "'Per måned'!$4:$5")
        // Excel's serial of 2021-03-01 is 44256 and of 2024-12-01 45627 (days since 1899-12-30).
        XCTAssertEqual(book.value(5, "A6") as? Double, 44256)
        XCTAssertEqual(book.value(5, "A7") as? Double, 45627)
        XCTAssertEqual(book.numberFormat(5, "A6"), "yyyy-mm")
        XCTAssertEqual(book.value(5, "A8") as? String, "ukjent", "a label that is no month stays text")
        XCTAssertEqual(ExcelDate.serial(month: "1901-01"), 367)
        XCTAssertNil(ExcelDate.serial(month: "2021-13"))
        XCTAssertEqual(ExcelDate.serial(month: "2024-03"), 45352, "as Excel and LibreOffice count 2024-03-01")
        for text in ["2021-1", "2021-001", "21-01", "2021/01", "2021-01-01", "1900-12", "2021-00", "-2021-01", "2021--1", "202101", "2021-+1", "+2021-01", ""] {
            XCTAssertNil(ExcelDate.serial(month: text), text)
        }
    }

    /// Column widths come from the widest printed number of each column and style, found
    /// from the extremes: here every cell is formatted and measured, as a reader sees it.
    func testWidthsAreThoseOfTheWidestPrintedCell() throws {
        var state: UInt64 = 7
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(Int64(bitPattern: state >> 1) % 4_000_000) / 7.0 - 250_000
        }
        let styles: [NumberStyle] = [.count, .percent, .fraction, .decimal, .pValue]
        for language in [ReportLanguage.nb, .en] {
            // Magnitudes from 1e-6 to 1e6, both signs, p-values below and above 0.001.
            let rows: [[ReportCell]] = (0..<300).map { r in
                [.text("r\(r)")] + styles.enumerated().map { c, style in
                    let scale = pow(10.0, Double((r + c) % 13) - 6)
                    let x = style == .pValue ? abs(next()) / 250_000 * scale : next() / 250_000 * scale * (r % 3 == 0 ? -1 : 1)
                    return .number(x, style)
                }
            }
            let table = ReportTable(title: "T", header: [[HeaderCell("Rad")] + styles.map { _ in HeaderCell("x") }], rowHeaderColumns: 1, rows: rows)
            let doc = ReportDocument(title: "W", language: language, sections: [ReportSection(name: "S", title: "S", tables: [table])])
            let book = try Workbook(try XlsxWriter().data(doc))
            let widths = Dictionary(uniqueKeysWithValues: book.sheet(2).all("col").map { (Int($0["min"]!)!, Int(Double($0["width"]!)!)) })
            for column in 0...styles.count {
                let longest = ([table.header[0][column].text] + rows.map { language.text($0[column]) }).map(\.count).max()!
                XCTAssertEqual(widths[column + 1], min(max(longest + 2, 6), 50), "\(language) column \(column)")
            }
        }
    }

    func testTheSameDocumentGivesTheSameBytes() throws {
        XCTAssertEqual(try XlsxWriter().data(Self.document), try XlsxWriter().data(Self.document))
        let later = try XlsxWriter(date: Date(timeIntervalSince1970: 1_700_000_000)).data(Self.document)
        XCTAssertTrue(try Workbook(later).parts["docProps/core.xml"]!.first("dcterms:created")!.text.hasPrefix("2023-11-14"))
    }

    func testReferencesNamesAndEscaping() {
        XCTAssertEqual([0, 25, 26, 51, 52, 701, 702].map(CellReference.column), ["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA"])
        XCTAssertEqual(CellReference.cell(row: 9, column: 26), "AA10")
        XCTAssertEqual("a&b<c>\"d\u{1}e\tf".xmlEscaped, "a&amp;b&lt;c&gt;&quot;de\tf")
        let long = String(repeating: "x", count: 31)
        XCTAssertEqual(SheetName.unique(["'Tabell'", "tabell", "", long, long, "a*b?c"]),
                       ["Tabell", "tabell (2)", "Sheet", long, String(repeating: "x", count: 27) + " (2)", "a_b_c"])
    }
}

extension XlsxWriterTests {
    /// The report's line and bar charts as DrawingML charts on a "Figurer" sheet, their data
    /// as literals read back equal to the document's; the DiD intervals are left to HTML.
    func testChartsSheetHoldsTheChartsData() throws {
        var doc = Self.document
        let line = LineChart(title: "Andel i arbeid", description: "", xLabel: "Måned", yLabel: "Prosent", yRange: 0...100,
                             xTickLabels: [0: "2022-01", 2: "2022-03"],
                             series: [LineSeries(name: "ARBS", points: [ChartPoint(x: 0, y: 40), ChartPoint(x: 2, y: 45.5)])])
        let bars = StackedBarChart(title: "Status", description: "", bars: ["A", "B"], segments: ["Arbeid", "Annet"],
                                   values: [[60, 40], [nil, nil]], axisLabel: "Prosent")
        let intervals = IntervalChart(title: "DiD", description: "", rows: ["0301"],
                                      series: [IntervalSeries(name: "I arbeid", intervals: [ChartInterval(estimate: 1, low: -2, high: 4)])],
                                      axisLabel: "pp")
        doc.sections[0].charts = [.lines(line), .intervals(intervals), .stackedBars(bars)]
        let book = try Workbook(try XlsxWriter().data(doc))
        XCTAssertEqual(book.sheetNames[1], "Figurer")
        XCTAssertEqual(book.sheet(2).first("drawing")?["r:id"], "rId1")
        XCTAssertEqual(book.parts["xl/worksheets/_rels/sheet2.xml.rels"]?.first("Relationship")?["Target"], "../drawings/drawing1.xml")
        XCTAssertEqual(book.parts["xl/drawings/_rels/drawing1.xml.rels"]?.all("Relationship").map { $0["Target"]! },
                       ["../charts/chart1.xml", "../charts/chart2.xml"])
        XCTAssertEqual(book.parts["xl/drawings/drawing1.xml"]?.all("xdr:twoCellAnchor").count, 2)
        XCTAssertNil(book.parts["xl/charts/chart3.xml"], "no DrawingML form for intervals")
        let types = book.parts["[Content_Types].xml"]!.all("Override").map { $0["PartName"]! }
        XCTAssertTrue(types.contains("/xl/charts/chart2.xml") && types.contains("/xl/drawings/drawing1.xml"))
        // The line: one category per month index, labelled where the report labels; a gap at 1.
        let first = try XCTUnwrap(book.parts["xl/charts/chart1.xml"])
        XCTAssertEqual(first.first("c:cat")?.all("c:v").map(\.text), ["2022-01", "", "2022-03"])
        XCTAssertEqual(first.first("c:val")?.all("c:pt").map { [$0["idx"]!, $0.text] }, [["0", "40.0"], ["2", "45.5"]])
        // The bars: a series per segment, a bar without values left empty.
        let second = try XCTUnwrap(book.parts["xl/charts/chart2.xml"])
        XCTAssertEqual(second.first("c:grouping")?["val"], "stacked")
        XCTAssertEqual(second.all("c:ser").map { $0.first("c:tx")!.text }, ["Arbeid", "Annet"])
        XCTAssertEqual(second.all("c:ser").map { $0.first("c:val")!.all("c:pt").map(\.text) }, [["60.0"], ["40.0"]])
        XCTAssertEqual(book.sheet(2).first("pageSetup")?["orientation"], "portrait")
    }
}

/// A parsed XML element, enough to look values up by element and attribute name.
final class ParsedXML {
    let name: String
    let attributes: [String: String]
    var children: [ParsedXML] = []
    /// The text of the element and its descendants.
    var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    subscript(attribute: String) -> String? { attributes[attribute] }

    /// Descendants of that name, in document order.
    func all(_ name: String) -> [ParsedXML] { children.flatMap { ($0.name == name ? [$0] : []) + $0.all(name) } }
    func first(_ name: String) -> ParsedXML? { all(name).first }

    static func parse(_ data: Data) throws -> ParsedXML {
        let builder = Builder()
        let parser = XMLParser(data: data)
        parser.delegate = builder
        guard parser.parse() else { throw parser.parserError ?? CocoaError(.fileReadCorruptFile) }
        return builder.root
    }

    private final class Builder: NSObject, XMLParserDelegate {
        let root = ParsedXML(name: "", attributes: [:])
        lazy var stack = [root]

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            let node = ParsedXML(name: name, attributes: attributes)
            stack.last!.children.append(node)
            stack.append(node)
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            let node = stack.removeLast()
            stack.last!.text += node.text
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { stack.last!.text += string }
    }
}
