import Episodes
import Extracts
import Panel
import Statistics
import Tables

/// The survival analyses of §5 for the target group: spells from entries in the baseline
/// and comparison periods, followed per event; written as the four survival tables.
struct SurvivalStage {
    let panel: Panel
    let config: Configuration
    /// First panel month of the analysed range (earlier months are context).
    let firstMonth: Int

    struct Result {
        var tables: [CSVTable]
        var warnings: [String]
        /// Entries and spells per period, for the manifest.
        var counts: JSONValue
    }

    /// The Cox model's spells for `event`: entries of the baseline (`entries[0]`) and the
    /// comparison period, with the terms of the entry row.
    func coxData(_ event: SpellEvent, entries: [[Entry]], rules: SpellRules) -> CoxData {
        var data = CoxData(names: CoxTerms.names)
        for (period, list) in entries.enumerated() {
            for entry in list {
                guard let d = rules.duration(entry, event, in: panel) else { continue }
                let row = panel.row(Int(entry.person), Int(entry.month))
                data.add(time: Double(d.time), event: d.event, covariates: CoxTerms.values(row, comparisonPeriod: period == 1))
            }
        }
        return data
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

    /// Entries into the target group in each period's months (baseline, then comparison).
    func entries(_ rules: SpellRules, _ warnings: inout [String]) -> [(name: String, entries: [Entry])] {
        let settings = config.survival
        let analysed = MonthRange(from: panel.month(firstMonth), to: panel.months.to)
        var entriesByPeriod = [(name: String, entries: [Entry])]()
        for (name, range) in [("baseline", settings.baseline), ("comparison", settings.comparison)] {
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

        var analyses = [SurvivalTables.Analysis]()
        for event in settings.events {
            var periods = [(name: String, data: SurvivalData)]()
            for (name, entries) in entriesByPeriod {
                var data = SurvivalData()
                for entry in entries {
                    if let d = rules.duration(entry, event, in: panel) { data.add(time: d.time, code: d.event ? 1 : 0) }
                }
                periods.append((name, data))
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
        // Cox: one model per event over both periods (definitions.md §5).
        let ties = CoxTies(rawValue: settings.ties) ?? .efron
        var models = [(event: String, model: CoxModel?)]()
        for event in settings.events {
            let data = coxData(event, entries: entriesByPeriod.map(\.entries), rules: rules)
            guard data.count > 0 else {
                warnings.append("cox \(event.rawValue): no spells; no model")
                models.append((event.rawValue, nil))
                continue
            }
            let model = CoxModel(data, ties: ties)
            for d in model.dropped { warnings.append("cox \(event.rawValue): term \(d.name) left out (\(d.reason))") }
            if !model.converged { warnings.append("cox \(event.rawValue): the model did not converge; its terms are flagged not_converged") }
            for t in model.terms where t.diverged {
                warnings.append("cox \(event.rawValue): the estimate of \(t.name) runs off to infinity (monotone likelihood); flagged diverged")
            }
            models.append((event.rawValue, model))
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
        byPeriod["cox"] = .object(Dictionary(uniqueKeysWithValues: models.compactMap { m in
            m.model.map { (m.event, ["spells": .number($0.n), "events": .number($0.events), "converged": .bool($0.converged)] as JSONValue) }
        }))
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
