/// A report chart as a DrawingML chart part (`xl/charts/chartN.xml`), its data written into
/// the chart as literals (the sheet's cells hold the tables, not the chart series): lines on
/// a category axis (each whole x a category, labelled where the report labels it), stacked
/// bars of shares. Intervals (the DiD chart) have no plain DrawingML form and stay in HTML.
enum DrawingMLChart {
    static let namespaces = #"xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" "#
        + #"xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" "#
        + #"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#

    /// The chart part, or nil for a chart kind the workbook does not draw.
    static func xml(_ chart: ReportChart) -> String? {
        let title: String, plot: String
        switch chart {
        case .lines(let c): (title, plot) = (c.title, lines(c))
        case .stackedBars(let c): (title, plot) = (c.title, bars(c))
        case .intervals: return nil
        }
        return XlsxPackage.declaration + "<c:chartSpace \(namespaces)><c:roundedCorners val=\"0\"/><c:chart>"
            + "<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:pPr><a:defRPr sz=\"1200\" b=\"1\"/></a:pPr><a:r><a:t>\(title.xmlEscaped)</a:t></a:r></a:p></c:rich></c:tx>"
            + "<c:overlay val=\"0\"/></c:title><c:autoTitleDeleted val=\"0\"/><c:plotArea><c:layout/>\(plot)</c:plotArea>"
            + "<c:legend><c:legendPos val=\"r\"/><c:overlay val=\"0\"/></c:legend><c:plotVisOnly val=\"1\"/><c:dispBlanksAs val=\"gap\"/>"
            + "</c:chart></c:chartSpace>"
    }

    /// One category per whole x from the smallest to the largest; a series without a point
    /// at a category has a gap there.
    static func lines(_ chart: LineChart) -> String {
        let xs = chart.series.flatMap { $0.points.map { Int($0.x.rounded()) } }
        let range = (xs.min() ?? 0)...(xs.max() ?? 0)
        let labels = range.map { x in chart.xTickLabels.isEmpty ? String(x) : chart.xTickLabels[Double(x)] ?? "" }
        var out = #"<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>"#
        for (k, series) in chart.series.enumerated() {
            let values = Dictionary(series.points.map { (Int($0.x.rounded()) - range.lowerBound, Optional($0.y)) }, uniquingKeysWith: { _, b in b })
            out += "<c:ser><c:idx val=\"\(k)\"/><c:order val=\"\(k)\"/><c:tx><c:v>\(series.name.xmlEscaped)</c:v></c:tx>"
                + "<c:spPr><a:ln w=\"22225\"><a:solidFill><a:srgbClr val=\"\(colour(k))\"/></a:solidFill></a:ln></c:spPr>"
                + "<c:marker><c:symbol val=\"none\"/></c:marker>"
                + categories(labels) + numbers(values, count: labels.count) + "<c:smooth val=\"0\"/></c:ser>"
        }
        out += #"<c:marker val="1"/><c:axId val="1"/><c:axId val="2"/></c:lineChart>"#
        return out + axes(x: chart.xLabel, y: chart.yLabel, yRange: chart.yRange, skipLabels: chart.xTickLabels.isEmpty ? nil : 1)
    }

    /// Bars side by side, the segments stacked in them bottom first (shares add up to 100).
    static func bars(_ chart: StackedBarChart) -> String {
        var out = #"<c:barChart><c:barDir val="col"/><c:grouping val="stacked"/><c:varyColors val="0"/>"#
        for (j, segment) in chart.segments.enumerated() {
            var values = [Int: Double?]()
            for (i, bar) in chart.values.enumerated() where j < bar.count { values[i] = bar[j] }
            out += "<c:ser><c:idx val=\"\(j)\"/><c:order val=\"\(j)\"/><c:tx><c:v>\(segment.xmlEscaped)</c:v></c:tx>"
                + "<c:spPr><a:solidFill><a:srgbClr val=\"\(colour(j))\"/></a:solidFill></c:spPr><c:invertIfNegative val=\"0\"/>"
                + categories(chart.bars) + numbers(values, count: chart.bars.count) + "</c:ser>"
        }
        out += #"<c:gapWidth val="60"/><c:overlap val="100"/><c:axId val="1"/><c:axId val="2"/></c:barChart>"#
        return out + axes(x: chart.barAxisLabel, y: chart.axisLabel, yRange: 0...100, skipLabels: nil)
    }

    static func categories(_ labels: [String]) -> String {
        "<c:cat><c:strLit><c:ptCount val=\"\(labels.count)\"/>"
            + labels.enumerated().map { "<c:pt idx=\"\($0.offset)\"><c:v>\($0.element.xmlEscaped)</c:v></c:pt>" }.joined()
            + "</c:strLit></c:cat>"
    }

    /// Values by category index; a missing index is a gap.
    static func numbers(_ values: [Int: Double?], count: Int) -> String {
        "<c:val><c:numLit><c:formatCode>General</c:formatCode><c:ptCount val=\"\(count)\"/>"
            + values.keys.sorted().compactMap { i in values[i]!.map { "<c:pt idx=\"\(i)\"><c:v>\($0)</c:v></c:pt>" } }.joined()
            + "</c:numLit></c:val>"
    }

    static func axes(x: String?, y: String, yRange: ClosedRange<Double>, skipLabels: Int?) -> String {
        "<c:catAx><c:axId val=\"1\"/><c:scaling><c:orientation val=\"minMax\"/></c:scaling><c:delete val=\"0\"/><c:axPos val=\"b\"/>"
            + (x.map(axisTitle) ?? "") + "<c:numFmt formatCode=\"General\" sourceLinked=\"0\"/><c:tickLblPos val=\"low\"/><c:crossAx val=\"2\"/>"
            + "<c:auto val=\"1\"/><c:lblAlgn val=\"ctr\"/><c:lblOffset val=\"100\"/>"
            + (skipLabels.map { "<c:tickLblSkip val=\"\($0)\"/><c:tickMarkSkip val=\"12\"/>" } ?? "") + "<c:noMultiLvlLbl val=\"0\"/></c:catAx>"
            + "<c:valAx><c:axId val=\"2\"/><c:scaling><c:orientation val=\"minMax\"/><c:max val=\"\(yRange.upperBound)\"/>"
            + "<c:min val=\"\(yRange.lowerBound)\"/></c:scaling><c:delete val=\"0\"/><c:axPos val=\"l\"/><c:majorGridlines/>"
            + axisTitle(y) + "<c:numFmt formatCode=\"General\" sourceLinked=\"0\"/><c:tickLblPos val=\"nextTo\"/><c:crossAx val=\"1\"/>"
            + "<c:crosses val=\"autoZero\"/><c:crossBetween val=\"between\"/></c:valAx>"
    }

    static func axisTitle(_ text: String) -> String {
        "<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:pPr><a:defRPr sz=\"1000\" b=\"0\"/></a:pPr><a:r><a:t>\(text.xmlEscaped)</a:t></a:r></a:p></c:rich></c:tx>"
            + "<c:overlay val=\"0\"/></c:title>"
    }

    /// The HTML charts' colours, without the '#'.
    static func colour(_ k: Int) -> String { String(ChartPalette.colour(k).dropFirst()) }
}
