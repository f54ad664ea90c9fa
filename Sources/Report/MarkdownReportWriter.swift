/// `report.md`: the report's tables as GitHub-flavoured Markdown. Markdown tables have one
/// header row and no spans, so each column's header joins its header cells from top to
/// bottom ("Forsøk · Førperiode · Prosent"). Charts are named with their text alternative.
public struct MarkdownReportWriter {
    public init() {}

    public func render(_ document: ReportDocument) -> String {
        let lang = document.language
        var out = "# \(escape(document.title))\n\n"
        out += lang == .nb ? "## Om kjøringen\n\n" : "## About the run\n\n"
        out += "| | |\n|---|---|\n"
        for line in document.about { out += "| \(escape(line.label)) | \(escape(line.value)) |\n" }
        out += "\n"
        for note in document.notes { out += "\(escape(note))\n\n" }
        let workbookOnly = document.sections.filter(\.workbookOnly)
        for section in document.sections where !section.workbookOnly {
            out += "## \(escape(section.title))\n\n"
            if let intro = section.intro { out += "\(escape(intro))\n\n" }
            if let key = section.keyResult { out += key.parts().map { render($0, lang) }.joined() }
            for chart in section.charts {
                let (title, description) = chartText(chart)
                out += "*\(lang == .nb ? "Figur" : "Figure"): \(escape(title)).* \(escape(description))\n\n"
            }
            for table in section.tables.flatMap({ $0.parts() }) { out += render(table, lang) }
        }
        if !workbookOnly.isEmpty {
            out += lang == .nb ? "## Flere tabeller i report.xlsx\n\n" : "## More tables in report.xlsx\n\n"
            for section in workbookOnly { out += "- \(escape(section.title)) (\(lang == .nb ? "ark" : "sheet") «\(escape(section.name))»)\n" }
            out += "\n"
        }
        return out
    }

    func render(_ table: ReportTable, _ lang: ReportLanguage) -> String {
        let width = table.columnCount
        // Each column's header: the texts of the header cells above it, top to bottom.
        var headers = Array(repeating: [String](), count: width)
        for row in table.header {
            var column = 0
            for cell in row {
                for c in column..<min(column + cell.span, width) where !cell.text.isEmpty { headers[c].append(cell.text) }
                column += cell.span
            }
        }
        var out = "### \(escape(table.title))\n\n"
        out += "| " + headers.map { escape($0.joined(separator: " · ")) }.joined(separator: " | ") + " |\n"
        out += "|" + (0..<width).map { $0 < table.rowHeaderColumns ? "---" : "---:" }.joined(separator: "|") + "|\n"
        for row in table.rows {
            out += "| " + row.map { escape(lang.text($0)) }.joined(separator: " | ") + " |\n"
        }
        out += "\n"
        if let note = table.note { out += "\(escape(note))\n\n" }
        return out
    }

    func chartText(_ chart: ReportChart) -> (String, String) {
        switch chart {
        case .stackedBars(let c): return (c.title, c.description)
        case .lines(let c): return (c.title, c.description)
        case .intervals(let c): return (c.title, c.description)
        }
    }

    /// Characters that would end a cell or start markup.
    func escape(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "|", "\\", "*", "_", "`", "<", ">", "[", "]": out += "\\\(ch)"
            case "\n": out += " "
            default: out.append(ch)
            }
        }
        return out
    }
}
