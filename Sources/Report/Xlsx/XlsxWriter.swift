import Foundation

/// Writes a report as an Excel workbook (Office Open XML): a sheet describing the run, then
/// one sheet per section. Numbers are stored unrounded with a display format; the same
/// document and date give the same bytes.
public struct XlsxWriter: Sendable {
    /// Written as the modification time of every zip entry and as created/modified in the
    /// document properties. The default, 1980-01-01 UTC (the earliest zip time), keeps
    /// reports comparable byte for byte; pass the run's time to show it instead.
    public var date: Date
    /// Deflated pieces of earlier workbooks to reuse (the run's cache); the bytes are the same.
    public var memo: DeflateMemo?

    public init(date: Date = Date(timeIntervalSince1970: 315_532_800), memo: DeflateMemo? = nil) {
        self.date = date
        self.memo = memo
    }

    public func data(_ document: ReportDocument) throws -> Data {
        let sheets = document.worksheets()
        var strings = SharedStrings()
        let drawn = sheets.indices.filter { !sheets[$0].charts.isEmpty }
        var parts: [(path: String, bytes: [UInt8])] = [
            ("[Content_Types].xml", Array(XlsxPackage.contentTypes(sheetCount: sheets.count, drawingCount: drawn.count,
                                                                   chartCount: sheets.reduce(0) { $0 + $1.charts.count }).utf8)),
            ("_rels/.rels", Array(XlsxPackage.packageRelationships.utf8)),
            ("docProps/core.xml", Array(XlsxPackage.core(title: document.title, language: document.language, date: date).utf8)),
            ("docProps/app.xml", Array(XlsxPackage.app.utf8)),
            ("xl/workbook.xml", Array(XlsxPackage.workbook(sheetNames: sheets.map(\.name),
                                                                definedNames: sheets.enumerated().compactMap { $1.printTitlesName(sheetIndex: $0) }).utf8)),
            ("xl/_rels/workbook.xml.rels", Array(XlsxPackage.workbookRelationships(sheetCount: sheets.count).utf8)),
            ("xl/styles.xml", Array(XlsxStyle.stylesXML(document.language).utf8)),
        ]
        for sheet in sheets { sheet.register(in: &strings) }
        let table = strings
        let xml = concurrentMap(sheets.count) { sheets[$0].xml(selected: $0 == 0, strings: table) }
        parts += xml.enumerated().map { ("xl/worksheets/sheet\($0.offset + 1).xml", $0.element) }
        parts.append(("xl/sharedStrings.xml", Array(strings.xml.utf8)))
        parts += drawings(sheets, drawn: drawn)
        return try ZipArchive(parts: parts, date: date, memo: memo).data()
    }

    /// Per sheet with charts: its relationship to a drawing, the drawing and its charts' parts.
    func drawings(_ sheets: [Worksheet], drawn: [Int]) -> [(path: String, bytes: [UInt8])] {
        var parts = [(path: String, bytes: [UInt8])](), charts = 0
        for (d, i) in drawn.enumerated() {
            let range = charts ..< charts + sheets[i].charts.count
            parts += [("xl/worksheets/_rels/sheet\(i + 1).xml.rels", Array(XlsxDrawing.sheetRelationships(drawing: d + 1).utf8)),
                      ("xl/drawings/drawing\(d + 1).xml", Array(XlsxDrawing.drawing(chartCount: range.count).utf8)),
                      ("xl/drawings/_rels/drawing\(d + 1).xml.rels", Array(XlsxDrawing.drawingRelationships(charts: range).utf8))]
            parts += zip(range, sheets[i].charts).map { ("xl/charts/chart\($0 + 1).xml", Array($1.utf8)) }
            charts = range.upperBound
        }
        return parts
    }

    public func write(_ document: ReportDocument, to path: String) throws {
        try data(document).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
