/// The report as one self-contained HTML5 file: inline style, inline SVG charts, no scripts
/// and no external references, so it can be mailed, archived and printed as it is. The
/// markup is also well-formed XML (escaped text, closed empty elements).
public struct HTMLReportWriter: Sendable {
    public init() {}

    public func render(_ document: ReportDocument) -> String {
        let language = document.language
        let title = HTMLText.escape(document.title)
        var out = """
        <!DOCTYPE html>
        <html lang="\(language.rawValue)">
        <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>\(title)</title>
        <style>
        \(HTMLStyle.css)
        </style>
        </head>
        <body>
        <main>
        <h1>\(title)</h1>

        """
        if !document.about.isEmpty {
            out += "<dl class=\"about\">\n"
            for line in document.about {
                out += "<dt>\(HTMLText.escape(line.label))</dt><dd>\(HTMLText.escape(line.value))</dd>\n"
            }
            out += "</dl>\n"
        }
        out += contents(document)
        for (i, section) in document.sections.enumerated() where !section.workbookOnly {
            out += self.section(section, id: "s\(i + 1)", language: language)
        }
        // The long data tables are sheets of the workbook only: named here, not printed.
        let workbookOnly = document.sections.filter(\.workbookOnly)
        if !workbookOnly.isEmpty {
            let nb = language == .nb
            out += "<section id=\"workbook\">\n<h2>\(nb ? "Flere tabeller i report.xlsx" : "More tables in report.xlsx")</h2>\n<ul>\n"
            out += workbookOnly.map { "<li>\(HTMLText.escape($0.title)) (\(nb ? "ark" : "sheet") «\(HTMLText.escape($0.name))»)</li>\n" }.joined()
            out += "</ul>\n</section>\n"
        }
        if !document.notes.isEmpty {
            out += "<section id=\"notes\">\n<h2>\(language.notesHeading)</h2>\n<ul>\n"
            out += document.notes.map { "<li>\(HTMLText.escape($0))</li>\n" }.joined()
            out += "</ul>\n</section>\n"
        }
        return out + "</main>\n</body>\n</html>\n"
    }

    func contents(_ document: ReportDocument) -> String {
        var links = document.sections.enumerated().filter { !$0.element.workbookOnly }.map { ("s\($0.offset + 1)", $0.element.title) }
        if document.sections.contains(where: \.workbookOnly) {
            links.append(("workbook", document.language == .nb ? "Flere tabeller i report.xlsx" : "More tables in report.xlsx"))
        }
        if !document.notes.isEmpty { links.append(("notes", document.language.notesHeading)) }
        guard !links.isEmpty else { return "" }
        return "<nav aria-labelledby=\"contents\">\n<h2 id=\"contents\">\(document.language.contentsHeading)</h2>\n<ol>\n"
            + links.map { "<li><a href=\"#\($0.0)\">\(HTMLText.escape($0.1))</a></li>\n" }.joined()
            + "</ol>\n</nav>\n"
    }

    func section(_ section: ReportSection, id: String, language: ReportLanguage) -> String {
        var out = "<section id=\"\(id)\">\n<h2>\(HTMLText.escape(section.title))</h2>\n"
        if let intro = section.intro { out += "<p>\(HTMLText.escape(intro))</p>\n" }
        let tables = HTMLTableWriter(language: language)
        if let key = section.keyResult { out += key.parts().map(tables.render).joined() }
        for (k, chart) in section.charts.enumerated() {
            let chartID = "\(id)-chart\(k + 1)"
            let (title, svg) = switch chart {
            case .stackedBars(let c): (c.title, StackedBarSVG(chart: c, language: language, id: chartID).render())
            case .lines(let c): (c.title, LineChartSVG(chart: c, language: language, id: chartID).render())
            case .intervals(let c): (c.title, IntervalChartSVG(chart: c, language: language, id: chartID).render())
            }
            out += "<figure>\n<figcaption>\(HTMLText.escape(title))</figcaption>\n\(svg)</figure>\n"
        }
        out += section.tables.flatMap { $0.parts() }.map(tables.render).joined()
        return out + "</section>\n"
    }
}
