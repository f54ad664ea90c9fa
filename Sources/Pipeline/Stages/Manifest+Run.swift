import Extracts
import Foundation
import Catalogue

/// The manifest of a finished run, from its configuration and summary.
extension Manifest {
    init(config: Configuration, summary: RunSummary, started: Date, finished: Date) {
        self.init()
        let iso = ISO8601DateFormatter()
        version = OvergangVersion.string
        outputFormat = OvergangVersion.outputFormat
        startedAt = iso.string(from: started)
        finishedAt = iso.string(from: finished)
        configurationFile = config.source
        configuration = config.effective
        periodOverrides.baseline = config.baselineOverride.map(Period.init)
        periodOverrides.comparison = config.comparisonOverride.map(Period.init)
        months.from = summary.months.from.description
        months.to = summary.months.to.description
        months.count = summary.months.count
        inputs = summary.files.map { Input($0, cache: summary.cacheUses[$0.file]) }
        rows.read = summary.rowsRead
        rows.setAside = summary.rowsSetAside
        rows.notInArena = summary.rowsNotInArena
        rows.outsideMonth = summary.rowsOutsideMonth
        persons = summary.persons
        panel.source = summary.panelSource.name
        if case .extended(let from) = summary.panelSource { panel.extendedFrom = Period(from) }
        exits = Exits(summary, kind: configuration.exit.kind)
        outputs = summary.tables
        warnings = summary.warnings
        changesSincePreviousRun = summary.changes
        survival = summary.survival
        for t in summary.timings { timings[t.stage] = (t.seconds * 1000).rounded() / 1000 }
        if config.output.minCellCount > 0 { leaveOutStatisticalTotals() }
    }

    /// Under a small-cell limit the manifest, published beside the tables, leaves out the
    /// statistical totals: the exits in the tables (the total less the visible cells of
    /// `exit_cohorts.csv` gives back a lone blanked cell) and the survival periods' entries and
    /// the Cox models' spells and events (a blanked period's size). Rows read and set aside and
    /// pending exits stay: no table holds their parts.
    mutating func leaveOutStatisticalTotals() {
        exits.tabulated = nil
        survival = survival?.withoutCounts()
        suppressed = Self.suppressionNote
    }

    static let suppressionNote = "output.minCellCount > 0: exits.tabulated and the survival counts are left out (null)"
}

extension Manifest.Period {
    init(_ range: MonthRange) {
        self.init(from: range.from.description, to: range.to.description)
    }
}

extension Manifest.Input {
    init(_ stats: FileStats, cache: String?) {
        self.init()
        file = stats.file
        kind = stats.kind
        month = stats.month
        bytes = stats.bytes
        sha256 = stats.sha256
        gzipMembers = stats.gzipMembers
        rowsRead = stats.rowsRead
        rowsSetAside = stats.rowsSetAside
        rowsNotInArena = stats.rowsNotInArena
        blankLines = stats.blankLines
        rowsOutsideMonth = stats.rowsOutsideMonth
        self.cache = cache
    }
}

extension Manifest.Exits {
    init(_ summary: RunSummary, kind: String) {
        self.init()
        self.kind = kind
        tabulated = summary.exitsTabulated
        tabulatedMonths = summary.tabulatedMonths.map(Manifest.Period.init)
        pendingDecision = summary.pendingDecision
        pendingOutcome = summary.pendingOutcome
    }
}

extension Manifest.Survival {
    /// The entries, spells and events set to null; the covariate files' rows and whether
    /// each model converged stay.
    func withoutCounts() -> Manifest.Survival {
        func hidden(_ c: Manifest.CoxCounts) -> Manifest.CoxCounts {
            var out = Manifest.CoxCounts()
            out.converged = c.converged
            return out
        }
        var out = self
        out.baseline = Manifest.Entries()
        out.comparison = Manifest.Entries()
        out.pooled = pooled.map { _ in Manifest.Entries() }
        out.cox = cox.mapValues(hidden)
        out.coxPooled = coxPooled?.mapValues(hidden)
        out.windows = windows?.mapValues { _ in Manifest.Entries() }
        out.coxWindows = coxWindows?.mapValues { $0.mapValues(hidden) }
        return out
    }
}
