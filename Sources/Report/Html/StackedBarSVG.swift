import Foundation

/// A stacked bar chart of shares: one bar per entry, segments stacked bottom-up in
/// `segments` order with heights proportional to their percentages on a 0-100 axis.
struct StackedBarSVG {
    let chart: StackedBarChart
    let language: ReportLanguage
    let id: String

    /// Bar labels turn when they would not fit under their bars side by side.
    static let labelAngle = 35.0

    func render() -> String {
        let ticks = AxisTicks((0, 100), target: 5)
        let slot = ChartFrame.plotWidth / Double(max(chart.bars.count, 1))
        let widest = chart.bars.map(ChartFrame.textWidth).max() ?? 0
        let turned = widest > slot - 6
        let angle = Self.labelAngle * .pi / 180
        let frame = ChartFrame(yLabels: ticks.values.map { ticks.label($0, language) },
                               bottom: 12 + (turned ? widest * sin(angle) + 12 : 18) + (chart.barAxisLabel == nil ? 0 : 24), legend: chart.segments,
                               left: turned ? widest * cos(angle) - slot / 2 + 8 : 0)
        let y = LinearScale(domain: (0, 100), range: (frame.plotBottom, frame.top))
        let barWidth = min(slot * 0.7, 64)

        var body = frame.yAxis(ticks, scale: y, title: chart.axisLabel, language: language)
        for (i, bar) in chart.bars.enumerated() {
            let centre = frame.left + slot * (Double(i) + 0.5), x = centre - barWidth / 2
            let values = chart.segments.indices.map { i < chart.values.count && $0 < chart.values[i].count ? chart.values[i][$0] : nil }
            if values.allSatisfy({ $0 == nil }) {
                body += emptyBar(i, x: x, width: barWidth, frame: frame)
            }
            var below = 0.0
            for (j, value) in values.enumerated() {
                guard let value else { continue }
                // Edges from cumulative sums, so that the heights of a bar add up exactly.
                let bottom = rounded(y(below)), top = rounded(y(below + value))
                below += value
                let label = language.format(value, .percent)
                body += "<rect class=\"segment\" data-bar=\"\(i)\" data-segment=\"\(j)\" x=\"\(svgNumber(x))\" "
                    + "y=\"\(svgNumber(top))\" width=\"\(svgNumber(barWidth))\" height=\"\(svgNumber(bottom - top))\" "
                    + "fill=\"\(ChartPalette.colour(j))\" stroke=\"#FFFFFF\" stroke-width=\"0.5\">"
                    + "<title>\(HTMLText.escape("\(bar), \(chart.segments[j]): \(label) %"))</title></rect>\n"
                // The value is written on its segment where it fits: colour is not the only key.
                if bottom - top >= 16, barWidth >= ChartFrame.textWidth(label) + 4 {
                    body += "<text class=\"value\" x=\"\(svgNumber(centre))\" y=\"\(svgNumber((top + bottom) / 2))\" "
                        + "text-anchor=\"middle\" dominant-baseline=\"central\" fill=\"\(ChartPalette.textColour(j))\">\(label)</text>\n"
                }
            }
            body += barLabel(bar, centre: centre, turned: turned, frame: frame)
        }
        body += frame.xAxisLine
        if let title = chart.barAxisLabel {
            body += "<text class=\"axis-title\" x=\"\(svgNumber(frame.left + ChartFrame.plotWidth / 2))\" "
                + "y=\"\(svgNumber(frame.plotBottom + frame.bottom - 8))\" text-anchor=\"middle\">\(HTMLText.escape(title))</text>\n"
        }
        // Top entry first, as the segments lie in the bars.
        body += frame.legend(chart.segments.indices.reversed().map { j in
            ("<rect x=\"4\" y=\"0\" width=\"16\" height=\"14\" fill=\"\(ChartPalette.colour(j))\"/>", chart.segments[j])
        })
        return frame.svg(id: id, title: chart.title, description: chart.description, body: body)
    }

    /// A bar without values (suppressed or no exits): an outline the height of the axis, labelled.
    func emptyBar(_ i: Int, x: Double, width: Double, frame: ChartFrame) -> String {
        let cx = svgNumber(x + width / 2), cy = svgNumber(frame.top + ChartFrame.plotHeight / 2)
        return "<rect class=\"no-data\" data-bar=\"\(i)\" x=\"\(svgNumber(x))\" y=\"\(svgNumber(frame.top))\" "
            + "width=\"\(svgNumber(width))\" height=\"\(svgNumber(ChartFrame.plotHeight))\" fill=\"none\" "
            + "stroke=\"#999999\" stroke-dasharray=\"4 3\"/>\n"
            + "<text x=\"\(cx)\" y=\"\(cy)\" text-anchor=\"middle\" dominant-baseline=\"central\" fill=\"#555555\" "
            + "transform=\"rotate(-90 \(cx) \(cy))\">\(HTMLText.escape(language.noDataLabel))</text>\n"
    }

    func barLabel(_ label: String, centre: Double, turned: Bool, frame: ChartFrame) -> String {
        let x = svgNumber(centre), y = svgNumber(frame.plotBottom + (turned ? 10 : 16))
        let placement = turned
            ? "text-anchor=\"end\" transform=\"rotate(-\(svgNumber(Self.labelAngle)) \(x) \(y))\""
            : "text-anchor=\"middle\""
        return "<text class=\"bar-label\" x=\"\(x)\" y=\"\(y)\" \(placement)>\(HTMLText.escape(label))</text>\n"
    }

    func rounded(_ v: Double) -> Double { (v * 100).rounded() / 100 }
}
