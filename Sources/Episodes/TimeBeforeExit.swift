import Extracts
import Panel

/// The time before exit (definitions.md §7b): per exit, the months the person was in what
/// they left — registered, or for measure exits in a listed measure — consecutively up to and
/// including the exit month, no break allowed. Months before the first month of the panel are
/// not seen, so exits in its first months get lower bounds.
public enum TimeBeforeExit {
    /// The months of each exit of `exits`, in exit order.
    public static func months(of exits: ExitSet, in panel: Panel, rules: ExitRules) -> [Int] {
        let stay = StayRule(rules, panel: panel)
        let rowMonths = panel.rowMonths, rowCells = panel.rowCells
        return exits.exits.map { e in
            let rows = panel.rows(of: Int(e.person))
            guard var i = Panel.find(Int(e.month), in: rows, of: rowMonths) else { return 0 }
            var months = 1
            // Rows are in month order, one per month: a gap or another state ends the run.
            while i > rows.lowerBound, rowMonths[i - 1] + 1 == rowMonths[i], stay.continues(rowCells[i - 1], from: rowCells[i]) {
                months += 1
                i -= 1
            }
            return months
        }
    }
}

/// The classes of the breakdown `varighet`: 1-3, 4-6, 7-12, 13-24, 25+ months.
public enum DurationClass: Int, CaseIterable, Sendable {
    case upTo3, upTo6, upTo12, upTo24, over24

    public init(months: Int) {
        switch months {
        case ...3: self = .upTo3
        case 4...6: self = .upTo6
        case 7...12: self = .upTo12
        case 13...24: self = .upTo24
        default: self = .over24
        }
    }

    public var label: String { ["1-3", "4-6", "7-12", "13-24", "25+"][rawValue] }
}
