import Foundation

/// A calendar month, the unit of every extract and every statistic.
///
/// Stored as months since year 0 so that `m + k` and `m - k` are plain arithmetic.
public struct Month: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Months since January of year 0 (`year * 12 + month - 1`).
    public let index: Int

    public init(index: Int) { self.index = index }

    public init(year: Int, month: Int) {
        precondition((1...12).contains(month), "month out of range")
        index = year * 12 + month - 1
    }

    /// Floor division, so that a month before year 0 (a range's context reaching back) still
    /// has a month of 1-12.
    public var year: Int { index >= 0 ? index / 12 : (index - 11) / 12 }
    public var month: Int { index - year * 12 + 1 }

    /// The years a written month may name: a register extract from before 1900 or after 2999
    /// is a typing or naming mistake (`000001` once read as January of year 0).
    public static let years = 1900...2999

    /// Parses `YYYY-MM` (configuration, command line) or `YYYYMM` (file names), years in `years`.
    public init?(_ text: String) {
        let digits = text.filter { $0 != "-" }
        guard digits.count == 6, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              text.count == 6 || (text.count == 7 && text.dropFirst(4).first == "-"),
              let y = Int(digits.prefix(4)), let m = Int(digits.suffix(2)), (1...12).contains(m),
              Month.years.contains(y)
        else { return nil }
        self.init(year: y, month: m)
    }

    /// `YYYY-MM`, the form every output uses; the year always has four digits.
    public var description: String { "\(paddedYear)-\(month < 10 ? "0" : "")\(month)" }

    /// `YYYYMM`, the form of file names.
    public var compact: String { "\(paddedYear)\(month < 10 ? "0" : "")\(month)" }

    /// The year in at least four digits (`0000`, `-0001`), so no month prints as `0-02`.
    private var paddedYear: String {
        let digits = String(abs(year))
        return (year < 0 ? "-" : "") + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// Number of days in the month (Gregorian).
    public var dayCount: Int { Month.days(year: year, month: month) }

    /// The last day of the month as a `Day`.
    public var lastDay: Day { Day(year: year, month: month, day: dayCount) }
    /// The first day of the month as a `Day`.
    public var firstDay: Day { Day(year: year, month: month, day: 1) }

    public static func + (lhs: Month, rhs: Int) -> Month { Month(index: lhs.index + rhs) }
    public static func - (lhs: Month, rhs: Int) -> Month { Month(index: lhs.index - rhs) }
    public static func - (lhs: Month, rhs: Month) -> Int { lhs.index - rhs.index }
    public static func < (lhs: Month, rhs: Month) -> Bool { lhs.index < rhs.index }

    static func days(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// An inclusive range of months, as `from..to` on the command line and `{from, to}` in the configuration.
public struct MonthRange: Hashable, Sendable, CustomStringConvertible {
    public let from: Month
    public let to: Month

    public init(from: Month, to: Month) {
        self.from = from
        self.to = to
    }

    /// Parses `YYYY-MM..YYYY-MM`.
    public init?(_ text: String) {
        let parts = text.components(separatedBy: "..")
        guard parts.count == 2, let a = Month(parts[0]), let b = Month(parts[1]), a <= b else { return nil }
        self.init(from: a, to: b)
    }

    public func contains(_ month: Month) -> Bool { from <= month && month <= to }
    public func overlaps(_ other: MonthRange) -> Bool { from <= other.to && other.from <= to }
    public var count: Int { to - from + 1 }
    public var months: [Month] { (from.index...to.index).map(Month.init(index:)) }
    public var description: String { "\(from)..\(to)" }
}

/// A calendar day, packed as `year * 10000 + month * 100 + day` so that dates compare as integers.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let packed: Int32

    public init(year: Int, month: Int, day: Int) {
        packed = Int32(year * 10000 + month * 100 + day)
    }

    public init(packed: Int32) { self.packed = packed }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.packed < rhs.packed }

    public var description: String {
        let y = Int(packed) / 10000, m = Int(packed) / 100 % 100, d = Int(packed) % 100
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(y)-\(two(m))-\(two(d))"
    }
}
