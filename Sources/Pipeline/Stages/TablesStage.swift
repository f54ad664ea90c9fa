import Episodes
import Extracts
import Panel
import Tables
import Catalogue

/// The analysis stage of a run: every published table from the panel and its exits, built
/// concurrently, in the order the run lists them, with the warnings they give.
///
/// The tables are independent given the panel and the exits, and a rerun with other
/// periods spends most of its time here, so they are built as separate jobs on all cores.
/// Each job's tables and warnings are put back in the fixed order afterwards: the output
/// does not depend on which job finished first.
struct TablesStage: Sendable {
    let panel: Panel
    let exits: ExitSet
    let config: Configuration
    /// First panel month of the analysed range (earlier months are context).
    let firstMonth: Int
    let covariates: [MonthlyCovariate]

    struct Result {
        /// Unsuppressed, in the run's order: cohorts, stocks, comparisons, survival.
        var tables: [CSVTable]
        /// Every warning, one line per table or model, for the manifest.
        var warnings: [String]
        /// The same for a person at the terminal: Cox terms that cannot be estimated in one
        /// line per term and reason (`CoxTermNote.lines`).
        var notices: [String]
        var survival: SurvivalStage.Result
    }

    func run() -> Result {
        // Survival on a thread of its own: its Cox fits then run on the dispatch pool beside
        // the other jobs (a parallelMap inside a parallelMap's job may run serially).
        let survival = BackgroundTask { [self] in
            SurvivalStage(panel: panel, config: config, firstMonth: firstMonth, covariates: covariates).run()
        }
        let exitRows = exits.rows(in: panel)
        let jobs = self.jobs(exitRows)
        let parts = try! parallelMap(jobs.count) { jobs[$0]() }
        let survivalResult = try! survival.value()
        let warnings = parts.flatMap(\.warnings) + survivalResult.warnings
        return Result(tables: parts.flatMap(\.tables) + survivalResult.tables,
                      warnings: warnings + survivalResult.coxNotes.map(\.detail),
                      notices: warnings + CoxTermNote.lines(survivalResult.coxNotes), survival: survivalResult)
    }

    /// What one job gives: its tables and the warnings.
    private struct Part: Sendable {
        var tables: [CSVTable] = []
        var warnings: [String] = []
    }

    /// The jobs besides survival, in the order of the published tables.
    private func jobs(_ exitRows: [ArenaRow]) -> [@Sendable () -> Part] {
        let monthsBeforeExit = TimeBeforeExit.months(of: exits, in: panel, rules: config.exit)
        let cohorts = ExitCohortTables(panel: panel, exits: exits, statuses: config.exitStatuses, exitRows: exitRows,
                                       filter: config.cohortFilter, monthsBeforeExit: monthsBeforeExit)
        let durations = ExitDurationTable(panel: panel, exits: exits, statuses: config.exitStatuses, exitRows: exitRows,
                                          monthsBeforeExit: monthsBeforeExit, byMeasure: config.exit.kind.isMeasure)
        let stocks = StockTables(panel: panel, registered: config.exit.statuses, months: firstMonth..<panel.monthCount)
        var jobs: [@Sendable () -> Part] = []
        // Monthly tables first (as before periods were added), then per quarter and per year.
        for period in config.cohortPeriods {
            jobs.append { Part(tables: [cohorts.headlineTable(period), cohorts.detailedTable(period)],
                               warnings: period == .month ? measureWarnings() : []) }
            for b in config.cohortBreakdowns { jobs.append { Part(tables: [cohorts.table(by: b, period)]) } }
            for c in config.cohortCrossings { jobs.append { Part(tables: [cohorts.table(by: c, period)]) } }
        }
        // Not filtered by cohorts.filter (it restricts the exit-cohort tables only).
        jobs.append { Part(tables: [durations.table()]) }
        for b in config.stockBreakdowns { jobs.append { Part(tables: [stocks.table(by: b)]) } }
        if !config.comparisons.isEmpty {
            jobs.append { [panel, exits, config] in
                var comparisons = ComparisonTables(panel: panel, exits: exits, comparisons: config.comparisons, exitRows: exitRows)
                comparisons.horizonMonths = config.outcome.horizonMonths
                let tables = [comparisons.comparisonTable(), comparisons.statusTable(), comparisons.benefitTable(), comparisons.measureTable()]
                return Part(tables: tables, warnings: comparisons.warnings)
            }
        }
        return jobs
    }

    /// Measure exits of a code no analysed row has.
    private func measureWarnings() -> [String] {
        guard case .measure(let codes) = config.exit.kind else { return [] }
        return codes.filter { panel.measureCode($0) == nil }.map { "exit.measures: no row in the analysed months has tiltak \($0)" }
    }
}
