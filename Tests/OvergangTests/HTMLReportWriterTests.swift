import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
@testable import Report

/// The HTML report: self-contained, accessible tables, and charts whose drawn geometry
/// matches the data (read back from the SVG through the axis tick labels it prints).
/// With OVERGANG_HTML_SAMPLE=/path/x.html the sample is also written there and rendered to
/// /path/x.png by scripts/render-html.sh, to be looked at.
final class HTMLReportWriterTests: XCTestCase {
    static let segments = ["I arbeid", "Utdanning", "Annen ytelse", "Ukjent"]
    static let shares: [[Double?]] = [[47.8, 12.3, 25.0, 14.9], [61.5, 8.5, 20.0, 10.0], [30.0, 20.0, 0, 20.0],
                                      [nil, nil, nil, nil]]
    /// Many bars with long labels, which turn to fit.
    static let groups = (0..<10).map { "\(2021 + $0 / 5) kvinner \(20 + 10 * ($0 % 5))-\(29 + 10 * ($0 % 5)) år" }
    static let groupShares: [[Double?]] = (0..<10).map { i in
        let a = 30 + 4 * Double(i), b = 10 + Double(i % 3) * 5
        return i == 7 ? [nil, nil, nil, nil] : [a, b, 100 - a - b - 5, 5]
    }
    static let survival = LineSeries(
        name: "Kvinner", points: [1, 0.95, 0.9, 0.9, 0.8, 0.74].enumerated().map { ChartPoint(x: Double($0.offset), y: $0.element) },
        band: [1, 0.95, 0.9, 0.9, 0.8, 0.74].enumerated().map { ChartBand(x: Double($0.offset), low: $0.element - 0.06, high: min(1, $0.element + 0.04)) },
        steps: true)
    static let straight = LineSeries(name: "Menn", points: (0...5).map { ChartPoint(x: Double($0), y: 0.9 - 0.05 * Double($0)) })
    static let months = (0..<24).map { String(format: "%04d-%02d", 2021 + $0 / 12, $0 % 12 + 1) }
    static let monthly = LineSeries(name: "Avganger", points: (0..<24).map { ChartPoint(x: Double($0), y: 250 + 150 * sin(Double($0) / 3)) })

    static func sample(_ language: ReportLanguage = .nb) -> ReportDocument {
        let table = ReportTable(
            title: "Status to måneder etter avgang, prosent",
            header: [[HeaderCell("", span: 2), HeaderCell("Status etter avgang", span: 3), HeaderCell("Avganger")],
                     [HeaderCell("Periode"), HeaderCell("Gruppe"), HeaderCell("I arbeid"), HeaderCell("Utdanning"),
                      HeaderCell("Annet"), HeaderCell("Antall")]],
            rowHeaderColumns: 2,
            rows: [[.text("2021"), .text("Under 30 år & <kvinner>"), .number(47.8, .percent), .number(12.3, .percent), .number(39.9, .percent), .number(1234, .count)],
                   [.text("2021"), .text("Menn"), .suppressed, .number(8.5, .percent), .number(30, .percent), .number(4, .count)],
                   [.text("2022"), .text("Alle"), .empty, .empty, .empty, .number(0, .count)]],
            note: "Andeler av avganger i perioden. : = prikket.")
        let bars = StackedBarChart(title: "Status etter avgang", description: "Andel i arbeid, utdanning, annen ytelse og ukjent status to måneder etter avgang, etter periode og gruppe.",
                                   bars: ["2021 Kvinner", "2021 Menn", "2022 Alle", "2022 Prikket"], segments: segments,
                                   values: shares, axisLabel: "Prosent")
        let wide = StackedBarChart(title: "Status etter avgang, etter alder", description: "Andel i hver status etter år og aldersgruppe.",
                                   bars: groups, segments: segments, values: groupShares, axisLabel: "Prosent")
        let km = LineChart(title: "Andel fortsatt registrert", description: "Kaplan-Meier-kurver med 95 % konfidensintervall.",
                           xLabel: "Måneder siden inngang", yLabel: "Andel", yRange: 0...1, series: [survival, straight])
        let exits = LineChart(title: "Avganger per måned", description: "Antall avganger hver måned 2021-2022.",
                              xLabel: "Måned", yLabel: "Avganger", yRange: 0...500,
                              xTickLabels: Dictionary(uniqueKeysWithValues: months.enumerated().map { (Double($0.offset), $0.element) }),
                              series: [monthly])
        return ReportDocument(
            title: "Overgang & status <2021-2022>", language: language,
            about: [AboutLine("Periode", "2021-01 til 2022-12"), AboutLine("Versjon", "1.0")],
            sections: [ReportSection(name: "Status", title: "Status etter avgang", intro: "Hvor de som går ut av registeret, er to måneder senere.",
                                     tables: [table], charts: [.stackedBars(bars), .stackedBars(wide)]),
                       ReportSection(name: "Varighet", title: "Varighet", charts: [.lines(km), .lines(exits)])],
            notes: [": Prikket (færre enn fem personer).", ". Ingen verdi."])
    }

    // MARK: A small element tree from XMLParser.

    final class Element {
        let name: String
        let attributes: [String: String]
        var children: [Element] = []
        var text = ""
        init(_ name: String, _ attributes: [String: String]) { self.name = name; self.attributes = attributes }
        subscript(_ key: String) -> String? { attributes[key] }
        /// This element and all below it, in document order.
        var all: [Element] { [self] + children.flatMap(\.all) }
        func all(_ name: String) -> [Element] { all.filter { $0.name == name } }
        var allText: String { text + children.map(\.allText).joined() }
        func number(_ key: String) -> Double { Double(attributes[key] ?? "") ?? .nan }
    }

    final class TreeBuilder: NSObject, XMLParserDelegate {
        var stack = [Element("document", [:])]
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
            let e = Element(name, attributes)
            stack.last!.children.append(e)
            stack.append(e)
        }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) { stack.removeLast() }
        func parser(_ parser: XMLParser, foundCharacters string: String) { stack.last!.text += string }
    }

    func parse(_ html: String) throws -> Element {
        let parser = XMLParser(data: Data(html.utf8))
        let builder = TreeBuilder()
        parser.delegate = builder
        XCTAssertTrue(parser.parse(), "not well-formed: \(String(describing: parser.parserError)) at line \(parser.lineNumber)")
        return try XCTUnwrap(builder.stack.first?.children.first)
    }

    func render(_ language: ReportLanguage = .nb) throws -> (String, Element) {
        let html = HTMLReportWriter().render(Self.sample(language))
        return (html, try parse(html))
    }

    func svg(_ root: Element, _ id: String) throws -> Element {
        try XCTUnwrap(root.all("svg").first { $0["id"] == id }, "no chart \(id)")
    }

    /// A printed tick label as a number (decimal comma, true minus and grouping undone).
    func value(_ label: String) -> Double {
        Double(label.replacingOccurrences(of: "\u{2212}", with: "-").replacingOccurrences(of: ",", with: ".")
            .replacingOccurrences(of: "\u{00A0}", with: "")) ?? .nan
    }

    /// The axis scale from pixels back to data, fitted through the first and last tick label.
    func inverse(_ ticks: [(value: Double, pixel: Double)]) -> (Double) -> Double {
        let (a, b) = (ticks.first!, ticks.last!)
        return { a.value + ($0 - a.pixel) / (b.pixel - a.pixel) * (b.value - a.value) }
    }

    func yTicks(_ chart: Element) -> [(value: Double, pixel: Double)] {
        chart.all("text").filter { $0["class"] == "tick-y" }.map { (value($0.allText), $0.number("y")) }
    }

    // MARK: Tests

    func testSelfContainedAndStructured() throws {
        for language in ReportLanguage.allCases {
            let (html, root) = try render(language)
            for banned in ["http://", "https://", "src=", "<script", "url(", "@import", "<link"] {
                XCTAssertFalse(html.contains(banned), "\(language): \(banned)")
            }
            XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>\n"))
            XCTAssertEqual(root.name, "html")
            XCTAssertEqual(root["lang"], language.rawValue)
            XCTAssertEqual(root.all("meta").first?["charset"], "utf-8")
            XCTAssertEqual(root.all("h1").map(\.allText), ["Overgang & status <2021-2022>"])
            XCTAssertEqual(root.all("dt").map(\.allText), ["Periode", "Versjon"])
            // The contents link to the sections, each with its heading.
            let links = root.all("nav").first?.all("a").map { $0["href"] ?? "" } ?? []
            let sections = root.all("section")
            XCTAssertEqual(links, sections.map { "#" + ($0["id"] ?? "") })
            XCTAssertEqual(sections.map { $0.children.first?.name }, ["h2", "h2", "h2"])
            // Every chart is a figure with a caption and an image labelled by its title and description.
            let figures = root.all("figure")
            XCTAssertEqual(figures.count, 4)
            for figure in figures {
                XCTAssertFalse(figure.all("figcaption").first?.allText.isEmpty ?? true)
                let svg = try XCTUnwrap(figure.all("svg").first)
                XCTAssertEqual(svg["role"], "img")
                let ids = (svg["aria-labelledby"] ?? "").split(separator: " ").map(String.init)
                XCTAssertEqual(ids.compactMap { id in svg.children.first { $0["id"] == id }?.name }, ["title", "desc"])
            }
            XCTAssertEqual(root.all("desc").first?.allText, Self.sample().sections[0].charts.first.map {
                if case .stackedBars(let c) = $0 { c.description } else { "" }
            })
        }
    }

    func testTable() throws {
        let (_, root) = try render()
        let table = try XCTUnwrap(root.all("table").first)
        XCTAssertEqual(table.all("caption").map(\.allText), ["Status to måneder etter avgang, prosent"])
        let head = try XCTUnwrap(table.all("thead").first)
        XCTAssertEqual(head.all("tr").count, 2)
        for th in table.all("th") { XCTAssertNotNil(th["scope"], th.allText) }
        XCTAssertEqual(head.all("th").map { $0["scope"] ?? "" }, Array(repeating: "col", count: 8))
        XCTAssertEqual(head.all("tr")[0].children.map { $0["colspan"] ?? "1" }, ["2", "3", "1"])
        XCTAssertEqual(head.all("tr")[0].children.map(\.name), ["td", "th", "th"])   // the empty corner is no header
        let rows = try XCTUnwrap(table.all("tbody").first).all("tr")
        XCTAssertEqual(rows.count, 3)
        XCTAssertEqual(rows[0].children.map(\.name), ["th", "th", "td", "td", "td", "td"])
        XCTAssertEqual(rows[0].children.filter { $0.name == "th" }.map { $0["scope"] }, ["row", "row"])
        XCTAssertEqual(rows[0].children[1].allText, "Under 30 år & <kvinner>")
        XCTAssertEqual(rows[0].children.dropFirst(2).map(\.allText), ["47,8", "12,3", "39,9", "1\u{00A0}234"])
        XCTAssertEqual(rows[0].children.dropFirst(2).map { $0["class"] }, ["num", "num", "num", "num"])
        let suppressed = try XCTUnwrap(rows[1].children[2].children.first)
        XCTAssertEqual(suppressed.name, "abbr")
        XCTAssertEqual(suppressed.allText, ":")
        XCTAssertEqual(suppressed["title"], ReportLanguage.nb.suppressedExplanation)
        XCTAssertEqual(rows[2].children[2].allText, ".")
        XCTAssertEqual(table.all("tfoot").first?.all("td").first?.allText, "Andeler av avganger i perioden. : = prikket.")
        XCTAssertEqual(table.all("tfoot").first?.all("td").first?["colspan"], "6")
        // English prints decimal points and comma-grouped thousands.
        let english = try XCTUnwrap(try render(.en).1.all("tbody").first).all("tr")[0].children.dropFirst(2).map(\.allText)
        XCTAssertEqual(english, ["47.8", "12.3", "39.9", "1,234"])
    }

    func testStackedBarGeometry() throws {
        let (_, root) = try render()
        try assertBars(try svg(root, "s1-chart1"), Self.shares, ["2021 Kvinner", "2021 Menn", "2022 Alle", "2022 Prikket"])
        try assertBars(try svg(root, "s1-chart2"), Self.groupShares, Self.groups)
    }

    func assertBars(_ chart: Element, _ shares: [[Double?]], _ labels: [String]) throws {
        let ticks = yTicks(chart)
        XCTAssertEqual(ticks.map(\.value), [0, 20, 40, 60, 80, 100])
        let zero = try XCTUnwrap(ticks.first { $0.value == 0 }).pixel, hundred = try XCTUnwrap(ticks.first { $0.value == 100 }).pixel
        let plotHeight = zero - hundred
        XCTAssertGreaterThan(plotHeight, 100)
        let rects = chart.all("rect").filter { $0["class"] == "segment" }
        var lastX = -Double.infinity
        for (i, values) in shares.enumerated() {
            let bar = rects.filter { $0["data-bar"] == "\(i)" }
            guard values.contains(where: { $0 != nil }) else {
                XCTAssertTrue(bar.isEmpty, "bar \(i) has no values")
                XCTAssertNotNil(chart.all("rect").first { $0["class"] == "no-data" && $0["data-bar"] == "\(i)" })
                continue
            }
            XCTAssertEqual(bar.map { $0["data-segment"] }, Self.segments.indices.map { "\($0)" }, "bar \(i)")
            // Bottom-up in segment order, each height proportional to its value.
            var bottom = zero
            for (segment, value) in zip(bar, values) {
                let (y, height) = (segment.number("y"), segment.number("height"))
                XCTAssertEqual(y + height, bottom, accuracy: 0.011, "bar \(i) stacks")
                XCTAssertEqual(height / plotHeight, value! / 100, accuracy: 0.01, "bar \(i) \(segment["data-segment"]!)")
                XCTAssertEqual(segment.number("x"), bar[0].number("x"))
                bottom = y
            }
            let total = bar.map { $0.number("height") }.reduce(0, +)
            if values.reduce(0, { $0 + $1! }) == 100 { XCTAssertEqual(total, plotHeight, accuracy: 0.011, "bar \(i) full") }
            XCTAssertGreaterThan(bar[0].number("x"), lastX, "bars in order")
            lastX = bar[0].number("x")
        }
        XCTAssertEqual(chart.all("text").filter { $0["class"] == "bar-label" }.map(\.allText), labels)
        // The legend lists the segments as they lie in the bars: top first.
        XCTAssertEqual(chart.all("g").first { $0["class"] == "legend" }?.all("text").map(\.allText), Self.segments.reversed())
    }

    /// The vertices of a path "M x y L x y …" or a polygon "x,y x,y …".
    func vertices(_ s: String) -> [(Double, Double)] {
        let numbers = s.split(whereSeparator: { " ,ML".contains($0) }).map { Double($0) ?? .nan }
        return stride(from: 0, to: numbers.count - 1, by: 2).map { (numbers[$0], numbers[$0 + 1]) }
    }

    /// Equal within 1e-4 of the axis spans (coordinates are printed to 0.01 px).
    func assertPoints(_ got: [(Double, Double)], _ expected: [(Double, Double)], span: (Double, Double), _ what: String) {
        XCTAssertEqual(got.count, expected.count, what)
        for (g, e) in zip(got, expected) {
            XCTAssertEqual(g.0, e.0, accuracy: 1e-4 * span.0, what)
            XCTAssertEqual(g.1, e.1, accuracy: 1e-4 * span.1, what)
        }
    }

    func testLineGeometry() throws {
        let (_, root) = try render()
        let chart = try svg(root, "s2-chart1")
        let y = inverse(yTicks(chart))
        let x = inverse(chart.all("text").filter { $0["class"] == "tick-x" }.map { (value($0.allText), $0.number("x")) })
        func series(_ k: Int, _ kind: String) throws -> [(Double, Double)] {
            let e = try XCTUnwrap(chart.all.first { $0["class"] == kind && $0["data-series"] == "\(k)" }, "\(kind) \(k)")
            return vertices(e[kind == "band" ? "points" : "d"] ?? "").map { (x($0.0), y($0.1)) }
        }
        // The survival curve holds each value until the next month: a step function.
        let p = Self.survival.points.map { ($0.x, $0.y) }
        let steps = [p[0]] + p.indices.dropFirst().flatMap { [(p[$0].0, p[$0 - 1].1), p[$0]] }
        assertPoints(try series(0, "series"), steps, span: (5, 1), "step curve")
        assertPoints(try series(1, "series"), Self.straight.points.map { ($0.x, $0.y) }, span: (5, 1), "straight curve")
        XCTAssertNil(chart.all.first { $0["class"] == "band" && $0["data-series"] == "1" })
        // The band reaches the interval's ends at every x, and no further.
        let band = try series(0, "band")
        for b in Self.survival.band! {
            for bound in [b.low, b.high] {
                XCTAssertTrue(band.contains { abs($0.0 - b.x) < 1e-3 && abs($0.1 - bound) < 1e-3 }, "band at \(b.x): \(bound)")
            }
        }
        XCTAssertEqual(band.map(\.1).min()!, Self.survival.band!.map(\.low).min()!, accuracy: 1e-3)
        XCTAssertEqual(band.map(\.1).max()!, Self.survival.band!.map(\.high).max()!, accuracy: 1e-3)
        XCTAssertEqual(band.map(\.0).min()!, 0, accuracy: 1e-3)
        XCTAssertEqual(band.map(\.0).max()!, 5, accuracy: 1e-3)

        // Month labels on the x axis, thinned to fit, at their months.
        let monthly = try svg(root, "s2-chart2")
        let labels = monthly.all("text").filter { $0["class"] == "tick-x" }
        XCTAssertGreaterThan(labels.count, 3)
        XCTAssertLessThan(labels.count, 24)
        let mx = inverse(labels.map { (Double(Self.months.firstIndex(of: $0.allText)!), $0.number("x")) })
        let my = inverse(yTicks(monthly))
        let path = try XCTUnwrap(monthly.all("path").first { $0["class"] == "series" }?["d"])
        assertPoints(vertices(path).map { (mx($0.0), my($0.1)) }, Self.monthly.points.map { ($0.x, $0.y) }, span: (23, 500), "monthly")
    }

    func testDeterministicAndSample() throws {
        let html = HTMLReportWriter().render(Self.sample())
        XCTAssertEqual(html, HTMLReportWriter().render(Self.sample()))
        guard let path = ProcessInfo.processInfo.environment["OVERGANG_HTML_SAMPLE"] else { return }
        try html.write(toFile: path, atomically: true, encoding: .utf8)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../scripts/render-html.sh").standardized
        let png = (path as NSString).deletingPathExtension + ".png"
        let process = Process()
        process.executableURL = script
        process.arguments = [path, png, (path as NSString).deletingPathExtension + ".pdf"]
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: png))
    }
}
