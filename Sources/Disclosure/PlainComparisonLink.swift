import Catalogue

/// A comparison without groups or filters: each of its period cells in
/// `comparison_status.csv` is the sum of that status over the period's months (both exit
/// statuses) in `exit_cohorts_detailed.csv`, so under a limit the two tables must be
/// suppressed as one: else the period total less the visible months gives a blanked month
/// back (1596 − the other months = 5).
public struct PlainComparison: Sendable, Equatable {
    /// A period (`baseline`, `comparison`) and its months, `YYYY-MM`, inclusive.
    public struct Period: Sendable, Equatable {
        public var name: String
        public var from: String
        public var to: String
        public init(_ name: String, from: String, to: String) {
            self.name = name
            self.from = from
            self.to = to
        }
    }

    public var name: String
    public var periods: [Period]

    public init(name: String, periods: [Period]) {
        self.name = name
        self.periods = periods
    }
}

/// The cross-table sums of plain comparisons, checked on suppressed tables: which further
/// cells to blank so that no period total gives a blanked month (or a small sum of blanked
/// months) away. `TableSuppression` blanks them in its input and suppresses again, until
/// nothing more is needed (blanks only grow, so this ends).
struct PlainComparisonLink {
    /// A cell of one of the input tables.
    struct Ref: Hashable {
        var table: String
        var row: Int
        var column: Int
    }

    let comparisons: [PlainComparison]
    let limit: Int

    /// Cells to blank in the input, given the original tables and the result of suppressing them.
    func further(original: [String: CSVTable], suppressed: [String: CSVTable]) -> [Ref] {
        let statusName = TableSpec.comparisonStatus.fileName, monthsName = TableSpec.exitCohortsDetailed.fileName
        guard let status = original[statusName], let months = original[monthsName],
              let statusOut = suppressed[statusName], let monthsOut = suppressed[monthsName],
              let sc = status.column(.comparison), let su = status.column(.unit), let sg = status.column(.group),
              let sp = status.column(.period), let sd = status.column(.outcomeDetail),
              let sCount = status.column(.count), let sExits = status.column(.exits),
              let mm = months.column(.exitMonth), let ms = months.column(.exitStatus), let md = months.column(.outcomeDetail),
              let mCount = months.column(.count), let mExits = months.column(.exits) else { return [] }
        var out = [Ref]()
        for c in comparisons {
            for period in c.periods {
                let statusRows = status.rows.indices.filter { r in
                    let row = status.rows[r]
                    return row[sc].textValue == c.name && row[su].textValue == "all" && row[sg].textValue == "all" && row[sp].textValue == period.name
                }
                let monthRows = months.rows.indices.filter { r in
                    let m = months.rows[r][mm].textValue
                    return m >= period.from && m <= period.to
                }
                guard !statusRows.isEmpty else { continue }
                // One sum per detailed status (count column), and one for the exits (the first
                // row of each month and status stands for its group).
                var sums = [(total: Ref, parts: [Ref])]()
                for r in statusRows {
                    let detail = status.rows[r][sd].textValue
                    sums.append((Ref(table: statusName, row: r, column: sCount),
                                 monthRows.filter { months.rows[$0][md].textValue == detail }.map { Ref(table: monthsName, row: $0, column: mCount) }))
                }
                var seen = Set<[String]>()
                let groupFirst = monthRows.filter { seen.insert([months.rows[$0][mm].textValue, months.rows[$0][ms].textValue]).inserted }
                sums.append((Ref(table: statusName, row: statusRows[0], column: sExits),
                             groupFirst.map { Ref(table: monthsName, row: $0, column: mExits) }))
                func value(_ ref: Ref, in tables: [String: CSVTable]) -> Int? { tables[ref.table]!.rows[ref.row][ref.column].intValue }
                // Only where the sums hold (the months all in the tables, the same exits counted).
                let hold = sums.allSatisfy { sum in
                    guard let t = value(sum.total, in: original) else { return true }
                    let parts = sum.parts.map { value($0, in: original) }
                    return parts.contains(nil) || t == parts.reduce(0) { $0 + $1! }
                }
                guard hold else { continue }
                for sum in sums {
                    if let next = CellSuppression.nextToBlank(total: sum.total, parts: sum.parts, limit: limit,
                                                              printed: { value($0, in: suppressed) }, order: { $0.row }) {
                        out.append(next)
                    }
                }
            }
        }
        return out
    }
}
