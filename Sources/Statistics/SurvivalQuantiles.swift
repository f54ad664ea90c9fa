/// Quantiles of duration read off a Kaplan-Meier curve, with the 95 % interval read off its
/// log-log bands, exactly as R's `quantile(survfit(..., conf.type = "log-log"))` gives them
/// (definitions.md §7a; survival's internal `findq`).
public struct SurvivalQuantile: Sendable, Equatable {
    /// The probability p: the quantile is where S first falls to 1 − p.
    public var probability: Double
    /// Nil where the curve (band) never reaches 1 − p.
    public var time: Double?
    public var lower: Double?
    public var upper: Double?
}

extension KaplanMeier {
    /// R's default tolerance for S equal to 1 − p (`sqrt(.Machine$double.eps)`).
    public static let quantileTolerance = Double.ulpOfOne.squareRoot()

    /// The p-quantiles for each p in `probabilities`. The lower limit comes from the lower
    /// band (it falls first), the upper one from the upper band.
    public func quantiles(_ probabilities: [Double] = [0.25, 0.5, 0.75],
                          tolerance: Double = KaplanMeier.quantileTolerance) -> [SurvivalQuantile] {
        // R's curve has a point at each time with a spell ending, after a start point at 0.
        let steps = points.filter { $0.events + $0.censored > 0 }
        let times = [0.0] + steps.map { Double($0.month) }
        // Where S = 1 R's bands are missing (ours are [1, 1]); where S = 0 both are missing.
        func failure(_ band: (Point) -> Double?) -> [Double?] {
            [0.0] + steps.map { $0.survival >= 1 ? nil : band($0).map { 1 - $0 } }
        }
        let curve = QuantileReader(times: times, failure: [0.0] + steps.map { 1 - $0.survival },
                                   probabilities: probabilities, tolerance: tolerance)
        let low = QuantileReader(times: times, failure: failure(\.lower), probabilities: probabilities, tolerance: tolerance)
        let high = QuantileReader(times: times, failure: failure(\.upper), probabilities: probabilities, tolerance: tolerance)
        return probabilities.indices.map { i in
            SurvivalQuantile(probability: probabilities[i], time: curve.values[i], lower: low.values[i], upper: high.values[i])
        }
    }
}

/// R's `findq`: the first time the failure curve F = 1 − S reaches p; where F equals p (within
/// the tolerance) over an interval, the interval's midpoint (to the last time when F stays p).
struct QuantileReader {
    var values: [Double?]

    init(times x: [Double], failure y: [Double?], probabilities: [Double], tolerance tol: Double) {
        let reached = y.compactMap { $0 }.max() ?? -.infinity
        guard let least = probabilities.min(), reached >= least else {
            values = probabilities.map { _ in nil }
            return
        }
        let lastTime = x.last!
        // The first point of each distinct level (a missing level counts as one level).
        var levels = [(time: Double, failure: Double?)]()
        for (t, f) in zip(x, y) where !levels.contains(where: { $0.failure == f }) { levels.append((t, f)) }
        // Constant interpolation onto indices (R's approx, f = 1), over the non-missing levels.
        let known = levels.indices.filter { levels[$0].failure != nil }.sorted { levels[$0].failure! < levels[$1].failure! }
        func firstIndex(reaching v: Double, shift: Double) -> Int? {
            guard let first = known.first, let last = known.last,
                  v >= levels[first].failure! + shift, v <= levels[last].failure! + shift else { return nil }
            return known.first { levels[$0].failure! + shift >= v }
        }
        let lastLevel = levels.last!.failure
        values = probabilities.map { p in
            let i1 = firstIndex(reaching: p, shift: tol), i2 = firstIndex(reaching: p, shift: -tol)
            if p == 0 { return levels[0].time }
            if let f = lastLevel, abs(p - f) < tol { return i1.map { (levels[$0].time + lastTime) / 2 } }
            guard let i1, let i2 else { return nil }
            return (levels[i1].time + levels[i2].time) / 2
        }
    }
}
