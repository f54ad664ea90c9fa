/// A calendar month of the generator's range (the generator does not depend on `Extracts`,
/// so it has its own small month type).
public struct YearMonth: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var year: Int
    /// 1-12.
    public var month: Int

    public init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    /// Parses `YYYY-MM` or `YYYYMM`.
    public init?(_ text: String) {
        let digits = text.filter { $0 != "-" }
        guard digits.count == 6, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              text.count == 6 || (text.count == 7 && text.dropFirst(4).first == "-"),
              let y = Int(digits.prefix(4)), let m = Int(digits.suffix(2)), (1...12).contains(m)
        else { return nil }
        self.init(year: y, month: m)
    }

    /// Months since January of year 0.
    var index: Int { year * 12 + month - 1 }

    init(index: Int) {
        self.init(year: index / 12, month: index % 12 + 1)
    }

    /// `YYYY-MM`.
    public var description: String {
        "\(year)-" + (month < 10 ? "0\(month)" : "\(month)")
    }

    /// `YYYYMM`, as in file names.
    var compact: String { description.replacingOccurrences(of: "-", with: "") }

    public static func < (a: YearMonth, b: YearMonth) -> Bool { a.index < b.index }
}
