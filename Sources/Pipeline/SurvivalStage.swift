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

    func run() -> Result {
        let settings = config.survival
        let rules = SpellRules(group: config.noe, registered: config.exit.statuses,
                               situationalGroups: settings.situationalGroups, maxMonths: settings.maxMonths)
        var warnings = [String]()
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
        let counts: JSONValue = .object(Dictionary(uniqueKeysWithValues: entriesByPeriod.map { period in
            (period.name, ["entries": JSONValue(period.entries.count),
                           "entriesAtUnit": JSONValue(period.entries.filter(\.atUnit).count)] as JSONValue)
        }))
        return Result(tables: [tables.lifeTables(), tables.kaplanMeier(), tables.logRank(),
                               SurvivalTables.cumulativeIncidence(periods: incidence, causes: ["transferred", "deregistered"],
                                                                  maxMonths: settings.maxMonths), spells],
                      warnings: warnings, counts: counts)
    }
}
