/// The drawing that places a sheet's charts (`xl/drawings/drawing1.xml`): one under the other,
/// each anchored to a block of cells, and the relationships that tie sheet, drawing and
/// chart parts together.
enum XlsxDrawing {
    /// Rows and columns a chart covers, and the row the first one starts at (under the title).
    static let chartRows = 22, chartColumns = 10, firstRow = 2

    static func drawing(chartCount: Int) -> String {
        let spreadsheetDrawing = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
        var out = XlsxPackage.declaration + #"<xdr:wsDr xmlns:xdr="\#(spreadsheetDrawing)" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">"#
        for k in 0..<chartCount {
            let top = firstRow + k * (chartRows + 1)
            out += "<xdr:twoCellAnchor>" + marker("from", column: 0, row: top) + marker("to", column: chartColumns, row: top + chartRows)
                + #"<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="\#(k + 2)" name="Chart \#(k + 1)"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>"#
                + #"<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">"#
                + #"<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId\#(k + 1)"/>"#
                + "</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>"
        }
        return out + "</xdr:wsDr>"
    }

    static func marker(_ name: String, column: Int, row: Int) -> String {
        "<xdr:\(name)><xdr:col>\(column)</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>\(row)</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:\(name)>"
    }

    /// The drawing's relationships: chart k is rId(k+1), at `../charts/chart(first+k).xml`.
    static func drawingRelationships(charts: Range<Int>) -> String {
        XlsxPackage.relationships(charts.map { ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart", "../charts/chart\($0 + 1).xml") })
    }

    /// The sheet's relationship to its drawing (rId1, as `<drawing r:id="rId1"/>` says).
    static func sheetRelationships(drawing: Int) -> String {
        XlsxPackage.relationships([("http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing", "../drawings/drawing\(drawing).xml")])
    }
}
