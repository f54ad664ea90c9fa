/// A wide table printed as a stack of narrower ones. Shrinking a 23-column table to fit the
/// page made it unreadable on A4 and scroll sideways on screen; cut between its top-level
/// column groups instead (a comparison's groups and DiD, a life table's periods), each part
/// repeating the row labels, so the HTML and Markdown reports read at 1280 px and on A4. The
/// workbook keeps the whole table: a sheet scrolls, filters and prints fit to width.
extension ReportTable {
    /// The most columns a part has, row labels included: the exit table's 13 still fit.
    static let readableColumns = 13

    /// Parts of at most `maxColumns` columns (a single group wider than that is a part of its
    /// own); the table itself when it fits or has no groups to cut between.
    func parts(maxColumns: Int = readableColumns) -> [ReportTable] {
        guard columnCount > maxColumns, let top = header.first else { return [self] }
        // The label block: the row labels, or a blank top cell over them and what follows (the exits).
        let fixed = top.first.map { $0.text.isEmpty ? max($0.span, rowHeaderColumns) : rowHeaderColumns } ?? rowHeaderColumns
        var groups = [(range: Range<Int>, label: String)](), column = 0
        for cell in top {
            if column >= fixed { groups.append((column ..< column + cell.span, cell.text)) }
            column += cell.span
        }
        guard column == columnCount, groups.count > 1 else { return [self] }
        var packs = [[(range: Range<Int>, label: String)]]()
        for group in groups {
            if let last = packs.last, fixed + last.reduce(0, { $0 + $1.range.count }) + group.range.count <= maxColumns {
                packs[packs.count - 1].append(group)
            } else {
                packs.append([group])
            }
        }
        guard packs.count > 1 else { return [self] }
        return packs.enumerated().map { k, pack in
            let columns = Array(0..<fixed) + pack.flatMap { Array($0.range) }
            let labels = pack.map(\.label).filter { !$0.isEmpty }.joined(separator: ", ")
            return ReportTable(title: labels.isEmpty ? title : "\(title) (\(labels))", header: header.map { select($0, columns) },
                               rowHeaderColumns: rowHeaderColumns, rows: rows.map { row in columns.compactMap { $0 < row.count ? row[$0] : nil } },
                               note: k == packs.count - 1 ? note : nil)
        }
    }

    /// The header cells over `columns` (cells lie within the top-level groups), spans cut to them.
    private func select(_ row: [HeaderCell], _ columns: [Int]) -> [HeaderCell] {
        let wanted = Set(columns)
        var out = [HeaderCell](), column = 0
        for cell in row {
            let kept = (column ..< column + cell.span).filter(wanted.contains).count
            if kept > 0 { out.append(HeaderCell(cell.text, span: kept)) }
            column += cell.span
        }
        return out
    }
}
