import Extracts

/// Every person who appears in Arena, month by month: what the definitions read, compactly.
///
/// Persons are numbered 0..<personCount once, in order of first appearance; months are
/// numbered 0..<monthCount from `months.from`. Stored sparsely, by person (compressed rows):
/// person p's Arena rows are entries `rowStart[p] ..< rowStart[p + 1]` of `rowMonths` and
/// `rowCells`, months ascending; the months in which p was employed at month end or received
/// a benefit, from p's first Arena month on (nothing earlier is read by the definitions), are
/// entries `factStart[p] ..< factStart[p + 1]` of `factMonths` and `facts`. Memory grows with
/// the rows, not with persons × months: most persons have a row in few of many months.
public struct Panel: Sendable, Equatable {
    public let months: MonthRange
    public let monthCount: Int
    public let personCount: Int
    /// Where each person's Arena rows start (`personCount + 1` entries).
    public internal(set) var rowStart: [UInt32]
    public internal(set) var rowMonths: [UInt16]
    public internal(set) var rowCells: [ArenaRow]
    /// Where each person's employment and benefit months start (`personCount + 1` entries).
    public internal(set) var factStart: [UInt32]
    public internal(set) var factMonths: [UInt16]
    /// `Benefit` mask at month end, and `Panel.employedBit` when employed on its last day.
    public internal(set) var facts: [UInt8]
    /// Measure codes: `ArenaRow.tiltak` is an id here plus one.
    public let measures: KeyTable
    /// Names published in place of codes that must not be (`RareMeasureCodes`), by id.
    public var measureAliases: [UInt16: String] = [:]

    /// The fact bit for "employed at month end" (the benefit bits are 0-6).
    public static let employedBit: UInt8 = 0x80

    /// A panel from its stored arrays (the builder, the panel cache); `isConsistent` tells
    /// whether arrays read back from disk may be used.
    public init(months: MonthRange, personCount: Int, measures: KeyTable,
                rowStart: [UInt32], rowMonths: [UInt16], rowCells: [ArenaRow],
                factStart: [UInt32], factMonths: [UInt16], facts: [UInt8]) {
        self.months = months
        monthCount = months.count
        self.personCount = personCount
        self.measures = measures
        self.rowStart = rowStart
        self.rowMonths = rowMonths
        self.rowCells = rowCells
        self.factStart = factStart
        self.factMonths = factMonths
        self.facts = facts
    }

    /// Whether stored arrays describe a panel: starts from 0, never decreasing, ending at the
    /// entry counts; months ascending within a person and inside the range. Checked on both
    /// cores, half of the persons each (a rerun reads the panel from the cache and waits for this).
    public var isConsistent: Bool {
        func valid(_ start: [UInt32], _ months: [UInt16], _ count: Int) -> Bool {
            start.count == personCount + 1 && start.first == 0 && Int(start.last!) == months.count && months.count == count
        }
        guard valid(rowStart, rowMonths, rowCells.count) && valid(factStart, factMonths, facts.count) else { return false }
        let halves = [0..<(personCount / 2), (personCount / 2)..<personCount]
        return (try? parallelMap(halves.count) { [self] in
            isConsistent(halves[$0], rowStart, rowMonths) && isConsistent(halves[$0], factStart, factMonths)
        })?.allSatisfy { $0 } ?? false
    }

    /// Whether `persons`' entries of `start` and `months` are in order and inside the range.
    private func isConsistent(_ persons: Range<Int>, _ start: [UInt32], _ months: [UInt16]) -> Bool {
        for p in persons {
            let lo = Int(start[p]), hi = Int(start[p + 1])
            guard lo <= hi, hi <= months.count else { return false }
            for i in lo..<hi where Int(months[i]) >= monthCount || (i > lo && months[i] <= months[i - 1]) { return false }
        }
        return true
    }

    /// The entries of person p's Arena rows.
    @inlinable @inline(__always) public func rows(of person: Int) -> Range<Int> {
        Int(rowStart[person])..<Int(rowStart[person + 1])
    }

    /// The entries of person p's employment and benefit months.
    @inlinable @inline(__always) public func facts(of person: Int) -> Range<Int> {
        Int(factStart[person])..<Int(factStart[person + 1])
    }

    /// The first of `entries` of `list` (months ascending) whose month is `month` or later.
    @inlinable @inline(__always)
    public static func firstAtOrAfter(_ month: Int, in entries: Range<Int>, of list: [UInt16]) -> Int {
        var lo = entries.lowerBound, hi = entries.upperBound
        while lo < hi {
            let mid = (lo + hi) >> 1
            if Int(list[mid]) < month { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The entry of `month` among `entries` of `list` (months ascending), if there is one.
    @inlinable @inline(__always)
    public static func find(_ month: Int, in entries: Range<Int>, of list: [UInt16]) -> Int? {
        let i = firstAtOrAfter(month, in: entries, of: list)
        return i < entries.upperBound && Int(list[i]) == month ? i : nil
    }

    /// The Arena row of person p in month m (`.none` when there is none).
    @inlinable public func row(_ person: Int, _ month: Int) -> ArenaRow {
        Self.find(month, in: rows(of: person), of: rowMonths).map { rowCells[$0] } ?? .none
    }

    /// Employment and benefit bits of person p at the end of month m (0 when none).
    @inlinable public func fact(_ person: Int, _ month: Int) -> UInt8 {
        Self.find(month, in: facts(of: person), of: factMonths).map { facts[$0] } ?? 0
    }


    /// The calendar month of month number `m`.
    @inlinable public func month(_ m: Int) -> Month { months.from + m }

    /// The measure code of a row as tables write it, or "" when there is none.
    public func measureName(_ tiltak: UInt16) -> String {
        tiltak == 0 ? "" : measureAliases[tiltak] ?? measures.keyString(Int(tiltak) - 1)
    }

    /// The measure id (as stored in `ArenaRow.tiltak`) of a code, if any row has it.
    public func measureCode(_ name: String) -> UInt16? {
        measures.find(Array(name.utf8)).map { UInt16($0 + 1) }
    }

    /// Which measure ids are among `codes` (index: `ArenaRow.tiltak`), for per-row tests.
    public func measureSet(_ codes: [String]) -> [Bool] {
        var set = [Bool](repeating: false, count: measures.count + 1)
        for code in codes { if let id = measureCode(code) { set[Int(id)] = true } }
        return set
    }
}
