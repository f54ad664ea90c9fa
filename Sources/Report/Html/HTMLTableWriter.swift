import Foundation

/// A report table as an accessible HTML table: caption, column headers with scope, row
/// labels as row headers, numbers right-aligned, the suppression mark explained.
struct HTMLTableWriter {
    let language: ReportLanguage

    func render(_ table: ReportTable) -> String {
        var out = "<div class=\"table-wrap\">\n<table>\n<caption>\(HTMLText.escape(table.title))</caption>\n<thead>\n"
        for row in table.header {
            out += "<tr>"
            var column = 0
            for cell in row {
                out += headerCell(cell, column: column, label: column < table.rowHeaderColumns)
                column += cell.span
            }
            out += "</tr>\n"
        }
        out += "</thead>\n<tbody>\n"
        for row in table.rows {
            out += "<tr>"
            for (column, cell) in row.enumerated() {
                out += column < table.rowHeaderColumns
                    ? "<th scope=\"row\"\(Self.noWrap(language.text(cell)))>\(HTMLText.escape(language.text(cell)))</th>" : bodyCell(cell)
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n"
        if let note = table.note {
            out += "<tfoot>\n<tr><td colspan=\"\(max(table.columnCount, 1))\">\(HTMLText.escape(note))</td></tr>\n</tfoot>\n"
        }
        return out + "</table>\n</div>\n"
    }

    /// An empty header cell (above the row labels) is a plain cell: a header must name something.
    func headerCell(_ cell: HeaderCell, column: Int, label: Bool) -> String {
        let span = cell.span > 1 ? " colspan=\"\(cell.span)\"" : ""
        if cell.text.isEmpty { return "<td\(span)></td>" }
        let align = label ? " class=\"label\"" : cell.span == 1 ? " class=\"num\"" : ""
        // "95 %": a number keeps its per cent sign when the header wraps.
        let text = cell.text.replacingOccurrences(of: " %", with: "\u{00A0}%")
        return "<th scope=\"col\"\(span)\(align)\(Self.noWrap(text))>\(HTMLText.escape(text))</th>"
    }

    /// A label of one word ("2021-03", "Sammenligningsperiode") is never broken inside, and a
    /// short one ("Nedsatt arbeidsevne") stays on its line (a month's rows keep one line each);
    /// longer labels wrap only between words.
    static func noWrap(_ text: String) -> String {
        text.count <= 20 || !text.contains(where: \.isWhitespace) ? " style=\"white-space: nowrap\"" : ""
    }

    func bodyCell(_ cell: ReportCell) -> String {
        let text = HTMLText.escape(language.text(cell))
        switch cell {
        case .text(let s), .month(let s): return "<td\(Self.noWrap(s))>\(text)</td>"
        case .number: return "<td class=\"num\">\(text)</td>"
        case .suppressed: return "<td class=\"num\"><abbr title=\"\(HTMLText.escape(language.suppressedExplanation))\">\(text)</abbr></td>"
        case .empty: return "<td class=\"num\"><abbr title=\"\(HTMLText.escape(language.emptyExplanation))\">\(text)</abbr></td>"
        }
    }
}
