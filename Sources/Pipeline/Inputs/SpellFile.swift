import Foundation
import Statistics
import Tables

/// A CSV of spells for `overgang lifetable`: columns `time,event[,group][,count]` (any order,
/// extra columns refused), whole months from 0 to `maxTime` (100 years: the tables hold one
/// row per month, so a larger time is a mistake, not a spell), event 0/1, count from 0 to
/// `maxCount` (default 1). A run's own `survival_spells.csv` (`RunSpells.columns`) is read as
/// the run wrote it instead.
public struct SpellFile {
    public var groups: [String: SurvivalData] = [:]
    public var all = SurvivalData()
    public var maxTime = 0
    /// The spells of a run's `survival_spells.csv`; nil for a file of `time,event[,group][,count]`.
    public var runSpells: RunSpells?

    /// The longest time a life table in months is drawn for: 1200 months (100 years).
    public static let longestTime = 1200
    /// The largest frequency of one row (sums of counts stay far from overflowing).
    public static let maxCount = 1_000_000_000

    public init(path: String) throws {
        let records = try SpellFileText.records(path)
        guard let header = records.first, !header.isBlank else { throw SpellFileError(file: path, line: 1, "no header row") }
        let names = header.fields
        if let spells = try RunSpells.read(records, path: path) {
            runSpells = spells
            maxTime = spells.maxTime
            return
        }
        func column(_ name: String) -> Int? { names.firstIndex(of: name) }
        guard let timeCol = column("time"), let eventCol = column("event") else {
            throw SpellFileError(file: path, line: 1, "the header needs the columns time and event (found \(names.joined(separator: ", ")))")
        }
        let groupCol = column("group"), countCol = column("count")
        if let other = names.first(where: { !["time", "event", "group", "count"].contains($0) }) {
            throw SpellFileError(file: path, line: 1, column: other, "unknown column '\(other)' (expected time, event, group, count; or a run's survival_spells.csv: event, period, time, end, count)")
        }
        for record in records.dropFirst() where !record.isBlank {
            let fields = record.fields
            func bad(_ column: String?, _ problem: String) -> SpellFileError { SpellFileError(file: path, line: record.line, column: column, problem) }
            guard fields.count == names.count else { throw bad(nil, "\(fields.count) fields where the header has \(names.count)") }
            guard let time = Int(fields[timeCol]), (0...Self.longestTime).contains(time) else {
                throw bad("time", "time '\(fields[timeCol])' is not a whole number of months from 0 to \(Self.longestTime) (100 years)")
            }
            guard let event = Int(fields[eventCol]), event == 0 || event == 1 else { throw bad("event", "event '\(fields[eventCol])' is not 0 or 1") }
            var count = 1
            if let c = countCol {
                guard let n = Int(fields[c]), (0...Self.maxCount).contains(n) else {
                    throw bad("count", "count '\(fields[c])' is not a whole number from 0 to \(Self.maxCount)")
                }
                count = n
            }
            all.add(time: time, code: event, count: count)
            if let g = groupCol { groups[fields[g], default: SurvivalData()].add(time: time, code: event, count: count) }
            maxTime = max(maxTime, time)
        }
    }

    /// The analyses `overgang lifetable` reports: a run's, or the one of `analysis()`.
    public var analyses: [SurvivalTables.Analysis] { runSpells?.analyses ?? [analysis()] }

    /// The analysis of a file of `time,event[,group][,count]`: all spells, then each group;
    /// log-rank across groups.
    public func analysis() -> SurvivalTables.Analysis {
        let names = groups.keys.sorted()
        return SurvivalTables.Analysis(event: "lifetable", periods: [("all", all)] + names.map { ($0, groups[$0]!) },
                                       testedPeriods: names)
    }
}
