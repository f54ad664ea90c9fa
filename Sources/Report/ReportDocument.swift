/// A report: the published tables of a run, reshaped into the layout of evaluation
/// reports, with the charts drawn from them. Writers (Excel, HTML, Markdown) render a
/// document; they never compute or suppress anything themselves, so every file shows the
/// same numbers, and suppressed values never reach a writer.
public struct ReportDocument: Sendable {
    public var title: String
    public var language: ReportLanguage
    /// The run described as label/value lines (periods, definitions, input months, version).
    public var about: [AboutLine]
    /// One section per published table group; one Excel sheet each.
    public var sections: [ReportSection]
    /// Notes shown under every table that needs them (e.g. what the suppression mark means).
    public var notes: [String]

    public init(title: String, language: ReportLanguage, about: [AboutLine] = [], sections: [ReportSection] = [], notes: [String] = []) {
        self.title = title
        self.language = language
        self.about = about
        self.sections = sections
        self.notes = notes
    }
}

/// One line of the run description.
public struct AboutLine: Sendable, Equatable {
    public var label: String
    public var value: String
    public init(_ label: String, _ value: String) {
        self.label = label
        self.value = value
    }
}

/// A group of tables and charts on one subject (one sheet in Excel).
public struct ReportSection: Sendable {
    /// Short name, at most 31 characters and without `[]:*?/\` (used as the Excel sheet name).
    public var name: String
    public var title: String
    public var intro: String?
    /// The answer the section gives, shown before its charts and tables (a comparison's DiD).
    public var keyResult: ReportTable?
    public var tables: [ReportTable]
    public var charts: [ReportChart]
    /// Only in the workbook: long data tables (e.g. every office in every month) that a
    /// printed report would not carry; the HTML and Markdown reports point to them.
    public var workbookOnly: Bool

    public init(name: String, title: String, intro: String? = nil, keyResult: ReportTable? = nil, tables: [ReportTable] = [],
                charts: [ReportChart] = [], workbookOnly: Bool = false) {
        precondition(name.count <= 31, "sheet names have at most 31 characters")
        self.name = name
        self.title = title
        self.intro = intro
        self.keyResult = keyResult
        self.tables = tables
        self.charts = charts
        self.workbookOnly = workbookOnly
    }

    /// Every table in reading order: the key result first.
    public var allTables: [ReportTable] { (keyResult.map { [$0] } ?? []) + tables }
}

/// A table in report layout: one or more header rows (cells may span columns), then body
/// rows whose first `rowHeaderColumns` cells label the row.
public struct ReportTable: Sendable {
    public var title: String
    public var header: [[HeaderCell]]
    public var rowHeaderColumns: Int
    public var rows: [[ReportCell]]
    public var note: String?

    public init(title: String, header: [[HeaderCell]], rowHeaderColumns: Int, rows: [[ReportCell]] = [], note: String? = nil) {
        self.title = title
        self.header = header
        self.rowHeaderColumns = rowHeaderColumns
        self.rows = rows
        self.note = note
    }

    /// Number of columns (the width of the last header row).
    public var columnCount: Int { header.last.map { $0.reduce(0) { $0 + $1.span } } ?? 0 }
}

/// A header cell spanning `span` columns.
public struct HeaderCell: Sendable, Equatable {
    public var text: String
    public var span: Int
    public init(_ text: String, span: Int = 1) {
        self.text = text
        self.span = span
    }
}

/// A body cell.
public enum ReportCell: Sendable, Equatable {
    case text(String)
    /// A calendar month `yyyy-mm` (a row label; a date in the workbook, so it sorts and filters as one).
    case month(String)
    case number(Double, NumberStyle)
    /// Blanked by small-cell suppression (shown with `ReportLanguage.suppressedMark`).
    case suppressed
    /// No value: undefined (e.g. a share of zero exits) or not applicable.
    case empty
}

/// How a number is shown. Values are stored unrounded; the style only sets the display.
public enum NumberStyle: Sendable, Equatable {
    /// A whole count: 1 234 (nb) or 1,234 (en).
    case count
    /// A percentage 0-100 or percentage points, one decimal: 47,8.
    case percent
    /// A fraction 0-1 (survival, incidence, probability), three decimals: 0,873.
    case fraction
    /// A p-value, three decimals; "< 0,001" below 0.001.
    case pValue
    /// An estimate (coefficient, z, chi-square), three decimals.
    case decimal
}

/// A chart drawn from a table of the same section.
public enum ReportChart: Sendable {
    case stackedBars(StackedBarChart)
    case lines(LineChart)
    case intervals(IntervalChart)
}

/// Estimates with their intervals, one row per entry (e.g. each pair's DiD), one marker per
/// series in each row, on a common value axis with its zero line.
public struct IntervalChart: Sendable {
    public var title: String
    public var description: String
    /// Row labels, top down.
    public var rows: [String]
    /// `series[k].intervals[row]`; nil: no value (suppressed or undefined), not drawn.
    public var series: [IntervalSeries]
    public var axisLabel: String

    public init(title: String, description: String, rows: [String], series: [IntervalSeries], axisLabel: String) {
        self.title = title
        self.description = description
        self.rows = rows
        self.series = series
        self.axisLabel = axisLabel
    }
}

public struct IntervalSeries: Sendable {
    public var name: String
    public var intervals: [ChartInterval?]
    public init(name: String, intervals: [ChartInterval?]) {
        self.name = name
        self.intervals = intervals
    }
}

public struct ChartInterval: Sendable, Equatable {
    public var estimate: Double
    public var low: Double
    public var high: Double
    public init(estimate: Double, low: Double, high: Double) {
        self.estimate = estimate
        self.low = low
        self.high = high
    }
}

/// Bars of shares that add up to 100 % each (e.g. status two months after exit by period
/// and group).
public struct StackedBarChart: Sendable {
    public var title: String
    /// Text alternative: what the chart shows, in one or two sentences.
    public var description: String
    /// One bar each, in drawing order.
    public var bars: [String]
    /// The stacked parts, bottom first (e.g. the status classes).
    public var segments: [String]
    /// `values[bar][segment]`, percentages 0-100; a bar whose values are nil (suppressed or
    /// no exits) is drawn empty and labelled as such.
    public var values: [[Double?]]
    public var axisLabel: String
    /// What the bars stand for, under their labels (e.g. "Months since entry"), if they need it.
    public var barAxisLabel: String?

    public init(title: String, description: String, bars: [String], segments: [String], values: [[Double?]], axisLabel: String,
                barAxisLabel: String? = nil) {
        self.title = title
        self.description = description
        self.bars = bars
        self.segments = segments
        self.values = values
        self.axisLabel = axisLabel
        self.barAxisLabel = barAxisLabel
    }
}

/// Curves over a common x axis (survival by month since entry, exits by month).
public struct LineChart: Sendable {
    public var title: String
    public var description: String
    public var xLabel: String
    public var yLabel: String
    /// The y axis range (e.g. 0...1 for survival).
    public var yRange: ClosedRange<Double>
    /// x values are labelled with these texts when given (e.g. months `2021-03`), else as numbers.
    public var xTickLabels: [Double: String]
    public var series: [LineSeries]

    public init(title: String, description: String, xLabel: String, yLabel: String, yRange: ClosedRange<Double>,
                xTickLabels: [Double: String] = [:], series: [LineSeries]) {
        self.title = title
        self.description = description
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.yRange = yRange
        self.xTickLabels = xTickLabels
        self.series = series
    }
}

public struct LineSeries: Sendable {
    public var name: String
    public var points: [ChartPoint]
    /// A confidence band around the curve (same x values as `points`), if any.
    public var band: [ChartBand]?
    /// Drawn as a step function (survival curves), else as straight segments.
    public var steps: Bool

    public init(name: String, points: [ChartPoint], band: [ChartBand]? = nil, steps: Bool = false) {
        self.name = name
        self.points = points
        self.band = band
        self.steps = steps
    }
}

public struct ChartPoint: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

public struct ChartBand: Sendable, Equatable {
    public var x: Double
    public var low: Double
    public var high: Double
    public init(x: Double, low: Double, high: Double) {
        self.x = x
        self.low = low
        self.high = high
    }
}
