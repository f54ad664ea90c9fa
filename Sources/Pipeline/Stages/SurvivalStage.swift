import Episodes
import Extracts
import Panel
import Report
import Statistics
import Tables
import Catalogue

/// The survival analyses of §5 for the target group: spells from entries in the baseline
/// and comparison periods (and the pooled window, period `all`, when configured), followed
/// per event; written as the survival tables and the Cox models.
struct SurvivalStage: Sendable {
    let panel: Panel
    let config: Configuration
    /// First panel month of the analysed range (earlier months are context).
    let firstMonth: Int
    /// `survival.covariates`, read and checked before ingest (`SurvivalStage.prepare`).
    var covariates: [MonthlyCovariate] = []

    struct Result: Sendable {
        var tables: [CSVTable]
        var warnings: [String]
        /// Cox terms the models could not estimate (not in `warnings`).
        var coxNotes: [CoxTermNote] = []
        /// Entries and spells per period, for the manifest.
        var counts: Manifest.Survival
    }

    /// The `period` of the Cox model over both periods in `cox.csv`.
    static let bothPeriods = "baseline+comparison"

    /// Reads the extra covariates and checks them and `survival.pooled` against the analysed
    /// months, before any extract is read: a bad file, a hole in a series inside the survival
    /// periods, or a pooled window outside the data is a configuration error.
    static func prepare(_ config: Configuration, months: MonthRange) throws -> [MonthlyCovariate] {
        let settings = config.survival
        let file = config.source ?? "configuration"
        for window in settings.pooled where window.range.from < months.from || window.range.to > months.to {
            let name = settings.pooled.count == 1 && window.name == PooledWindow.single ? "" : " \(window.name)"
            throw ConfigurationError("\(file): survival.pooled\(name): \(window.range) reaches outside the analysed months \(months) (the data)")
        }
        let periods = ([settings.baseline, settings.comparison] + settings.pooled.map(\.range)).compactMap { r -> MonthRange? in
            let from = max(r.from, months.from), to = min(r.to, months.to)
            return from <= to ? MonthRange(from: from, to: to) : nil
        }
        return try settings.covariates.keys.sorted().map { name in
            let covariate = try MonthlyCovariate.load(name: name, path: settings.covariates[name]!)
            if let hole = covariate.gap(in: periods), let covered = covariate.months {
                throw ConfigurationError("\(covariate.path): \(covariate.place(of: hole)): survival.covariates.\(name): no row for \(hole), a survival entry month inside the file's months \(covered) (a gap in the series)")
            }
            return covariate
        }
    }

    /// A spell's (T, D) for one event (`SpellRules.duration`).
    typealias Duration = (time: Int, event: Bool)

    /// Each period's spells followed for each event, in entry order: once, on all cores,
    /// for the survival tables and the Cox models alike (following them is a cache miss
    /// per spell and event).
    func durations(_ entriesByPeriod: [(name: String, entries: [Entry])], _ rules: SpellRules) -> [[SpellEvent: [Duration?]]] {
        let jobs = entriesByPeriod.indices.flatMap { p in config.survival.events.map { (period: p, event: $0) } }
        let lists = try! parallelMap(jobs.count) { [panel] i in
            entriesByPeriod[jobs[i].period].entries.map { rules.duration($0, jobs[i].event, in: panel) }
        }
        var out = [[SpellEvent: [Duration?]]](repeating: [:], count: entriesByPeriod.count)
        for (job, list) in zip(jobs, lists) { out[job.period][job.event] = list }
        return out
    }

    var rules: SpellRules {
        SpellRules(group: config.noe, registered: config.exit.statuses,
                   situationalGroups: config.survival.situationalGroups, maxMonths: config.survival.maxMonths)
    }

    func run() -> Result {
        let rules = self.rules
        var warnings = [String]()
        let entriesByPeriod = entries(rules, &warnings)
        return finish(entriesByPeriod, rules, warnings)
    }

    /// Entries into the target group in each period's months (baseline, comparison, then each
    /// pooled window, named as configured).
    func entries(_ rules: SpellRules, _ warnings: inout [String]) -> [(name: String, entries: [Entry])] {
        let settings = config.survival
        let analysed = MonthRange(from: panel.month(firstMonth), to: panel.months.to)
        let periods = [("baseline", settings.baseline), ("comparison", settings.comparison)]
            + settings.pooled.map { ($0.name, $0.range) }
        // Entries need months m−1 and m−2, and are counted in the analysed range only.
        let months = periods.map { _, range in
            let lo = max(range.from - panel.months.from, firstMonth, 2), hi = min(range.to - panel.months.from, panel.monthCount - 1)
            return lo <= hi ? lo..<(hi + 1) : lo..<lo
        }
        // Each period's scan of the panel on a core of its own (survival runs outside the pool).
        let scanned = self.panel
        let found = try! parallelMap(periods.count) { months[$0].isEmpty ? [] : rules.entries(in: scanned, months: months[$0]) }
        for ((name, range), entries) in zip(periods, found) {
            if range.from < analysed.from || range.to > analysed.to {
                warnings.append("survival: the \(name) period \(range) reaches outside the analysed months \(analysed)")
            }
            if entries.isEmpty { warnings.append("survival: no entries into the target group in the \(name) period \(range)") }
        }
        return zip(periods, found).map { ($0.0, $1) }
    }

    /// The survival tables, the Cox models and the counts for the manifest, from each
    /// period's entries.
    func finish(_ entriesByPeriod: [(name: String, entries: [Entry])], _ rules: SpellRules, _ warningsSoFar: [String]) -> Result {
        let settings = config.survival
        var warnings = warningsSoFar
        let durations = self.durations(entriesByPeriod, rules)
        let analyses = self.analyses(entriesByPeriod, durations)
        let incidence = self.incidence(entriesByPeriod, rules)
        let cox = coxFits(entriesByPeriod, durations, rules, &warnings)
        let tables = SurvivalTables(analyses: analyses, maxMonths: settings.maxMonths)
        let described = entryTables(entriesByPeriod)
        return Result(tables: [tables.lifeTables(), tables.kaplanMeier(), tables.logRank(),
                               SurvivalTables.cumulativeIncidence(periods: incidence, causes: ["transferred", "deregistered"],
                                                                  maxMonths: settings.maxMonths),
                               settings.spellCovariates ? spellsWithCovariates(entriesByPeriod, durations, rules)
                                   : Self.spellsTable(analyses, incidence),
                               CoxTable.make(cox.models), CoxTable.fits(cox.models),
                               described.entries(), described.profile(), tables.quantiles(),
                               CoxTable.tests(cox.models, grouped: CoxTerms.factors), CoxTable.covariances(cox.models)],
                      warnings: warnings, coxNotes: cox.notes, counts: counts(entriesByPeriod, cox))
    }

    /// Who entered in each period, by route and characteristics (definitions.md §7a).
    func entryTables(_ entriesByPeriod: [(name: String, entries: [Entry])]) -> SurvivalEntryTables {
        let periods = entriesByPeriod.map { name, entries in
            (name: name, entries: entries.map { e in
                SurvivalEntryTables.entry(panel.row(Int(e.person), Int(e.month)), month: panel.month(Int(e.month)),
                                          atUnit: e.atUnit, route: e.route)
            })
        }
        return SurvivalEntryTables(periods: periods, minAge: config.noe.minAge, maxAge: config.noe.maxAge)
    }

    /// Per event, each period's spells (time, event or censored) for the survival tables.
    func analyses(_ entriesByPeriod: [(name: String, entries: [Entry])], _ durations: [[SpellEvent: [Duration?]]])
        -> [SurvivalTables.Analysis] {
        config.survival.events.map { event in
            let periods = entriesByPeriod.enumerated().map { p, period -> (name: String, data: SurvivalData) in
                var data = SurvivalData()
                for d in durations[p][event]! {
                    if let d { data.add(time: d.time, code: d.event ? 1 : 0) }
                }
                return (period.name, data)
            }
            return SurvivalTables.Analysis(event: event.rawValue, periods: periods, testedPeriods: ["baseline", "comparison"])
        }
    }

    /// Per period, how the spells of the entries at the unit ended there (for the cumulative
    /// incidence of transfer and deregistration).
    func incidence(_ entriesByPeriod: [(name: String, entries: [Entry])], _ rules: SpellRules) -> [(name: String, data: SurvivalData)] {
        entriesByPeriod.map { name, entries in
            var data = SurvivalData()
            for entry in entries where entry.atUnit {
                let end = rules.unitEnd(entry, in: panel)
                data.add(time: end.time, code: end.cause)
            }
            return (name, data)
        }
    }

    /// The spells themselves, aggregated (no person keys): for reruns in other tools.
    static func spellsTable(_ analyses: [SurvivalTables.Analysis], _ incidence: [(name: String, data: SurvivalData)]) -> CSVTable {
        var spells = CSVTable(.survivalSpells)
        func add(_ event: String, _ period: String, _ data: SurvivalData) {
            var counts = [[Int]: Int]()
            for i in data.times.indices { counts[[data.times[i], data.codes[i]], default: 0] += data.counts[i] }
            for key in counts.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
                spells.append([.text(event), .text(period), .count(key[0]), .count(key[1]), .count(counts[key]!)])
            }
        }
        for a in analyses { for (period, data) in a.periods { add(a.event, period, data) } }
        for (period, data) in incidence { add("unit_end", period, data) }
        return spells
    }

    /// The manifest's `survival`: entries per period, the models' sizes, the covariate files.
    func counts(_ entriesByPeriod: [(name: String, entries: [Entry])], _ cox: CoxFits) -> Manifest.Survival {
        var counts = Manifest.Survival()
        for period in entriesByPeriod {
            var entries = Manifest.Entries()
            entries.entries = period.entries.count
            entries.entriesAtUnit = period.entries.filter(\.atUnit).count
            switch period.name {
            case "baseline": counts.baseline = entries
            case "comparison": counts.comparison = entries
            case PooledWindow.single: counts.pooled = entries
            default: counts.windows = (counts.windows ?? [:]).merging([period.name: entries]) { a, _ in a }
            }
        }
        counts.cox = cox.counts(Self.bothPeriods)
        for window in config.survival.pooled {
            if window.name == PooledWindow.single { counts.coxPooled = cox.counts(window.name) } else {
                counts.coxWindows = (counts.coxWindows ?? [:]).merging([window.name: cox.counts(window.name)]) { a, _ in a }
            }
        }
        counts.covariates = covariates.map { c in
            var file = Manifest.Covariate()
            file.name = c.name
            file.file = c.path
            file.sha256 = c.sha256
            file.rows = c.rows
            file.from = c.months?.from.description
            file.to = c.months?.to.description
            return file
        }
        return counts
    }
}

/// The Cox terms of §5 and interface.md, in order, from the entry row of a spell.
public enum CoxTerms {
    static let names = ["comparison_period", "male", "age", "edu_V", "edu_H4", "edu_H5", "edu_unknown",
                        "immigrant_J", "immigrant_unknown", "laid_off"]

    /// The factors whose terms are tested jointly (`cox_tests.csv`): the terms `edu_*` and
    /// `immigrant_*`; every other term is tested alone.
    public static let factors = ["edu", "immigrant"]

    /// References: baseline period, women, education G, not immigrant (N), not laid off.
    static func values(_ row: ArenaRow, comparisonPeriod: Bool) -> [Double] {
        let edu = row.utdanning, imm = row.innvandrer
        return [comparisonPeriod ? 1 : 0, row.isMale ? 1 : 0, Double(row.alder),
                edu == .v ? 1 : 0, edu == .h4 ? 1 : 0, edu == .h5 ? 1 : 0, edu == nil ? 1 : 0,
                imm == .j ? 1 : 0, imm == nil ? 1 : 0, row.isLaidOff ? 1 : 0]
    }
}
