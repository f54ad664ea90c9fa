import Catalogue

/// A comparison without groups or filters: each of its period cells in
/// `comparison_status.csv` is the sum of that status over the period's months (both exit
/// statuses) in `exit_cohorts_detailed.csv` (1596 − the other months would give a blanked
/// month back). The relations depend on the run's periods, so they come with the comparison.
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

        /// Its months, `YYYY-MM`.
        var months: Set<String> {
            func index(_ m: String) -> Int? { Int(m.prefix(4)).flatMap { y in Int(m.dropFirst(5)).map { y * 12 + $0 - 1 } } }
            guard let a = index(from), let b = index(to), a <= b else { return [] }
            return Set((a...b).map { String(format: "%04d-%02d", $0 / 12, $0 % 12 + 1) })
        }
    }

    public var name: String
    public var periods: [Period]

    public init(name: String, periods: [Period]) {
        self.name = name
        self.periods = periods
    }

    /// Per period: each status's count, and the exits, as the sums of the months'.
    public var relations: [Relation] {
        periods.flatMap { period -> [Relation] in
            let cell: [Column: Set<String>] = [.comparison: [name], .unit: ["all"], .group: ["all"], .period: [period.name]]
            let months: [Column: Set<String>] = [.exitMonth: period.months]
            return [
                Relation("a plain comparison's period is the sum of its months", total: .init(.comparisonStatus, .count, only: cell),
                         parts: [.init(.exitCohortsDetailed, .count, only: months)], matching: [.same(.outcomeDetail)]),
                Relation("a plain comparison's exits are the sum of its months'", total: .init(.comparisonStatus, .exits, only: cell, repeats: true),
                         parts: [.init(.exitCohortsDetailed, .exits, only: months)], matching: []),
            ]
        }
    }
}
