import Episodes
import Extracts
import Panel
import Tables
import Catalogue
import Foundation

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
    /// The last run's tables that do not read the comparisons (`TableMemo`), reused when made
    /// for the same panel and settings; nil: built.
    var memo: TableMemo?

    struct Result {
        /// Unsuppressed, in the run's order: cohorts, stocks, comparisons, survival.
        var tables: [CSVTable]
        /// Every warning, one line per table or model, for the manifest.
        var warnings: [String]
        /// The same for a person at the terminal: Cox terms that cannot be estimated in one
        /// line per term and reason (`CoxTermNote.lines`).
        var notices: [String]
        var survival: SurvivalStage.Result
        /// Whether the tables that do not read the comparisons came from the memo.
        var reused = false
    }

    func run() -> Result {
        // Survival on a thread of its own: its Cox fits then run on the dispatch pool beside
        // the other jobs (a parallelMap inside a parallelMap's job may run serially).
        let survival = BackgroundTask { [self] in
            SurvivalStage(panel: panel, config: config, firstMonth: firstMonth, covariates: covariates).run()
        }
        let exitRows = exits.rows(in: panel)
        let comparisons = comparisonsJob(exitRows)
        let stored = memo?.load()
        let (parts, storing): ([Part], BackgroundTask<Void>?) = stored.map { ($0 + (comparisons.map { [$0()] } ?? []), nil) }
            ?? built(jobs(exitRows), comparisons)
        let survivalResult = try! survival.value()
        try! storing?.value()
        let warnings = parts.flatMap(\.warnings) + survivalResult.warnings
        return Result(tables: parts.flatMap(\.tables) + survivalResult.tables,
                      warnings: warnings + survivalResult.coxNotes.map(\.detail),
                      notices: warnings + CoxTermNote.lines(survivalResult.coxNotes), survival: survivalResult, reused: stored != nil)
    }

    /// The parts of `kept` and then the comparisons', all jobs at once on all cores; those of
    /// `kept` are stored in the memo meanwhile (the task to wait for before the run ends).
    private func built(_ kept: [@Sendable () -> Part], _ comparisons: (@Sendable () -> Part)?) -> ([Part], BackgroundTask<Void>?) {
        let jobs = kept + (comparisons.map { [$0] } ?? [])
        let parts = try! parallelMap(jobs.count) { jobs[$0]() }
        let storing = memo.map { memo in BackgroundTask { memo.store(Array(parts.prefix(kept.count))) } }
        return (parts, storing)
    }

    /// What one job gives: its tables and the warnings.
    typealias Part = TableMemo.Part

    /// The settings the jobs of `jobs` read, as text (`TableMemo`'s key): the run's settings
    /// less the comparisons, survival and report, and the folders (the panel's key names the
    /// files). Cleared rather than listed, so that a setting added later is in the key.
    static func memoSettings(_ config: Configuration) -> String {
        var s = config.effective
        s.comparisons = []
        s.survival = .init()
        s.report = .init()
        s.input.directory = ""
        s.output.directory = ""
        s.cache = .init()
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(s)).map { String(decoding: $0, as: UTF8.self) } ?? "unencodable \(UUID())"
    }

    /// The comparisons' tables, which are not kept from run to run: a rerun with other
    /// periods changes them.
    private func comparisonsJob(_ exitRows: [ArenaRow]) -> (@Sendable () -> Part)? {
        guard !config.comparisons.isEmpty else { return nil }
        return { [panel, exits, config] in
            var comparisons = ComparisonTables(panel: panel, exits: exits, comparisons: config.comparisons, exitRows: exitRows)
            comparisons.horizonMonths = config.outcome.horizonMonths
            let tables = [comparisons.comparisonTable(), comparisons.statusTable(), comparisons.benefitTable(), comparisons.measureTable()]
            return Part(tables: tables, warnings: comparisons.warnings)
        }
    }

    /// The jobs besides survival and the comparisons, in the order of the published tables.
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
        return jobs
    }

    /// Measure exits of a code no analysed row has.
    private func measureWarnings() -> [String] {
        guard case .measure(let codes) = config.exit.kind else { return [] }
        return codes.filter { panel.measureCode($0) == nil }.map { "exit.measures: no row in the analysed months has tiltak \($0)" }
    }
}
