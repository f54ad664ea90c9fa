import Foundation
import Statistics
import Tables

/// A CSV of spells for `overgang lifetable`: columns `time,event[,group][,count]` (any order,
/// extra columns refused), whole months, event 0/1, count ≥ 0 (default 1).
public struct SpellFile {
    public var groups: [String: SurvivalData] = [:]
    public var all = SurvivalData()
    public var maxTime = 0

    public init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError("\(path): cannot read the file")
        }
        var text = String(decoding: data, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" })
            .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        guard let header = lines.first, !header.isEmpty else { throw ConfigurationError("\(path): no header row") }
        let separator: Character = header.contains(";") ? ";" : ","
        let names = header.split(separator: separator, omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        func column(_ name: String) -> Int? { names.firstIndex(of: name) }
        guard let timeCol = column("time"), let eventCol = column("event") else {
            throw ConfigurationError("\(path): line 1: the header needs the columns time and event (found \(names.joined(separator: ", ")))")
        }
        let groupCol = column("group"), countCol = column("count")
        if let other = names.first(where: { !["time", "event", "group", "count"].contains($0) }) {
            throw ConfigurationError("\(path): line 1: unknown column '\(other)' (expected time, event, group, count)")
        }
        for (i, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            let fields = line.split(separator: separator, omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
            let where_ = "\(path): line \(i + 1)"
            guard fields.count == names.count else { throw ConfigurationError("\(where_): \(fields.count) fields where the header has \(names.count)") }
            guard let time = Int(fields[timeCol]), time >= 0 else { throw ConfigurationError("\(where_): time '\(fields[timeCol])' is not a whole number of months ≥ 0") }
            guard let event = Int(fields[eventCol]), event == 0 || event == 1 else { throw ConfigurationError("\(where_): event '\(fields[eventCol])' is not 0 or 1") }
            var count = 1
            if let c = countCol {
                guard let n = Int(fields[c]), n >= 0 else { throw ConfigurationError("\(where_): count '\(fields[c])' is not a whole number ≥ 0") }
                count = n
            }
            all.add(time: time, code: event, count: count)
            if let g = groupCol { groups[fields[g], default: SurvivalData()].add(time: time, code: event, count: count) }
            maxTime = max(maxTime, time)
        }
    }

    /// The analysis `overgang lifetable` reports: all spells, then each group; log-rank across groups.
    public func analysis() -> SurvivalTables.Analysis {
        let names = groups.keys.sorted()
        return SurvivalTables.Analysis(event: "lifetable", periods: [("all", all)] + names.map { ($0, groups[$0]!) },
                                       testedPeriods: names)
    }
}
