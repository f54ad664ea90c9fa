/// Curves over a common x axis: one path per series (a step function for survival curves),
/// a translucent band for a confidence interval, the y axis over `yRange`.
struct LineChartSVG {
    let chart: LineChart
    let language: ReportLanguage
    let id: String

    func render() -> String {
        let xs = chart.series.flatMap { $0.points.map(\.x) + ($0.band ?? []).map(\.x) }
        let xDomain = LinearScale.span(xs.min() ?? 0, xs.max() ?? 1)
        let yDomain = LinearScale.span(chart.yRange.lowerBound, chart.yRange.upperBound)
        let yTicks = AxisTicks(yDomain, target: 5)
        let frame = ChartFrame(yLabels: yTicks.values.map { yTicks.label($0, language) }, bottom: 52,
                               legend: chart.series.map(\.name))
        let x = LinearScale(domain: xDomain, range: (frame.left, frame.plotRight))
        let y = LinearScale(domain: yDomain, range: (frame.plotBottom, frame.top))

        var body = frame.yAxis(yTicks, scale: y, title: chart.yLabel, language: language)
        for (k, series) in chart.series.enumerated() {
            guard let band = series.band, !band.isEmpty else { continue }
            let upper = outline(band.map { (x($0.x), y($0.high)) }, steps: series.steps)
            let lower = outline(band.map { (x($0.x), y($0.low)) }, steps: series.steps)
            body += "<polygon class=\"band\" data-series=\"\(k)\" points=\""
                + (upper + lower.reversed()).map { "\(svgNumber($0.0)),\(svgNumber($0.1))" }.joined(separator: " ")
                + "\" fill=\"\(ChartPalette.colour(k))\" fill-opacity=\"0.2\" stroke=\"none\"/>\n"
        }
        for (k, series) in chart.series.enumerated() where !series.points.isEmpty {
            let vertices = outline(series.points.map { (x($0.x), y($0.y)) }, steps: series.steps)
            let d = vertices.enumerated().map { "\($0.offset == 0 ? "M" : "L")\(svgNumber($0.element.0)) \(svgNumber($0.element.1))" }
            body += "<path class=\"series\" data-series=\"\(k)\" d=\"\(d.joined(separator: " "))\" fill=\"none\" "
                + "stroke=\"\(ChartPalette.colour(k))\" stroke-width=\"2\"\(dash(k))>"
                + "<title>\(HTMLText.escape(series.name))</title></path>\n"
        }
        body += frame.xAxisLine + xAxis(xDomain, scale: x, frame: frame)
        body += frame.legend(chart.series.enumerated().map { k, series in
            let band = series.band == nil ? "" : "<rect x=\"0\" y=\"0\" width=\"24\" height=\"14\" fill=\"\(ChartPalette.colour(k))\" fill-opacity=\"0.2\"/>"
            return (band + "<line x1=\"0\" y1=\"7\" x2=\"24\" y2=\"7\" stroke=\"\(ChartPalette.colour(k))\" stroke-width=\"2\"\(dash(k))/>", series.name)
        })
        return frame.svg(id: id, title: chart.title, description: chart.description, body: body)
    }

    /// The vertices through the points; a step function holds each value until the next x.
    func outline(_ points: [(Double, Double)], steps: Bool) -> [(Double, Double)] {
        guard steps else { return points }
        return points.indices.flatMap { i in i == 0 ? [points[0]] : [(points[i].0, points[i - 1].1), points[i]] }
    }

    func dash(_ k: Int) -> String {
        ChartPalette.dash(k).isEmpty ? "" : " stroke-dasharray=\"\(ChartPalette.dash(k))\""
    }

    /// Ticks at the given labels when there are any (thinned to fit), else at round numbers.
    func xAxis(_ domain: (Double, Double), scale: LinearScale, frame: ChartFrame) -> String {
        var ticks: [(Double, String)]
        if chart.xTickLabels.isEmpty {
            let round = AxisTicks(domain, target: 8)
            ticks = round.values.map { ($0, round.label($0, language)) }
        } else {
            let labelled = chart.xTickLabels.filter { $0.key >= domain.0 && $0.key <= domain.1 }.sorted { $0.key < $1.key }
            let room = (labelled.map { ChartFrame.textWidth($0.value) }.max() ?? 0) + 12
            let every = max(1, Int((Double(labelled.count) * room / ChartFrame.plotWidth).rounded(.up)))
            ticks = stride(from: 0, to: labelled.count, by: every).map { (labelled[$0].key, labelled[$0].value) }
        }
        var out = ""
        let bottom = frame.plotBottom
        for (v, label) in ticks {
            let px = svgNumber(scale(v))
            out += "<line x1=\"\(px)\" y1=\"\(svgNumber(bottom))\" x2=\"\(px)\" y2=\"\(svgNumber(bottom + 5))\" stroke=\"#333333\"/>\n"
            out += "<text class=\"tick-x\" x=\"\(px)\" y=\"\(svgNumber(bottom + 18))\" text-anchor=\"middle\">\(HTMLText.escape(label))</text>\n"
        }
        let centre = svgNumber(frame.left + ChartFrame.plotWidth / 2)
        return out + "<text class=\"axis-title\" x=\"\(centre)\" y=\"\(svgNumber(bottom + 42))\" text-anchor=\"middle\">"
            + "\(HTMLText.escape(chart.xLabel))</text>\n"
    }
}
