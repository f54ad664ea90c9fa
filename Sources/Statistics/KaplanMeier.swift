import Foundation

/// The Kaplan-Meier (product-limit) estimate read at each whole month, with the Greenwood
/// standard error of S and the log-log 95 % interval (definitions.md §5; R's
/// `survfit(conf.type = "log-log")`).
public struct KaplanMeier: Sendable {
    public struct Point: Sendable, Equatable {
        public var month: Int
        public var atRisk: Int
        public var events: Int
        public var censored: Int
        /// S(month), the events at `month` included.
        public var survival: Double
        /// S·sqrt(Σ d/(n(n−d))); nil where S = 0.
        public var standardError: Double?
        public var lower: Double?
        public var upper: Double?
    }

    public let points: [Point]

    public init(_ data: SurvivalData, maxMonths: Int, z: Double = Normal.z95) {
        let (ends, atRisk) = data.tabulate(through: maxMonths, codes: 2)
        var points = [Point]()
        var survival = 1.0, sigma2 = 0.0
        for t in 0...maxMonths {
            let n = atRisk[t], c = ends[t][0], d = ends[t][1]
            if d > 0 {
                survival *= 1 - Double(d) / Double(n)
                sigma2 += n > d ? Double(d) / (Double(n) * Double(n - d)) : .infinity
            }
            var p = Point(month: t, atRisk: n, events: d, censored: c, survival: survival)
            if survival >= 1 {
                (p.standardError, p.lower, p.upper) = (0, 1, 1)
            } else if survival > 0 {
                let sigma = sigma2.squareRoot()
                p.standardError = survival * sigma
                // S^exp(±zσ/log S): log S < 0, so the + sign gives the lower bound.
                let a = pow(survival, exp(z * sigma / log(survival)))
                let b = pow(survival, exp(-z * sigma / log(survival)))
                (p.lower, p.upper) = (min(a, b), max(a, b))
            }
            points.append(p)
        }
        self.points = points
    }
}
