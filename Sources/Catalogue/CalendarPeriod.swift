/// A calendar month, quarter or year as the published tables write it: `2022-03`, `2022-Q1`,
/// `2022`. The one home of that format: the exit-cohort tables write it, the relations between
/// them coarsen it (a month to its quarter or year), the disclosure audit reads which quarters
/// a row counts in.
public struct CalendarPeriod: Hashable, Sendable, CustomStringConvertible {
    /// How long a period is, from the finest.
    public enum Unit: Int, Sendable, Comparable {
        case month, quarter, year

        public static func < (a: Unit, b: Unit) -> Bool { a.rawValue < b.rawValue }

        /// The months in one period of this unit.
        public var months: Int { [1, 3, 12][rawValue] }
    }

    public let unit: Unit
    public let year: Int
    /// The month (1-12), the quarter (1-4), or 1 for a year.
    public let number: Int

    /// The month `month` (1-12) of `year`.
    public static func month(_ month: Int, of year: Int) -> CalendarPeriod {
        precondition((1...12).contains(month), "month \(month)")
        return CalendarPeriod(unit: .month, year: year, number: month)
    }

    private init(unit: Unit, year: Int, number: Int) {
        self.unit = unit
        self.year = year
        self.number = number
    }

    /// `2022-05`, `2022-Q2` or `2022` (a four-digit year, digits only); nil for any other text.
    public init?(_ label: String) {
        let parts = label.split(separator: "-", omittingEmptySubsequences: false)
        func number(_ digits: Substring, count: Int) -> Int? {
            digits.count == count && digits.allSatisfy({ ("0"..."9").contains($0) }) ? Int(digits) : nil
        }
        guard let year = number(parts[0], count: 4) else { return nil }
        switch parts.count {
        case 1:
            self.init(unit: .year, year: year, number: 1)
        case 2 where parts[1].hasPrefix("Q"):
            guard let q = number(parts[1].dropFirst(), count: 1), (1...4).contains(q) else { return nil }
            self.init(unit: .quarter, year: year, number: q)
        case 2:
            guard let m = number(parts[1], count: 2), (1...12).contains(m) else { return nil }
            self.init(unit: .month, year: year, number: m)
        default:
            return nil
        }
    }

    /// As written in the tables.
    public var description: String {
        switch unit {
        case .month: return "\(year)-\(number < 10 ? "0" : "")\(number)"
        case .quarter: return "\(year)-Q\(number)"
        case .year: return String(year)
        }
    }

    /// The period of `unit` that holds this one (itself if it is of that unit or longer).
    public func coarsened(to unit: Unit) -> CalendarPeriod {
        guard unit > self.unit else { return self }
        if unit == .year { return CalendarPeriod(unit: .year, year: year, number: 1) }
        return CalendarPeriod(unit: .quarter, year: year, number: (number - 1) / 3 + 1)
    }

    /// The quarters it spans, numbered year × 4 + quarter − 1.
    public var quarters: [Int] {
        switch unit {
        case .month: return [year * 4 + (number - 1) / 3]
        case .quarter: return [year * 4 + number - 1]
        case .year: return (0..<4).map { year * 4 + $0 }
        }
    }
}
