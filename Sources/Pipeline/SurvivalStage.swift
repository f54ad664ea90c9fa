import Episodes
import Extracts
import Panel
import Statistics
import Tables

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
        /// Entries and spells per period, for the manifest.
        var counts: JSONValue
    }

    /// The name of the pooled analysis' period (definitions.md §5).
    static let pooledPeriod = "all"
    /// The `period` of the Cox model over both periods in `cox.csv`.
    static let bothPeriods = "baseline+comparison"

    /// Reads the extra covariates and checks them and `survival.pooled` against the analysed
    /// months, before any extract is read: a bad file, a hole in a series inside the survival
    /// periods, or a pooled window outside the data is a configuration error.
    static func prepare(_ config: Configuration, months: MonthRange) throws -> [MonthlyCovariate] {
        let settings = config.survival
        let file = config.source ?? "configuration"
        if let pooled = settings.pooled, pooled.from < months.from || pooled.to > months.to {
            throw ConfigurationError("\(file): survival.pooled: \(pooled) reaches outside the analysed months \(months) (the data)")
        }
        let periods = ([settings.baseline, settings.comparison] + (settings.pooled.map { [$0] } ?? [])).compactMap { r -> MonthRange? in
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

    /// A Cox model's spells and how many were left out for want of a covariate value.
    struct CoxSpells {
        var data: CoxData
        var leftOut = 0
    }

    /// The Cox model's spells for `event`: entries of the baseline (`entries[0]`) and the
    /// comparison period, with the terms of the entry row and the extra covariates at the
    /// entry month; without the period term for the pooled model (one list of entries).
    /// `durations`: the spells' (T, D) for `event`, list by list, when followed already.
    func coxData(_ event: SpellEvent, entries: [[Entry]], rules: SpellRules, periodTerm: Bool = true,
                 durations: [[Duration?]]? = nil) -> CoxSpells {
        let builtIn = periodTerm ? CoxTerms.names : Array(CoxTerms.names.dropFirst())
        var spells = CoxSpells(data: CoxData(names: builtIn + covariates.map(\.name)))
        for (period, list) in entries.enumerated() {
            for (i, entry) in list.enumerated() {
                let followed = durations.map { $0[period][i] } ?? rules.duration(entry, event, in: panel)
                guard let d = followed else { continue }
                let month = panel.month(Int(entry.month))
                let extra = covariates.compactMap { $0.values[month] }
                guard extra.count == covariates.count else { spells.leftOut += 1; continue }
                let row = panel.row(Int(entry.person), Int(entry.month))
                var values = CoxTerms.values(row, comparisonPeriod: period == 1)
                if !periodTerm { values.removeFirst() }
                spells.data.add(time: Double(d.time), event: d.event, covariates: values + extra)
            }
        }
        return spells
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

    /// Entries into the target group in each period's months (baseline, comparison, then the
    /// pooled window `all` when configured).
    func entries(_ rules: SpellRules, _ warnings: inout [String]) -> [(name: String, entries: [Entry])] {
        let settings = config.survival
        let analysed = MonthRange(from: panel.month(firstMonth), to: panel.months.to)
        var entriesByPeriod = [(name: String, entries: [Entry])]()
        let periods = [("baseline", settings.baseline), ("comparison", settings.comparison)]
            + (settings.pooled.map { [(Self.pooledPeriod, $0)] } ?? [])
        for (name, range) in periods {
            // Entries need months m−1 and m−2, and are counted in the analysed range only.
            let lo = max(range.from - panel.months.from, firstMonth, 2)
            let hi = min(range.to - panel.months.from, panel.monthCount - 1)
            if range.from < analysed.from || range.to > analysed.to {
                warnings.append("survival: the \(name) period \(range) reaches outside the analysed months \(analysed)")
            }
            let entries = lo <= hi ? rules.entries(in: panel, months: lo..<(hi + 1)) : []
            if entries.isEmpty { warnings.append("survival: no entries into the target group in the \(name) period \(range)") }
            entriesByPeriod.append((name, entries))
        }
        return entriesByPeriod
    }

    func finish(_ entriesByPeriod: [(name: String, entries: [Entry])], _ rules: SpellRules, _ warningsSoFar: [String]) -> Result {
        let settings = config.survival
        var warnings = warningsSoFar

        let durations = self.durations(entriesByPeriod, rules)
        var analyses = [SurvivalTables.Analysis]()
        for event in settings.events {
            var periods = [(name: String, data: SurvivalData)]()
            for (p, period) in entriesByPeriod.enumerated() {
                var data = SurvivalData()
                for d in durations[p][event]! {
                    if let d { data.add(time: d.time, code: d.event ? 1 : 0) }
                }
                periods.append((period.name, data))
            }
            analyses.append(.init(event: event.rawValue, periods: periods, testedPeriods: ["baseline", "comparison"]))
        }
        var incidence = [(name: String, data: SurvivalData)]()
        for (name, entries) in entriesByPeriod {
            var data = SurvivalData()
            for entry in entries where entry.atUnit {
                let end = rules.unitEnd(entry, in: panel)
                data.add(time: end.time, code: end.cause)
            }
            incidence.append((name, data))
        }
        // Cox: one model per event over both periods (definitions.md §5), and one over the
        // pooled window without the period term.
        let ties = CoxTies(rawValue: settings.ties) ?? .efron
        var models = [(event: String, period: String, model: CoxModel?)]()
        var leftOut = [String: [String: JSONValue]]()
        let byName = Dictionary(uniqueKeysWithValues: entriesByPeriod.enumerated().map { ($1.name, $0) })
        var fits: [(period: String, lists: [Int?], periodTerm: Bool, label: String)] = [
            (Self.bothPeriods, [byName["baseline"], byName["comparison"]], true, ""),
        ]
        if let pooled = byName[Self.pooledPeriod] { fits.append((Self.pooledPeriod, [pooled], false, " (\(Self.pooledPeriod))")) }
        // The models are fitted on all cores (they are the stage's largest cost); each fit
        // is the same computation as alone, so the figures do not depend on the threads.
        let plans = fits.flatMap { fit in settings.events.map { (fit: fit, event: $0) } }
        let fitted = try! parallelMap(plans.count) { [self] i -> (spells: CoxSpells, model: CoxModel?) in
            let plan = plans[i]
            let entries = plan.fit.lists.map { $0.map { entriesByPeriod[$0].entries } ?? [] }
            let followed = plan.fit.lists.map { $0.map { durations[$0][plan.event]! } ?? [] }
            let spells = coxData(plan.event, entries: entries, rules: rules, periodTerm: plan.fit.periodTerm, durations: followed)
            return (spells, spells.data.count > 0 ? CoxModel(spells.data, ties: ties) : nil)
        }
        for (plan, result) in zip(plans, fitted) {
            let (fit, event, spells) = (plan.fit, plan.event, result.spells)
            let name = "cox \(event.rawValue)\(fit.label)"
            if spells.leftOut > 0 {
                warnings.append("\(name): \(spells.leftOut) spells left out, their entry month has no value of \(covariates.map(\.name).joined(separator: "/"))")
            }
            leftOut[fit.period, default: [:]][event.rawValue] = JSONValue(spells.leftOut)
            guard let model = result.model else {
                warnings.append("\(name): no spells; no model")
                models.append((event.rawValue, fit.period, nil))
                continue
            }
            for d in model.dropped { warnings.append("\(name): term \(d.name) left out (\(d.reason))") }
            if !model.converged { warnings.append("\(name): the model did not converge; its terms are flagged not_converged") }
            for t in model.terms where t.diverged {
                warnings.append("\(name): the estimate of \(t.name) runs off to infinity (monotone likelihood); flagged diverged")
            }
            models.append((event.rawValue, fit.period, model))
        }
        let tables = SurvivalTables(analyses: analyses, maxMonths: settings.maxMonths)
        // The spells themselves, aggregated (no person keys): for reruns in other tools.
        var spells = CSVTable(name: "survival_spells.csv", header: ["event", "period", "time", "end", "count"])
        func add(_ event: String, _ period: String, _ data: SurvivalData) {
            var counts = [[Int]: Int]()
            for i in data.times.indices { counts[[data.times[i], data.codes[i]], default: 0] += data.counts[i] }
            for key in counts.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
                spells.append([.text(event), .text(period), .count(key[0]), .count(key[1]), .count(counts[key]!)])
            }
        }
        for a in analyses { for (period, data) in a.periods { add(a.event, period, data) } }
        for (period, data) in incidence { add("unit_end", period, data) }
        var byPeriod = Dictionary(uniqueKeysWithValues: entriesByPeriod.map { period in
            (period.name, ["entries": JSONValue(period.entries.count),
                           "entriesAtUnit": JSONValue(period.entries.filter(\.atUnit).count)] as JSONValue)
        })
        func coxCounts(_ period: String) -> JSONValue {
            .object(Dictionary(uniqueKeysWithValues: models.filter { $0.period == period }.map { m in
                (m.event, ["spells": .number(m.model?.n ?? 0), "events": .number(m.model?.events ?? 0),
                           "converged": m.model.map { .bool($0.converged) } ?? .null,
                           "spellsWithoutCovariate": leftOut[period]?[m.event] ?? 0] as JSONValue)
            }))
        }
        byPeriod["cox"] = coxCounts(Self.bothPeriods)
        if settings.pooled != nil { byPeriod["coxPooled"] = coxCounts(Self.pooledPeriod) }
        // The extra covariates as read: file, checksum, rows and months covered.
        byPeriod["covariates"] = .array(covariates.map { c in
            ["name": .string(c.name), "file": .string(c.path), "sha256": .string(c.sha256), "rows": JSONValue(c.rows),
             "from": c.months.map { .string($0.from.description) } ?? .null,
             "to": c.months.map { .string($0.to.description) } ?? .null] as JSONValue
        })
        let counts: JSONValue = .object(byPeriod)
        return Result(tables: [tables.lifeTables(), tables.kaplanMeier(), tables.logRank(),
                               SurvivalTables.cumulativeIncidence(periods: incidence, causes: ["transferred", "deregistered"],
                                                                  maxMonths: settings.maxMonths), spells,
                               CoxTable.make(models), CoxTable.fits(models)],
                      warnings: warnings, counts: counts)
    }
}

/// The Cox terms of §5 and interface.md, in order, from the entry row of a spell.
enum CoxTerms {
    static let names = ["comparison_period", "male", "age", "edu_V", "edu_H4", "edu_H5", "edu_unknown",
                        "immigrant_J", "immigrant_unknown", "laid_off"]

    /// References: baseline period, women, education G, not immigrant (N), not laid off.
    static func values(_ row: ArenaRow, comparisonPeriod: Bool) -> [Double] {
        let edu = row.utdanning, imm = row.innvandrer
        return [comparisonPeriod ? 1 : 0, row.isMale ? 1 : 0, Double(row.alder),
                edu == .v ? 1 : 0, edu == .h4 ? 1 : 0, edu == .h5 ? 1 : 0, edu == nil ? 1 : 0,
                imm == .j ? 1 : 0, imm == nil ? 1 : 0, row.isLaidOff ? 1 : 0]
    }
}
