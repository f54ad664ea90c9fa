import Extracts
import Report
import Tables
import Catalogue

extension Configuration {
    /// The configuration as it takes effect, for the manifest (`configuration`).
    public var effective: Manifest.Settings {
        var s = Manifest.Settings()
        s.input.directory = input.directory
        s.input.from = input.from?.description
        s.input.to = input.to?.description
        s.input.maxRejectedShare = input.maxRejectedShare
        s.input.minRowShare = input.minRowShare
        s.output.directory = output.directory
        s.output.minCellCount = output.minCellCount
        s.output.csv = output.csv == .standard ? nil : output.csv.rawValue
        s.cache.enabled = cache.enabled
        s.cache.directory = cache.directory
        if case .measure(let codes) = exit.kind {
            s.exit.kind = "measure"
            s.exit.measures = codes
        }
        s.exit.statuses = exit.statuses.map(\.name)
        s.exit.quietMonths = exit.quietMonths
        s.exit.nedsLookbackMonths = exit.nedsLookbackMonths
        s.outcome.horizonMonths = outcome.horizonMonths
        s.outcome.workBenefits = outcome.workBenefits.map(\.name)
        s.outcome.disability = outcome.disability.map(\.name)
        s.outcome.oldAge = outcome.oldAge.map(\.name)
        s.exit.betweenStatuses = exit.betweenStatuses ? true : nil
        s.exit.betweenMeasures = exit.betweenMeasures ? true : nil
        if let c = outcome.categories {
            s.outcome.categories = c.rules.map {
                .init(name: $0.category, employed: $0.employed, benefits: $0.benefits?.map(\.name),
                      registered: $0.registered?.map(\.name), measures: $0.measures)
            }
            s.outcome.classes = Dictionary(uniqueKeysWithValues: zip(c.names, c.classes.map(\.name)))
            s.outcome.order = c.names
        }
        s.cohorts.breakdowns = cohortBreakdowns.map(\.rawValue) + cohortCrossings.map(\.name)
        s.cohorts.filter = cohortFilter.isEmpty ? nil : Manifest.Settings.ExitFilter(cohortFilter)
        s.cohorts.periods = cohortPeriods == [.month] ? nil : cohortPeriods.map(\.rawValue)
        s.comparisons = comparisons.map(Manifest.Settings.Comparison.init)
        let unit = String(noe.unit)
        s.noe.unit = String(repeating: "0", count: max(0, 4 - unit.count)) + unit
        s.noe.minAge = noe.minAge
        s.noe.maxAge = noe.maxAge
        s.survival = Manifest.Settings.Survival(survival)
        s.stocks.breakdowns = stockBreakdowns.map(\.rawValue)
        s.report.formats = report.formats.map(\.rawValue)
        s.report.lang = report.language.rawValue
        return s
    }
}

extension Manifest.Settings.Comparison {
    init(_ c: Tables.Comparison) {
        self.init()
        name = c.name
        baseline = Manifest.Period(c.baseline)
        comparison = Manifest.Period(c.comparison)
        filter = Manifest.Settings.ExitFilter(c.filter)
        for (cell, o) in c.filterOverrides {
            var recorded = FilterOverride()
            recorded.tiltak = o.tiltak
            recorded.enhet = o.enhet
            filters[cell.group.rawValue, default: [:]][cell.period.rawValue] = recorded
        }
        se = c.se.rawValue
        marks = c.marks.isEmpty ? nil : c.marks.marks.map { Mark(z: $0.z, mark: $0.symbol) }
        if c.hasGroups {
            treatment = c.treatment
            control = c.control
            pairs = c.pairs.map { [$0.treatment, $0.control] }
        }
    }
}

extension Manifest.Settings.Survival {
    init(_ settings: SurvivalSettings) {
        self.init()
        maxMonths = settings.maxMonths
        baseline = Manifest.Period(settings.baseline)
        comparison = Manifest.Period(settings.comparison)
        events = settings.events.map(\.rawValue)
        ties = settings.ties
        situationalGroups = settings.situationalGroups.map(\.name)
        covariates = settings.covariates
        pooled = settings.pooled.first { $0.name == PooledWindow.single }.map { Manifest.Period($0.range) }
        let named = settings.pooled.filter { $0.name != PooledWindow.single }
        pooledWindows = named.isEmpty ? nil : Dictionary(uniqueKeysWithValues: named.map { ($0.name, Manifest.Period($0.range)) })
        spellCovariates = settings.spellCovariates ? true : nil
    }
}

extension Manifest.Settings.ExitFilter {
    init(_ f: Tables.ExitFilter) {
        self.init()
        tiltak = f.tiltak
        enhet = f.enhet
        for attribute in Breakdown.allCases where attribute != .tiltak && attribute != .enhet && !f[attribute].isEmpty {
            others[attribute.rawValue] = f[attribute]
        }
        alder = f.alder.map { AgeRange(from: $0.lowerBound, to: $0.upperBound) }
    }
}
