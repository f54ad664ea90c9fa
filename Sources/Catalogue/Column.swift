/// What a published column holds: how its cells are written and read back. Codes that look
/// like numbers (`enhet` 0301, a quantile's 25) are labels.
public enum ColumnKind: Sendable, Hashable, CaseIterable {
    /// Text: a code, a name, a category.
    case label
    /// A calendar month, quarter or year, `2022-03`, `2022-Q1`, `2022` (text; `CalendarPeriod`).
    case calendarPeriod
    /// A whole number of persons, exits, spells, degrees of freedom…
    case count
    /// Whole months since entry (survival tables).
    case monthsSinceEntry
    /// A percentage (0-100) or a difference of percentages (percentage points): written to
    /// one decimal in the Norwegian dialect (`CSVDialect.nb`).
    case percent
    /// Any other decimal: a fraction, an estimate, a test statistic.
    case number
}

/// A column of a published table: its header name and what it holds. Declared once here;
/// builders, readers and the report name columns only through these.
public struct Column: Sendable, Hashable, CustomStringConvertible {
    public let name: String
    public let kind: ColumnKind

    public init(_ name: String, _ kind: ColumnKind) {
        self.name = name
        self.kind = kind
    }

    public var description: String { name }

    /// The column of a breakdown's values, named after it (`Column.breakdown` filled in).
    public static func values(of breakdown: String) -> Column { Column(breakdown, Column.breakdown.kind) }
}

extension ColumnKind {
    /// Whether a cell is of this kind (as written: text, a whole count, or a number).
    public func holds(_ cell: CSVTable.Cell) -> Bool {
        switch (self, cell) {
        case (.label, .text), (.calendarPeriod, .text), (.count, .count), (.monthsSinceEntry, .count), (.percent, .number), (.number, .number): return true
        default: return false
        }
    }
}

// MARK: exits and their status (exit cohort tables, comparisons)

extension Column {
    public static let exitMonth = Column("exit_month", .calendarPeriod)
    /// A complete quarter, `2022-Q1`, or year, `2022` (`cohorts.periods`).
    public static let exitQuarter = Column("exit_quarter", .calendarPeriod)
    public static let exitYear = Column("exit_year", .calendarPeriod)
    public static let exitStatus = Column("exit_status", .label)
    /// A status class (`work`, `work_benefit`, `disability`, `other`).
    public static let outcome = Column("outcome", .label)
    /// A detailed status (`work_only`, `job_seeker`, …).
    public static let outcomeDetail = Column("outcome_detail", .label)
    public static let count = Column("count", .count)
    public static let exits = Column("exits", .count)
    /// A count as a percentage (0-100) of its total.
    public static let pct = Column("pct", .percent)
    /// The value of a breakdown: the column is named after it (`kjonn`, `enhet`, …), as is
    /// the table (`exit_cohorts_by_<breakdown>.csv`); two crossed breakdowns
    /// (`kjonn_x_aldersgruppe`) are two columns (`TableSpec.crossing`).
    public static let breakdown = Column("<breakdown>", .label)

    public static let comparison = Column("comparison", .label)
    public static let unit = Column("unit", .label)
    public static let measure = Column("measure", .label)
    public static let group = Column("group", .label)
    public static let period = Column("period", .label)
    public static let didPP = Column("did_pp", .percent)
    public static let sePP = Column("se_pp", .percent)
    public static let ciLowPP = Column("ci_low_pp", .percent)
    public static let ciHighPP = Column("ci_high_pp", .percent)
    public static let pOneSided = Column("p_one_sided", .number)
    public static let didPct = Column("did_pct", .percent)
    public static let seMethod = Column("se_method", .label)
    /// The significance mark of a DiD (`comparisons[].marks`), or empty.
    public static let mark = Column("mark", .label)
    /// A benefit code (`comparison_benefits.csv`).
    public static let benefit = Column("benefit", .label)
    /// Time before exit, in months (`exit_durations.csv`).
    public static let meanMonths = Column("mean_months", .number)
    public static let medianMonths = Column("median_months", .number)

    /// The groups and periods of `comparisons.csv`'s wide columns, in their order.
    public static let comparisonGroups = ["treatment", "control"]
    public static let comparisonPeriods = ["baseline", "comparison"]
    /// A group's share in a period (`treatment_baseline_pct`).
    public static func share(_ group: String, _ period: String) -> Column { Column("\(group)_\(period)_pct", .percent) }
    /// A group's change from the baseline, percentage points (`treatment_change_pp`).
    public static func change(_ group: String) -> Column { Column("\(group)_change_pp", .percent) }
    /// A group's exits in a period (`treatment_baseline_exits`), the share's denominator.
    public static func exits(_ group: String, _ period: String) -> Column { Column("\(group)_\(period)_exits", .count) }
    /// A group's exits with the measure in a period (`treatment_baseline_count`).
    public static func count(_ group: String, _ period: String) -> Column { Column("\(group)_\(period)_count", .count) }
}

// MARK: stocks

extension Column {
    /// The calendar month of a stock.
    public static let month = Column("month", .calendarPeriod)
    public static let hovedstatus = Column("hovedstatus", .label)
    public static let tiltak = Column("tiltak", .label)
    /// A measure row's count as a percentage of the status's persons on any measure.
    public static let pctOfMeasures = Column("pct_of_measures", .percent)
}

// MARK: survival

extension Column {
    public static let event = Column("event", .label)
    public static let intervalStart = Column("interval_start", .monthsSinceEntry)
    public static let intervalEnd = Column("interval_end", .monthsSinceEntry)
    public static let entering = Column("entering", .count)
    public static let withdrawn = Column("withdrawn", .count)
    public static let exposed = Column("exposed", .number)
    public static let events = Column("events", .count)
    public static let condProb = Column("cond_prob", .number)
    public static let survivalStart = Column("survival_start", .number)
    public static let survivalEnd = Column("survival_end", .number)
    public static let survivalEndSE = Column("survival_end_se", .number)
    public static let hazard = Column("hazard", .number)
    /// Months since entry (`kaplan_meier.csv`, `cumulative_incidence.csv`).
    public static let monthSinceEntry = Column("month", .monthsSinceEntry)
    public static let atRisk = Column("at_risk", .count)
    public static let censored = Column("censored", .count)
    public static let survival = Column("survival", .number)
    public static let se = Column("se", .number)
    public static let ciLow = Column("ci_low", .number)
    public static let ciHigh = Column("ci_high", .number)
    public static let chisq = Column("chisq", .number)
    public static let df = Column("df", .count)
    public static let p = Column("p", .number)
    /// A percentile of duration (`25`, `50`, `75`): a label.
    public static let quantile = Column("quantile", .label)
    /// A quantile's duration in months since entry (a decimal: the curve's step may fall between months).
    public static let months = Column("months", .number)
    public static let cause = Column("cause", .label)
    public static let incidence = Column("incidence", .number)
    /// A spell's length and how it ended (`survival_spells.csv`): 0 censored, else the event or cause code.
    public static let time = Column("time", .monthsSinceEntry)
    public static let end = Column("end", .count)

    public static let entryMonth = Column("entry_month", .calendarPeriod)
    public static let route = Column("route", .label)
    public static let atUnit = Column("at_unit", .label)
    public static let population = Column("population", .label)
    public static let characteristic = Column("characteristic", .label)
    public static let value = Column("value", .label)
}

// MARK: Cox regression

extension Column {
    public static let term = Column("term", .label)
    public static let coef = Column("coef", .number)
    public static let z = Column("z", .number)
    public static let hr = Column("hr", .number)
    public static let hrLow = Column("hr_low", .number)
    public static let hrHigh = Column("hr_high", .number)
    /// Empty, `diverged` or `not_converged`.
    public static let flag = Column("flag", .label)
    /// Spells in the model.
    public static let n = Column("n", .count)
    public static let loglikNull = Column("loglik_null", .number)
    public static let loglik = Column("loglik", .number)
    public static let lrChisq = Column("lr_chisq", .number)
    public static let lrDF = Column("lr_df", .count)
    public static let lrP = Column("lr_p", .number)
    public static let iterations = Column("iterations", .count)
    public static let converged = Column("converged", .label)
    public static let droppedTerms = Column("dropped_terms", .label)
    public static let factor = Column("factor", .label)
    public static let terms = Column("terms", .label)
    public static let rowTerm = Column("row_term", .label)
    public static let colTerm = Column("col_term", .label)
    public static let covariance = Column("covariance", .number)
}
