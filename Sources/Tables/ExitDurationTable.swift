import Episodes
import Extracts
import Panel
import Catalogue

/// `exit_durations.csv` (definitions.md §7b): per exit month, exit status and — for measure
/// exits — the measure left (its `tiltak` in the exit month; empty for register exits), the
/// exits and the mean and median of their time before exit in months (`TimeBeforeExit`).
/// Complete months only; rows where there are exits. The median of an even number of exits
/// is the mean of the middle two.
public struct ExitDurationTable: Sendable {
    public let panel: Panel
    public let exits: ExitSet
    /// Exit statuses as configured (the order of the rows within a month).
    public let statuses: [Hovedstatus]
    public let exitRows: [ArenaRow]
    public let monthsBeforeExit: [Int]
    /// Measure exits name the measure left; register exits leave no measure.
    public let byMeasure: Bool

    public init(panel: Panel, exits: ExitSet, statuses: [Hovedstatus], exitRows: [ArenaRow], monthsBeforeExit: [Int], byMeasure: Bool) {
        self.panel = panel
        self.exits = exits
        self.statuses = statuses
        self.exitRows = exitRows
        self.monthsBeforeExit = monthsBeforeExit
        self.byMeasure = byMeasure
    }

    public func table() -> CSVTable {
        var t = CSVTable(.exitDurations)
        struct Key: Hashable { var month: Int; var status: UInt8; var tiltak: String }
        var months = [Key: [Int]]()
        for (i, (e, row)) in zip(exits.exits, exitRows).enumerated() where exits.completeMonths.contains(Int(e.month)) {
            let tiltak = byMeasure ? panel.measureName(row.tiltak) : ""
            months[Key(month: Int(e.month), status: e.statusCode, tiltak: tiltak), default: []].append(monthsBeforeExit[i])
        }
        let order = Dictionary(uniqueKeysWithValues: statuses.enumerated().map { ($1.rawValue, $0) })
        let keys = months.keys.filter { order[$0.status] != nil }.sorted { a, b in
            (a.month, order[a.status]!) != (b.month, order[b.status]!)
                ? (a.month, order[a.status]!) < (b.month, order[b.status]!)
                : a.tiltak.utf8.lexicographicallyPrecedes(b.tiltak.utf8)
        }
        for key in keys {
            let values = months[key]!.sorted()
            let mean = Double(values.reduce(0, +)) / Double(values.count)
            let middle = values.count / 2
            let median = values.count % 2 == 1 ? Double(values[middle]) : Double(values[middle - 1] + values[middle]) / 2
            t.append([.text(panel.month(key.month).description), .text(Hovedstatus(rawValue: key.status)!.name), .text(key.tiltak),
                      .count(values.count), .number(mean), .number(median)])
        }
        return t
    }
}
