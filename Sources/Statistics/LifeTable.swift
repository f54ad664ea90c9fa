/// The actuarial life table on intervals [j, j+1) (SAS PROC LIFETEST METHOD=LT, SPSS Life
/// Tables, R KMsurv::lifetab; definitions.md §5). Spells with time j fall in interval j.
public struct LifeTable: Sendable {
    public struct Interval: Sendable, Equatable {
        public var start: Int
        public var entering: Int
        public var withdrawn: Int
        public var events: Int
        /// n − w/2.
        public var exposed: Double
        /// d / n'; nil when nobody enters.
        public var conditionalProbability: Double?
        public var survivalStart: Double
        public var survivalEnd: Double
        /// Greenwood: S_end·sqrt(Σ q/(n'p)); nil where S_end = 0.
        public var survivalEndSE: Double?
        /// d / (n' − d/2) per month; nil when nobody enters.
        public var hazard: Double?
        public var end: Int { start + 1 }
    }

    public let intervals: [Interval]

    /// Intervals 0...maxMonths; a time beyond maxMonths counts as censored at it.
    public init(_ data: SurvivalData, maxMonths: Int) {
        let (ends, atRisk) = data.tabulate(through: maxMonths, codes: 2)
        var rows = [Interval]()
        var survival = 1.0, greenwood = 0.0, seDefined = true
        for j in 0...maxMonths {
            let n = atRisk[j], w = ends[j][0], d = ends[j][1]
            let exposed = Double(n) - Double(w) / 2
            var row = Interval(start: j, entering: n, withdrawn: w, events: d, exposed: exposed, conditionalProbability: nil,
                               survivalStart: survival, survivalEnd: survival, survivalEndSE: nil, hazard: nil)
            if n > 0 {
                let q = Double(d) / exposed
                let p = 1 - q
                row.conditionalProbability = q
                row.hazard = Double(d) / (exposed - Double(d) / 2)
                survival *= p
                row.survivalEnd = survival
                if p > 0 { greenwood += q / (exposed * p) } else { seDefined = false }
            }
            row.survivalEndSE = seDefined && survival > 0 ? survival * greenwood.squareRoot() : nil
            rows.append(row)
        }
        intervals = rows
    }
}
