import Statistics
import Catalogue

/// `lifetables.csv`, `kaplan_meier.csv`, `logrank.csv` and `cumulative_incidence.csv`
/// (interface.md) from plain survival data: one analysis per event, with its periods.
public struct SurvivalTables {
    /// One event's spells by period (e.g. `baseline`, `comparison`, or `all` and groups).
    public struct Analysis: Sendable {
        public var event: String
        public var periods: [(name: String, data: SurvivalData)]
        /// The periods the log-rank test compares (by name); fewer than two: empty figures.
        public var testedPeriods: [String]

        public init(event: String, periods: [(name: String, data: SurvivalData)], testedPeriods: [String]) {
            self.event = event
            self.periods = periods
            self.testedPeriods = testedPeriods
        }
    }

    public let analyses: [Analysis]
    public let maxMonths: Int

    public init(analyses: [Analysis], maxMonths: Int) {
        self.analyses = analyses
        self.maxMonths = maxMonths
    }

    public func lifeTables() -> CSVTable {
        var t = CSVTable(.lifeTables)
        for a in analyses {
            // A period without spells has no table (a column of zeros would read as data).
            for (period, data) in a.periods where !data.isEmpty {
                for i in LifeTable(data, maxMonths: maxMonths).intervals {
                    t.append([.text(a.event), .text(period), .count(i.start), .count(i.end), .count(i.entering),
                              .count(i.withdrawn), .number(i.exposed), .count(i.events), .number(i.conditionalProbability),
                              .number(i.survivalStart), .number(i.survivalEnd), .number(i.survivalEndSE), .number(i.hazard)])
                }
            }
        }
        return t
    }

    public func kaplanMeier() -> CSVTable {
        var t = CSVTable(.kaplanMeier)
        for a in analyses {
            for (period, data) in a.periods where !data.isEmpty {
                for p in KaplanMeier(data, maxMonths: maxMonths).points {
                    t.append([.text(a.event), .text(period), .count(p.month), .count(p.atRisk), .count(p.events),
                              .count(p.censored), .number(p.survival), .number(p.standardError), .number(p.lower), .number(p.upper)])
                }
            }
        }
        return t
    }

    /// `survival_quantiles.csv`: the 25th, 50th and 75th percentile of T per event and period
    /// from the Kaplan-Meier curve, with the 95 % interval from its log-log bands (R's
    /// `quantile(survfit(...))`); empty where the curve or band never falls that far.
    public func quantiles() -> CSVTable {
        var t = CSVTable(.survivalQuantiles)
        for a in analyses {
            for (period, data) in a.periods where !data.isEmpty {
                for q in KaplanMeier(data, maxMonths: maxMonths).quantiles() {
                    t.append([.text(a.event), .text(period), .text(String(Int(q.probability * 100))),
                              .number(q.time), .number(q.lower), .number(q.upper)])
                }
            }
        }
        return t
    }

    /// One row per analysis; empty figures when there is nothing to test.
    public func logRank() -> CSVTable {
        var t = CSVTable(.logRank)
        for a in analyses {
            let groups = a.testedPeriods.compactMap { name in a.periods.first { $0.name == name }?.data }
            if let test = LogRank(groups) {
                t.append([.text(a.event), .number(test.chiSquare), .count(test.degreesOfFreedom), .number(test.p)])
            } else {
                t.append([.text(a.event), .number(nil), .count(nil), .number(nil)])
            }
        }
        return t
    }

    /// Aalen-Johansen incidence of each named cause (codes 1, 2, … in order) by period and month.
    public static func cumulativeIncidence(periods: [(name: String, data: SurvivalData)], causes: [String],
                                           maxMonths: Int) -> CSVTable {
        var t = CSVTable(.cumulativeIncidence)
        for (period, data) in periods where !data.isEmpty {
            let ci = CumulativeIncidence(data, causes: causes.count, maxMonths: maxMonths)
            for month in 0...maxMonths {
                for (c, cause) in causes.enumerated() {
                    t.append([.text(period), .count(month), .text(cause), .number(ci.incidence[c][month])])
                }
            }
        }
        return t
    }
}
