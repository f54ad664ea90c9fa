/// One sheet as a grid of styled cells, filled row by row, and its SpreadsheetML.
struct Worksheet {
    enum Value {
        case text(String)
        case number(Double)
        /// No value, only the style (the covered cells of a merged header keep its border).
        case blank
    }

    struct Cell {
        var column: Int
        var value: Value
        var style: XlsxStyle
    }

    var name: String
    /// Row i of the sheet (from 0); empty rows are not written.
    private(set) var rows: [[Cell]] = []
    /// Merged ranges such as "B5:D5".
    private(set) var merges: [String] = []
    /// Rows above and columns left of the frozen pane.
    var frozen: (rows: Int, columns: Int)?
    /// The range of the AutoFilter (a table's last header row to its last row), 0-based rows.
    var filter: (rows: ClosedRange<Int>, columns: Range<Int>)?
    /// Rows printed at the top of every page (a table's header), 0-based.
    var printTitles: ClosedRange<Int>?
    /// Chart parts (DrawingML) drawn on the sheet, one under the other, below its title.
    var charts: [String] = []
    /// Longest displayed text per column, in characters (-1: none measured); sets the column widths.
    private var longest: [Int] = []

    init(name: String) { self.name = name }

    var rowCount: Int { rows.count }

    /// A row; its cells are kept in column order (the order the XML needs).
    mutating func append(_ cells: [Cell] = []) {
        let ordered = zip(cells, cells.dropFirst()).allSatisfy { $0.column < $1.column }
        rows.append(ordered ? cells : cells.sorted { $0.column < $1.column })
    }

    /// Adds every text of the sheet to `strings`, in the order `xml` writes them (so that the
    /// sheets' XML can then be written side by side, each looking its strings up).
    func register(in strings: inout SharedStrings) {
        for cells in rows {
            for cell in cells { if case .text(let s) = cell.value { strings.add(s) } }
        }
    }

    mutating func merge(row: Int, columns: Range<Int>) {
        merges.append(CellReference.cell(row: row, column: columns.lowerBound) + ":"
                      + CellReference.cell(row: row, column: columns.upperBound - 1))
    }

    mutating func measure(_ text: String, column: Int) {
        if column >= longest.count { longest += Array(repeating: -1, count: column + 1 - longest.count) }
        longest[column] = max(longest[column], text.count)
    }

    /// Excel widths are in characters of the default font; two more leave room for padding.
    static let widthRange = 6...50

    var columnWidths: [(column: Int, width: Int)] {
        longest.indices.filter { longest[$0] >= 0 }.map { ($0, min(max(longest[$0] + 2, Self.widthRange.lowerBound), Self.widthRange.upperBound)) }
    }

    /// The sheet's XML, as UTF-8 bytes: built cell by cell into one buffer (as `String`s, the
    /// workbook's sheets were an eighth of a rerun's CPU).
    func xml(selected: Bool, strings: SharedStrings) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(4096 + rows.count * 160)
        out += head(selected: selected).utf8
        let widths = Dictionary(uniqueKeysWithValues: columnWidths.map { ($0.column, $0.width) })
        // Each column's letters once, not a new string per cell (a long sheet has 100 000 cells).
        let lastColumn = rows.lazy.compactMap { $0.last?.column }.max() ?? 0
        let letters = (0...lastColumn).map { Array(CellReference.column($0).utf8) }
        for (r, cells) in rows.enumerated() where !cells.isEmpty {
            out += #"<row r=""#.utf8
            let rowNumber = out.count
            Self.append(r + 1, to: &out)
            let rowDigits = Array(out[rowNumber...])
            if let height = wrappedHeight(cells, widths: widths) { out += #"" ht="\#(height)" customHeight="1"#.utf8 }
            out += #"">"#.utf8
            for cell in cells {
                out += #"<c r=""#.utf8
                out += letters[cell.column]
                out += rowDigits
                out += #"" s=""#.utf8
                Self.append(Int(cell.style.rawValue), to: &out)
                switch cell.value {
                case .text(let s):
                    out += #"" t="s"><v>"#.utf8
                    Self.append(strings.index(of: s), to: &out)
                    out += "</v></c>".utf8
                // Swift's shortest round-trip form ("0.1", "1e-05") is a valid xsd:double.
                case .number(let x):
                    out += #"" t="n"><v>"#.utf8
                    Self.append(x, to: &out)
                    out += "</v></c>".utf8
                case .blank: out += #""/>"#.utf8
                }
            }
            out += "</row>".utf8
        }
        out += "</sheetData>".utf8
        out += filterXML.utf8
        if !merges.isEmpty {
            out += (#"<mergeCells count="\#(merges.count)">"# + merges.map { #"<mergeCell ref="\#($0)"/>"# }.joined() + "</mergeCells>").utf8
        }
        out += pageXML.utf8
        if !charts.isEmpty { out += #"<drawing r:id="rId1"/>"#.utf8 }
        out += "</worksheet>".utf8
        return out
    }

    /// Everything before the cells: the view (frozen pane) and the column widths.
    private func head(selected: Bool) -> String {
        var out = XlsxPackage.declaration + #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#
            + #"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
        out += Self.fitToPage
        out += #"<sheetViews><sheetView\#(selected ? #" tabSelected="1""# : "") workbookViewId="0">"#
        if let frozen, frozen.rows + frozen.columns > 0 {
            let pane = frozen.rows == 0 ? "topRight" : frozen.columns == 0 ? "bottomLeft" : "bottomRight"
            out += "<pane"
            if frozen.columns > 0 { out += #" xSplit="\#(frozen.columns)""# }
            if frozen.rows > 0 { out += #" ySplit="\#(frozen.rows)""# }
            out += #" topLeftCell="\#(CellReference.cell(row: frozen.rows, column: frozen.columns))" activePane="\#(pane)" state="frozen"/>"#
            out += #"<selection pane="\#(pane)"/>"#
        }
        out += "</sheetView></sheetViews>"
        let widths = columnWidths
        if !widths.isEmpty {
            out += "<cols>" + widths.map { #"<col min="\#($0.column + 1)" max="\#($0.column + 1)" width="\#($0.width)" customWidth="1"/>"# }.joined() + "</cols>"
        }
        return out + "<sheetData>"
    }

    /// A number as xsd:double: whole numbers (most cells: counts, months) as their digits,
    /// others in Swift's shortest round-trip form ("0.1", "1e-05").
    private static func append(_ x: Double, to out: inout [UInt8]) {
        if x == x.rounded(), abs(x) < 1e15 {
            if x < 0 { out.append(UInt8(ascii: "-")) }
            append(Int(abs(x)), to: &out)
        } else {
            out += x.description.utf8
        }
    }

    /// A non-negative integer's decimal digits.
    private static func append(_ n: Int, to out: inout [UInt8]) {
        if n >= 10 { append(n / 10, to: &out) }
        out.append(UInt8(ascii: "0") + UInt8(n % 10))
    }
}
