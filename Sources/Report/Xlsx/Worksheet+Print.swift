import Foundation

/// How a sheet prints and filters: A4 landscape (a sheet of charts portrait), one page wide however long (Excel and
/// LibreOffice otherwise cut a wide table into page columns: the workbook printed ~570 pages),
/// the table's header repeated on every page, the sheet's name and page number in the footer,
/// and an AutoFilter on the table's header row.
extension Worksheet {
    /// `sheetPr` comes first in a worksheet: fit to page, which `pageSetup` sets to one page wide.
    static let fitToPage = #"<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>"#

    /// After `sheetData`, before `mergeCells` (the schema's order).
    var filterXML: String {
        guard let filter else { return "" }
        let from = CellReference.cell(row: filter.rows.lowerBound, column: filter.columns.lowerBound)
        let to = CellReference.cell(row: filter.rows.upperBound, column: filter.columns.upperBound - 1)
        return #"<autoFilter ref="\#(from):\#(to)"/>"#
    }

    /// After `mergeCells`: margins (inches), A4 (paper size 9) landscape, fit to width
    /// (`fitToHeight` 0: as many pages down as needed), and the footer "sheet – page / pages".
    /// A sheet of charts prints portrait, two charts a page, none cut by a page break.
    var pageXML: String {
        let chartBreaks = stride(from: 2, to: charts.count, by: 2).map { XlsxDrawing.firstRow + $0 * (XlsxDrawing.chartRows + 1) }
        return #"<pageMargins left="0.4" right="0.4" top="0.5" bottom="0.6" header="0.3" footer="0.3"/>"#
            + #"<pageSetup paperSize="9" orientation="\#(charts.isEmpty ? "landscape" : "portrait")" fitToWidth="1" fitToHeight="0"/>"#
            + "<headerFooter><oddFooter>&amp;C&amp;A – &amp;P / &amp;N</oddFooter></headerFooter>"
            + (chartBreaks.isEmpty ? "" : #"<rowBreaks count="\#(chartBreaks.count)" manualBreakCount="\#(chartBreaks.count)">"#
                + chartBreaks.map { #"<brk id="\#($0)" max="16383" man="1"/>"# }.joined() + "</rowBreaks>")
    }

    /// The workbook's defined name that repeats the header rows, e.g. `'Avganger'!$4:$6`.
    func printTitlesName(sheetIndex: Int) -> String? {
        guard let rows = printTitles else { return nil }
        let sheet = "'" + name.replacingOccurrences(of: "'", with: "''") + "'"
        return #"<definedName name="_xlnm.Print_Titles" localSheetId="\#(sheetIndex)">"#
            + "\(sheet)!$\(rows.lowerBound + 1):$\(rows.upperBound + 1)".xmlEscaped + "</definedName>"
    }
}
