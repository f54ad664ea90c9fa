/// Estimates with intervals (a forest plot): the value axis runs across, with a rule at zero;
/// each row (a pair) holds one marker per series (a measure) on its interval line. Markers
/// differ in shape as well as colour.
struct IntervalChartSVG {
    let chart: IntervalChart
    let language: ReportLanguage
    let id: String

    static let shapes = ["circle", "square", "diamond"]

    func render() -> String {
        let all = chart.series.flatMap { $0.intervals.compactMap { $0 } }
        let ticks = AxisTicks(LinearScale.span(min(0, all.map(\.low).min() ?? 0), max(0, all.map(\.high).max() ?? 0)), target: 6)
        // The axis ends on ticks, so every interval lies inside it.
        let step = ticks.values.count > 1 ? ticks.values[1] - ticks.values[0] : 1
        let domain = ((all.map(\.low) + [0]).min()!, (all.map(\.high) + [0]).max()!)
        let lo = (domain.0 / step).rounded(.down) * step, hi = (domain.1 / step).rounded(.up) * step
        let axis = AxisTicks(LinearScale.span(lo, hi), target: 6)
        let frame = ChartFrame(yLabels: chart.rows, bottom: 52, legend: chart.series.map(\.name))
        let x = LinearScale(domain: LinearScale.span(lo, hi), range: (frame.left, frame.plotRight))
        let rowHeight = ChartFrame.plotHeight / Double(max(chart.rows.count, 1))

        var body = ""
        for v in axis.values {
            let px = svgNumber(x(v))
            body += "<line x1=\"\(px)\" y1=\"\(svgNumber(frame.top))\" x2=\"\(px)\" y2=\"\(svgNumber(frame.plotBottom))\" "
                + "stroke=\"\(v == 0 ? "#333333" : "#DDDDDD")\"/>\n"
            body += "<text class=\"tick-x\" x=\"\(px)\" y=\"\(svgNumber(frame.plotBottom + 18))\" text-anchor=\"middle\">\(axis.label(v, language))</text>\n"
        }
        for (i, row) in chart.rows.enumerated() {
            let centre = frame.top + rowHeight * (Double(i) + 0.5)
            body += "<text class=\"row-label\" x=\"\(svgNumber(frame.left - 8))\" y=\"\(svgNumber(centre))\" text-anchor=\"end\" "
                + "dominant-baseline=\"central\">\(HTMLText.escape(row))</text>\n"
            for (k, series) in chart.series.enumerated() {
                guard i < series.intervals.count, let interval = series.intervals[i] else { continue }
                let offset = (Double(k) - Double(chart.series.count - 1) / 2) * min(14, rowHeight / Double(chart.series.count + 1))
                body += marker(interval, row: row, series: k, y: centre + offset, x: x)
            }
        }
        body += frame.xAxisLine
        body += "<text class=\"axis-title\" x=\"\(svgNumber(frame.left + ChartFrame.plotWidth / 2))\" y=\"\(svgNumber(frame.plotBottom + 42))\" "
            + "text-anchor=\"middle\">\(HTMLText.escape(chart.axisLabel))</text>\n"
        body += frame.legend(chart.series.indices.map { k in
            ("<line x1=\"0\" y1=\"7\" x2=\"24\" y2=\"7\" stroke=\"\(ChartPalette.colour(k))\" stroke-width=\"2\"/>" + shape(k, x: 12, y: 7), chart.series[k].name)
        })
        return frame.svg(id: id, title: chart.title, description: chart.description, body: body)
    }

    /// The interval line and the estimate's marker, with the figures as a tooltip.
    func marker(_ interval: ChartInterval, row: String, series k: Int, y: Double, x: LinearScale) -> String {
        let text = "\(row), \(chart.series[k].name): \(language.format(interval.estimate, .percent)) "
            + "(\(language.format(interval.low, .percent)) \(language == .nb ? "til" : "to") \(language.format(interval.high, .percent)))"
        return "<g class=\"interval\" data-series=\"\(k)\"><title>\(HTMLText.escape(text))</title>"
            + "<line x1=\"\(svgNumber(x(interval.low)))\" y1=\"\(svgNumber(y))\" x2=\"\(svgNumber(x(interval.high)))\" y2=\"\(svgNumber(y))\" "
            + "stroke=\"\(ChartPalette.colour(k))\" stroke-width=\"2\"/>" + shape(k, x: x(interval.estimate), y: y) + "</g>\n"
    }

    func shape(_ k: Int, x: Double, y: Double) -> String {
        let fill = "fill=\"\(ChartPalette.colour(k))\" stroke=\"#FFFFFF\" stroke-width=\"0.5\""
        switch Self.shapes[k % Self.shapes.count] {
        case "square":
            return "<rect x=\"\(svgNumber(x - 4.5))\" y=\"\(svgNumber(y - 4.5))\" width=\"9\" height=\"9\" \(fill)/>"
        case "diamond":
            return "<polygon points=\"\(svgNumber(x)),\(svgNumber(y - 6)) \(svgNumber(x + 6)),\(svgNumber(y)) \(svgNumber(x)),\(svgNumber(y + 6)) \(svgNumber(x - 6)),\(svgNumber(y))\" \(fill)/>"
        default:
            return "<circle cx=\"\(svgNumber(x))\" cy=\"\(svgNumber(y))\" r=\"5\" \(fill)/>"
        }
    }
}
