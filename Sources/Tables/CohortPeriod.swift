import Extracts
import Panel
import Catalogue

/// `cohorts.periods`: the time unit of the exit-cohort tables. Quarters and years are tabulated
/// only when complete: every one of their months is a complete month of the run (all its exits
/// decided and their status observed), so a period total never mixes in a month still growing.
public enum CohortPeriod: String, CaseIterable, Sendable {
    case month, quarter, year

    /// The exit cohort tables of this time unit (`exit_cohorts_quarterly_by_kjonn.csv`).
    public var tables: (national: TableSpec, detailed: TableSpec, by: TableSpec) {
        TableSpec.exitCohortTables[CohortPeriod.allCases.firstIndex(of: self)!]
    }

    /// The calendar unit of these periods (a complete one has `unit.months` months).
    var unit: CalendarPeriod.Unit {
        switch self {
        case .month: return .month
        case .quarter: return .quarter
        case .year: return .year
        }
    }

    /// The period of a month, as written: `2022-03`, `2022-Q1`, `2022`.
    public func label(of month: Month) -> String {
        CalendarPeriod.month(month.month, of: month.year).coarsened(to: unit).description
    }

    /// The complete periods among the panel's `complete` months, in time order: their labels,
    /// and for each panel month the index of its period (nil: not in a complete period).
    func periods(of complete: Range<Int>, in panel: Panel) -> (labels: [String], ofMonth: [Int?]) {
        var ofMonth = [Int?](repeating: nil, count: panel.monthCount)
        var labels = [String](), months = [String: [Int]]()
        for m in complete {
            let label = label(of: panel.month(m))
            if months[label] == nil { labels.append(label) }
            months[label, default: []].append(m)
        }
        labels = labels.filter { months[$0]!.count == unit.months }
        for (i, label) in labels.enumerated() { for m in months[label]! { ofMonth[m] = i } }
        return (labels, ofMonth)
    }
}

/// A crossed breakdown of `cohorts.breakdowns` (`"kjonn×aldersgruppe"`): one table with both
/// attributes as columns.
public struct CrossedBreakdown: Sendable, Equatable {
    public var first: Breakdown
    public var second: Breakdown

    public init(_ first: Breakdown, _ second: Breakdown) {
        self.first = first
        self.second = second
    }

    /// As written in `pipeline.json` and the manifest.
    public var name: String { "\(first.rawValue)×\(second.rawValue)" }
    /// In file names (`×` is not safe on every file system and in Excel): `kjonn_x_aldersgruppe`.
    public var fileName: String { first.rawValue + TableSpec.crossing + second.rawValue }
}
