import Extracts

/// Every person who appears in Arena, month by month: what the definitions read, compactly.
///
/// Persons are numbered 0..<personCount once, in order of first appearance; months are
/// numbered 0..<monthCount from `months.from`. The cell of person p in month m is
/// `p * monthCount + m`, so one person's months lie side by side for the exit scan.
/// A cell holds the Arena row (8 bytes, all zero when there is none), whether the person was
/// employed on the last day of the month, and the benefits received at month end.
public struct Panel: Sendable {
    public let months: MonthRange
    public let monthCount: Int
    public let personCount: Int
    /// Arena rows, person-major.
    public internal(set) var rows: [ArenaRow]
    /// 1 when employed at month end (§2), person-major.
    public internal(set) var employed: [UInt8]
    /// `Benefit` bit mask at month end, person-major.
    public internal(set) var benefits: [UInt8]
    /// Measure codes: `ArenaRow.tiltak` is an id here plus one.
    public let measures: KeyTable

    public init(months: MonthRange, personCount: Int, measures: KeyTable) {
        self.months = months
        monthCount = months.count
        self.personCount = personCount
        self.measures = measures
        let cells = personCount * months.count
        rows = Array(repeating: .none, count: cells)
        employed = Array(repeating: 0, count: cells)
        benefits = Array(repeating: 0, count: cells)
    }

    /// A panel from stored cells (the panel cache).
    public init(months: MonthRange, personCount: Int, measures: KeyTable, rows: [ArenaRow], employed: [UInt8], benefits: [UInt8]) {
        precondition(rows.count == personCount * months.count && employed.count == rows.count && benefits.count == rows.count)
        self.months = months
        monthCount = months.count
        self.personCount = personCount
        self.measures = measures
        self.rows = rows
        self.employed = employed
        self.benefits = benefits
    }

    // Inlinable: the tables and the survival stage call these once per person and month, and a
    // call across modules per cell was ~10 % of a rerun.
    @inlinable @inline(__always) public func row(_ person: Int, _ month: Int) -> ArenaRow { rows[person * monthCount + month] }
    @inlinable @inline(__always) public func isEmployed(_ person: Int, _ month: Int) -> Bool { employed[person * monthCount + month] != 0 }
    @inlinable @inline(__always) public func benefitMask(_ person: Int, _ month: Int) -> UInt8 { benefits[person * monthCount + month] }

    /// The calendar month of month number `m`.
    @inlinable public func month(_ m: Int) -> Month { months.from + m }

    /// Names published in place of codes that must not be (`RareMeasureCodes`), by id.
    public var measureAliases: [UInt16: String] = [:]

    /// The measure code of a row as tables write it, or "" when there is none.
    public func measureName(_ tiltak: UInt16) -> String {
        tiltak == 0 ? "" : measureAliases[tiltak] ?? measures.keyString(Int(tiltak) - 1)
    }

    /// The measure id (as stored in `ArenaRow.tiltak`) of a code, if any row has it.
    public func measureCode(_ name: String) -> UInt16? {
        measures.find(Array(name.utf8)).map { UInt16($0 + 1) }
    }
}
