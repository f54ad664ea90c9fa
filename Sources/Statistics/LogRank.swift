import Foundation

/// The log-rank test of equal survival across groups (R's `survdiff`, rho = 0), exact for
/// tied times through the hypergeometric variance.
public struct LogRank: Sendable, Equatable {
    public var chiSquare: Double
    public var degreesOfFreedom: Int
    public var p: Double

    /// Nil when fewer than two groups have spells or there are no events.
    public init?(_ groups: [SurvivalData]) {
        let groups = groups.filter { !$0.isEmpty }
        guard groups.count >= 2 else { return nil }
        let last = groups.map(\.maxTime).max()!
        let tables = groups.map { $0.tabulate(through: last, codes: 2) }
        let k = groups.count
        var observedMinusExpected = [Double](repeating: 0, count: k)
        var variance = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
        var anyEvent = false
        for t in 0...last {
            let n = tables.map { Double($0.atRisk[t]) }
            let d = tables.map { Double($0.ends[t][1]) }
            let nt = n.reduce(0, +), dt = d.reduce(0, +)
            guard dt > 0, nt > 0 else { continue }
            anyEvent = true
            for i in 0..<k { observedMinusExpected[i] += d[i] - dt * n[i] / nt }
            guard nt > 1 else { continue }
            let factor = dt * (nt - dt) / (nt - 1)
            for i in 0..<k {
                for j in 0..<k {
                    variance[i][j] += factor * (n[i] / nt) * ((i == j ? 1 : 0) - n[j] / nt)
                }
            }
        }
        guard anyEvent else { return nil }
        // The first k−1 groups carry all the information (the sums are zero across groups).
        guard let chi = LogRank.quadraticForm(Array(observedMinusExpected.prefix(k - 1)),
                                              Array(variance.prefix(k - 1).map { Array($0.prefix(k - 1)) })) else { return nil }
        chiSquare = chi
        degreesOfFreedom = k - 1
        p = ChiSquare.upperTail(chi, degreesOfFreedom: k - 1)
    }

    /// uᵀ V⁻¹ u by Gaussian elimination with partial pivoting; nil when V is singular.
    static func quadraticForm(_ u: [Double], _ v: [[Double]]) -> Double? {
        let m = u.count
        var a = v, b = u
        for col in 0..<m {
            guard let pivot = (col..<m).max(by: { abs(a[$0][col]) < abs(a[$1][col]) }), abs(a[pivot][col]) > 1e-300 else { return nil }
            a.swapAt(col, pivot)
            b.swapAt(col, pivot)
            for row in (col + 1)..<m where col + 1 < m {
                let f = a[row][col] / a[col][col]
                for c in col..<m { a[row][c] -= f * a[col][c] }
                b[row] -= f * b[col]
            }
        }
        var x = [Double](repeating: 0, count: m)
        for row in stride(from: m - 1, through: 0, by: -1) {
            var s = b[row]
            for c in (row + 1)..<m where row + 1 < m { s -= a[row][c] * x[c] }
            x[row] = s / a[row][row]
        }
        return zip(u, x).reduce(0) { $0 + $1.0 * $1.1 }
    }
}

/// The chi-square distribution's upper tail.
public enum ChiSquare {
    /// P(X > x) for X ~ χ²(df): closed forms for df = 1 and 2, else the regularised upper
    /// incomplete gamma function Q(df/2, x/2) by series or continued fraction.
    public static func upperTail(_ x: Double, degreesOfFreedom df: Int) -> Double {
        guard x > 0 else { return 1 }
        if df == 1 { return erfc((x / 2).squareRoot()) }
        if df == 2 { return exp(-x / 2) }
        return regularizedGammaQ(Double(df) / 2, x / 2)
    }

    static func regularizedGammaQ(_ a: Double, _ x: Double) -> Double {
        let lnPrefix = a * log(x) - x - lgamma(a)
        if x < a + 1 {
            // Series for P, then Q = 1 − P.
            var sum = 1 / a, term = 1 / a, ap = a
            for _ in 0..<10_000 {
                ap += 1
                term *= x / ap
                sum += term
                if abs(term) < abs(sum) * 1e-17 { break }
            }
            return 1 - sum * exp(lnPrefix)
        }
        // Lentz's continued fraction for Q.
        let tiny = 1e-300
        var b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d
        for i in 1...10_000 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-17 { break }
        }
        return exp(lnPrefix) * h
    }
}
