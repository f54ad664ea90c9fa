import Foundation

/// How tied event times enter the partial likelihood.
public enum CoxTies: String, Sendable, CaseIterable {
    case efron, breslow
}

/// Spells for a Cox model: time, event, frequency count and covariate values.
/// A row with count c counts as c identical spells (tied events included, as in R with the
/// rows repeated), so aggregated data give the same fit as one row per spell.
public struct CoxData: Sendable {
    public var names: [String]
    public private(set) var times: [Double] = []
    public private(set) var events: [Bool] = []
    public private(set) var counts: [Double] = []
    /// Row-major covariate values: row i is `values[i * names.count ..< (i + 1) * names.count]`.
    public private(set) var values: [Double] = []

    public init(names: [String]) { self.names = names }

    public var count: Int { times.count }

    public mutating func add(time: Double, event: Bool, count: Int = 1, covariates: [Double]) {
        precondition(covariates.count == names.count, "one value per covariate")
        guard count > 0 else { return }
        times.append(time)
        events.append(event)
        counts.append(Double(count))
        values.append(contentsOf: covariates)
    }
}

/// A fitted Cox proportional-hazards model (definitions.md §5): Newton-Raphson on the
/// partial likelihood with Efron's or Breslow's handling of ties, as R's `coxph`.
public struct CoxModel: Sendable {
    public struct Term: Sendable, Equatable {
        public var name: String
        public var coefficient: Double
        public var standardError: Double
        public var z: Double { coefficient / standardError }
        /// Two-sided Wald p-value.
        public var p: Double { 2 * Normal.upperTail(abs(z)) }
        public var hazardRatio: Double { exp(coefficient) }
        public var hazardRatioLow: Double { exp(coefficient - Normal.z95 * standardError) }
        public var hazardRatioHigh: Double { exp(coefficient + Normal.z95 * standardError) }
        /// The estimate runs off to infinity (monotone likelihood): not a number to read.
        public var diverged: Bool
    }

    public var terms: [Term]
    /// The estimated covariance matrix of the terms' coefficients (the inverse information at
    /// the estimate, R's `vcov`), in the order of `terms`; nil when the information is singular.
    public var covariance: [[Double]]?
    /// Terms left out, with the reason (no variation, or collinear with the others).
    public var dropped: [(name: String, reason: String)]
    public var logLikelihoodNull: Double
    public var logLikelihood: Double
    public var iterations: Int
    public var converged: Bool
    /// Spells (sum of counts) and events.
    public var n: Double
    public var events: Double

    public var likelihoodRatio: Double { 2 * (logLikelihood - logLikelihoodNull) }
    public var likelihoodRatioDF: Int { terms.count }
    public var likelihoodRatioP: Double { ChiSquare.upperTail(likelihoodRatio, degreesOfFreedom: max(1, terms.count)) }

    /// Fits the model. Convergence: relative change of the log-likelihood below `tolerance`.
    public init(_ data: CoxData, ties: CoxTies = .efron, maxIterations: Int = 30, tolerance: Double = 1e-9) {
        n = data.counts.reduce(0, +)
        events = zip(data.events, data.counts).reduce(0) { $0 + ($1.0 ? $1.1 : 0) }
        let means = Self.means(data, n: n)
        let (keep, dropped) = Self.usableTerms(data, means: means, n: n)
        self.dropped = dropped
        let pass = Self.pass(data, keep: keep, means: means, ties: ties)
        let fit = Self.newtonRaphson(pass, maxIterations: maxIterations, tolerance: tolerance)
        logLikelihoodNull = fit.null
        logLikelihood = fit.at.logLik
        iterations = fit.iterations
        converged = fit.converged

        // Covariance from the inverse information at the estimate; a coefficient is infinite
        // when the Newton step it would still take is not small (R's coxph criterion).
        let variance = CoxModel.inverse(fit.at.information)
        terms = keep.enumerated().map { a, j in
            let se = variance.map { $0[a][a].squareRoot() } ?? .nan
            var remaining = 0.0
            if let v = variance { for b in 0..<keep.count { remaining += v[a][b] * fit.at.score[b] } }
            let diverged = variance == nil || !se.isFinite
                || (abs(remaining) > tolerance && abs(remaining) > tolerance.squareRoot() * abs(fit.beta[a]))
            return Term(name: data.names[j], coefficient: fit.beta[a], standardError: se, diverged: diverged)
        }
        covariance = variance
    }

    /// Each covariate's weighted mean: the fit centres them (coefficients are unchanged,
    /// exp() stays tame).
    private static func means(_ data: CoxData, n: Double) -> [Double] {
        let p0 = data.names.count
        var means = [Double](repeating: 0, count: p0)
        for i in 0..<data.count { for j in 0..<p0 { means[j] += data.counts[i] * data.values[i * p0 + j] } }
        return means.map { $0 / max(n, 1) }
    }

    /// The terms the fit can use (indexes into `data.names`), leaving out terms without
    /// variation, then terms collinear with earlier ones, and terms whose sums are not finite.
    private static func usableTerms(_ data: CoxData, means: [Double], n: Double) -> (keep: [Int], dropped: [(name: String, reason: String)]) {
        let p0 = data.names.count
        var dropped = [(name: String, reason: String)]()
        var keep = [Int]()
        var cross = [[Double]]()   // weighted cross-products of the kept, centred columns
        for j in 0..<p0 {
            var ss = 0.0
            for i in 0..<data.count { let x = data.values[i * p0 + j] - means[j]; ss += data.counts[i] * x * x }
            // Values so large that their squares overflow: no fit can use the term, and
            // calling it collinear would send the analyst looking for the wrong cause.
            guard ss.isFinite else {
                dropped.append((data.names[j], "the fit does not converge with it: its values are too large (sums not finite)"))
                continue
            }
            if ss <= 1e-12 * max(1, n) {
                dropped.append((data.names[j], "no variation"))
                continue
            }
            // Residual sum of squares of column j after regressing on the kept columns.
            let candidate = keep + [j]
            let m = crossProducts(data, candidate, means: means, known: cross)
            let pivot = CoxModel.lastPivot(m)
            if let r = pivot, !r.isFinite {
                dropped.append((data.names[j], "the fit does not converge with it: its sums with the other terms are not finite"))
            } else if let r = pivot, r > 1e-10 * ss {
                keep = candidate
                cross = m
            } else {
                dropped.append((data.names[j], "collinear with other terms"))
            }
        }
        return (keep, dropped)
    }

    /// The weighted cross-products of the centred `columns`; those of all but the last are `known`.
    private static func crossProducts(_ data: CoxData, _ columns: [Int], means: [Double], known: [[Double]]) -> [[Double]] {
        let p0 = data.names.count
        var m = [[Double]](repeating: [Double](repeating: 0, count: columns.count), count: columns.count)
        for (a, ja) in columns.enumerated() {
            for (b, jb) in columns.enumerated() where b >= a {
                if a < known.count && b < known.count { m[a][b] = known[a][b]; continue }
                var s = 0.0
                for i in 0..<data.count {
                    s += data.counts[i] * (data.values[i * p0 + ja] - means[ja]) * (data.values[i * p0 + jb] - means[jb])
                }
                m[a][b] = s
            }
            for b in 0..<a { m[a][b] = m[b][a] }
        }
        return m
    }

    /// The partial likelihood over the kept, centred terms, rows sorted by time, latest first
    /// (the risk set grows as the pass goes back in time). Rows alike in time, event and every
    /// kept term are one row with their counts added: a row of count c is c spells, so the
    /// likelihood is the same, and with categorical terms a few thousand rows stand for tens
    /// of thousands of spells (the fits were most of a rerun's survival stage).
    private static func pass(_ data: CoxData, keep: [Int], means: [Double], ties: CoxTies) -> PartialLikelihood {
        let p0 = data.names.count, p = keep.count
        // Bit patterns order the values totally (NaN included), which is all grouping needs.
        func bits(_ i: Int, _ j: Int) -> UInt64 { data.values[i * p0 + j].bitPattern }
        // Compared through buffers: the sort is most of this pass, and the arrays read through
        // `data` in the comparator were retained and bounds-checked per comparison.
        let order = data.times.withUnsafeBufferPointer { times in
            data.events.withUnsafeBufferPointer { events in
                data.values.withUnsafeBufferPointer { values in
                    keep.withUnsafeBufferPointer { keep in
                        (0..<data.count).sorted { a, b in
                            if times[a] != times[b] { return times[a] > times[b] }
                            if events[a] != events[b] { return events[a] }
                            for j in keep {
                                let x = values[a * p0 + j].bitPattern, y = values[b * p0 + j].bitPattern
                                if x != y { return x < y }
                            }
                            return a < b
                        }
                    }
                }
            }
        }
        var x = [Double](), time = [Double](), event = [Bool](), weight = [Double]()
        var last: Int?
        for i in order {
            if let l = last, data.times[l] == data.times[i], data.events[l] == data.events[i],
               keep.allSatisfy({ bits(l, $0) == bits(i, $0) }) {
                weight[weight.count - 1] += data.counts[i]
                continue
            }
            for j in keep { x.append(data.values[i * p0 + j] - means[j]) }
            time.append(data.times[i])
            event.append(data.events[i])
            weight.append(data.counts[i])
            last = i
        }
        return PartialLikelihood(x: x, time: time, event: event, weight: weight, p: p, ties: ties)
    }

    /// Newton-Raphson from 0, halving a step while the likelihood does not improve.
    private static func newtonRaphson(_ pass: PartialLikelihood, maxIterations: Int, tolerance: Double)
        -> (beta: [Double], at: PartialLikelihood.Value, null: Double, iterations: Int, converged: Bool) {
        var beta = [Double](repeating: 0, count: pass.p)
        var current = pass.evaluate(beta)
        let null = current.logLik
        var iterations = 0, converged = pass.p == 0
        while !converged && iterations < maxIterations {
            iterations += 1
            guard let step = CoxModel.solve(current.information, current.score) else { break }
            var next = zip(beta, step).map { $0 + $1 }
            var trial = pass.evaluate(next)
            var halvings = 0
            while !(trial.logLik >= current.logLik) && halvings < 30 {
                next = zip(beta, next).map { ($0 + $1) / 2 }
                trial = pass.evaluate(next)
                halvings += 1
            }
            let change = abs(trial.logLik - current.logLik) / max(abs(trial.logLik), 1e-300)
            beta = next
            current = trial
            if change < tolerance { converged = true }
        }
        return (beta, current, null, iterations, converged)
    }

    /// The last pivot of a Cholesky factorisation of a symmetric matrix; nil if not positive.
    static func lastPivot(_ m: [[Double]]) -> Double? {
        let k = m.count
        var l = m
        for c in 0..<k {
            var d = l[c][c]
            for t in 0..<c { d -= l[c][t] * l[c][t] }
            if d <= 0 { return nil }
            if c == k - 1 { return d }
            let root = d.squareRoot()
            l[c][c] = root
            for r in (c + 1)..<k {
                var s = l[r][c]
                for t in 0..<c { s -= l[r][t] * l[c][t] }
                l[r][c] = s / root
            }
        }
        return nil
    }

    /// Solves A x = b for symmetric positive-definite A (Cholesky); nil if A is not.
    static func solve(_ a: [[Double]], _ b: [Double]) -> [Double]? {
        let k = b.count
        if k == 0 { return [] }
        var l = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
        for c in 0..<k {
            var d = a[c][c]
            for t in 0..<c { d -= l[c][t] * l[c][t] }
            guard d > 0, d.isFinite else { return nil }
            l[c][c] = d.squareRoot()
            for r in (c + 1)..<k where c + 1 < k {
                var s = a[r][c]
                for t in 0..<c { s -= l[r][t] * l[c][t] }
                l[r][c] = s / l[c][c]
            }
        }
        var y = b
        for r in 0..<k {
            for t in 0..<r { y[r] -= l[r][t] * y[t] }
            y[r] /= l[r][r]
        }
        for r in stride(from: k - 1, through: 0, by: -1) {
            for t in (r + 1)..<k where r + 1 < k { y[r] -= l[t][r] * y[t] }
            y[r] /= l[r][r]
        }
        return y
    }

    static func inverse(_ a: [[Double]]) -> [[Double]]? {
        let k = a.count
        var columns = [[Double]]()
        for c in 0..<k {
            var e = [Double](repeating: 0, count: k)
            e[c] = 1
            guard let col = solve(a, e) else { return nil }
            columns.append(col)
        }
        return (0..<k).map { r in (0..<k).map { c in columns[c][r] } }
    }
}

/// The log partial likelihood with its score and information, in one backward pass over
/// spells sorted latest first (O(n·p²), no O(n²) step).
struct PartialLikelihood {
    let x: [Double]
    let time: [Double]
    let event: [Bool]
    let weight: [Double]
    let p: Int
    let ties: CoxTies

    struct Value {
        var logLik: Double
        var score: [Double]
        var information: [[Double]]
    }

    func evaluate(_ beta: [Double]) -> Value {
        // Through buffers: this runs a few times per fit over every row, and the arrays' bounds
        // and uniqueness checks in the inner loops cost as much as the arithmetic.
        x.withUnsafeBufferPointer { x in
            time.withUnsafeBufferPointer { time in
                event.withUnsafeBufferPointer { event in
                    weight.withUnsafeBufferPointer { weight in
                        beta.withUnsafeBufferPointer { beta in
                            evaluate(beta, x: x, time: time, event: event, weight: weight)
                        }
                    }
                }
            }
        }
    }

    private func evaluate(_ beta: UnsafeBufferPointer<Double>, x: UnsafeBufferPointer<Double>, time: UnsafeBufferPointer<Double>,
                          event: UnsafeBufferPointer<Bool>, weight: UnsafeBufferPointer<Double>) -> Value {
        let n = time.count, p = self.p
        let scratch = UnsafeMutableBufferPointer<Double>.allocate(capacity: n + 5 * p + 5 * p * p)
        scratch.initialize(repeating: 0)
        defer { scratch.deallocate() }
        func part(_ offset: Int, _ count: Int) -> UnsafeMutableBufferPointer<Double> {
            UnsafeMutableBufferPointer(rebasing: scratch[offset..<(offset + count)])
        }
        let eta = part(0, n)
        let (s1, d1, e1, mean, score) = (part(n, p), part(n + p, p), part(n + 2 * p, p), part(n + 3 * p, p), part(n + 4 * p, p))
        let q = n + 5 * p, pp = p * p
        let (s2, d2, e2, info) = (part(q, pp), part(q + pp, pp), part(q + 2 * pp, pp), part(q + 3 * pp, pp))
        var top = -Double.infinity
        for i in 0..<n {
            var s = 0.0
            for a in 0..<p { s += x[i * p + a] * beta[a] }
            eta[i] = s
            top = max(top, s)
        }
        // exp(η − top): the shift cancels in the partial likelihood and keeps exp() finite.
        if !top.isFinite { top = 0 }
        var logLik = 0.0
        var s0 = 0.0
        var i = 0
        while i < n {
            // All spells with this time join the risk set; those with events are the deaths.
            let t = time[i]
            var d0 = 0.0, deaths = 0.0
            for a in 0..<p { d1[a] = 0 }
            for a in 0..<(p * p) { d2[a] = 0 }
            var j = i
            while j < n && time[j] == t {
                let r = weight[j] * exp(eta[j] - top)
                s0 += r
                for a in 0..<p {
                    let xa = x[j * p + a]
                    s1[a] += r * xa
                    for b in 0...a { s2[a * p + b] += r * xa * x[j * p + b] }
                }
                if event[j] {
                    deaths += weight[j]
                    d0 += r
                    logLik += weight[j] * (eta[j] - top)
                    for a in 0..<p {
                        let xa = x[j * p + a]
                        score[a] += weight[j] * xa
                        d1[a] += r * xa
                        for b in 0...a { d2[a * p + b] += r * xa * x[j * p + b] }
                    }
                }
                j += 1
            }
            if deaths > 0 {
                if ties == .breslow || deaths == 1 {
                    accumulate(deaths, s0, s1, s2, &logLik, score, info, mean)
                } else {
                    // Efron: the k-th of d tied deaths sees the risk set less k/d of the deaths.
                    let d = Int(deaths.rounded())
                    for k in 0..<d {
                        let f = Double(k) / Double(d)
                        let e0 = s0 - f * d0
                        for a in 0..<p { e1[a] = s1[a] - f * d1[a] }
                        // The lower triangle only: the rest is never read (`accumulate`).
                        for a in 0..<p { for b in 0...a { e2[a * p + b] = s2[a * p + b] - f * d2[a * p + b] } }
                        accumulate(1, e0, e1, e2, &logLik, score, info, mean)
                    }
                }
            }
            i = j
        }
        var information = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
        for a in 0..<p { for b in 0...a { information[a][b] = info[a * p + b]; information[b][a] = info[a * p + b] } }
        return Value(logLik: logLik, score: Array(score), information: information)
    }

    /// Adds `deaths` events against risk-set sums (s0, s1, s2 lower triangle).
    @inline(__always)
    private func accumulate(_ deaths: Double, _ s0: Double, _ s1: UnsafeMutableBufferPointer<Double>, _ s2: UnsafeMutableBufferPointer<Double>,
                            _ logLik: inout Double, _ score: UnsafeMutableBufferPointer<Double>,
                            _ info: UnsafeMutableBufferPointer<Double>, _ mean: UnsafeMutableBufferPointer<Double>) {
        logLik -= deaths * log(s0)
        for a in 0..<p {
            mean[a] = s1[a] / s0
            score[a] -= deaths * mean[a]
        }
        for a in 0..<p { for b in 0...a { info[a * p + b] += deaths * (s2[a * p + b] / s0 - mean[a] * mean[b]) } }
    }
}
