import Episodes
import Catalogue

/// `survival_spells.csv` with each spell's Cox covariates (`survival.spellCovariates`,
/// definitions.md §7a): the columns of the plain file, then the terms of the entry row (the
/// period term aside: `period` tells it) and the extra covariates at the entry month (empty
/// where the month has no value, as the run leaves such spells out of Cox). Spells with the
/// same values are one row with their `count`; no person keys.
extension SurvivalStage {
    func spellsWithCovariates(_ entriesByPeriod: [(name: String, entries: [Entry])], _ durations: [[SpellEvent: [Duration?]]],
                              _ rules: SpellRules) -> CSVTable {
        let names = Array(CoxTerms.names.dropFirst()) + covariates.map(\.name)
        var table = CSVTable(.survivalSpells, further: names)
        func add(_ event: String, _ period: String, _ spells: [(time: Int, end: Int, entry: Entry)]) {
            var counts = [[String]: Int]()
            for s in spells { counts[[String(s.time), String(s.end)] + values(s.entry), default: 0] += 1 }
            let keys = counts.keys.sorted { a, b in
                (Int(a[0])!, Int(a[1])!) != (Int(b[0])!, Int(b[1])!) ? (Int(a[0])!, Int(a[1])!) < (Int(b[0])!, Int(b[1])!) : a.lexicographicallyPrecedes(b)
            }
            for key in keys {
                table.append([.text(event), .text(period), .count(Int(key[0])), .count(Int(key[1])), .count(counts[key]!)]
                             + key.dropFirst(2).map { .text($0) })
            }
        }
        for event in config.survival.events {
            for (p, period) in entriesByPeriod.enumerated() {
                add(event.rawValue, period.name, zip(period.entries, durations[p][event]!).compactMap { entry, d in
                    d.map { (time: $0.time, end: $0.event ? 1 : 0, entry: entry) }
                })
            }
        }
        for period in entriesByPeriod {
            add("unit_end", period.name, period.entries.filter(\.atUnit).map { entry in
                let end = rules.unitEnd(entry, in: panel)
                return (time: end.time, end: end.cause, entry: entry)
            })
        }
        return table
    }

    /// A spell's covariate values as written: the entry row's terms, then the extra ones.
    private func values(_ entry: Entry) -> [String] {
        let row = panel.row(Int(entry.person), Int(entry.month))
        let terms = CoxTerms.values(row, comparisonPeriod: false).dropFirst().map { String(Int($0)) }
        let month = panel.month(Int(entry.month))
        return terms + covariates.map { $0.values[month].map(CSVTable.format) ?? "" }
    }
}
