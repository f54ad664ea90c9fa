import Statistics
import Tables
import Catalogue

/// A run's own `survival_spells.csv` read back (`overgang lifetable`, `overgang cox`): columns
/// `event,period,time,end,count` in any order, `end` 0 censored or 1 the event, and for
/// `unit_end` 1 transferred or 2 deregistered; written with `survival.spellCovariates`, the
/// spells' Cox covariates follow (numbers; empty where the run had no value). The spells by
/// event and period, in file order.
public struct RunSpells {
    /// The columns a run writes first; a file with these (and covariates after them, with
    /// `survival.spellCovariates`) is read as a run's spells.
    public static let columns = Set(TableSpec.survivalSpells.columns.map(\.name))
    /// The covariate columns, in file order (none without `survival.spellCovariates`).
    public var covariateNames: [String] = []
    /// With covariates: every row, for the Cox models (nil values: a field was empty).
    private var covariateRows: [(event: String, period: String, time: Int, end: Int, count: Int, values: [Double]?)] = []
    /// The spells' ends at the unit, by cause, for the cumulative incidence (not an event of its own).
    public static let unitEnd = "unit_end"

    /// Each event's spells by period (`baseline`, `comparison`, `all`), as the file orders them.
    public var events: [(event: String, periods: [(name: String, data: SurvivalData)])] = []
    public var maxTime = 0

    init(_ records: [CSVRecord], path: String) throws {
        let names = records[0].fields
        let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        func col(_ column: Column) -> Int { index[column.name]! }
        covariateNames = names.filter { !Self.columns.contains($0) }
        for record in records.dropFirst() where !record.isBlank {
            let f = record.fields
            func bad(_ column: String?, _ problem: String) -> SpellFileError { SpellFileError(file: path, line: record.line, column: column, problem) }
            guard f.count == names.count else { throw bad(nil, "\(f.count) fields where the header has \(names.count)") }
            let event = f[col(.event)], period = f[col(.period)]
            guard !event.isEmpty, !period.isEmpty else { throw bad((event.isEmpty ? Column.event : .period).name, "an empty event or period") }
            guard let time = Int(f[col(.time)]), (0...SpellFile.longestTime).contains(time) else {
                throw bad(Column.time.name, "time '\(f[col(.time)])' is not a whole number of months from 0 to \(SpellFile.longestTime) (100 years)")
            }
            let ends = event == Self.unitEnd ? 0...2 : 0...1
            guard let end = Int(f[col(.end)]), ends.contains(end) else {
                throw bad(Column.end.name, "end '\(f[col(.end)])' is not \(event == Self.unitEnd ? "0, 1 or 2" : "0 or 1")")
            }
            guard let count = Int(f[col(.count)]), (0...SpellFile.maxCount).contains(count) else {
                throw bad(Column.count.name, "count '\(f[col(.count)])' is not a whole number from 0 to \(SpellFile.maxCount)")
            }
            add(event, period, time: time, end: end, count: count)
            guard !covariateNames.isEmpty else { continue }
            var values = [Double]()
            for name in covariateNames {
                let text = f[index[name]!]
                guard !text.isEmpty else { break }
                guard let x = Double(text), x.isFinite else { throw bad(name, "'\(text)' is not a number") }
                values.append(x)
            }
            covariateRows.append((event, period, time, end, count, values.count == covariateNames.count ? values : nil))
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

    /// Per event, the Cox model's spells over the baseline and comparison periods with
    /// `comparison_period` and the file's covariates, if any (then it is the run's model;
    /// spells with an empty covariate are left out, as the run leaves them out).
    public var coxData: [(event: String, data: CoxData)] {
        if !covariateNames.isEmpty { return coxDataWithCovariates }
        return events.filter { $0.event != Self.unitEnd }.map { e in
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
    private var coxDataWithCovariates: [(event: String, data: CoxData)] {
        events.filter { $0.event != Self.unitEnd }.map { e in
            var data = CoxData(names: ["comparison_period"] + covariateNames)
            for row in covariateRows where row.event == e.event && (row.period == "baseline" || row.period == "comparison") {
                guard let values = row.values else { continue }
                data.add(time: Double(row.time), event: row.end == 1, count: row.count,
                         covariates: [row.period == "comparison" ? 1 : 0] + values)
            }
            return (e.event, data)
        }
    }

    /// The file at `path` read as a run's spells when its header is a run's, else nil.
    public static func read(path: String) throws -> RunSpells? {
        try read(SpellFileText.records(path), path: path)
    }

    /// `records` read as a run's spells when their header is a run's, else nil.
    static func read(_ records: [CSVRecord], path: String) throws -> RunSpells? {
        guard let header = records.first?.fields, Array(header.prefix(columns.count)).sorted() == columns.sorted(),
              Set(header).count == header.count else { return nil }
        return try RunSpells(records, path: path)
    }
}
