/// The layout of a report in Excel: a sheet describing the run, then one sheet per section
/// with its tables stacked vertically.
extension ReportDocument {
    func worksheets() -> [Worksheet] {
        let charts = sections.filter { !$0.workbookOnly }.flatMap(\.charts).compactMap(DrawingMLChart.xml)
        let chartSheet = charts.isEmpty ? [] : [language == .nb ? "Figurer" : "Charts"]
        let names = SheetName.unique([language == .nb ? "Om kjøringen" : "About the run"] + chartSheet + sections.map(\.name))
        var sheets = [aboutSheet(name: names[0])]
        if !charts.isEmpty {
            var sheet = Worksheet(name: names[1])
            sheet.append([.init(column: 0, value: .text(language == .nb ? "Figurene i rapporten" : "The report's charts"), style: .title)])
            sheet.charts = charts
            sheets.append(sheet)
        }
        // Sections are laid out side by side: the long data sheets take most of the time.
        let named = Array(zip(sections, names.dropFirst(1 + chartSheet.count)))
        return sheets + concurrentMap(named.count) { section(sheet: named[$0].0, name: named[$0].1) }
    }

    /// Title, the about lines as label and value, then the notes.
    private func aboutSheet(name: String) -> Worksheet {
        var sheet = Worksheet(name: name)
        sheet.append([.init(column: 0, value: .text(title), style: .title)])
        sheet.append()
        for line in about {
            sheet.append([.init(column: 0, value: .text(line.label), style: .rowLabel),
                          .init(column: 1, value: .text(line.value), style: .plain)])
            sheet.measure(line.label, column: 0)
            sheet.measure(line.value, column: 1)
        }
        if !notes.isEmpty { sheet.append() }
        for note in notes { sheet.append([.init(column: 0, value: .text(note), style: .note)]) }
        return sheet
    }

    private func section(sheet section: ReportSection, name: String) -> Worksheet {
        var sheet = Worksheet(name: name)
        sheet.append([.init(column: 0, value: .text(section.title), style: .title)])
        if let intro = section.intro { sheet.append([.init(column: 0, value: .text(intro), style: .plain)]) }
        for (k, table) in section.allTables.enumerated() {
            sheet.append()
            let header = sheet.rowCount + 1
            append(table, to: &sheet)
            // One AutoFilter per sheet (Excel's limit): on the first table. Its header repeats on
            // printed pages only when it is the sheet's one table (the long data sheets).
            guard k == 0 else { continue }
            let lastHeader = header + table.header.count - 1
            if !table.rows.isEmpty { sheet.filter = (lastHeader...(lastHeader + table.rows.count), 0..<table.columnCount) }
            if section.allTables.count == 1 { sheet.printTitles = header...lastHeader }
        }
        return sheet
    }

    private func append(_ table: ReportTable, to sheet: inout Worksheet) {
        sheet.append([.init(column: 0, value: .text(table.title), style: .title)])
        for headerRow in table.header {
            var cells: [Worksheet.Cell] = [], column = 0
            for header in headerRow {
                let span = max(header.span, 1)
                cells.append(.init(column: column, value: header.text.isEmpty ? .blank : .text(header.text),
                                   style: span > 1 ? .headerSpanning : .header))
                cells += (column + 1 ..< column + span).map { .init(column: $0, value: .blank, style: .headerSpanning) }
                if span > 1 {
                    sheet.merge(row: sheet.rowCount, columns: column ..< column + span)
                } else {
                    // Headers wrap (a spanning one over its columns): a column is as wide as the
                    // header's longest word, not its whole text, so wide tables print larger.
                    sheet.measure(header.text.split(separator: " ").map(String.init).max { $0.count < $1.count } ?? "", column: column)
                }
                column += span
            }
            sheet.append(cells)
        }
        if sheet.frozen == nil { sheet.frozen = (sheet.rowCount, table.rowHeaderColumns) }
        var widest = WidestNumbers()
        for row in table.rows {
            var cells: [Worksheet.Cell] = []
            for (column, cell) in row.enumerated() {
                switch cell {
                case .text(let s):
                    cells.append(.init(column: column, value: .text(s), style: column < table.rowHeaderColumns ? .rowLabel : .plain))
                case .month(let s):
                    cells.append(ExcelDate.serial(month: s).map { .init(column: column, value: .number($0), style: .month) }
                                 ?? .init(column: column, value: .text(s), style: .rowLabel))
                case .number(let x, let style) where x.isFinite:
                    cells.append(.init(column: column, value: .number(x), style: XlsxStyle(style)))
                case .suppressed:
                    cells.append(.init(column: column, value: .text(language.suppressedMark), style: .suppressed))
                case .number, .empty:
                    continue
                }
                if case .number(let x, let style) = cell, widest.add(x, style, column: column) { continue }
                sheet.measure(language.text(cell), column: column)
            }
            sheet.append(cells)
        }
        for (column, style, x) in widest.extremes { sheet.measure(language.format(x, style), column: column) }
        if let note = table.note { sheet.append([.init(column: 0, value: .text(note), style: .note)]) }
    }
}

/// The numbers of a table's columns that print widest, per column and style: a number's
/// printed length grows with its magnitude (one more for a minus sign), so the largest and the
/// most negative are enough. Formatting every number only to measure it was most of the
/// workbook's layout time. Not p-values: below 0.001 they print as a longer text. Kept per
/// column in an array, each column's styles (one, mostly) in a short list: hashing the
/// column and style of every number was a fifth of the workbook's layout.
private struct WidestNumbers {
    private var ranges: [[(style: NumberStyle, low: Double, high: Double)]] = []

    /// Takes `x` into account; false when its width must be measured from its text.
    mutating func add(_ x: Double, _ style: NumberStyle, column: Int) -> Bool {
        guard style != .pValue else { return false }
        if column >= ranges.count { ranges += Array(repeating: [], count: column + 1 - ranges.count) }
        if let k = ranges[column].firstIndex(where: { $0.style == style }) {
            ranges[column][k].low = min(ranges[column][k].low, x)
            ranges[column][k].high = max(ranges[column][k].high, x)
        } else {
            ranges[column].append((style, x, x))
        }
        return true
    }

    var extremes: [(column: Int, style: NumberStyle, x: Double)] {
        ranges.enumerated().flatMap { column, styles in styles.flatMap { r in [(column, r.style, r.low), (column, r.style, r.high)] } }
    }
}
