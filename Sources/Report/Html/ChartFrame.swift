/// The layout both chart kinds share, in SVG user units: a plot area of fixed size with the
/// y axis on its left, x labels below and the legend on its right; and the markup for them.
struct ChartFrame {
    static let plotWidth = 520.0, plotHeight = 300.0
    /// Rough width of a character at 12 px, to make room for labels without measuring text.
    static func textWidth(_ s: String) -> Double { Double(s.count) * 7 }

    let left: Double
    let bottom: Double
    let legendWidth: Double
    let legendCount: Int
    /// The y axis title's place: just left of the tick labels.
    let yTitleX: Double
    let top = 12.0

    /// `yLabels` are the y tick labels, `legend` the legend texts: both set the margins;
    /// `left` is the least left margin (for x labels that reach left of the plot).
    init(yLabels: [String], bottom: Double, legend: [String], left: Double = 0) {
        let tickRoom = (yLabels.map(Self.textWidth).max() ?? 0) + 10
        self.left = max(left, 24 + tickRoom)
        yTitleX = self.left - tickRoom - 10
        self.bottom = bottom
        // 8 to spare: digits and capitals are wider than the estimate.
        legendWidth = 40 + (legend.map(Self.textWidth).max() ?? 0)
        legendCount = legend.count
    }

    var plotRight: Double { left + Self.plotWidth }
    var plotBottom: Double { top + Self.plotHeight }
    var width: Double { plotRight + 24 + legendWidth }
    /// Tall enough for a legend longer than the plot.
    var height: Double { max(plotBottom + bottom, top + 4 + Double(legendCount) * 22) }

    /// The chart as an image with a text alternative: title and description name it.
    func svg(id: String, title: String, description: String, body: String) -> String {
        let (w, h) = (svgNumber(width.rounded(.up)), svgNumber(height.rounded(.up)))
        return """
        <svg id="\(id)" role="img" aria-labelledby="\(id)-title \(id)-desc" width="\(w)" height="\(h)" \
        viewBox="0 0 \(w) \(h)" font-family="system-ui, sans-serif" font-size="12">
        <title id="\(id)-title">\(HTMLText.escape(title))</title>
        <desc id="\(id)-desc">\(HTMLText.escape(description))</desc>
        \(body)</svg>

        """
    }

    /// Grid lines at the y ticks, their labels, the axis line and the axis title along it.
    func yAxis(_ ticks: AxisTicks, scale: LinearScale, title: String, language: ReportLanguage) -> String {
        var out = ""
        for v in ticks.values {
            let y = svgNumber(scale(v))
            out += "<line x1=\"\(svgNumber(left))\" y1=\"\(y)\" x2=\"\(svgNumber(plotRight))\" y2=\"\(y)\" stroke=\"#DDDDDD\"/>\n"
            out += "<text class=\"tick-y\" x=\"\(svgNumber(left - 8))\" y=\"\(y)\" text-anchor=\"end\" "
                + "dominant-baseline=\"central\">\(ticks.label(v, language))</text>\n"
        }
        let (middle, titleX) = (svgNumber(top + Self.plotHeight / 2), svgNumber(yTitleX))
        out += "<line x1=\"\(svgNumber(left))\" y1=\"\(svgNumber(top))\" x2=\"\(svgNumber(left))\" y2=\"\(svgNumber(plotBottom))\" stroke=\"#333333\"/>\n"
        out += "<text class=\"axis-title\" x=\"\(titleX)\" y=\"\(middle)\" text-anchor=\"middle\" dominant-baseline=\"central\" "
            + "transform=\"rotate(-90 \(titleX) \(middle))\">\(HTMLText.escape(title))</text>\n"
        return out
    }

    var xAxisLine: String {
        "<line x1=\"\(svgNumber(left))\" y1=\"\(svgNumber(plotBottom))\" x2=\"\(svgNumber(plotRight))\" y2=\"\(svgNumber(plotBottom))\" stroke=\"#333333\"/>\n"
    }

    /// Legend entries top down; each swatch is drawn in a 24 × 14 box at the origin.
    func legend(_ entries: [(swatch: String, label: String)]) -> String {
        var out = "<g class=\"legend\">\n"
        for (i, entry) in entries.enumerated() {
            out += "<g transform=\"translate(\(svgNumber(plotRight + 24)) \(svgNumber(top + 4 + Double(i) * 22)))\">"
                + entry.swatch + "<text x=\"32\" y=\"7\" dominant-baseline=\"central\">\(HTMLText.escape(entry.label))</text></g>\n"
        }
        return out + "</g>\n"
    }
}
