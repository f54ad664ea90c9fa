import Statistics
import Tables

/// A run's own `survival_spells.csv` read back (`overgang lifetable`, `overgang cox`): columns
/// `event,period,time,end,count` in any order, `end` 0 censored or 1 the event, and for
/// `unit_end` 1 transferred or 2 deregistered. The spells by event and period, in file order.
public struct RunSpells {
    /// The columns a run writes; a file with exactly these is read as a run's spells.
    public static let columns: Set = ["event", "period", "time", "end", "count"]
    /// The spells' ends at the unit, by cause, for the cumulative incidence (not an event of its own).
    public static let unitEnd = "unit_end"

    /// Each event's spells by period (`baseline`, `comparison`, `all`), as the file orders them.
    public var events: [(event: String, periods: [(name: String, data: SurvivalData)])] = []
    public var maxTime = 0

    init(_ records: [CSVRecord], path: String) throws {
        let names = records[0].fields
        let col = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        for record in records.dropFirst() where !record.isBlank {
            let f = record.fields
            func bad(_ column: String?, _ problem: String) -> SpellFileError { SpellFileError(file: path, line: record.line, column: column, problem) }
            guard f.count == names.count else { throw bad(nil, "\(f.count) fields where the header has \(names.count)") }
            let event = f[col["event"]!], period = f[col["period"]!]
            guard !event.isEmpty, !period.isEmpty else { throw bad(event.isEmpty ? "event" : "period", "an empty event or period") }
            guard let time = Int(f[col["time"]!]), (0...SpellFile.longestTime).contains(time) else {
                throw bad("time", "time '\(f[col["time"]!])' is not a whole number of months from 0 to \(SpellFile.longestTime) (100 years)")
            }
            let ends = event == Self.unitEnd ? 0...2 : 0...1
            guard let end = Int(f[col["end"]!]), ends.contains(end) else {
                throw bad("end", "end '\(f[col["end"]!])' is not \(event == Self.unitEnd ? "0, 1 or 2" : "0 or 1")")
            }
            guard let count = Int(f[col["count"]!]), (0...SpellFile.maxCount).contains(count) else {
                throw bad("count", "count '\(f[col["count"]!])' is not a whole number from 0 to \(SpellFile.maxCount)")
            }
            add(event, period, time: time, end: end, count: count)
        }
    }

    private mutating func add(_ event: String, _ period: String, time: Int, end: Int, count: Int) {
        let e = events.firstIndex { $0.event == event } ?? { events.append((event, [])); return events.count - 1 }()
        let p = events[e].periods.firstIndex { $0.name == period }
            ?? { events[e].periods.append((period, SurvivalData())); return events[e].periods.count - 1 }()
        events[e].periods[p].data.add(time: time, code: end, count: count)
        maxTime = max(maxTime, time)
    }

    /// The run's life tables, Kaplan-Meier and log-rank (baseline against comparison) per event.
    public var analyses: [SurvivalTables.Analysis] {
        events.filter { $0.event != Self.unitEnd }.map { e in
            SurvivalTables.Analysis(event: e.event, periods: e.periods,
                                    testedPeriods: ["baseline", "comparison"].filter { p in e.periods.contains { $0.name == p } })
        }
    }

    /// The spells' ends at the unit by period, for `cumulative_incidence.csv` (none: no rows).
    public var unitEnds: [(name: String, data: SurvivalData)] {
        events.first { $0.event == Self.unitEnd }?.periods ?? []
    }

    /// Per event, the Cox model's spells over the baseline and comparison periods with the one
    /// term the file holds, `comparison_period` (the run's model without the person terms).
    public var coxData: [(event: String, data: CoxData)] {
        events.filter { $0.event != Self.unitEnd }.map { e in
            var data = CoxData(names: ["comparison_period"])
            for (period, spells) in e.periods where period == "baseline" || period == "comparison" {
                for i in spells.times.indices {
                    data.add(time: Double(spells.times[i]), event: spells.codes[i] == 1, count: spells.counts[i],
                             covariates: [period == "comparison" ? 1 : 0])
                }
            }
            return (e.event, data)
        }
    }
}

extension RunSpells {
    /// The file at `path` read as a run's spells when its header is a run's, else nil.
    public static func read(path: String) throws -> RunSpells? {
        try read(SpellFileText.records(path), path: path)
    }

    /// `records` read as a run's spells when their header is a run's, else nil.
    static func read(_ records: [CSVRecord], path: String) throws -> RunSpells? {
        guard let header = records.first?.fields, Set(header) == columns, header.count == columns.count else { return nil }
        return try RunSpells(records, path: path)
    }
}
